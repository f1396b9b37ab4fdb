"""Offers sent by companies in the back-office: listed "à confirmer", their page readable with no
CRE yet, confirmed or discarded by POST, never by GET, never from another structure."""

import html

import pytest
from django.urls import reverse

from accesdirect.companies.models import CompanyPerson
from accesdirect.offers.enums import OfferSource, OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(pau):
    """An offer sent by a company no CRE follows: in Pau's pool."""
    company = f.CompanyFactory(structure=pau, name="Brasserie du Palais")
    CompanyPerson.objects.create(structure=pau, company=company, name="Mme Lacoste", phone="+33612345678")
    return f.OfferFactory(
        structure=pau,
        company=company,
        captured_by=None,
        status=OfferStatus.TO_CONFIRM,
        source=OfferSource.COMPANY_FORM,
        title="Serveur du midi",
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_page_of_an_offer_of_the_pool_shows_who_to_call(
    camille_client, sent, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = camille_client.get(reverse("offers:detail", args=[sent.pk]))
    page = _text(response)
    assert response.status_code == 200
    assert "à confirmer" in page and "à répartir" in page and "None" not in page
    assert "Mme Lacoste" in page and 'href="tel:+33612345678"' in page
    assert "Confirmer l'offre" in page and "Écarter" in page
    assert "Positionner" not in page


def test_confirming_opens_the_offer_for_the_cre(camille_client, camille, sent, unscoped):
    response = camille_client.post(reverse("offers:confirm", args=[sent.pk]), follow=True)

    sent.refresh_from_db()
    assert (sent.status, sent.captured_by) == (OfferStatus.OPEN, camille)
    assert "L'offre est confirmée" in _text(response)


def test_confirming_twice_says_it_is_done(camille_client, sent, unscoped):
    camille_client.post(reverse("offers:confirm", args=[sent.pk]))
    response = camille_client.post(reverse("offers:confirm", args=[sent.pk]), follow=True)
    assert "n'est plus à confirmer" in _text(response)


def test_nothing_changes_on_get(camille_client, sent, unscoped):
    for name in ("offers:confirm", "offers:reject"):
        assert camille_client.get(reverse(name, args=[sent.pk])).status_code == 405
    sent.refresh_from_db()
    assert sent.status == OfferStatus.TO_CONFIRM


def test_discarding_needs_a_reason(camille_client, camille, sent, unscoped):
    url = reverse("offers:reject", args=[sent.pk])
    response = camille_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["reject_form"].errors
    sent.refresh_from_db()
    assert sent.status == OfferStatus.TO_CONFIRM

    camille_client.post(url, {"reason": "Doublon"})
    sent.refresh_from_db()
    assert (sent.status, sent.captured_by) == (OfferStatus.CANCELLED, camille)


def test_another_structure_cannot_confirm_nor_discard(client, bixente, sent, unscoped):
    client.force_login(bixente)
    assert client.post(reverse("offers:confirm", args=[sent.pk])).status_code == 404
    assert client.post(reverse("offers:reject", args=[sent.pk]), {"reason": "x"}).status_code == 404
    assert Offer.objects.get().status == OfferStatus.TO_CONFIRM


def test_the_list_filters_the_offers_to_confirm(
    camille_client, camille, pau, sent, django_assert_max_num_queries
):
    f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille, title="Offre ouverte")
    with django_assert_max_num_queries(15):
        response = camille_client.get(reverse("offers:list"), {"status": OfferStatus.TO_CONFIRM})
    page = _text(response)
    assert "Serveur du midi" in page and "à répartir" in page
    assert "Offre ouverte" not in page and "None" not in page


def test_the_company_page_and_the_monday_board_read_an_offer_without_cre(camille_client, sent):
    for url in (
        reverse("companies:detail", args=[sent.company_id]),
        "/reunion/sections/nouvelles-offres/",
    ):
        response = camille_client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "None" not in _text(response)


def test_an_offer_to_confirm_can_be_put_right_before_confirming(camille_client, sent, unscoped):
    response = camille_client.get(reverse("offers:edit", args=[sent.pk]))
    assert response.status_code == 200
