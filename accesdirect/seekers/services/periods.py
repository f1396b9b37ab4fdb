"""PER (période d'engagement réciproque), cycles of PERs and the tripartite review."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accesdirect.core import ranges
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError

from .. import journal as events
from ..enums import (
    ExitReason,
    FirstActionBy,
    JournalKind,
    PeriodEndReason,
    PeriodStatus,
    ReviewOutcome,
    SeekerStatus,
    SignatureMethod,
)
from ..models import (
    MAX_PERIODS,
    EngagementPeriod,
    JobSeeker,
    TripartiteReview,
    misplaced_periods,
    period_start_refusal,
)
from .journal import journal_add
from .people import file_opened_on, job_seeker_exit, locked_seeker

TOO_MANY_PERIODS = gettext_lazy(
    "Trois PER au plus par cycle : après le troisième, un bilan tripartite décide de la suite."
)
ALREADY_CURRENT = gettext_lazy(
    "Cette personne a déjà un PER en cours ou à signer : terminez-le avant d'en ouvrir un autre."
)
CURRENT_STATUSES = (PeriodStatus.DRAFT, PeriodStatus.ACTIVE)


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


@transaction.atomic
def period_create(
    *,
    job_seeker: JobSeeker,
    starts_on: datetime.date,
    ends_on: datetime.date,
    seeker_objectives: str,
    structure_objectives: str,
    by,
) -> EngagementPeriod:
    """A new PER of the person's current cycle, to be signed: both sides write their
    objectives, two months at most, starting on or after the end of the previous one."""
    job_seeker = locked_seeker(job_seeker)  # Serialises the numbering of the person's PERs.
    if (
        job_seeker.status != SeekerStatus.ACTIVE
        or not job_seeker.intakes.filter(completed_at__isnull=False).exists()
    ):
        raise DomainError(_("Un PER ne s'établit qu'avec une personne accompagnée, après l'accueil."))
    if job_seeker.needs_tripartite_review:
        raise DomainError(
            _("Un bilan tripartite est à faire : il décide de la suite avant tout nouveau PER.")
        )
    if job_seeker.periods.filter(status__in=CURRENT_STATUSES).exists():
        raise DomainError(str(ALREADY_CURRENT))
    in_cycle = job_seeker.periods.filter(cycle=job_seeker.cycle).count()
    if in_cycle >= MAX_PERIODS:
        raise DomainError(str(TOO_MANY_PERIODS))
    refusal = period_start_refusal(starts_on, today=timezone.localdate())
    if refusal:
        raise DomainError(str(refusal))
    if ends_on <= starts_on:
        raise DomainError(_("La fin du PER doit être postérieure à son début."))
    period = EngagementPeriod(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        cycle=job_seeker.cycle,
        number=in_cycle + 1,
        starts_on=starts_on,
        ends_on=ends_on,
        status=PeriodStatus.DRAFT,
        seeker_objectives=seeker_objectives,
        structure_objectives=structure_objectives,
    )
    if ends_on > period.latest_end:
        raise DomainError(
            _("Un PER dure deux mois au plus : il doit finir le %(day)s au plus tard.")
            % {"day": _day(period.latest_end)}
        )
    previous = misplaced_periods(period).order_by("-end").values_list("end", flat=True).first()
    if previous is not None:
        raise DomainError(
            _("Un PER commence après la fin du précédent : le %(day)s au plus tôt.") % {"day": _day(previous)}
        )
    try:
        with transaction.atomic():
            period.save(force_insert=True)
    except IntegrityError:  # The partial unique constraint: a current PER was written meanwhile.
        raise DomainError(str(ALREADY_CURRENT)) from None
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.PER,
        event=events.PERIOD_CREATED,
        params={"number": period.number, "start": starts_on, "end": ends_on},
        author=by,
    )
    audit_record(by=by, action="period.created", target=job_seeker, params={"period": period.pk})
    return period


def default_period_dates(
    job_seeker: JobSeeker, *, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The dates proposed for a new PER: from today, or from the end of the previous one if
    later, to two months minus one day after (1 December → 31 January)."""
    last = job_seeker.periods.order_by("-cycle", "-number").first()
    starts_on = max(today, last.effective_end) if last else today
    period = EngagementPeriod(starts_on=starts_on)
    return starts_on, period.latest_end


def _locked_period(period: EngagementPeriod) -> EngagementPeriod:
    # Lock the PER: its status moves draft → active → ended once; a double submit or two
    # CREs at once must see the state the other left, not overwrite it.
    return (
        EngagementPeriod.objects.select_for_update(of=("self",))
        .select_related("job_seeker")
        .get(pk=period.pk)
    )


