"""Matching over JSON for the mobile pages: ranked lists with their explanation as data
(levels 0-3, words, reasons, the priority sentence), never a percentage; 404 across
structures."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.offers.enums import OfferStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleaner():
    return f.AppellationFactory(label="Agent / Agente de nettoyage de locaux")


def person(structure, appellation, *, has_experience=False, **fields):
    fields.setdefault("unemployed_since", timezone.localdate() - datetime.timedelta(days=38 * 31))
    seeker = f.JobSeekerFactory(structure=structure, **fields)
    f.TargetJobFactory(job_seeker=seeker, appellation=appellation, has_experience=has_experience)
    return seeker


def offer_of(structure, appellation, **fields):
    return f.OfferFactory(
        structure=structure, company__structure=structure, appellation=appellation, **fields
    )


def candidates_url(offer):
    return f"/api/v1/matching/offers/{offer.pk}/candidates"


def offers_url(seeker):
    return f"/api/v1/matching/job-seekers/{seeker.pk}/offers"


def test_the_candidates_of_an_offer_come_ranked_with_their_explanation(camille_client, pau, cleaner):
    done = person(pau, cleaner, has_experience=True, first_name="Léa")
    wished = person(pau, cleaner, first_name="Yanis")
    far = person(pau, cleaner, commune=f.CommuneFactory(bayonne=True))
    offer = offer_of(pau, cleaner)
    response = camille_client.get(candidates_url(offer), {"filtered_limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["offer_id"] == offer.pk
    assert (body["compatible_count"], body["filtered_count"]) == (2, 1)
    assert [item["job_seeker_id"] for item in body["items"]] == [done.pk, wished.pk]
    first = body["items"][0]
    assert (first["rank"], first["first_name"], first["commune_name"]) == (1, "Léa", "Pau")
    explanation = first["explanation"]
    assert [part["key"] for part in explanation["parts"]] == ["job", "commute", "conditions"]
    job = explanation["parts"][0]
    assert (job["label"], job["level"], job["scale"], job["word"], job["reason"]) == (
        "Métier",
        3,
        "●●●",
        "Très bon",
        "A déjà exercé ce métier",
    )
    assert explanation["priority"].startswith("sans emploi depuis 38 mois")
    assert explanation["compatible"] is True and explanation["filtered"] == []
    [excluded] = body["filtered"]
    assert excluded["job_seeker_id"] == far.pk
    assert excluded["explanation"]["compatible"] is False
    assert excluded["explanation"]["filtered"][0].startswith("Trop loin")
    assert "%" not in response.content.decode()
    assert "fit" not in first  # the order is the ranking: no number to show


def test_the_offers_of_a_person_come_ranked_with_close_jobs(camille_client, pau, cleaner):
    seeker = person(pau, cleaner)
    near = offer_of(pau, cleaner, title="Près")
    offer_of(pau, cleaner, title="Loin", commune=f.CommuneFactory(bayonne=True))
    kitchen = f.DomaineFactory(code="G16", label="Production culinaire")
    offer_of(
        pau, f.AppellationFactory(fiche=f.FicheFactory(code="G1602", domaine=kitchen)), title="Sans lien"
    )
    body = camille_client.get(offers_url(seeker), {"filtered_limit": 5}).json()
    assert body["job_seeker_id"] == seeker.pk
    assert [(item["offer_id"], item["title"]) for item in body["items"]] == [(near.pk, "Près")]
    assert body["items"][0]["contract"] == "cdi"
    assert body["items"][0]["explanation"]["parts"][1]["word"] in {"Très bon", "Bon", "Possible"}
    assert [item["title"] for item in body["filtered"]] == ["Loin"]
    assert body["close_jobs"] == []


def test_a_closed_offer_has_no_candidates(camille_client, pau, cleaner):
    offer = offer_of(pau, cleaner, status=OfferStatus.CANCELLED)
    response = camille_client.get(candidates_url(offer))
    assert response.status_code == 409
    assert "plus ouverte" in response.json()["detail"]


def test_another_structures_offer_or_person_is_not_found(camille_client, basque, cleaner):
    assert camille_client.get(candidates_url(offer_of(basque, cleaner))).status_code == 404
    assert camille_client.get(offers_url(person(basque, cleaner))).status_code == 404


def test_anonymous_callers_get_a_401(client, pau, cleaner):
    assert client.get(candidates_url(offer_of(pau, cleaner))).status_code == 401
    assert client.get(offers_url(person(pau, cleaner))).status_code == 401


def test_a_signed_in_user_without_membership_is_forbidden(client, pau, cleaner):
    client.force_login(f.UserFactory())
    assert client.get(candidates_url(offer_of(pau, cleaner))).status_code == 403


def test_the_rankings_need_a_bounded_number_of_queries(
    camille_client, pau, cleaner, django_assert_max_num_queries
):
    offer = offer_of(pau, cleaner)
    seeker = person(pau, cleaner)
    with django_assert_max_num_queries(20) as few_candidates:
        camille_client.get(candidates_url(offer))
    with django_assert_max_num_queries(20) as few_offers:
        camille_client.get(offers_url(seeker))
    for _ in range(15):
        person(pau, cleaner)
        offer_of(pau, cleaner)
    with django_assert_max_num_queries(len(few_candidates.captured_queries)):
        assert len(camille_client.get(candidates_url(offer)).json()["items"]) == 16
    with django_assert_max_num_queries(len(few_offers.captured_queries)):
        assert len(camille_client.get(offers_url(seeker)).json()["items"]) == 16


def test_the_openapi_schema_lists_the_matching_routes(camille_client):
    paths = camille_client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/matching/offers/{offer_id}/candidates" in paths
    assert "/api/v1/matching/job-seekers/{job_seeker_id}/offers" in paths
