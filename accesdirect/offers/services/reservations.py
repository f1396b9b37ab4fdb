"""Reservations from the job seekers' app: one click holds an offer for the person until their
meeting with the CRE who captured it ("IRIS job").

A reservation IS the offer's one active positioning, in its first step ("réservée"): the same
conditional update (open → positioned) is the gate and the same partial unique constraint the
backstop, so that a reservation and a CRE's proposal can never both hold an offer. A meeting
slot is booked the same way: a conditional update on a free slot, the slot's unique
positioning behind it.

The person acts without a user account (`by` is empty on their steps, the journal says "via
l'application"); the CRE then confirms the reservation (it goes on as a proposal) or releases
it; a hold with no meeting booked expires after the structure's setting (a scheduler)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from accesdirect.core import ranges
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.versions import data_version_bump
from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.formats import sms_date, sms_time, staff_name
from accesdirect.messaging.services import messages_cancel
from accesdirect.seekers.enums import AppointmentStatus, JournalKind, SeekerStatus
from accesdirect.seekers.models import Appointment, JobSeeker
from accesdirect.seekers.services import appointment_create, appointment_set_status, journal_add
from accesdirect.structures.models import Membership

from .. import journal as events
from ..enums import OfferStatus, PositioningCloseReason, PositioningStatus
from ..models import MeetingSlot, Offer, Positioning, PositioningStep
from ..notifications import _queue_to_seeker

# A person holds at most this many offers at once: reserving is one click, hoarding is not.
MAX_HOLDS_PER_PERSON = 2
RESERVING_STATUSES = (SeekerStatus.REFERRED, SeekerStatus.ACTIVE)
# After the meeting, the CRE has this long to confirm or release before the hold lapses.
AFTER_MEETING = datetime.timedelta(days=2)


class OfferAlreadyReserved(ConflictError):
    code = "offer_already_reserved"

    def __init__(self):
        super().__init__(
            _("Cette offre vient d'être réservée par quelqu'un d'autre. Choisissez-en une autre.")
        )


class SlotAlreadyBooked(ConflictError):
    code = "slot_already_booked"

    def __init__(self):
        super().__init__(_("Ce créneau vient d'être pris. Choisissez-en un autre."))


def reservation_key(positioning: Positioning, what: str) -> str:
    return f"reservation-{what}:{positioning.pk}"


def reservation_create(
    *, offer: Offer, job_seeker: JobSeeker, now: datetime.datetime | None = None
) -> Positioning:
    """The person reserves the offer: it is theirs until their meeting with its CRE, or until the
    hold lapses. Safe under concurrency on both databases (see the module's docstring)."""
    now = now or timezone.now()
    if offer.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette offre n'est pas proposée par votre structure."))
    if offer.status != OfferStatus.OPEN or offer.captured_by_id is None:
        # Already taken when read: refused without a transaction (most clicks of a race). An
        # offer read open is decided by the gate below.
        raise OfferAlreadyReserved
    try:
        with transaction.atomic():
            # The person's row first, then the offer's, as every service touching both does.
            status = (
                JobSeeker.objects.select_for_update(of=("self",))
                .values_list("status", flat=True)
                .get(pk=job_seeker.pk)
            )
            if status not in RESERVING_STATUSES:
                raise DomainError(
                    _("Votre accompagnement est terminé : appelez la structure pour le reprendre.")
                )
            taken = Offer.objects.filter(
                pk=offer.pk, status=OfferStatus.OPEN, captured_by__isnull=False
            ).update(status=OfferStatus.POSITIONED)
            if taken != 1:
                raise OfferAlreadyReserved
            # After the gate: a taken offer is always a 409; this refusal rolls the gate back.
            holds = Positioning.objects.filter(
                job_seeker=job_seeker, status=PositioningStatus.RESERVED
            ).count()
            if holds >= MAX_HOLDS_PER_PERSON:
                raise DomainError(
                    _("Vous avez déjà %(count)s offres réservées. Annulez-en une pour en réserver une autre.")
                    % {"count": holds}
                )
            hours = offer.company.structure.reservation_hold_hours
            positioning = Positioning.objects.create(
                structure_id=offer.structure_id,
                offer=offer,
                job_seeker=job_seeker,
                presented_by_id=offer.captured_by_id,
                status=PositioningStatus.RESERVED,
                held_until=now + datetime.timedelta(hours=hours),
                created_at=now,
            )
            _step(positioning, PositioningStatus.RESERVED, at=now)
            journal_add(
                job_seeker=job_seeker,
                kind=JournalKind.PROPOSAL,
                event=events.RESERVED,
                params={"title": offer.title, "company": offer.company.name},
                company=offer.company,
                occurred_at=now,
            )
            _queue_to_seeker(
                positioning,
                kind=MessageKind.RESERVATION_CONFIRMATION,
                key=reservation_key(positioning, "confirmation"),
                context={
                    "structure": offer.company.structure.name,
                    "title": offer.title,
                    "date": sms_date(positioning.held_until),
                    "staff": staff_name(offer.captured_by),
                },
                now=now,
            )
            audit_record(
                by=None, action="reservation.created", target=offer, params={"positioning": positioning.pk}
            )
            data_version_bump(structure_id=offer.structure_id)
    except IntegrityError:
        raise OfferAlreadyReserved from None
    offer.status = OfferStatus.POSITIONED
    return positioning


def _step(positioning: Positioning, status: str, *, at, by=None, note: str = "") -> None:
    PositioningStep.objects.create(
        structure_id=positioning.structure_id, positioning=positioning, status=status, at=at, by=by, note=note
    )


def _locked_reservation(positioning: Positioning) -> Positioning:
    locked = (
        Positioning.objects.select_for_update(of=("self",))
        .select_related("offer__company__structure", "job_seeker", "presented_by")
        .get(pk=positioning.pk)
    )
    if locked.status != PositioningStatus.RESERVED:
        raise DomainError(_("Cette réservation est déjà terminée."))
    return locked


@transaction.atomic
def reservation_book_slot(
    *,
    positioning: Positioning,
    slot: MeetingSlot,
    job_seeker: JobSeeker,
    now: datetime.datetime | None = None,
) -> Appointment:
    """The person picks one of the CRE's published times for the meeting: the slot is theirs
    (booked once), the meeting becomes an appointment (its SMS goes), the hold lasts until
    shortly after it."""
    now = now or timezone.now()
    positioning = _locked_reservation(positioning)
    if positioning.job_seeker_id != job_seeker.pk:
        raise DomainError(_("Cette réservation n'est pas la vôtre."))
    if slot.staff_id != positioning.presented_by_id or slot.structure_id != positioning.structure_id:
        raise DomainError(_("Ce créneau n'est pas celui de la personne qui suit cette offre."))
    if slot.starts_at <= now:
        raise DomainError(_("Ce créneau est passé. Choisissez-en un autre."))
    if MeetingSlot.objects.filter(positioning=positioning).exists():
        raise DomainError(_("Un rendez-vous est déjà pris pour cette réservation."))
    try:
        with transaction.atomic():
            booked = MeetingSlot.objects.filter(pk=slot.pk, positioning__isnull=True).update(
                positioning=positioning, booked_at=now
            )
    except IntegrityError:
        raise SlotAlreadyBooked from None
    if booked != 1:
        raise SlotAlreadyBooked
    ends = slot.starts_at + datetime.timedelta(minutes=slot.minutes)
    positioning.held_until = ends + AFTER_MEETING
    positioning.save(update_fields=["held_until"])
    appointment = appointment_create(
        job_seeker=positioning.job_seeker,
        staff=positioning.presented_by,
        starts_at=slot.starts_at,
        site=slot.site,
        purpose=_("Rendez-vous pour l'offre réservée « %(title)s »") % {"title": positioning.offer.title},
        by=None,
    )
    return appointment


@transaction.atomic
def reservation_call_back(*, positioning: Positioning, job_seeker: JobSeeker) -> Positioning:
    """No slot suits the person: they ask the CRE to call them (a line in their journal, shown
    on the CRE's day); the hold runs on."""
    positioning = _locked_reservation(positioning)
    if positioning.job_seeker_id != job_seeker.pk:
        raise DomainError(_("Cette réservation n'est pas la vôtre."))
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.CALL_BACK_ASKED,
        params={"title": positioning.offer.title, "company": positioning.offer.company.name},
        company=positioning.offer.company,
    )
    return positioning


