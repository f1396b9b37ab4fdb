"""The app's operations over JSON, signed in as a person with the app's session."""

import pytest
from django.urls import reverse

from accesdirect.offers.enums import OfferStatus
from accesdirect.offers.models import Positioning
from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]
API = "/api/v1/app"


def _signed_in(client, job_seeker):
    session = client.session
    session[SESSION_KEY] = job_seeker.pk
    session[SESSION_PHONE_KEY] = job_seeker.phone
    session.save()
    return client


@pytest.fixture
def setting(pau, camille):
    appellation = f.AppellationFactory()
    offer = f.OfferFactory(
        structure=pau,
        company__structure=pau,
        captured_by=camille,
        appellation=appellation,
        commune=pau.commune,
    )
    people = []
    for index, phone in enumerate(("+33611111111", "+33622222222")):
        person = f.JobSeekerFactory(structure=pau, first_name=f"P{index}", phone=phone, commune=pau.commune)
        f.TargetJobFactory(job_seeker=person, appellation=appellation, commune=pau.commune)
        people.append(person)
    return offer, people


def test_my_offers_then_reserve_then_cancel(client, setting):
    offer, (lea, _sami) = setting
    client = _signed_in(client, lea)
    offers = client.get(f"{API}/offers").json()
    assert [item["id"] for item in offers] == [offer.pk]
    assert "company" not in offers[0] and offer.company.name not in str(offers[0])
    created = client.post(f"{API}/offers/{offer.pk}/reservation")
    assert created.status_code == 201
    reservation = created.json()
    assert (reservation["offer_id"], reservation["status"]) == (offer.pk, "reserved")
    assert client.get(f"{API}/reservations").json()[0]["id"] == reservation["id"]
    assert client.delete(f"{API}/reservations/{reservation['id']}").status_code == 204
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_a_reservation_that_loses_answers_409_with_its_code_in_french(client, setting):
    offer, (lea, sami) = setting
    assert _signed_in(client, lea).post(f"{API}/offers/{offer.pk}/reservation").status_code == 201
    client.cookies.clear()
    lost = _signed_in(client, sami).post(f"{API}/offers/{offer.pk}/reservation")
    assert lost.status_code == 409
    assert lost.json()["code"] == "offer_already_reserved"
    assert "réservée" in lost.json()["detail"]
    assert Positioning.objects.filter(offer=offer).count() == 1


def test_the_app_api_needs_a_signed_in_person_not_a_staff_account(client, camille_client, setting):
    offer, _people = setting
    assert client.get(f"{API}/offers").status_code == 401
    assert camille_client.post(f"{API}/offers/{offer.pk}/reservation").status_code == 401


def test_a_person_cannot_cancel_someone_elses_reservation_nor_reach_absurd_ids(client, setting):
    offer, (lea, sami) = setting
    reservation = _signed_in(client, lea).post(f"{API}/offers/{offer.pk}/reservation").json()
    client.cookies.clear()
    other = _signed_in(client, sami)
    assert other.delete(f"{API}/reservations/{reservation['id']}").status_code == 404
    assert other.post(f"{API}/offers/99999999999999999999/reservation").status_code == 422


def test_the_schema_documents_the_app_operations(client):
    schema = client.get(reverse("api:openapi-json")).json()
    assert "/api/v1/app/offers/{offer_id}/reservation" in schema["paths"]
    answers = schema["paths"]["/api/v1/app/offers/{offer_id}/reservation"]["post"]["responses"]
    assert {"201", "409"} <= set(answers)


def test_a_person_of_another_structure_gets_404(client, setting, basque):
    offer, _people = setting
    elsewhere = f.JobSeekerFactory(structure=basque, phone="+33633333333")
    answer = _signed_in(client, elsewhere).post(f"{API}/offers/{offer.pk}/reservation")
    assert answer.status_code == 404
    assert not Positioning.objects.exists()
