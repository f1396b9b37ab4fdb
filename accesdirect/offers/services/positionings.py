"""Positionings: one offer = one person (principle B), and their steps."""

import dataclasses
import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core import ranges
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.versions import data_version_bump
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JobSeeker, add_months
from accesdirect.seekers.services import journal_add
from accesdirect.seekers.services.people import locked_seeker
from accesdirect.structures.models import Membership

from .. import journal as events
from ..enums import (
    ACTIVE_POSITIONING_STATUSES,
    FINAL_POSITIONING_STATUSES,
    POSITIONING_TRANSITIONS,
    Contract,
    OfferStatus,
    PositioningStatus,
)
from ..models import Offer, Positioning, PositioningStep
from ..notifications import queue_positioning_proposal
from .employment import employment_record


class OfferAlreadyPositioned(ConflictError):
    def __init__(self):
        super().__init__(_("Cette offre est déjà positionnée : une seule personne à la fois par offre."))


def positioning_create(*, offer: Offer, job_seeker: JobSeeker, by, presented_by=None) -> Positioning:
    """Put one person on an offer and close the offer's market until the outcome (principle B).

    Safe under concurrency on both databases: the conditional UPDATE is the gate (only one
    transaction can move the offer from open to positioned; the others see 0 rows), and the
    partial unique constraint on active positionings is the backstop whatever code writes.
    """
    if offer.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette personne et cette offre ne relèvent pas de la même structure."))
    if job_seeker.status != SeekerStatus.ACTIVE:
        raise DomainError(_("Seule une personne accompagnée peut être positionnée sur une offre."))
    try:
        with transaction.atomic():
            opened = Offer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN).update(
                status=OfferStatus.POSITIONED
            )
            if opened != 1:
                raise OfferAlreadyPositioned
            positioning = _positioning_insert(
                offer=offer, job_seeker=job_seeker, by=by, presented_by=presented_by or offer.captured_by
            )
            # The SMS to the person, in the same transaction: no positioning, no message.
            queue_positioning_proposal(positioning)
            audit_record(
                by=by, action="positioning.created", target=offer, params={"positioning": positioning.pk}
            )
            # The offer leaves the pool, the person is flagged positioned.
            data_version_bump(structure_id=offer.structure_id)
    except IntegrityError:
        raise OfferAlreadyPositioned from None
    offer.status = OfferStatus.POSITIONED
    return positioning


def _positioning_insert(*, offer: Offer, job_seeker: JobSeeker, by, presented_by) -> Positioning:
    now = timezone.now()
    positioning = Positioning.objects.create(
        structure_id=offer.structure_id,
        offer=offer,
        job_seeker=job_seeker,
        presented_by=presented_by,
        status=PositioningStatus.PROPOSED,
        created_at=now,
    )
    PositioningStep.objects.create(
        structure_id=offer.structure_id,
        positioning=positioning,
        status=PositioningStatus.PROPOSED,
        at=now,
        by=by,
    )
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.PROPOSED,
        params={"title": offer.title, "company": offer.company.name},
        author=by,
        company=offer.company,
        occurred_at=now,
    )
    return positioning


# --- Positionings ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class EmploymentTerms:
    """The terms of a hire, when they differ from the offer's."""

    contract: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    hours_per_week: Decimal | None = None

    @classmethod
    def from_offer(cls, offer: Offer, *, today: datetime.date) -> "EmploymentTerms":
        starts_on = offer.starts_on or today
        ends_on = None
        if offer.contract != Contract.CDI and offer.duration_months:
            ends_on = add_months(starts_on, offer.duration_months) - datetime.timedelta(days=1)
        return cls(
            contract=offer.contract, starts_on=starts_on, ends_on=ends_on, hours_per_week=offer.hours_per_week
        )


def _lock_status(positioning: Positioning) -> str:
    # Lock the positioning: two CREs clicking at once must not both move it from the same step.
    status = (
        Positioning.objects.select_for_update(of=("self",))
        .values_list("status", flat=True)
        .get(pk=positioning.pk)
    )
    positioning.status = status
    return status


