"""Ma journée lists the offers sent by companies that wait for the CRE's call: their own first,
then the structure's pool; never another CRE's nor another structure's."""

import datetime
import html

import pytest
from django.urls import reverse

from accesdirect.offers.enums import OfferSource, OfferStatus
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _sent(structure, captured_by, title, days_ago=0):
    offer = f.OfferFactory(
        structure=structure,
        company__structure=structure,
        captured_by=captured_by,
        status=OfferStatus.TO_CONFIRM,
        source=OfferSource.COMPANY_FORM,
        title=title,
    )
    offer.captured_on -= datetime.timedelta(days=days_ago)
    offer.save(update_fields=["captured_on"])
    return offer


def test_my_offers_to_confirm_then_the_pools(camille_client, pau, basque, camille):
    colleague = f.staff_user(pau, Role.CRE, first_name="Alex")
    _sent(pau, None, "Plongeur du pool", days_ago=3)
    _sent(pau, camille, "Serveur pour Camille")
    _sent(pau, colleague, "Offre d'Alex")
    _sent(basque, None, "Offre de Bayonne")

    page = html.unescape(camille_client.get(reverse("dashboard:home")).content.decode())

    assert "Offres à confirmer" in page
    assert page.index("Serveur pour Camille") < page.index("Plongeur du pool")
    assert "pour vous" in page and "à répartir" in page
    assert "Offre d'Alex" not in page and "Offre de Bayonne" not in page
    assert reverse("company_portal:poster") in page


def test_the_home_page_stays_within_the_budget_with_offers_to_confirm(
    camille_client, pau, camille, django_assert_max_num_queries
):
    for index in range(25):
        _sent(pau, camille if index % 2 else None, f"Offre {index}")
    with django_assert_max_num_queries(15):
        response = camille_client.get(reverse("dashboard:home"))
    assert "Voir les 25 offres à confirmer" in html.unescape(response.content.decode())