def _close(positioning: Positioning, *, reason: str, by, now, note: str = "") -> None:
    """The reservation ends without going on: the offer reopens, the slot and the meeting (if
    any) are freed, the person's journal says why."""
    positioning.status = PositioningStatus.WITHDRAWN
    positioning.closed_reason = reason
    positioning.ended_at = now
    positioning.held_until = None
    positioning.save(update_fields=["status", "closed_reason", "ended_at", "held_until"])
    _step(positioning, PositioningStatus.WITHDRAWN, at=now, by=by, note=note)
    Offer.objects.filter(pk=positioning.offer_id, status=OfferStatus.POSITIONED).update(
        status=OfferStatus.OPEN
    )
    slot = MeetingSlot.objects.filter(positioning=positioning).first()
    if slot is not None:
        meeting = Appointment.objects.filter(
            job_seeker_id=positioning.job_seeker_id,
            staff_id=slot.staff_id,
            starts_at=slot.starts_at,
            status=AppointmentStatus.PLANNED,
        ).first()
        if meeting is not None and slot.starts_at > now:
            appointment_set_status(appointment=meeting, status=AppointmentStatus.CANCELLED, by=by)
        if slot.starts_at > now:
            MeetingSlot.objects.filter(pk=slot.pk).update(positioning=None, booked_at=None)
    messages_cancel(
        idempotency_keys=[reservation_key(positioning, "confirmation")],
        reason="Réservation terminée avant l'envoi.",
    )
    offer = positioning.offer
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.RESERVATION_ENDED,
        params={"title": offer.title, "company": offer.company.name, "reason": reason},
        author=by,
        company=offer.company,
        occurred_at=now,
    )
    audit_record(
        by=by,
        action="reservation.ended",
        target=offer,
        params={"positioning": positioning.pk, "reason": reason},
    )
    data_version_bump(structure_id=positioning.structure_id)


