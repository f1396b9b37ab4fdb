"""Employment (mise à l'emploi), its end, and the in-job follow-up.

A job is the person's situation, not their accompaniment: a person in a two-week interim is
still accompanied, matched and positionable, and is "without a job" again once its end is
recorded (or its planned end has passed)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.companies.models import Company
from accesdirect.core import ranges
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.core.versions import data_version_bump
from accesdirect.messaging.enums import Reply
from accesdirect.messaging.models import Message
from accesdirect.seekers.enums import JournalKind, PeriodEndReason, SeekerStatus
from accesdirect.seekers.models import JobSeeker, add_months
from accesdirect.seekers.services import close_current_period, journal_add
from accesdirect.seekers.services.people import locked_seeker
from accesdirect.structures.queries import structure_territories

from .. import journal as events
from .. import notifications
from ..enums import (
    ACTIVE_POSITIONING_STATUSES,
    Contract,
    EmploymentEndReason,
    OfferStatus,
    PositioningCloseReason,
    PositioningStatus,
)
from ..models import SURVIVAL_MONTHS, Employment, JobFollowUp, Offer, Positioning, PositioningStep

# Suivi dans le poste: check-ins planned after a start (in days, then in months).
FOLLOW_UP_AFTER_DAYS = (7,)
# A month: in the post; 6, 12, 24 and 48 months: the survival in employment of the study.
FOLLOW_UP_AFTER_MONTHS = (1, *SURVIVAL_MONTHS)


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
    The person is now in a job (their situation; they stay accompanied), the in-job follow-ups
    are planned, their other positionings close and their current PER ends."""
    if company is not None and company.structure_id != job_seeker.structure_id:
        raise DomainError(_("Cette personne et cette entreprise ne relèvent pas de la même structure."))
    if positioning is not None:
        if positioning.job_seeker_id != job_seeker.pk:
            raise DomainError(_("Ce positionnement concerne une autre personne."))
        if positioning.status != PositioningStatus.HIRED:
            raise DomainError(_("Un emploi s'enregistre sur un positionnement marqué « embauché·e »."))
    if contract not in Contract.values:
        raise DomainError(_("Contrat : valeur inconnue."))
    if contract == Contract.CDD and ends_on is None:
        raise DomainError(_("Un CDD a une date de fin : indiquez-la."))
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("La date de fin ne peut pas précéder la date de début."))
    ranges.EMPLOYMENT_START.check(starts_on, field="starts_on")
    for field, refusal in (
        ("ends_on", ends_on and ranges.contract_end_refusal(starts_on, ends_on)),
        ("hours_per_week", ranges.hours_refusal(hours_per_week)),
    ):
        if refusal:
            raise ranges.OutOfRange(refusal, field=field)
    # Lock the person: the hire closes their other positionings and their PER, and must not
    # interleave with an exit or another hire recorded at the same moment.
    job_seeker = locked_seeker(job_seeker)
    if job_seeker.status == SeekerStatus.LEFT:
        raise DomainError(
            _("Cette personne n'est plus accompagnée : une nouvelle prescription la fait revenir.")
        )

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
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.EMPLOYMENT,
        event=events.EMPLOYED_DURABLE if employment.is_durable else events.EMPLOYED,
        params={
            "title": employment.job_title,
            "employer": employment.employer_name,
            "contract": contract,
            "start": starts_on,
        },
        author=by,
        company=company,
    )
    audit_record(by=by, action="employment.recorded", target=employment, params={"contract": contract})
    _close_other_positionings(job_seeker, hired=positioning, by=by)
    # The PER ends with the hire: staff no longer get "PER ending" notices for this person.
    close_current_period(
        job_seeker=job_seeker, on=timezone.localdate(), reason=PeriodEndReason.EMPLOYMENT, by=by
    )
    # In a job now (matched after the people without one), other offers back on the market.
    data_version_bump(structure_id=job_seeker.structure_id)
    return employment


def _close_other_positionings(job_seeker: JobSeeker, *, hired: Positioning | None, by) -> None:
    """A person hired elsewhere leaves the other offers they were positioned on: each
    positioning is withdrawn with its reason, and its offer goes back on the market."""
    others = (
        Positioning.objects.select_for_update(of=("self",))
        .filter(job_seeker=job_seeker, status__in=ACTIVE_POSITIONING_STATUSES)
        .select_related("offer__company")
    )
    if hired is not None:
        others = others.exclude(pk=hired.pk)
    now = timezone.now()
    for positioning in others:
        positioning.status = PositioningStatus.WITHDRAWN
        positioning.ended_at = now
        positioning.closed_reason = PositioningCloseReason.HIRED_ELSEWHERE
        positioning.save(update_fields=["status", "ended_at", "closed_reason"])
        PositioningStep.objects.create(
            structure_id=positioning.structure_id,
            positioning=positioning,
            status=PositioningStatus.WITHDRAWN,
            at=now,
            by=by,
            note=str(PositioningCloseReason.HIRED_ELSEWHERE.label),
        )
        Offer.objects.filter(pk=positioning.offer_id, status=OfferStatus.POSITIONED).update(
            status=OfferStatus.OPEN
        )
        journal_add(
            job_seeker=job_seeker,
            kind=JournalKind.PROPOSAL,
            event=events.CLOSED_HIRED_ELSEWHERE,
            params={"title": positioning.offer.title, "company": positioning.offer.company.name},
            author=by,
            company=positioning.offer.company,
            occurred_at=now,
        )


