import pytest
from django.urls import reverse

from accesdirect.offers.enums import Contract, OfferStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("offers:list")


def test_the_list_shows_the_offers_of_the_structure_only(camille_client, pau, basque):
    f.OfferFactory(structure=pau, company__structure=pau, title="Vendeuse en boulangerie")
    f.OfferFactory(structure=basque, company__structure=basque, title="Conserveur")
    text = camille_client.get(URL).text
    assert "Vendeuse en boulangerie" in text
    assert "Conserveur" not in text


def test_search_by_title_or_company(camille_client, pau):
    f.OfferFactory(
        structure=pau, company__structure=pau, company__name="Boulangerie Lacoste", title="Vendeuse"
    )
    f.OfferFactory(structure=pau, company__structure=pau, company__name="Garage Moderne", title="Mécanicien")
    assert "Mécanicien" not in camille_client.get(URL, {"q": "lacoste"}).text
    text = camille_client.get(URL, {"q": "mécanicien"}).text
    assert "Mécanicien" in text
    assert "Vendeuse" not in text


def test_filter_by_status_and_contract(camille_client, pau):
    f.OfferFactory(structure=pau, company__structure=pau, title="Ouverte en CDD", cdd=True)
    f.OfferFactory(structure=pau, company__structure=pau, title="Ouverte en CDI")
    f.OfferFactory(structure=pau, company__structure=pau, title="Déjà pourvue", status=OfferStatus.FILLED)
    text = camille_client.get(URL, {"status": OfferStatus.OPEN, "contract": Contract.CDD}).text
    assert "Ouverte en CDD" in text
    assert "Ouverte en CDI" not in text
    assert "Déjà pourvue" not in text


def test_filter_offers_i_captured(camille_client, pau, camille, dominique):
    f.OfferFactory(structure=pau, company__structure=pau, title="La mienne", captured_by=camille)
    f.OfferFactory(structure=pau, company__structure=pau, title="Celle de Dominique", captured_by=dominique)
    text = camille_client.get(URL, {"mine": "on"}).text
    assert "La mienne" in text
    assert "Celle de Dominique" not in text


def test_an_unknown_filter_value_shows_every_offer(camille_client, pau):
    f.OfferFactory(structure=pau, company__structure=pau, title="Vendeuse")
    assert "Vendeuse" in camille_client.get(URL, {"status": "nimporte"}).text


def test_htmx_gets_only_the_results(camille_client, pau):
    f.OfferFactory(structure=pau, company__structure=pau, title="Vendeuse")
    response = camille_client.get(URL, headers={"HX-Request": "true"})
    assert "Vendeuse" in response.text
    assert "<html" not in response.text


def test_the_list_is_paginated(camille_client, pau, settings):
    settings.PAGE_SIZE = 4
    for _ in range(6):
        f.OfferFactory(structure=pau, company__structure=pau)
    assert "Page 2 sur 2" in camille_client.get(URL, {"page": 2}).text


def test_the_list_needs_a_constant_number_of_queries(camille_client, pau, django_assert_max_num_queries):
    for _ in range(30):
        f.OfferFactory(structure=pau, company__structure=pau, captured_by=f.UserFactory())
    # session, user, membership, count, one page of offers with company, commune and CRE
    with django_assert_max_num_queries(5):
        response = camille_client.get(URL)
    assert response.status_code == 200
