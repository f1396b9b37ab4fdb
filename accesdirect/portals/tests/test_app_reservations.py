"""The job seekers' app: my offers (fitting, without the company's name), one-click reservation,
the meeting slot, cancelling; a second person is refused with 409; GET never changes a thing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import OfferStatus, PositioningStatus
from accesdirect.offers.models import MeetingSlot, Positioning
from accesdirect.offers.services import slot_publish
from accesdirect.portals.app_session import SESSION_KEY, SESSION_PHONE_KEY
from accesdirect.referentials.models import NafCode
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


def _signed_in(client, job_seeker):
    session = client.session
    session[SESSION_KEY] = job_seeker.pk
    session[SESSION_PHONE_KEY] = job_seeker.phone
    session.save()
    return client


@pytest.fixture
def appellation():
    return f.AppellationFactory(label="Agent / Agente de propreté")


@pytest.fixture
def lea(pau, appellation):
    person = f.JobSeekerFactory(structure=pau, first_name="Léa", phone="+33611111111", commune=pau.commune)
    f.TargetJobFactory(job_seeker=person, appellation=appellation, commune=pau.commune)
    return person


@pytest.fixture
def sami(pau, appellation):
    person = f.JobSeekerFactory(structure=pau, first_name="Sami", phone="+33622222222", commune=pau.commune)
    f.TargetJobFactory(job_seeker=person, appellation=appellation, commune=pau.commune)
    return person


@pytest.fixture
def offer(pau, camille, appellation):
    naf = NafCode.objects.create(code="81.21Z", label="Nettoyage courant des bâtiments", section="N")
    return f.OfferFactory(
        structure=pau,
        company__structure=pau,
        company__name="Propreté Paloise",
        company__naf=naf,
        captured_by=camille,
        appellation=appellation,
        commune=pau.commune,
        title="Agent d'entretien",
    )


@pytest.fixture
def slot(pau, camille):
    day = timezone.localdate() + datetime.timedelta(days=3)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    with structure_scope(pau):
        return slot_publish(structure=pau, staff=camille, starts_at=starts_at, by=camille)


def test_my_offers_show_the_fitting_offer_by_sector_and_commune_never_the_company_name(client, lea, offer):
    page = _signed_in(client, lea).get(reverse("seeker_app:offers"))
    assert page.status_code == 200
    text = page.text
    assert "Agent d&#x27;entretien" in text or "Agent d'entretien" in text
    assert "nettoyage courant des bâtiments" in text
    assert "Propreté Paloise" not in text
    assert f'action="{reverse("seeker_app:reserve", args=[offer.pk])}"' in text


def test_the_app_needs_a_signed_in_person(client):
    page = client.get(reverse("seeker_app:offers"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("seeker_app:sign_in"))


def test_reserving_in_one_click_then_booking_a_slot(client, lea, offer, slot):
    client = _signed_in(client, lea)
    reserved = client.post(reverse("seeker_app:reserve", args=[offer.pk]))
    positioning = Positioning.objects.get(offer=offer)
    assert reserved.status_code == 302
    assert reserved["Location"] == reverse("seeker_app:reservation", args=[positioning.pk])
    assert positioning.status == PositioningStatus.RESERVED
    page = client.get(reserved["Location"]).text
    assert "Choisir mon rendez-vous" in page and f'value="{slot.pk}"' in page
    client.post(reverse("seeker_app:book_slot", args=[positioning.pk]), {"slot": slot.pk})
    slot.refresh_from_db()
    assert slot.positioning_id == positioning.pk
    assert "Mon rendez-vous" in client.get(reserved["Location"]).text


def test_a_second_person_is_told_the_offer_is_taken_with_409(client, lea, sami, offer):
    _signed_in(client, lea).post(reverse("seeker_app:reserve", args=[offer.pk]))
    client.cookies.clear()
    refused = _signed_in(client, sami).post(reverse("seeker_app:reserve", args=[offer.pk]))
    assert refused.status_code == 409
    assert "vient d&#x27;être réservée" in refused.text or "vient d'être réservée" in refused.text
    assert Positioning.objects.filter(offer=offer).count() == 1


def test_a_person_sees_and_cancels_only_their_own_reservation(client, lea, sami, offer):
    _signed_in(client, lea).post(reverse("seeker_app:reserve", args=[offer.pk]))
    positioning = Positioning.objects.get(offer=offer)
    client.cookies.clear()
    other = _signed_in(client, sami)
    assert other.get(reverse("seeker_app:reservation", args=[positioning.pk])).status_code == 404
    assert other.post(reverse("seeker_app:cancel_reservation", args=[positioning.pk])).status_code == 404
    client.cookies.clear()
    own = _signed_in(client, lea)
    own.post(reverse("seeker_app:cancel_reservation", args=[positioning.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_nothing_changes_on_get_and_absurd_ids_are_404(client, lea, offer, slot):
    client = _signed_in(client, lea)
    assert client.get(reverse("seeker_app:reserve", args=[offer.pk])).status_code == 405
    assert client.post(reverse("seeker_app:reserve", args=[2**62])).status_code == 404
    assert not Positioning.objects.exists()
    client.post(reverse("seeker_app:reserve", args=[offer.pk]))
    positioning = Positioning.objects.get()
    answer = client.post(
        reverse("seeker_app:book_slot", args=[positioning.pk]), {"slot": "99999999999999999999"}
    )
    assert answer.status_code == 302
    assert not MeetingSlot.objects.filter(positioning__isnull=False).exists()


def test_a_person_of_another_structure_gets_404_on_the_offer_and_the_reservation(client, lea, offer, basque):
    _signed_in(client, lea).post(reverse("seeker_app:reserve", args=[offer.pk]))
    positioning = Positioning.objects.get(offer=offer)
    client.cookies.clear()
    elsewhere = _signed_in(client, f.JobSeekerFactory(structure=basque, phone="+33633333333"))
    assert elsewhere.post(reverse("seeker_app:reserve", args=[offer.pk])).status_code == 404
    for name in ("reservation",):
        assert elsewhere.get(reverse(f"seeker_app:{name}", args=[positioning.pk])).status_code == 404
    for name in ("book_slot", "call_back", "cancel_reservation"):
        assert elsewhere.post(reverse(f"seeker_app:{name}", args=[positioning.pk])).status_code == 404


def test_the_home_page_shows_reservations_meetings_the_per_and_companies_contacted(
    client, lea, offer, slot, pau, camille
):
    from accesdirect.companies.services import company_contact_log

    with structure_scope(pau):
        company_contact_log(
            company=offer.company,
            by=camille,
            kind="call",
            outcome="interested",
            occurred_at=timezone.now(),
            job_seekers=[lea],
        )
    client = _signed_in(client, lea)
    client.post(reverse("seeker_app:reserve", args=[offer.pk]))
    positioning = Positioning.objects.get()
    client.post(reverse("seeker_app:book_slot", args=[positioning.pk]), {"slot": slot.pk})
    page = client.get(reverse("seeker_app:home"))
    assert page.status_code == 200
    text = page.text
    assert "Mes réservations" in text and "Agent d" in text and "Rendez-vous le" in text
    assert "Mes rendez-vous" in text and "avec Camille" in text
    assert "Pas de PER en cours." in text
    assert "Entreprises contactées pour moi" in text and "Propreté Paloise" in text


def test_a_person_stops_and_restarts_sms_from_the_app(client, lea, pau):
    from accesdirect.messaging.models import OptOut

    client = _signed_in(client, lea)
    assert client.get(reverse("seeker_app:sms")).status_code == 405
    client.post(reverse("seeker_app:sms"), {"sms": "off"})
    assert OptOut.all_objects.filter(structure=pau, phone=lea.phone, source="app").exists()
    assert "Recevoir à nouveau les SMS" in client.get(reverse("seeker_app:home")).text
    client.post(reverse("seeker_app:sms"), {"sms": "on"})
    assert not OptOut.all_objects.filter(phone=lea.phone).exists()
