"""The working conditions an offer demands: asked when it is captured or edited, shown on its
page, read by matching (people who cannot meet one are left out)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.models import Offer
from accesdirect.offers.services import offer_create, offer_update
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Agent de quai",
        "appellation": f.AppellationFactory().pk,
        "commune": "",
        "contract": "cdi",
        "hours_per_week": "35",
        "source": "prospection",
    }
    data.update(overrides)
    return data


def test_capturing_an_offer_with_its_working_conditions(camille_client, pau):
    company = f.CompanyFactory(structure=pau)
    url = reverse("offers:create") + f"?entreprise={company.pk}"
    assert 'name="work_conditions" value="early_morning"' in camille_client.get(url).text
    response = camille_client.post(
        url, form_data(work_conditions=["early_morning", "heavy_loads"]), follow=True
    )
    with scopes_disabled():
        offer = Offer.objects.get()
    assert offer.work_conditions == ["early_morning", "heavy_loads"]
    assert "Horaires très matinaux, Port de charges lourdes" in response.text


def test_editing_the_working_conditions(camille_client, pau, camille):
    offer = f.OfferFactory(
        structure=pau, company__structure=pau, captured_by=camille, work_conditions=["cold"]
    )
    url = reverse("offers:edit", args=[offer.pk])
    assert 'value="cold" id="id_work_conditions_8" checked' in camille_client.get(url).text
    data = form_data(
        title=offer.title,
        appellation=offer.appellation_id,
        commune=offer.commune_id,
        work_conditions=["night"],
    )
    assert camille_client.post(url, data).status_code == 302
    with scopes_disabled():
        offer.refresh_from_db()
    assert offer.work_conditions == ["night"]


def test_an_unknown_condition_is_refused(camille_client, pau):
    company = f.CompanyFactory(structure=pau)
    url = reverse("offers:create") + f"?entreprise={company.pk}"
    response = camille_client.post(url, form_data(work_conditions=["underwater"]))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
    with scopes_disabled():
        assert not Offer.objects.exists()


def test_the_services_check_the_conditions(pau, camille):
    company = f.CompanyFactory(structure=pau)
    appellation = f.AppellationFactory()
    with structure_scope(pau):
        with pytest.raises(DomainError, match="Conditions de travail"):
            offer_create(
                company=company,
                by=camille,
                appellation=appellation,
                title="",
                contract="cdi",
                work_conditions=["x"],
            )
        offer = offer_create(
            company=company,
            by=camille,
            appellation=appellation,
            title="",
            contract="cdi",
            work_conditions=["night"],
        )
        assert offer.work_conditions == ["night"]
        with pytest.raises(DomainError, match="Conditions de travail"):
            offer_update(offer=offer, by=camille, work_conditions=["x"])
        offer_update(offer=offer, by=camille, work_conditions=["weekend", "weekend"])
        offer.refresh_from_db()
    assert offer.work_conditions == ["weekend"]
