"""PER (période d'engagement réciproque) and the tripartite review."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accesdirect.core.errors import DomainError

from ..enums import FirstActionBy, JournalKind, PeriodStatus, ReviewOutcome, SeekerStatus, SignatureMethod
from ..models import MAX_PERIODS, EngagementPeriod, JobSeeker, TripartiteReview
from .journal import day_text, journal_add
from .people import locked_seeker

TOO_MANY_PERIODS = gettext_lazy("Trois PER au plus : après le troisième, un bilan tripartite est prévu.")
ALREADY_CURRENT = gettext_lazy(
    "Cette personne a déjà un PER en cours ou à signer : terminez-le avant d'en ouvrir un autre."
)


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
    """A new PER, to be signed: both sides write their objectives, two months at most."""
    job_seeker = locked_seeker(job_seeker)  # Serialises the numbering of the person's PERs.
    if (
        job_seeker.status != SeekerStatus.ACTIVE
        or not job_seeker.intakes.filter(completed_at__isnull=False).exists()
    ):
        raise DomainError(_("Un PER ne s'établit qu'avec une personne accompagnée, après l'accueil."))
    periods = list(job_seeker.periods.order_by("number"))
    if len(periods) >= MAX_PERIODS:
        raise DomainError(str(TOO_MANY_PERIODS))
    if any(period.status != PeriodStatus.ENDED for period in periods):
        raise DomainError(str(ALREADY_CURRENT))
    if ends_on <= starts_on:
        raise DomainError(_("La fin du PER doit être postérieure à son début."))
    period = EngagementPeriod(
        structure_id=job_seeker.structure_id,
        job_seeker=job_seeker,
        number=periods[-1].number + 1 if periods else 1,
        starts_on=starts_on,
        ends_on=ends_on,
        status=PeriodStatus.DRAFT,
        seeker_objectives=seeker_objectives,
        structure_objectives=structure_objectives,
    )
    if ends_on > period.latest_end:
        raise DomainError(
            _("Un PER dure deux mois au plus : il doit finir le %(day)s au plus tard.")
            % {"day": day_text(period.latest_end)}
        )
    try:
        with transaction.atomic():
            period.save(force_insert=True)
    except IntegrityError:  # The partial unique constraint: a current PER was written meanwhile.
        raise DomainError(str(ALREADY_CURRENT)) from None
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.PER,
        text=_("PER %(number)s établi, du %(start)s au %(end)s, à signer.")
        % {"number": period.number, "start": day_text(starts_on), "end": day_text(ends_on)},
        author=by,
    )
    return period


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
    period.status = PeriodStatus.ACTIVE
    period.signed_on = signed_on
    period.signature_method = signature_method
    period.signed_by = by
    period.save(update_fields=["status", "signed_on", "signature_method", "signed_by"])
    journal_add(
        job_seeker=period.job_seeker,
        kind=JournalKind.PER,
        text=_("PER %(number)s signé le %(day)s (%(method)s).")
        % {
            "number": period.number,
            "day": day_text(signed_on),
            "method": SignatureMethod(signature_method).label,
        },
        author=by,
    )
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
    period.first_action = action
    period.first_action_by = done_by
    period.first_action_on = done_on
    period.save(update_fields=["first_action", "first_action_by", "first_action_on"])
    journal_add(
        job_seeker=period.job_seeker,
        kind=JournalKind.PER,
        text=_("PER %(number)s, première action engageante (%(who)s, le %(day)s) : %(action)s")
        % {
            "number": period.number,
            "who": FirstActionBy(done_by).label.lower(),
            "day": day_text(done_on),
            "action": action,
        },
        author=by,
    )
    return period


@transaction.atomic
def period_end(*, period: EngagementPeriod, ended_on: datetime.date, by) -> EngagementPeriod:
    """End a PER. After the third one, if the person is not in a job, a tripartite review
    with the prescriber and the person is due."""
    period = _locked_period(period)
    if period.status != PeriodStatus.ACTIVE:
        raise DomainError(_("Seul un PER signé et en cours peut être terminé."))
    if ended_on < period.starts_on:
        raise DomainError(
            _("Un PER ne peut pas finir avant son début (%(day)s).") % {"day": day_text(period.starts_on)}
        )
    period.status = PeriodStatus.ENDED
    period.ended_on = ended_on
    period.save(update_fields=["status", "ended_on"])
    job_seeker = locked_seeker(period.job_seeker)
    text = _("PER %(number)s terminé le %(day)s.") % {"number": period.number, "day": day_text(ended_on)}
    if period.number >= MAX_PERIODS and job_seeker.status != SeekerStatus.IN_JOB:
        job_seeker.needs_tripartite_review = True
        job_seeker.save(update_fields=["needs_tripartite_review"])
        text += " " + _("Troisième PER sans emploi : bilan tripartite à organiser.")
    journal_add(job_seeker=job_seeker, kind=JournalKind.PER, text=text, author=by)
    period.job_seeker = job_seeker
    return period


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
    """End the current PER and draft the next one (to be signed at the meeting)."""
    if period.number >= MAX_PERIODS:
        raise DomainError(str(TOO_MANY_PERIODS))
    ended = period_end(period=period, ended_on=ended_on, by=by)
    return period_create(
        job_seeker=ended.job_seeker,
        starts_on=starts_on,
        ends_on=ends_on,
        seeker_objectives=seeker_objectives,
        structure_objectives=structure_objectives,
        by=by,
    )


@transaction.atomic
def tripartite_review_record(
    *,
    job_seeker: JobSeeker,
    held_on: datetime.date,
    outcome: ReviewOutcome,
    organisation=None,
    notes: str = "",
    by,
) -> TripartiteReview:
    """The review with the prescriber and the person: clears the flag; an exit ends the
    accompaniment."""
    job_seeker = locked_seeker(job_seeker)
    if organisation is not None and organisation.structure_id != job_seeker.structure_id:
        raise DomainError(_("Ce prescripteur ne travaille pas avec cette structure."))
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
    if outcome == ReviewOutcome.EXIT:
        job_seeker.status = SeekerStatus.LEFT
        fields.append("status")
    job_seeker.save(update_fields=fields)
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.REVIEW,
        text=_("Bilan tripartite du %(day)s : %(outcome)s.")
        % {"day": day_text(held_on), "outcome": ReviewOutcome(outcome).label},
        author=by,
    )
    return review