@transaction.atomic
def period_sign(
    *, period: EngagementPeriod, signed_on: datetime.date, signature_method: SignatureMethod, by
) -> EngagementPeriod:
    period = _locked_period(period)
    if period.status != PeriodStatus.DRAFT:
        raise DomainError(_("Ce PER est déjà signé."))
    ranges.RECORDED.check(signed_on, field="signed_on")
    period.status = PeriodStatus.ACTIVE
    period.signed_on = signed_on
    period.signature_method = signature_method
    period.signed_by = by
    period.save(update_fields=["status", "signed_on", "signature_method", "signed_by"])
    journal_add(
        job_seeker=period.job_seeker,
        kind=JournalKind.PER,
        event=events.PERIOD_SIGNED,
        params={"number": period.number, "day": signed_on, "method": signature_method},
        author=by,
    )
    audit_record(by=by, action="period.signed", target=period.job_seeker, params={"period": period.pk})
    return period


@transaction.atomic
def period_record_first_action(
    *, period: EngagementPeriod, action: str, done_by: FirstActionBy, done_on: datetime.date, by
) -> EngagementPeriod:
    """Whichever side first completes their first engaging action tells the other: record
    who did it and when."""
    period = _locked_period(period)
    if period.status != PeriodStatus.ACTIVE:
        raise DomainError(_("La première action engageante s'enregistre sur un PER signé et en cours."))
    if period.first_action_by:
        raise DomainError(_("La première action engageante de ce PER est déjà enregistrée."))
    if done_on > timezone.localdate():
        raise DomainError(_("La première action engageante ne peut pas être datée dans le futur."))
    ranges.RECORDED.check(done_on, field="done_on")
    period.first_action = action
    period.first_action_by = done_by
    period.first_action_on = done_on
    period.save(update_fields=["first_action", "first_action_by", "first_action_on"])
    journal_add(
        job_seeker=period.job_seeker,
        kind=JournalKind.PER,
        event=events.PERIOD_FIRST_ACTION,
        params={"number": period.number, "who": done_by, "day": done_on},
        text=action,
        author=by,
    )
    return period


def _end(period: EngagementPeriod, *, ended_on: datetime.date, reason: PeriodEndReason, by) -> None:
    # A PER never ends after its term: recorded later, it ended at its term.
    ended_on = max(period.starts_on, min(ended_on, period.ends_on))
    period.status = PeriodStatus.ENDED
    period.ended_on = ended_on
    period.end_reason = reason
    period.save(update_fields=["status", "ended_on", "end_reason"])
    journal_add(
        job_seeker=period.job_seeker,
        kind=JournalKind.PER,
        event=events.PERIOD_ENDED,
        params={"number": period.number, "day": ended_on, "reason": reason},
        author=by,
    )
    audit_record(
        by=by, action="period.ended", target=period.job_seeker, params={"period": period.pk, "reason": reason}
    )


@transaction.atomic
def period_end(
    *, period: EngagementPeriod, ended_on: datetime.date, by, reason: PeriodEndReason = PeriodEndReason.TERM
) -> EngagementPeriod:
    """End a signed PER. After the third of a cycle, unless it ended with a job or an exit,
    a tripartite review with the prescriber and the person is due."""
    period = _locked_period(period)
    if period.status != PeriodStatus.ACTIVE:
        raise DomainError(_("Seul un PER signé et en cours peut être terminé."))
    if ended_on < period.starts_on:
        raise DomainError(
            _("Un PER ne peut pas finir avant son début (%(day)s).") % {"day": _day(period.starts_on)}
        )
    ranges.RECORDED.check(ended_on, field="ended_on")
    job_seeker = locked_seeker(period.job_seeker)
    period.job_seeker = job_seeker
    _end(period, ended_on=ended_on, reason=reason, by=by)
    if period.number >= MAX_PERIODS and reason in (PeriodEndReason.TERM, PeriodEndReason.OTHER):
        job_seeker.needs_tripartite_review = True
        job_seeker.save(update_fields=["needs_tripartite_review"])
        journal_add(job_seeker=job_seeker, kind=JournalKind.REVIEW, event=events.REVIEW_DUE, author=by)
    return period