@transaction.atomic
def reservation_cancel(
    *, positioning: Positioning, job_seeker: JobSeeker, now: datetime.datetime | None = None
) -> Positioning:
    """The person gives the offer back (app): it reopens at once for others."""
    positioning = _locked_reservation(positioning)
    if positioning.job_seeker_id != job_seeker.pk:
        raise DomainError(_("Cette réservation n'est pas la vôtre."))
    _close(
        positioning, reason=PositioningCloseReason.RESERVATION_CANCELLED, by=None, now=now or timezone.now()
    )
    return positioning


@transaction.atomic
def reservation_release(*, positioning: Positioning, by, note: str = "") -> Positioning:
    """The CRE, after the meeting, does not go on with this person for this offer."""
    positioning = _locked_reservation(positioning)
    _check_team(positioning, by)
    _close(
        positioning, reason=PositioningCloseReason.RESERVATION_RELEASED, by=by, now=timezone.now(), note=note
    )
    return positioning


@transaction.atomic
def reservation_confirm(*, positioning: Positioning, by, note: str = "") -> Positioning:
    """The CRE met the person and goes on: the reservation becomes a proposal, the usual path
    (accepted, interview, hire) follows; the hold no longer lapses."""
    positioning = _locked_reservation(positioning)
    _check_team(positioning, by)
    if positioning.job_seeker.status != SeekerStatus.ACTIVE:
        raise DomainError(
            _("Terminez d'abord l'accueil : seule une personne accompagnée peut être positionnée.")
        )
    now = timezone.now()
    positioning.status = PositioningStatus.PROPOSED
    positioning.held_until = None
    positioning.save(update_fields=["status", "held_until"])
    _step(positioning, PositioningStatus.PROPOSED, at=now, by=by, note=note)
    offer = positioning.offer
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.PROPOSED,
        params={"title": offer.title, "company": offer.company.name},
        author=by,
        company=offer.company,
        occurred_at=now,
    )
    audit_record(by=by, action="reservation.confirmed", target=offer, params={"positioning": positioning.pk})
    return positioning


