"""Employment (mise à l'emploi) and the in-job follow-up."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JobSeeker, add_months
from accesdirect.seekers.services import journal_add

from ..enums import (
    Contract,
    PositioningStatus,
)
from ..models import Employment, JobFollowUp, Positioning, is_durable

# Suivi dans le poste: check-ins planned after a start (in days, then in months).
FOLLOW_UP_AFTER_DAYS = (7,)
FOLLOW_UP_AFTER_MONTHS = (1, 6)


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