@transaction.atomic
def positioning_advance(
    *,
    positioning: Positioning,
    to_status: PositioningStatus,
    by,
    note: str = "",
    interview_at: datetime.datetime | None = None,
    terms: EmploymentTerms | None = None,
) -> Positioning:
    """Move a positioning to its next step (enums.POSITIONING_TRANSITIONS).

    Not retained or withdrawn: the offer goes back on the market. Hired: the offer is filled
    and the employment recorded, on `terms` or else on the offer's own terms."""
    if to_status == PositioningStatus.HIRED:
        # The hire closes the person's other positionings: lock the person first, as every
        # service touching several of their rows does, so that two hires cannot deadlock.
        locked_seeker(positioning.job_seeker)
    from_status = _lock_status(positioning)
    if from_status == PositioningStatus.RESERVED and to_status in (
        PositioningStatus.PROPOSED,
        PositioningStatus.WITHDRAWN,
    ):
        # A reservation of the job seekers' app goes on or ends by its own rules (its hold, its
        # meeting slot, the person's status): the CRE confirms it or releases the offer.
        from .reservations import reservation_confirm, reservation_release

        if to_status == PositioningStatus.PROPOSED:
            return reservation_confirm(positioning=positioning, by=by, note=note)
        return reservation_release(positioning=positioning, by=by, note=note)
    if to_status not in POSITIONING_TRANSITIONS.get(from_status, []):
        raise DomainError(
            _("Ce positionnement ne peut pas passer de « %(from)s » à « %(to)s ».")
            % {"from": PositioningStatus(from_status).label, "to": PositioningStatus(to_status).label}
        )
    if to_status == PositioningStatus.INTERVIEW_SCHEDULED and interview_at is None:
        raise DomainError(_("Indiquez la date et l'heure de l'entretien."))
    ranges.INTERVIEW.check(interview_at, field="interview_at")

    now = timezone.now()
    update_fields = ["status"]
    positioning.status = to_status
    if to_status == PositioningStatus.INTERVIEW_SCHEDULED:
        positioning.interview_at = interview_at
        update_fields.append("interview_at")
    if to_status in FINAL_POSITIONING_STATUSES:
        positioning.ended_at = now
        update_fields.append("ended_at")
    positioning.save(update_fields=update_fields)
    PositioningStep.objects.create(
        structure_id=positioning.structure_id,
        positioning=positioning,
        status=to_status,
        at=now,
        by=by,
        note=note,
    )

    offer = positioning.offer
    if to_status in (PositioningStatus.NOT_RETAINED, PositioningStatus.WITHDRAWN):
        # The market of the offer reopens: another person may now be positioned on it.
        if Offer.objects.filter(pk=offer.pk, status=OfferStatus.POSITIONED).update(status=OfferStatus.OPEN):
            offer.status = OfferStatus.OPEN
    elif to_status == PositioningStatus.HIRED:
        Offer.objects.filter(pk=offer.pk, status=OfferStatus.POSITIONED).update(status=OfferStatus.FILLED)
        offer.status = OfferStatus.FILLED

    _journal_step(positioning, by=by, note=note, at=now)
    audit_record(
        by=by,
        action="positioning.advanced",
        target=offer,
        params={"positioning": positioning.pk, "to": to_status},
    )
    if to_status == PositioningStatus.HIRED:
        terms = terms or EmploymentTerms.from_offer(offer, today=timezone.localdate())
        employment_record(
            job_seeker=positioning.job_seeker,
            by=by,
            contract=terms.contract,
            starts_on=terms.starts_on,
            ends_on=terms.ends_on,
            hours_per_week=terms.hours_per_week,
            employer_name=offer.company.name,
            job_title=offer.title,
            company=offer.company,
            positioning=positioning,
        )
    if to_status in FINAL_POSITIONING_STATUSES:
        # The offer reopens or is filled, the person is free again (or hired), the pair refused.
        data_version_bump(structure_id=positioning.structure_id)
    return positioning


def _journal_step(positioning: Positioning, *, by, note: str, at: datetime.datetime) -> None:
    offer = positioning.offer
    params = {"title": offer.title, "company": offer.company.name, "step": positioning.status}
    event = events.STEP
    if positioning.status == PositioningStatus.INTERVIEW_SCHEDULED:
        event = events.INTERVIEW
        params["when"] = positioning.interview_at
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=event,
        params=params,
        text=note,
        author=by,
        company=offer.company,
        occurred_at=at,
    )


@transaction.atomic
def positioning_interview_reschedule(
    *, positioning: Positioning, interview_at: datetime.datetime, by
) -> Positioning:
    if _lock_status(positioning) != PositioningStatus.INTERVIEW_SCHEDULED:
        raise DomainError(_("Seul un entretien prévu peut être déplacé."))
    ranges.INTERVIEW.check(interview_at, field="interview_at")
    positioning.interview_at = interview_at
    positioning.save(update_fields=["interview_at"])
    offer = positioning.offer
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.INTERVIEW_MOVED,
        params={"title": offer.title, "company": offer.company.name, "when": interview_at},
        author=by,
        company=offer.company,
    )
    return positioning


@transaction.atomic
def positioning_reassign(*, positioning: Positioning, presented_by, by) -> Positioning:
    """The CRE who captured the offer presents it, unless the team hands it to a colleague."""
    if not Membership.all_objects.filter(
        user=presented_by, structure_id=positioning.structure_id, is_active=True
    ).exists():
        raise DomainError(_("Cette personne ne fait pas partie de l'équipe de la structure."))
    if _lock_status(positioning) not in ACTIVE_POSITIONING_STATUSES:
        raise DomainError(_("Ce positionnement est terminé : il ne change plus de CRE."))
    positioning.presented_by = presented_by
    positioning.save(update_fields=["presented_by"])
    audit_record(
        by=by,
        action="positioning.reassigned",
        target=positioning.offer,
        params={"positioning": positioning.pk, "presented_by": str(presented_by)},
    )
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        event=events.REASSIGNED,
        params={"title": positioning.offer.title, "name": str(presented_by)},
        author=by,
        company=positioning.offer.company,
    )
    return positioning


def refuse_exit_while_positioned(job_seeker: JobSeeker) -> None:
    """A person leaving the accompaniment may not keep an offer's market closed (principle B):
    their positioning is closed first (registered with seekers' exit checks)."""
    if Positioning.objects.filter(job_seeker=job_seeker, status__in=ACTIVE_POSITIONING_STATUSES).exists():
        raise DomainError(
            _("Cette personne est positionnée sur une offre : clôturez d'abord ce positionnement.")
        )
