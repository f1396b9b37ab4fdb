import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Vendeuse",
        "appellation": f.AppellationFactory().pk,
        "commune": "",
        "contract": "cdi",
        "duration_months": "",
        "hours_per_week": "28",
        "starts_on": "",
        "description": "Vente et mise en rayon",
        "conditions": "",
        "source": "prospection",
    }
    data.update(overrides)
    return data


def test_capturing_an_offer_from_a_company_page(camille_client, pau, camille):
    company = f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")
    url = reverse("offers:create") + f"?entreprise={company.pk}"
    page = camille_client.get(url).text
    assert "Boulangerie Lacoste" in page
    assert 'name="company"' not in page
    response = camille_client.post(url, form_data())
    with scopes_disabled():
        offer = Offer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("offers:detail", args=[offer.pk])
    assert offer.company == company
    assert offer.captured_by == camille
    assert offer.commune == company.commune


def test_capturing_an_offer_from_the_offers_list_asks_for_the_company(camille_client, pau):
    company = f.CompanyFactory(structure=pau)
    assert 'name="company"' in camille_client.get(reverse("offers:create")).text
    response = camille_client.post(reverse("offers:create"), form_data(company=company.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert Offer.objects.get().company == company


def test_a_company_of_another_structure_cannot_be_picked(camille_client, basque):
    outsider = f.CompanyFactory(structure=basque)
    response = camille_client.post(reverse("offers:create"), form_data(company=outsider.pk))
    assert response.status_code == 200
    with scopes_disabled():
        assert not Offer.objects.exists()
    assert camille_client.get(reverse("offers:create") + f"?entreprise={outsider.pk}").status_code == 404


def test_a_cdd_without_duration_is_refused_in_french_keeping_the_input(camille_client, pau):
    company = f.CompanyFactory(structure=pau)
    url = reverse("offers:create") + f"?entreprise={company.pk}"
    response = camille_client.post(url, form_data(contract="cdd"))
    assert response.status_code == 200
    assert "Un CDD a une durée : indiquez-la en mois." in response.text
    assert "Vente et mise en rayon" in response.text
    # On the field to fill in, and summarised at the top of the form with a link to it.
    assert response.context["form"].errors["duration_months"] == ["Un CDD a une durée : indiquez-la en mois."]
    assert 'class="error-summary"' in response.text
    assert 'href="#id_duration_months"' in response.text
    with scopes_disabled():
        assert not Offer.objects.exists()


def test_editing_an_offer(camille_client, pau, offer):
    url = reverse("offers:edit", args=[offer.pk])
    assert "Agent d&#x27;entretien" in camille_client.get(url).text
    data = form_data(
        title="Agent d'entretien (H/F)", appellation=offer.appellation_id, commune=offer.commune_id
    )
    response = camille_client.post(url, data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Agent d'entretien (H/F)"
    assert offer.hours_per_week == 28


def test_editing_an_offer_into_a_cdd_without_duration_is_refused(camille_client, offer):
    data = form_data(contract="cdd", appellation=offer.appellation_id)
    response = camille_client.post(reverse("offers:edit", args=[offer.pk]), data)
    assert "Un CDD a une durée" in response.text
    offer.refresh_from_db()
    assert offer.contract == "cdi"


def test_cancelling_an_open_offer(camille_client, offer):
    response = camille_client.post(reverse("offers:cancel", args=[offer.pk]), follow=True)
    assert "L&#x27;offre est annulée." in response.text
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CANCELLED


def test_cancelling_a_positioned_offer_is_refused_with_a_message(camille_client, offer, position):
    position(offer)
    response = camille_client.post(reverse("offers:cancel", args=[offer.pk]), follow=True)
    assert "clôturez d&#x27;abord son positionnement" in response.text
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED


def test_cancelling_needs_a_post(camille_client, offer):
    assert camille_client.get(reverse("offers:cancel", args=[offer.pk])).status_code == 405
