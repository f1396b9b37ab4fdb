import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Positioning
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
LIST = "/api/v1/offers/"


@pytest.fixture
def offer(pau, camille):
    return f.OfferFactory(
        structure=pau, company__structure=pau, company__name="Propreté Paloise", captured_by=camille
    )


def positionings_url(offer):
    return f"/api/v1/offers/{offer.pk}/positionings"


def test_the_list_gives_the_offers_of_the_structure_paginated(camille_client, pau, basque, offer):
    f.OfferFactory(structure=basque, company__structure=basque)
    response = camille_client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == offer.pk
    assert item["company_name"] == "Propreté Paloise"
    assert item["status"] == "open"
    assert item["commune_insee_code"] == "64445"


def test_the_list_filters_by_status(camille_client, pau, offer):
    f.OfferFactory(structure=pau, company__structure=pau, status=OfferStatus.FILLED)
    body = camille_client.get(LIST, {"status": "filled"}).json()
    assert body["count"] == 1
    assert body["items"][0]["status"] == "filled"
    assert camille_client.get(LIST, {"status": "whatever"}).status_code == 422


def test_the_list_needs_a_constant_number_of_queries(camille_client, pau, django_assert_max_num_queries):
    for _ in range(30):
        f.OfferFactory(structure=pau, company__structure=pau)
    # session, user, membership, page of offers, count
    with django_assert_max_num_queries(5):
        assert camille_client.get(LIST).status_code == 200


def test_one_offer(camille_client, offer):
    response = camille_client.get(f"/api/v1/offers/{offer.pk}")
    assert response.status_code == 200
    assert response.json()["title"] == offer.title


def test_an_offer_of_another_structure_is_not_found(camille_client, basque):
    outsider = f.OfferFactory(structure=basque, company__structure=basque)
    assert camille_client.get(f"/api/v1/offers/{outsider.pk}").status_code == 404
    seeker = f.JobSeekerFactory(structure=basque)
    response = camille_client.post(
        positionings_url(outsider), {"job_seeker_id": seeker.pk}, content_type="application/json"
    )
    assert response.status_code == 404


def test_positioning_a_person_answers_201_with_the_positioning(camille_client, pau, camille, offer):
    seeker = f.JobSeekerFactory(structure=pau)
    response = camille_client.post(
        positionings_url(offer), {"job_seeker_id": seeker.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["offer_id"] == offer.pk
    assert body["job_seeker_id"] == seeker.pk
    assert body["presented_by_id"] == camille.pk
    assert body["status"] == "proposed"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED


def test_the_second_person_gets_a_409_in_french(camille_client, pau, offer):
    first, second = f.JobSeekerFactory(structure=pau), f.JobSeekerFactory(structure=pau)
    camille_client.post(positionings_url(offer), {"job_seeker_id": first.pk}, content_type="application/json")
    response = camille_client.post(
        positionings_url(offer), {"job_seeker_id": second.pk}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Cette offre est déjà positionnée")
    with scopes_disabled():
        assert Positioning.objects.count() == 1


def test_a_person_of_another_structure_is_not_found(camille_client, basque, offer):
    outsider = f.JobSeekerFactory(structure=basque)
    response = camille_client.post(
        positionings_url(offer), {"job_seeker_id": outsider.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert not Positioning.objects.exists()


def test_a_person_not_yet_received_is_refused_with_a_400(camille_client, pau, offer):
    referred = f.JobSeekerFactory(structure=pau, referred=True)
    response = camille_client.post(
        positionings_url(offer), {"job_seeker_id": referred.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "accompagnée" in response.json()["detail"]


def test_anonymous_callers_get_a_401(client, offer):
    assert client.get(LIST).status_code == 401
    assert client.get(f"/api/v1/offers/{offer.pk}").status_code == 401
    response = client.post(positionings_url(offer), {"job_seeker_id": 1}, content_type="application/json")
    assert response.status_code == 401


def test_a_signed_in_user_without_membership_is_forbidden(client, offer):
    client.force_login(f.UserFactory())
    assert client.get(LIST).status_code == 403


def test_the_browser_flow_posts_with_the_csrf_header_of_the_page(pau, camille, offer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(camille)
    page = browser.get(reverse("offers:detail", args=[offer.pk]))
    token = page.context["csrf_token"]
    seeker = f.JobSeekerFactory(structure=pau)
    refused = browser.post(
        positionings_url(offer), {"job_seeker_id": seeker.pk}, content_type="application/json"
    )
    assert refused.status_code == 403
    accepted = browser.post(
        positionings_url(offer),
        {"job_seeker_id": seeker.pk},
        content_type="application/json",
        headers={"X-CSRFToken": str(token)},
    )
    assert accepted.status_code == 201


def test_the_openapi_schema_builds(camille_client):
    response = camille_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/offers/" in paths
    assert "/api/v1/offers/{offer_id}/positionings" in paths
