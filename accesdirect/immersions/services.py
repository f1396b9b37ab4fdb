"""Writes about immersions (PMSMP). Every function is atomic and keyword-only.

The rules of a convention enforced here (each refusal is an ImmersionRefused, a DomainError
with a French message and the form field it concerns):
- an immersion lasts one month at most, and ends on or after its start (also database checks);
- at most two immersions of the same person with the same company within twelve months
  (serialised by locking the person's row);
- it never changes the person's accompaniment or situation, and is never an employment, even
  when it leads to a hire: the hire is recorded by staff through the offers' services.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.core import ranges
from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.calendar import paris_today
from accesdirect.core.errors import DomainError
from accesdirect.core.phones import normalize_mobile
from accesdirect.referentials.models import Appellation, Commune
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.services import journal_add
from accesdirect.structures.models import PrescriberOrganisation

from . import journal
from .enums import ImmersionOutcome, ImmersionPurpose
from .models import (
    MAX_HOURS_PER_WEEK,
    Immersion,
    company_limit_error,
    duration_error,
    exceeds_company_limit,
    latest_end,
)

# The convention's terms that staff fill in and may correct before or during the immersion.
TERM_FIELDS = (
    "company",
    "tutor_name",
    "tutor_role",
    "tutor_phone",
    "tutor_email",
    "prescriber",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "schedule",
    "commune",
    "address",
    "purpose",
    "appellation",
    "objectives",
    "tasks",
    "assessment",
)


class ImmersionRefused(DomainError):
    """A rule of the convention refused the terms; `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclasses.dataclass
class ImmersionTerms:
    company: Company
    tutor_name: str
    tutor_phone: str
    starts_on: datetime.date
    ends_on: datetime.date
    purpose: ImmersionPurpose
    appellation: Appellation
    objectives: str
    tasks: str
    assessment: str
    tutor_role: str = ""
    tutor_email: str = ""
    prescriber: PrescriberOrganisation | None = None
    hours_per_week: Decimal | None = None
    schedule: str = ""
    commune: Commune | None = None  # by default, the company's
    address: str = ""  # by default, the company's when the commune is the company's


def _values(terms: ImmersionTerms) -> dict:
    # Not dataclasses.asdict(), which deep-copies the model instances.
    return {field.name: getattr(terms, field.name) for field in dataclasses.fields(terms)}


def _journal(immersion: Immersion, *, by, event: str, text: str = "", **params) -> None:
    """The one place that writes immersions into the person's journal (events: journal.py)."""
    journal_add(
        job_seeker=immersion.job_seeker,
        kind=JournalKind.IMMERSION,
        event=event,
        params={"company": immersion.company.name, **params},
        text=text,
        author=by,
    )


def _locked_seeker(job_seeker: JobSeeker) -> JobSeeker:
    # Lock the person's row: two CREs planning immersions of the same person at once queue
    # here, so that the second one counts the first one towards the limit per company.
    return JobSeeker.objects.select_for_update(of=("self",)).get(pk=job_seeker.pk)


def _checked(terms: ImmersionTerms, *, job_seeker: JobSeeker, exclude_pk: int | None) -> ImmersionTerms:
    """The terms with defaults filled in and the tutor's mobile in E.164, or ImmersionRefused."""
    if terms.company.structure_id != job_seeker.structure_id:
        raise ImmersionRefused(
            _("Cette personne et cette entreprise ne relèvent pas de la même structure."), field="company"
        )
    if terms.prescriber is not None and terms.prescriber.structure_id != job_seeker.structure_id:
        raise ImmersionRefused(_("Ce prescripteur relève d'une autre structure."), field="prescriber")
    if terms.purpose not in ImmersionPurpose.values:
        raise ImmersionRefused(_("Objet de l'immersion : valeur inconnue."), field="purpose")
    refusal = ranges.IMMERSION_START.refusal(terms.starts_on)
    if refusal:
        raise ImmersionRefused(refusal, field="starts_on")
    if terms.ends_on < terms.starts_on:
        raise ImmersionRefused(_("La fin de l'immersion ne peut pas précéder son début."), field="ends_on")
    if terms.ends_on > latest_end(terms.starts_on):
        raise ImmersionRefused(duration_error(terms.starts_on), field="ends_on")
    if terms.hours_per_week is None and not terms.schedule.strip():
        raise ImmersionRefused(_("Indiquez les heures par semaine ou les horaires."), field="hours_per_week")
    if terms.hours_per_week is not None and not 0 < terms.hours_per_week <= MAX_HOURS_PER_WEEK:
        raise ImmersionRefused(
            _("Les heures par semaine vont de 1 à %(max)s.") % {"max": MAX_HOURS_PER_WEEK},
            field="hours_per_week",
        )
    try:
        tutor_phone = normalize_mobile(terms.tutor_phone)
    except ValidationError as exc:
        raise ImmersionRefused(exc.messages[0], field="tutor_phone") from None
    starts = Immersion.objects.company_limit_starts(
        job_seeker_id=job_seeker.pk,
        company_id=terms.company.pk,
        around=terms.starts_on,
        exclude_pk=exclude_pk,
    )
    if exceeds_company_limit([*starts, terms.starts_on]):
        raise ImmersionRefused(company_limit_error(), field="starts_on")
    commune = terms.commune or terms.company.commune
    address = terms.address.strip()
    if not address and commune.pk == terms.company.commune_id:
        address = terms.company.address
    return dataclasses.replace(
        terms,
        tutor_name=terms.tutor_name.strip(),
        tutor_phone=tutor_phone,
        tutor_email=terms.tutor_email.strip(),
        commune=commune,
        address=address,
    )


@transaction.atomic
def immersion_create(*, job_seeker: JobSeeker, by, terms: ImmersionTerms) -> Immersion:
    """Plan an immersion of an accompanied person with a company (the convention's terms)."""
    job_seeker = _locked_seeker(job_seeker)
    if job_seeker.status == SeekerStatus.LEFT:
        raise ImmersionRefused(_("Cette personne n'est plus accompagnée : pas de nouvelle immersion."))
    terms = _checked(terms, job_seeker=job_seeker, exclude_pk=None)
    immersion = Immersion.objects.create(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        created_by=by,
        **_values(terms),
    )
    _journal(
        immersion,
        by=by,
        event=journal.PLANNED,
        start=immersion.starts_on,
        end=immersion.ends_on,
        job=immersion.appellation.label,
    )
    audit_record(by=by, action="immersion.created", target=immersion)
    return immersion


def terms_of(immersion: Immersion) -> ImmersionTerms:
    return ImmersionTerms(**{field: getattr(immersion, field) for field in TERM_FIELDS})


def _refuse_if_cancelled(immersion: Immersion) -> None:
    if immersion.is_cancelled:
        raise ImmersionRefused(_("Cette immersion est annulée."))


@transaction.atomic
def immersion_update(*, immersion: Immersion, by, terms: ImmersionTerms) -> Immersion:
    """Correct the terms of a planned or ongoing immersion (the same rules as when planned)."""
    job_seeker = _locked_seeker(immersion.job_seeker)
    immersion = Immersion.objects.select_for_update(of=("self",)).get(pk=immersion.pk)
    _refuse_if_cancelled(immersion)
    terms = _checked(terms, job_seeker=job_seeker, exclude_pk=immersion.pk)
    changed = [field for field in TERM_FIELDS if getattr(immersion, field) != getattr(terms, field)]
    if not changed:
        return immersion
    changes = audit_changes(immersion, {field: getattr(terms, field) for field in changed})
    for field in changed:
        setattr(immersion, field, getattr(terms, field))
    immersion.save(update_fields=changed)
    _journal(immersion, by=by, event=journal.CHANGED, fields=changed)
    audit_record(by=by, action="immersion.updated", target=immersion, params={"changes": changes})
    return immersion


@transaction.atomic
def immersion_cancel(*, immersion: Immersion, by, reason: str = "") -> Immersion:
    """Cancel an immersion that will not (or did not) take place: it no longer counts towards the
    limit per company. One with a review or an outcome did take place."""
    immersion = Immersion.objects.select_for_update(of=("self",)).get(pk=immersion.pk)
    _refuse_if_cancelled(immersion)
    if immersion.outcome or immersion.reviewed_on:
        raise ImmersionRefused(_("Une immersion dont le bilan ou la suite est enregistré ne s'annule pas."))
    immersion.cancelled_at = timezone.now()
    immersion.cancelled_by = by
    immersion.save(update_fields=["cancelled_at", "cancelled_by"])
    _journal(immersion, by=by, event=journal.CANCELLED, text=reason.strip())
    audit_record(by=by, action="immersion.cancelled", target=immersion, params={"reason": reason.strip()})
    return immersion


def _check_day(immersion: Immersion, day: datetime.date, *, field: str, today: datetime.date) -> None:
    if day < immersion.starts_on:
        raise ImmersionRefused(_("Cette date précède le début de l'immersion."), field=field)
    if day > today:
        raise ImmersionRefused(_("Cette date est dans le futur."), field=field)


@transaction.atomic
def immersion_record_review(
    *, immersion: Immersion, by, review: str, reviewed_on: datetime.date, today: datetime.date | None = None
) -> Immersion:
    """The end-of-immersion review: the tutor's assessment, as the tutor gave it."""
    immersion = Immersion.objects.select_for_update(of=("self",)).get(pk=immersion.pk)
    _refuse_if_cancelled(immersion)
    review = review.strip()
    if not review:
        raise ImmersionRefused(_("Indiquez l'appréciation du tuteur."), field="review")
    _check_day(immersion, reviewed_on, field="reviewed_on", today=today or paris_today())
    immersion.review, immersion.reviewed_on = review, reviewed_on
    immersion.save(update_fields=["review", "reviewed_on"])
    _journal(immersion, by=by, event=journal.REVIEWED, text=review, day=reviewed_on)
    audit_record(by=by, action="immersion.reviewed", target=immersion, params={"day": reviewed_on})
    return immersion


@transaction.atomic
def immersion_record_outcome(
    *,
    immersion: Immersion,
    by,
    outcome: ImmersionOutcome,
    outcome_on: datetime.date,
    today: datetime.date | None = None,
) -> Immersion:
    """What came of the immersion. A hire is only noted here: the employment itself is
    recorded separately by staff (offers), an immersion never puts the person in a job."""
    immersion = Immersion.objects.select_for_update(of=("self",)).get(pk=immersion.pk)
    _refuse_if_cancelled(immersion)
    if outcome not in ImmersionOutcome.values:
        raise ImmersionRefused(_("Suite donnée : valeur inconnue."), field="outcome")
    _check_day(immersion, outcome_on, field="outcome_on", today=today or paris_today())
    immersion.outcome, immersion.outcome_on = outcome, outcome_on
    immersion.save(update_fields=["outcome", "outcome_on"])
    _journal(immersion, by=by, event=journal.OUTCOME, day=outcome_on, outcome=ImmersionOutcome(outcome))
    audit_record(
        by=by,
        action="immersion.outcome_recorded",
        target=immersion,
        params={"outcome": outcome, "day": outcome_on},
    )
    return immersion
