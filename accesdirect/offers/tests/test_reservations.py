"""Reservations of the job seekers' app: one click holds an offer until the meeting with its CRE;
the same one-offer-one-person gate as a CRE's proposal; slots booked once; holds that lapse."""

import datetime
import html

import pytest
from django.utils import timezone

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import run_schedulers
from accesdirect.offers.enums import OfferStatus, PositioningCloseReason, PositioningStatus
from accesdirect.offers.models import MeetingSlot, Positioning
from accesdirect.offers.services import (
    OfferAlreadyPositioned,
    OfferAlreadyReserved,
    SlotAlreadyBooked,
    positioning_create,
    reservation_book_slot,
    reservation_cancel,
    reservation_confirm,
    reservation_create,
    reservation_release,
    slot_publish,
    slot_remove,
)
from accesdirect.seekers.enums import AppointmentStatus
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture
def lea(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Léa", phone="+33611111111")


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", phone="+33622222222")


def _slot(pau, camille, days=3, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with structure_scope(pau):
        return slot_publish(structure=pau, staff=camille, starts_at=starts_at, by=camille)


def test_a_reservation_holds_the_offer_for_the_structures_hold_and_tells_the_person(offer, lea, camille):
    now = timezone.now()
    with structure_scope(offer.structure_id):
        reservation = reservation_create(offer=offer, job_seeker=lea, now=now)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.POSITIONED
    assert reservation.status == PositioningStatus.RESERVED
    assert reservation.presented_by == camille  # the CRE who captured the offer
    assert reservation.held_until == now + datetime.timedelta(hours=48)
    assert list(reservation.steps.values_list("status", "by")) == [(PositioningStatus.RESERVED, None)]
    sms = Message.all_objects.get(kind=MessageKind.RESERVATION_CONFIRMATION)
    assert sms.recipient == lea.phone
    assert "réservée pour vous" in sms.body and "Camille" in sms.body


def test_a_reserved_offer_is_refused_to_a_second_person_and_to_a_cre(offer, lea, sami, camille):
    with structure_scope(offer.structure_id):
        reservation_create(offer=offer, job_seeker=lea)
        with pytest.raises(OfferAlreadyReserved) as refusal:
            reservation_create(offer=offer, job_seeker=sami)
        assert refusal.value.code == "offer_already_reserved"
        assert refusal.value.status_code == 409
        with pytest.raises(OfferAlreadyPositioned):
            positioning_create(offer=offer, job_seeker=sami, by=camille)


def test_an_offer_to_confirm_or_in_the_pool_cannot_be_reserved(pau, lea):
    offer = f.OfferFactory(
        structure=pau, company__structure=pau, captured_by=None, status=OfferStatus.TO_CONFIRM
    )
    with structure_scope(pau), pytest.raises(OfferAlreadyReserved):
        reservation_create(offer=offer, job_seeker=lea)


def test_a_person_holds_two_offers_at_most(pau, camille, lea):
    offers = [f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille) for _ in range(3)]
    with structure_scope(pau):
        reservation_create(offer=offers[0], job_seeker=lea)
        reservation_create(offer=offers[1], job_seeker=lea)
        with pytest.raises(DomainError, match="déjà 2 offres réservées"):
            reservation_create(offer=offers[2], job_seeker=lea)


def test_a_slot_is_booked_once_and_becomes_the_meeting(offer, lea, sami, pau, camille):
    other_offer = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    slot = _slot(pau, camille)
    with structure_scope(pau):
        first = reservation_create(offer=offer, job_seeker=lea)
        second = reservation_create(offer=other_offer, job_seeker=sami)
        meeting = reservation_book_slot(positioning=first, slot=slot, job_seeker=lea)
        with pytest.raises(SlotAlreadyBooked):
            reservation_book_slot(positioning=second, slot=slot, job_seeker=sami)
    assert (meeting.staff, meeting.starts_at, meeting.status) == (
        camille,
        slot.starts_at,
        AppointmentStatus.PLANNED,
    )
    slot.refresh_from_db()
    assert slot.positioning_id == first.pk
    first.refresh_from_db()
    assert first.held_until == slot.starts_at + datetime.timedelta(minutes=30, days=2)
    assert Message.all_objects.filter(kind=MessageKind.APPOINTMENT_CONFIRMATION, recipient=lea.phone).exists()


def test_a_person_cannot_book_for_someone_elses_reservation(offer, lea, sami, pau, camille):
    slot = _slot(pau, camille)
    with structure_scope(pau):
        reservation = reservation_create(offer=offer, job_seeker=lea)
        with pytest.raises(DomainError, match="pas la vôtre"):
            reservation_book_slot(positioning=reservation, slot=slot, job_seeker=sami)


def test_cancelling_reopens_the_offer_and_frees_the_slot_and_the_meeting(offer, lea, sami, pau, camille):
    slot = _slot(pau, camille)
    with structure_scope(pau):
        reservation = reservation_create(offer=offer, job_seeker=lea)
        meeting = reservation_book_slot(positioning=reservation, slot=slot, job_seeker=lea)
        reservation_cancel(positioning=reservation, job_seeker=lea)
        offer.refresh_from_db()
        assert offer.status == OfferStatus.OPEN
        slot.refresh_from_db()
        assert slot.positioning_id is None
        meeting.refresh_from_db()
        assert meeting.status == AppointmentStatus.CANCELLED
        reservation.refresh_from_db()
        assert reservation.closed_reason == PositioningCloseReason.RESERVATION_CANCELLED
        # Open again: someone else may reserve it now.
        reservation_create(offer=offer, job_seeker=sami)


def test_the_cre_confirms_a_reservation_into_a_proposal_or_releases_it(pau, camille, lea, sami):
    kept = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    let_go = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    with structure_scope(pau):
        confirmed = reservation_confirm(
            positioning=reservation_create(offer=kept, job_seeker=lea), by=camille
        )
        released = reservation_release(
            positioning=reservation_create(offer=let_go, job_seeker=sami),
            by=camille,
            note="Horaires impossibles",
        )
    assert (confirmed.status, confirmed.held_until) == (PositioningStatus.PROPOSED, None)
    assert released.status == PositioningStatus.WITHDRAWN
    assert released.closed_reason == PositioningCloseReason.RESERVATION_RELEASED
    let_go.refresh_from_db()
    kept.refresh_from_db()
    assert (kept.status, let_go.status) == (OfferStatus.POSITIONED, OfferStatus.OPEN)


def test_a_hold_without_meeting_expires_the_offer_reopens_and_the_person_is_told(offer, lea):
    now = timezone.now()
    with structure_scope(offer.structure_id):
        reservation = reservation_create(offer=offer, job_seeker=lea, now=now)
    run_schedulers(now=now + datetime.timedelta(hours=47))
    reservation.refresh_from_db()
    assert reservation.status == PositioningStatus.RESERVED
    run_schedulers(now=now + datetime.timedelta(hours=48, minutes=1))
    run_schedulers(now=now + datetime.timedelta(hours=48, minutes=2))  # idempotent
    reservation.refresh_from_db()
    offer.refresh_from_db()
    assert (reservation.status, reservation.closed_reason) == (
        PositioningStatus.WITHDRAWN,
        PositioningCloseReason.RESERVATION_EXPIRED,
    )
    assert offer.status == OfferStatus.OPEN
    assert Message.all_objects.filter(kind=MessageKind.RESERVATION_EXPIRY, recipient=lea.phone).count() == 1


def test_a_structure_sets_its_own_hold(offer, lea, pau):
    pau.reservation_hold_hours = 24
    pau.save(update_fields=["reservation_hold_hours"])
    now = timezone.now()
    with structure_scope(pau):
        reservation = reservation_create(offer=offer, job_seeker=lea, now=now)
    assert reservation.held_until == now + datetime.timedelta(hours=24)


def test_slots_are_published_in_the_future_once_and_removed_only_when_free(offer, lea, pau, camille):
    slot = _slot(pau, camille)
    with structure_scope(pau), pytest.raises(DomainError, match="existe déjà"):
        slot_publish(structure=pau, staff=camille, starts_at=slot.starts_at, by=camille)
    with structure_scope(pau), pytest.raises(DomainError, match="futur"):
        slot_publish(
            structure=pau, staff=camille, starts_at=timezone.now() - datetime.timedelta(hours=1), by=camille
        )
    with structure_scope(pau):
        reservation = reservation_create(offer=offer, job_seeker=lea)
        reservation_book_slot(positioning=reservation, slot=slot, job_seeker=lea)
        with pytest.raises(DomainError, match="réservé"):
            slot_remove(slot=slot, by=camille)
        free = _slot(pau, camille, hour=11)
        slot_remove(slot=free, by=camille)
    assert not MeetingSlot.objects.filter(pk=free.pk).exists()
    assert Positioning.objects.filter(pk=reservation.pk).exists()


def test_the_cre_confirms_or_releases_a_reservation_from_the_offer_page(
    camille_client, pau, camille, lea, sami
):
    from django.urls import reverse

    kept = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    let_go = f.OfferFactory(structure=pau, company__structure=pau, captured_by=camille)
    slot = _slot(pau, camille)
    with structure_scope(pau):
        first = reservation_create(offer=kept, job_seeker=lea)
        reservation_book_slot(positioning=first, slot=slot, job_seeker=lea)
        second = reservation_create(offer=let_go, job_seeker=sami)
    page = html.unescape(camille_client.get(reverse("offers:detail", args=[kept.pk])).text)
    assert "Réservée par la personne dans l'application" in page
    assert "Rendez-vous pris le" in page
    assert "Confirmer la réservation" in page and "Libérer l'offre" in page
    camille_client.post(reverse("offers:advance", args=[first.pk]), {"to_status": "proposed", "note": ""})
    camille_client.post(
        reverse("offers:advance", args=[second.pk]), {"to_status": "withdrawn", "note": "Pas venue"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.held_until) == (PositioningStatus.PROPOSED, None)
    assert (second.status, second.closed_reason) == (
        PositioningStatus.WITHDRAWN,
        PositioningCloseReason.RESERVATION_RELEASED,
    )
    let_go.refresh_from_db()
    assert let_go.status == OfferStatus.OPEN