def close_current_period(*, job_seeker: JobSeeker, on: datetime.date, reason: PeriodEndReason, by) -> None:
    """End the person's current PER, signed or still to sign, because of a hire or an exit.
    The caller holds the person's row lock."""
    period = job_seeker.periods.select_for_update(of=("self",)).filter(status__in=CURRENT_STATUSES).first()
    if period is not None:
        period.job_seeker = job_seeker
        _end(period, ended_on=on, reason=reason, by=by)


@transaction.atomic
def period_renew(
    *,
    period: EngagementPeriod,
    ended_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    seeker_objectives: str,
    structure_objectives: str,
    by,
) -> EngagementPeriod:
    """End the current PER and draft the next one of the cycle (to be signed at the meeting)."""
    if period.number >= MAX_PERIODS:
        raise DomainError(str(TOO_MANY_PERIODS))
    ended = period_end(period=period, ended_on=ended_on, reason=PeriodEndReason.RENEWED, by=by)
    return period_create(
        job_seeker=ended.job_seeker,
        starts_on=starts_on,
        ends_on=ends_on,
        seeker_objectives=seeker_objectives,
        structure_objectives=structure_objectives,
        by=by,
    )


@transaction.atomic
def tripartite_review_request(*, job_seeker: JobSeeker, by) -> JobSeeker:
    """Ask for a review before the end of the cycle (the team sees it is needed)."""
    job_seeker = locked_seeker(job_seeker)
    if job_seeker.status != SeekerStatus.ACTIVE:
        raise DomainError(_("Un bilan tripartite se fait avec une personne accompagnée."))
    if job_seeker.needs_tripartite_review:
        raise DomainError(_("Un bilan tripartite est déjà à organiser."))
    job_seeker.needs_tripartite_review = True
    job_seeker.save(update_fields=["needs_tripartite_review"])
    journal_add(job_seeker=job_seeker, kind=JournalKind.REVIEW, event=events.REVIEW_REQUESTED, author=by)
    audit_record(by=by, action="review.requested", target=job_seeker)
    return job_seeker


@transaction.atomic
def tripartite_review_record(
    *,
    job_seeker: JobSeeker,
    held_on: datetime.date,
    outcome: ReviewOutcome,
    exit_reason: ExitReason = ExitReason.PERIODS_ENDED,
    organisation=None,
    notes: str = "",
    by,
) -> TripartiteReview:
    """The review with the prescriber and the person, when one is due. Its decision acts:
    a new cycle allows three new PERs, "continue" goes on with the PERs left in the cycle,
    an exit ends the accompaniment with its reason."""
    job_seeker = locked_seeker(job_seeker)
    if not job_seeker.needs_tripartite_review or job_seeker.status != SeekerStatus.ACTIVE:
        raise DomainError(_("Aucun bilan tripartite n'est à faire pour cette personne."))
    if organisation is not None and organisation.structure_id != job_seeker.structure_id:
        raise DomainError(_("Ce prescripteur ne travaille pas avec cette structure."))
    if held_on > timezone.localdate():
        raise DomainError(_("Un bilan s'enregistre une fois tenu : la date ne peut pas être à venir."))
    if held_on < file_opened_on(job_seeker):
        raise DomainError(
            _("Le bilan ne peut pas précéder l'ouverture du dossier (%(day)s).")
            % {"day": _day(file_opened_on(job_seeker))}
        )
    if outcome not in ReviewOutcome.values:
        raise DomainError(_("Choisissez la décision du bilan."))
    if (
        outcome == ReviewOutcome.CONTINUE
        and job_seeker.periods.filter(cycle=job_seeker.cycle).count() >= MAX_PERIODS
    ):
        raise DomainError(
            _(
                "Les trois PER du cycle sont faits : le bilan ouvre un nouveau cycle "
                "ou met fin à l'accompagnement."
            )
        )
    review = TripartiteReview.objects.create(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        organisation=organisation,
        held_on=held_on,
        outcome=outcome,
        notes=notes,
        by=by,
    )
    job_seeker.needs_tripartite_review = False
    fields = ["needs_tripartite_review"]
    if outcome == ReviewOutcome.NEW_CYCLE:
        job_seeker.cycle += 1
        fields.append("cycle")
    job_seeker.save(update_fields=fields)
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.REVIEW,
        event=events.REVIEW_HELD,
        params={"day": held_on, "outcome": outcome},
        text=notes,
        author=by,
    )
    audit_record(by=by, action="review.recorded", target=job_seeker, params={"outcome": outcome})
    if outcome == ReviewOutcome.EXIT:
        job_seeker_exit(job_seeker=job_seeker, reason=exit_reason, exited_on=held_on, by=by)
    return review
