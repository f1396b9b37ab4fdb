"""Writes about offers, positionings (one offer = one person) and employment."""

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.companies.services import company_mark_partner
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.seekers.enums import JournalKind, SeekerStatus, WorkCondition
from accesdirect.seekers.models import JobSeeker, add_months
from accesdirect.seekers.services import journal_add
from accesdirect.structures.models import Membership

from .enums import (
    ACTIVE_POSITIONING_STATUSES,
    FINAL_POSITIONING_STATUSES,
    POSITIONING_TRANSITIONS,
    Contract,
    OfferSource,
    OfferStatus,
    PositioningStatus,
)
from .models import Employment, JobFollowUp, Offer, Positioning, PositioningStep, is_durable
from .notifications import queue_company_offer_received, queue_positioning_proposal

OFFER_EDITABLE_FIELDS = frozenset(
    {
        "appellation",
        "title",
        "contract",
        "duration_months",
        "hours_per_week",
        "commune",
        "starts_on",
        "description",
        "conditions",
        "requires_driving_licence",
        "work_conditions",
        "source",
    }
)
# Suivi dans le poste: check-ins planned after a start (in days, then in months).
FOLLOW_UP_AFTER_DAYS = (7,)
FOLLOW_UP_AFTER_MONTHS = (1, 6)


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
        text=_("Proposition de poste : %(title)s chez %(company)s")
        % {"title": offer.title, "company": offer.company.name},
        author=by,
        company=offer.company,
        occurred_at=now,
    )
    return positioning


# --- Offers ---------------------------------------------------------------------------


def _check_duration(contract: str, duration_months: int | None) -> None:
    if contract == Contract.CDD and not duration_months:
        raise DomainError(_("Un CDD a une durée : indiquez-la en mois."))


def _checked_conditions(work_conditions) -> list[str]:
    """Distinct values of WorkCondition (a JSON list), refused in French otherwise."""
    values = list(work_conditions or ())
    if not all(isinstance(value, str) for value in values) or not set(values) <= set(WorkCondition.values):
        raise DomainError(_("Conditions de travail : valeur inconnue."))
    return list(dict.fromkeys(values))


@transaction.atomic
def offer_create(
    *,
    company: Company,
    by,
    appellation: Appellation,
    title: str,
    contract: Contract,
    duration_months: int | None = None,
    hours_per_week: Decimal | None = None,
    commune: Commune | None = None,
    starts_on: datetime.date | None = None,
    description: str = "",
    conditions: str = "",
    requires_driving_licence: bool = False,
    work_conditions: list[str] | tuple[str, ...] = (),
    source: OfferSource = OfferSource.PROSPECTION,
) -> Offer:
    """Capture an offer. The CRE who captures it presents it (principle B), so captured_by is
    the author; the company entrusting an offer becomes a partner."""
    _check_duration(contract, duration_months)
    offer = Offer.objects.create(
        structure_id=company.structure_id,
        company=company,
        captured_by=by,
        captured_on=timezone.localdate(),
        appellation=appellation,
        title=title.strip() or appellation.label,
        contract=contract,
        duration_months=duration_months,
        hours_per_week=hours_per_week,
        commune=commune or company.commune,
        starts_on=starts_on,
        description=description,
        conditions=conditions,
        requires_driving_licence=requires_driving_licence,
        work_conditions=_checked_conditions(work_conditions),
        source=source,
    )
    company_mark_partner(company=company)
    if source == OfferSource.COMPANY_FORM:
        # The company signalled the offer itself ("J'ai une offre"): it is told that it arrived.
        # An offer captured by a CRE was just discussed with the company, no message needed.
        queue_company_offer_received(offer)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by, **changes: Any) -> Offer:
    """Change the given fields (see OFFER_EDITABLE_FIELDS) of an offer still on the market."""
    unknown = set(changes) - OFFER_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"offer_update() cannot change {sorted(unknown)}")
    # Lock the offer: a concurrent fill or cancel must not slip between the check and the save.
    status = Offer.objects.select_for_update(of=("self",)).values_list("status", flat=True).get(pk=offer.pk)
    if status not in (OfferStatus.OPEN, OfferStatus.POSITIONED):
        raise DomainError(_("Une offre pourvue, annulée ou expirée ne se modifie plus."))
    _check_duration(
        changes.get("contract", offer.contract), changes.get("duration_months", offer.duration_months)
    )
    if "title" in changes:
        changes["title"] = changes["title"].strip() or changes.get("appellation", offer.appellation).label
    if "work_conditions" in changes:
        changes["work_conditions"] = _checked_conditions(changes["work_conditions"])
    for field, value in changes.items():
        setattr(offer, field, value)
    offer.status = status
    offer.save(update_fields=list(changes))
    return offer