@transaction.atomic
def employment_end(
    *, employment: Employment, ended_on: datetime.date, reason: EmploymentEndReason, by
) -> Employment:
    """Record that a job ended: the person is "without a job" again (still accompanied if
    they were), matched and positionable as before."""
    # Lock the employment: its end is written once, a second submit must not rewrite it.
    employment = (
        Employment.objects.select_for_update(of=("self",)).select_related("job_seeker").get(pk=employment.pk)
    )
    if employment.ended_on is not None:
        raise DomainError(_("La fin de cet emploi est déjà enregistrée."))
    if reason not in EmploymentEndReason.values:
        raise DomainError(_("Choisissez le motif de fin."))
    if ended_on < employment.starts_on:
        raise DomainError(
            _("Un emploi ne peut pas finir avant son début (%(day)s).")
            % {"day": employment.starts_on.strftime("%d/%m/%Y")}
        )
    if ended_on > timezone.localdate():
        raise DomainError(
            _("La fin d'un emploi s'enregistre une fois arrivée : la date ne peut pas être à venir.")
        )
    ranges.EMPLOYMENT_END.check(ended_on, field="ended_on")
    employment.ended_on = ended_on
    employment.end_reason = reason
    employment.save(update_fields=["ended_on", "end_reason"])
    # The check-ins in the post planned after the end have no object any more. The follow-ups
    # of survival stay: "still in a job, any job?" is asked precisely of the people whose first
    # job ended; dropping them would leave out exactly those and flatter the figures.
    employment.follow_ups.filter(done_on__isnull=True, due_on__gt=ended_on).exclude(
        due_on__in=employment.survival_due_dates()
    ).delete()
    journal_add(
        job_seeker=employment.job_seeker,
        kind=JournalKind.EMPLOYMENT,
        event=events.EMPLOYMENT_ENDED,
        params={
            "title": employment.job_title,
            "employer": employment.employer_name,
            "day": ended_on,
            "reason": reason,
        },
        author=by,
        company=employment.company,
    )
    audit_record(
        by=by, action="employment.ended", target=employment, params={"reason": reason, "day": ended_on}
    )
    data_version_bump(structure_id=employment.structure_id)  # Without a job again.
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
    *,
    follow_up: JobFollowUp,
    done_on: datetime.date,
    going_well: bool,
    notes: str,
    by,
    still_employed: bool | None = None,
    same_employer: bool | None = None,
) -> JobFollowUp:
    """Record a check-in made by hand. `still_employed` (in any job) and `same_employer` are the
    answers the survival in employment reads; unknown when not asked."""
    if same_employer is not None and still_employed is not True:
        raise DomainError(
            _("« Même employeur » se renseigne seulement pour une personne toujours en emploi.")
        )
    if done_on > timezone.localdate():
        raise DomainError(_("Un suivi s'enregistre une fois fait : la date ne peut pas être à venir."))
    ranges.RECORDED.check(done_on, field="done_on")
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
    follow_up.still_employed = still_employed
    follow_up.same_employer = same_employer
    follow_up.save(update_fields=["done_on", "going_well", "notes", "by", "still_employed", "same_employer"])

    employment = follow_up.employment
    journal_add(
        job_seeker=employment.job_seeker,
        kind=JournalKind.EMPLOYMENT,
        event=events.FOLLOW_UP_WELL if going_well else events.FOLLOW_UP_DIFFICULT,
        params={"title": employment.job_title, "employer": employment.employer_name},
        text=notes,
        author=by,
        company=employment.company,
    )
    return follow_up


# An answer by SMS to a follow-up of survival: (still in a job, same employer), its journal event.
_SMS_ANSWERS = {
    Reply.YES: (True, True, events.FOLLOW_UP_SMS_SAME_EMPLOYER),
    Reply.OTHER: (True, False, events.FOLLOW_UP_SMS_OTHER_EMPLOYER),
    Reply.NO: (False, None, events.FOLLOW_UP_SMS_NO_JOB),
}


@transaction.atomic
def job_follow_up_answer_by_sms(
    *, message: Message, reply: Reply, replied_at: datetime.datetime
) -> JobFollowUp | None:
    """The person's answer by SMS to a follow-up of survival in employment (registered with the
    outbox in OffersConfig.ready()): OUI, in a job with the same employer; AUTRE, with another;
    NON, no longer in a job. Recorded on the follow-up, by nobody, on the day of the answer in
    the structure's territory. A follow-up already recorded (by staff, or by an earlier answer)
    is left as it is: the answer stays on the message only. None when nothing was recorded."""
    follow_up_id = notifications.follow_up_id_of(message)
    if follow_up_id is None or reply not in _SMS_ANSWERS:
        return None
    with structure_scope(message.structure_id):
        # Locked as job_follow_up_record locks it: staff and the SMS never both record it.
        follow_up = (
            JobFollowUp.objects.select_for_update(of=("self",))
            .select_related("employment__job_seeker", "employment__company")
            .filter(pk=follow_up_id)
            .first()
        )
        if follow_up is None or follow_up.done_on is not None:
            return None  # Planned no more (a job's end drops the check-ins), or already recorded.
        still_employed, same_employer, event = _SMS_ANSWERS[reply]
        territory = structure_territories([message.structure_id])[message.structure_id]
        follow_up.done_on = territory.date(replied_at)
        follow_up.still_employed = still_employed
        follow_up.same_employer = same_employer
        follow_up.save(update_fields=["done_on", "still_employed", "same_employer"])
        employment = follow_up.employment
        journal_add(
            job_seeker=employment.job_seeker,
            kind=JournalKind.EMPLOYMENT,
            event=event,
            params={"title": employment.job_title, "employer": employment.employer_name},
            company=employment.company,
            occurred_at=replied_at,
        )
    return follow_up