def _check_team(positioning: Positioning, by) -> None:
    if not Membership.all_objects.filter(
        user=by, structure_id=positioning.structure_id, is_active=True
    ).exists():
        raise DomainError(_("Cette personne ne fait pas partie de l'équipe de la structure."))


def expire_reservations(*, now: datetime.datetime) -> int:
    """Scheduler (every minute, every structure): holds past their term end, the offer reopens,
    the person is told by SMS. Each one in its own transaction, skipping a row another worker
    holds: two schedulers never expire the same hold twice."""
    with scopes_disabled():
        return _expire_due(now)


def _expire_due(now: datetime.datetime) -> int:
    expired = 0
    due = list(
        Positioning.objects.filter(status=PositioningStatus.RESERVED, held_until__lt=now)
        .order_by("held_until")
        .values_list("pk", flat=True)[:500]
    )
    for pk in due:
        with transaction.atomic():
            positioning = (
                Positioning.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("offer__company__structure", "job_seeker", "presented_by")
                .filter(pk=pk, status=PositioningStatus.RESERVED, held_until__lt=now)
                .first()
            )
            if positioning is None:
                continue
            _close(positioning, reason=PositioningCloseReason.RESERVATION_EXPIRED, by=None, now=now)
            _queue_to_seeker(
                positioning,
                kind=MessageKind.RESERVATION_EXPIRY,
                key=reservation_key(positioning, "expiry"),
                context={
                    "structure": positioning.offer.company.structure.name,
                    "title": positioning.offer.title,
                },
                now=now,
            )
            expired += 1
    return expired


# --- Meeting slots (CRE side) ------------------------------------------------------------


@transaction.atomic
def slot_publish(
    *, structure, staff, starts_at: datetime.datetime, minutes: int = 30, site=None, by
) -> MeetingSlot:
    """A CRE publishes a time for meetings with the people who reserve their offers."""
    ranges.APPOINTMENT.check(starts_at, field="starts_at")
    if starts_at <= timezone.now():
        raise DomainError(_("Un créneau se publie dans le futur."))
    if not 5 <= minutes <= 240:
        raise DomainError(_("Un créneau dure de 5 minutes à 4 heures."))
    if not Membership.all_objects.filter(user=staff, structure=structure, is_active=True).exists():
        raise DomainError(_("Le créneau se publie pour un membre de l'équipe de la structure."))
    if site is not None and site.structure_id != structure.pk:
        raise DomainError(_("Cette antenne n'appartient pas à la structure."))
    try:
        with transaction.atomic():
            slot = MeetingSlot.objects.create(
                structure_id=structure.pk, staff=staff, starts_at=starts_at, minutes=minutes, site=site
            )
    except IntegrityError:
        raise DomainError(
            _("Un créneau existe déjà le %(date)s à %(time)s.")
            % {"date": sms_date(starts_at), "time": sms_time(starts_at)}
        ) from None
    audit_record(by=by, action="slot.published", target=structure, params={"slot": slot.pk})
    return slot


@transaction.atomic
def slot_remove(*, slot: MeetingSlot, by) -> None:
    """A free slot is withdrawn; a booked one stays (cancel the meeting with the person first)."""
    if MeetingSlot.objects.filter(pk=slot.pk, positioning__isnull=True).delete()[0] == 0:
        raise DomainError(_("Ce créneau est réservé : voyez la réservation avant de le retirer."))