def _offer_close(offer: Offer, *, to_status: OfferStatus) -> None:
    # Conditional update: only an offer on the market can leave it, whatever runs at the same time.
    closed = Offer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN).update(status=to_status)
    if closed != 1:
        status = Offer.objects.values_list("status", flat=True).get(pk=offer.pk)
        if status == OfferStatus.POSITIONED:
            raise DomainError(
                _(
                    "Une personne est positionnée sur cette offre : "
                    "clôturez d'abord son positionnement (abandon ou non retenu·e)."
                )
            )
        raise DomainError(
            _("Cette offre n'est plus ouverte (%(status)s).") % {"status": OfferStatus(status).label}
        )
    offer.status = to_status


@transaction.atomic
def offer_cancel(*, offer: Offer, by) -> Offer:
    _offer_close(offer, to_status=OfferStatus.CANCELLED)
    return offer


@transaction.atomic
def offer_expire(*, offer: Offer, by=None) -> Offer:
    _offer_close(offer, to_status=OfferStatus.EXPIRED)
    return offer


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
    from_status = _lock_status(positioning)
    if to_status not in POSITIONING_TRANSITIONS.get(from_status, []):
        raise DomainError(
            _("Ce positionnement ne peut pas passer de « %(from)s » à « %(to)s ».")
            % {"from": PositioningStatus(from_status).label, "to": PositioningStatus(to_status).label}
        )
    if to_status == PositioningStatus.INTERVIEW_SCHEDULED and interview_at is None:
        raise DomainError(_("Indiquez la date et l'heure de l'entretien."))

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
    return positioning


def _journal_step(positioning: Positioning, *, by, note: str, at: datetime.datetime) -> None:
    offer = positioning.offer
    text = _("Proposition de poste « %(title)s » chez %(company)s : %(step)s") % {
        "title": offer.title,
        "company": offer.company.name,
        "step": positioning.get_status_display().lower(),
    }
    if positioning.status == PositioningStatus.INTERVIEW_SCHEDULED:
        text += _(", le %(date)s") % {
            "date": timezone.localtime(positioning.interview_at).strftime("%d/%m/%Y à %H:%M")
        }
    if note:
        text += f"\n{note}"
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        text=text,
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
    positioning.interview_at = interview_at
    positioning.save(update_fields=["interview_at"])
    _journal_step(positioning, by=by, note=_("Entretien déplacé."), at=timezone.now())
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
    journal_add(
        job_seeker=positioning.job_seeker,
        kind=JournalKind.PROPOSAL,
        text=_("Proposition de poste « %(title)s » désormais présentée par %(name)s")
        % {"title": positioning.offer.title, "name": presented_by},
        author=by,
        company=positioning.offer.company,
    )
    return positioning


# --- Employment -----------------------------------------------------------------------


@transaction.atomic
def employment_record(
    *,
    job_seeker: JobSeeker,
    by,
    contract: Contract,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    hours_per_week: Decimal | None,
    employer_name: str,
    job_title: str,
    company: Company | None = None,
    positioning: Positioning | None = None,
) -> Employment:
    """Record a job (mise à l'emploi): from a hired positioning, or found by the person.

    Whether it is durable is derived (CDI, or CDD of more than six months), never typed in.
    The person is now in a job, and the in-job follow-ups are planned."""
    if company is not None and company.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette personne et cette entreprise ne relèvent pas de la même structure."))
    if positioning is not None:
        if positioning.job_seeker_id != job_seeker.pk:
            raise DomainError(_("Ce positionnement concerne une autre personne."))
        if positioning.status != PositioningStatus.HIRED:
            raise DomainError(_("Un emploi s'enregistre sur un positionnement marqué « embauché·e »."))
    if contract == Contract.CDD and ends_on is None:
        raise DomainError(_("Un CDD a une date de fin : indiquez-la."))
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("La date de fin ne peut pas précéder la date de début."))

    try:
        with transaction.atomic():
            employment = Employment.objects.create(
                structure_id=job_seeker.structure_id,
                job_seeker=job_seeker,
                positioning=positioning,
                company=company,
                employer_name=employer_name.strip(),
                job_title=job_title.strip(),
                contract=contract,
                starts_on=starts_on,
                ends_on=ends_on,
                hours_per_week=hours_per_week,
                is_durable=is_durable(contract, starts_on, ends_on),
                recorded_by=by,
            )
    except IntegrityError:
        # The one-to-one on the positioning: the hire was already recorded.
        raise ConflictError(_("Un emploi est déjà enregistré pour ce positionnement.")) from None

    due_dates = [starts_on + datetime.timedelta(days=days) for days in FOLLOW_UP_AFTER_DAYS]
    due_dates += [add_months(starts_on, months) for months in FOLLOW_UP_AFTER_MONTHS]
    JobFollowUp.objects.bulk_create(
        JobFollowUp(structure_id=employment.structure_id, employment=employment, due_on=due_on)
        for due_on in due_dates
    )
    job_seeker.status = SeekerStatus.IN_JOB
    job_seeker.save(update_fields=["status"])

    text = _("Emploi : %(title)s chez %(employer)s, %(contract)s à partir du %(start)s") % {
        "title": employment.job_title,
        "employer": employment.employer_name,
        "contract": employment.get_contract_display(),
        "start": starts_on.strftime("%d/%m/%Y"),
    }
    if employment.is_durable:
        text += _(" (emploi durable)")
    journal_add(job_seeker=job_seeker, kind=JournalKind.EMPLOYMENT, text=text, author=by, company=company)
    return employment


def employment_declare(
    *,
    job_seeker: JobSeeker,
    by,
    contract: Contract,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    hours_per_week: Decimal | None,
    employer_name: str,
    job_title: str,
    company: Company | None = None,
) -> Employment:
    """A job the person found by themselves: an employment without a positioning."""
    return employment_record(
        job_seeker=job_seeker,
        by=by,
        contract=contract,
        starts_on=starts_on,
        ends_on=ends_on,
        hours_per_week=hours_per_week,
        employer_name=employer_name,
        job_title=job_title,
        company=company,
    )


@transaction.atomic
def job_follow_up_record(
    *, follow_up: JobFollowUp, done_on: datetime.date, going_well: bool, notes: str, by
) -> JobFollowUp:
    if done_on > timezone.localdate():
        raise DomainError(_("Un suivi s'enregistre une fois fait : la date ne peut pas être à venir."))
    # Lock the follow-up: it is recorded once, even if two CREs submit it at the same time.
    already_done = (
        JobFollowUp.objects.select_for_update(of=("self",))
        .values_list("done_on", flat=True)
        .get(pk=follow_up.pk)
    )
    if already_done is not None:
        raise DomainError(_("Ce suivi est déjà enregistré."))
    follow_up.done_on = done_on
    follow_up.going_well = going_well
    follow_up.notes = notes
    follow_up.by = by
    follow_up.save(update_fields=["done_on", "going_well", "notes", "by"])

    employment = follow_up.employment
    text = _("Suivi dans l'emploi (%(title)s chez %(employer)s) : %(state)s") % {
        "title": employment.job_title,
        "employer": employment.employer_name,
        "state": _("tout se passe bien") if going_well else _("des difficultés à suivre"),
    }
    if notes:
        text += f"\n{notes}"
    journal_add(
        job_seeker=employment.job_seeker,
        kind=JournalKind.EMPLOYMENT,
        text=text,
        author=by,
        company=employment.company,
    )
    return follow_up
