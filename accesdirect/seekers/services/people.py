"""The person: referral (prescription), identity, intake (accueil) and target jobs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accesdirect.core import ranges
from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.errors import DomainError
from accesdirect.core.phones import normalize_mobile
from accesdirect.core.versions import data_version_bump

from .. import journal as events
from ..enums import (
    ExitReason,
    JournalKind,
    PeriodEndReason,
    Programme,
    SeekerStatus,
    WorkCondition,
    WorkingTime,
)
from ..models import MIN_TARGET_JOBS, Intake, JobSeeker, Referral, TargetJob
from ..queries import possible_duplicates
from .journal import journal_add

# Identity, mobility and wishes: what a referral may fill in and a CRE may edit later.
SEEKER_DETAIL_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "birth_date",
        "phone",
        "offer_alerts",
        "email",
        "commune",
        "site",
        "driving_licence",
        "has_vehicle",
        "max_commute_km",
        "wanted_contracts",
        "wanted_working_time",
        "unavailable_conditions",
        "availability",
        "education_level",
        "programme",
        "unemployed_since",
        "rsa_since",
        "wishes",
        "know_how",
    }
)


def _mobile_or_refuse(raw: str) -> str:
    if not raw:
        return ""
    try:
        return normalize_mobile(raw)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from None


def _value_list(values, allowed: set[str] | None, message: str) -> list[str]:
    """A list of distinct choice values, in the order given; `allowed` None checks the shape
    only (the offers' contracts: their values are checked by the form, the edge that knows
    them, since this app sits below the offers)."""
    if not isinstance(values, list | tuple) or not all(isinstance(value, str) for value in values):
        raise DomainError(message)
    if allowed is not None and not set(values) <= allowed:
        raise DomainError(message)
    return list(dict.fromkeys(values))


# The dates of a person's file and their plausible windows (core.ranges).
DETAIL_WINDOWS = {
    "birth_date": ranges.BIRTH,
    "unemployed_since": ranges.SITUATION_SINCE,
    "rsa_since": ranges.SITUATION_SINCE,
}


def _checked_wishes(details: dict) -> dict:
    """The matching wishes of a person, refused in French when a value is not a known choice,
    and their dates and distances when implausible."""
    details = dict(details)
    for field, window in DETAIL_WINDOWS.items():
        window.check(details.get(field), field=field)
    commute = details.get("max_commute_km")
    if commute is not None and not 1 <= commute <= ranges.MAX_COMMUTE_KM:
        raise ranges.OutOfRange(
            _("Le trajet maximum va de 1 à %(max)s km.") % {"max": ranges.MAX_COMMUTE_KM},
            field="max_commute_km",
        )
    if "wanted_contracts" in details:
        details["wanted_contracts"] = _value_list(
            details["wanted_contracts"], None, _("Contrats souhaités : valeur inconnue.")
        )
    if "unavailable_conditions" in details:
        details["unavailable_conditions"] = _value_list(
            details["unavailable_conditions"],
            set(WorkCondition.values),
            _("Conditions de travail impossibles : valeur inconnue."),
        )
    if "wanted_working_time" in details and details["wanted_working_time"] not in WorkingTime.values:
        raise DomainError(_("Temps de travail souhaité : valeur inconnue."))
    return details


def file_opened_on(job_seeker: JobSeeker) -> datetime.date:
    """The day the person's current accompaniment began: their latest referral, else the day
    the file was created. Nothing of this accompaniment is dated before it."""
    latest = job_seeker.referrals.order_by("-referred_on").values_list("referred_on", flat=True).first()
    return latest or timezone.localdate(job_seeker.created_at)


def locked_seeker(job_seeker: JobSeeker) -> JobSeeker:
    # Lock the person's row: their status, flag and periods change together, and two CREs
    # acting at once on the same person must queue instead of overwriting each other.
    return JobSeeker.objects.select_for_update(of=("self",)).get(pk=job_seeker.pk)


class PossibleDuplicate(DomainError):
    """The person may already have a file in the structure: offer it (a re-entry) rather than
    open a second file. There is no NIR by design, so the same mobile, or the same name and
    birth date (accents and case folded), is what tells."""

    status_code = 409

    def __init__(self, candidates: list[JobSeeker]):
        super().__init__(
            _("Cette personne a peut-être déjà un dossier : reprenez-le plutôt que d'en ouvrir un second.")
        )
        self.candidates = candidates


@transaction.atomic
def referral_create(
    *,
    structure,
    organisation,
    programme: Programme,
    referred_on: datetime.date,
    by,
    first_name: str = "",
    last_name: str = "",
    commune=None,
    prescriber_name: str = "",
    notes: str = "",
    job_seeker: JobSeeker | None = None,
    new_file_confirmed: bool = False,
    **seeker_details,
) -> Referral:
    """A prescriber refers a person. Every referred person is taken: there is no selection
    step and no refusal on profile.

    With `job_seeker`, the referral is added to that person's existing file: a person who had
    left re-enters the accompaniment (referred again, a new cycle of PERs), their history kept.
    Without it, a new file is opened, REFERRED and waiting for intake, unless the same person
    seems to be on file already (PossibleDuplicate lists them; `new_file_confirmed` opens a new
    file anyway, for two different people who share a name and a birth date)."""
    unknown = set(seeker_details) - SEEKER_DETAIL_FIELDS
    if unknown:
        raise TypeError(f"Unknown job seeker fields: {sorted(unknown)}")
    if organisation.structure_id != structure.pk:
        raise DomainError(_("Ce prescripteur ne travaille pas avec cette structure."))
    ranges.RECORDED.check(referred_on, field="referred_on")
    if job_seeker is not None:
        if job_seeker.structure_id != structure.pk:
            raise DomainError(_("Cette personne n'est pas suivie par cette structure."))
        job_seeker = _reenter(job_seeker, programme=programme)
    else:
        if not (first_name.strip() and last_name.strip() and commune is not None):
            raise DomainError(_("Le prénom, le nom et la commune de la personne sont nécessaires."))
        seeker_details.pop("programme", None)
        seeker_details = _checked_wishes(seeker_details)
        seeker_details["phone"] = _mobile_or_refuse(seeker_details.get("phone", ""))
        if not new_file_confirmed:
            candidates = list(
                possible_duplicates(
                    phone=seeker_details["phone"],
                    first_name=first_name,
                    last_name=last_name,
                    birth_date=seeker_details.get("birth_date"),
                )
            )
            if candidates:
                raise PossibleDuplicate(candidates)
        job_seeker = JobSeeker.objects.create(
            structure_id=structure.pk,
            first_name=first_name,
            last_name=last_name,
            commune=commune,
            programme=programme,
            status=SeekerStatus.REFERRED,
            **seeker_details,
        )
    referral = Referral.objects.create(
        structure_id=structure.pk,
        job_seeker=job_seeker,
        organisation=organisation,
        prescriber_name=prescriber_name,
        programme=programme,
        referred_on=referred_on,
        accepted_on=timezone.localdate(),
        notes=notes,
    )
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.REFERRAL,
        event=events.REENTERED if job_seeker.referrals.count() > 1 else events.REFERRED,
        params={"organisation": organisation.name, "programme": programme, "day": referred_on},
        author=by,
    )
    audit_record(
        by=by,
        action="seeker.reentered" if job_seeker.referrals.count() > 1 else "seeker.referred",
        target=job_seeker,
        params={"referral": referral.pk, "organisation": organisation.name},
    )
    return referral


def _reenter(job_seeker: JobSeeker, *, programme: Programme) -> JobSeeker:
    """A new referral of a person on file. One who had left comes back REFERRED (a new intake,
    then a new cycle of PERs); one still in the file keeps their accompaniment."""
    job_seeker = locked_seeker(job_seeker)
    if job_seeker.status != SeekerStatus.LEFT:
        return job_seeker
    job_seeker.status = SeekerStatus.REFERRED
    job_seeker.exit_reason = ""
    job_seeker.exited_on = None
    job_seeker.programme = programme
    job_seeker.needs_tripartite_review = False
    fields = ["status", "exit_reason", "exited_on", "programme", "needs_tripartite_review"]
    if job_seeker.periods.filter(cycle=job_seeker.cycle).exists():
        job_seeker.cycle += 1
        fields.append("cycle")
    job_seeker.save(update_fields=fields)
    return job_seeker


# What must be settled before a person leaves, checked by the apps above this one (offers: an
# active positioning), which register here from their AppConfig.ready(): seekers names none.
EXIT_CHECKS: list = []


def register_exit_check(check) -> None:
    """`check(job_seeker)` raises a DomainError when the person may not leave yet."""
    if check not in EXIT_CHECKS:
        EXIT_CHECKS.append(check)


@transaction.atomic
def job_seeker_exit(*, job_seeker: JobSeeker, reason: ExitReason, exited_on: datetime.date, by) -> JobSeeker:
    """End the accompaniment, with its reason. The current PER ends with it; what the apps
    above hold for the person must be settled first (EXIT_CHECKS: e.g. a positioning, whose
    offer's market is theirs until the outcome, principle B)."""
    from .periods import close_current_period  # periods imports this module.

    job_seeker = locked_seeker(job_seeker)
    if job_seeker.status == SeekerStatus.LEFT:
        raise DomainError(_("Cette personne n'est déjà plus accompagnée."))
    if reason not in ExitReason.values:
        raise DomainError(_("Choisissez le motif de sortie."))
    if exited_on > timezone.localdate():
        raise DomainError(_("La sortie s'enregistre le jour même ou après coup, pas à l'avance."))
    if exited_on < file_opened_on(job_seeker):
        raise DomainError(
            _("La sortie ne peut pas précéder la dernière prescription (%(day)s).")
            % {"day": file_opened_on(job_seeker).strftime("%d/%m/%Y")}
        )
    for check in EXIT_CHECKS:
        check(job_seeker)  # Raises a DomainError when something of a higher app holds the person.
    close_current_period(job_seeker=job_seeker, on=exited_on, reason=PeriodEndReason.EXIT, by=by)
    job_seeker.status = SeekerStatus.LEFT
    job_seeker.exit_reason = reason
    job_seeker.exited_on = exited_on
    job_seeker.needs_tripartite_review = False
    job_seeker.save(update_fields=["status", "exit_reason", "exited_on", "needs_tripartite_review"])
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.EXIT,
        event=events.EXITED,
        params={"day": exited_on, "reason": reason},
        author=by,
    )
    audit_record(
        by=by, action="seeker.exited", target=job_seeker, params={"reason": reason, "day": exited_on}
    )
    data_version_bump(structure_id=job_seeker.structure_id)  # The person leaves the matching pool.
    return job_seeker


@transaction.atomic
def job_seeker_update(*, job_seeker: JobSeeker, changes: dict, by) -> JobSeeker:
    """Edit a person's identity, mobility and wishes. Only the changed fields are written,
    so that two CREs editing different facts of the same person do not undo each other."""
    unknown = set(changes) - SEEKER_DETAIL_FIELDS
    if unknown:
        raise TypeError(f"Unknown job seeker fields: {sorted(unknown)}")
    changes = _checked_wishes(changes)
    if "phone" in changes:
        changes = {**changes, "phone": _mobile_or_refuse(changes["phone"])}
    changed = audit_changes(job_seeker, changes)
    for field, value in changes.items():
        setattr(job_seeker, field, value)
    if changes:
        job_seeker.save(update_fields=list(changes))
    if changed:
        audit_record(by=by, action="seeker.updated", target=job_seeker, params={"changes": changed})
    if changes:
        data_version_bump(structure_id=job_seeker.structure_id)  # Commune, mobility, wishes: matched.
    return job_seeker


# --- Intake (accueil) and target jobs ---------------------------------------------------


def open_intake(job_seeker: JobSeeker) -> Intake | None:
    return job_seeker.intakes.filter(completed_at__isnull=True).order_by("-pk").first()


@transaction.atomic
def intake_start(*, job_seeker: JobSeeker, held_on: datetime.date, by, notes: str = "") -> Intake:
    """Someone always receives a newcomer: start (or continue) the person's intake."""
    if job_seeker.status != SeekerStatus.REFERRED:
        raise DomainError(_("L'accueil de cette personne est déjà fait."))
    ranges.RECORDED.check(held_on, field="held_on")
    existing = open_intake(job_seeker)
    if existing is not None:
        return existing
    return Intake.objects.create(
        structure_id=job_seeker.structure_id, job_seeker=job_seeker, held_on=held_on, by=by, notes=notes
    )


@transaction.atomic
def target_job_add(
    *, job_seeker: JobSeeker, appellation, commune, has_experience: bool = False, by
) -> TargetJob:
    """A realistic target job: a ROME appellation in an area the person can reach."""
    if job_seeker.status == SeekerStatus.LEFT:
        raise DomainError(_("Cette personne n'est plus accompagnée."))
    if job_seeker.target_jobs.filter(appellation=appellation).exists():
        raise DomainError(_("« %(job)s » est déjà un poste visé.") % {"job": appellation.label})
    try:
        with transaction.atomic():
            target_job = TargetJob.objects.create(
                structure_id=job_seeker.structure_id,
                job_seeker=job_seeker,
                appellation=appellation,
                commune=commune,
                has_experience=has_experience,
            )
    except IntegrityError:  # Added at the same moment by someone else.
        raise DomainError(_("« %(job)s » est déjà un poste visé.") % {"job": appellation.label}) from None
    if job_seeker.status != SeekerStatus.REFERRED:  # During intake, the intake's entry lists them.
        journal_add(
            job_seeker=job_seeker,
            kind=JournalKind.NOTE,
            event=events.TARGET_JOB_ADDED,
            params={"job": appellation.label},
            author=by,
        )
    audit_record(by=by, action="target_job.added", target=job_seeker, params={"job": appellation.label})
    data_version_bump(structure_id=job_seeker.structure_id)
    return target_job


@transaction.atomic
def target_job_remove(*, target_job: TargetJob, by) -> None:
    job_seeker = locked_seeker(target_job.job_seeker)
    # Principle C: once the intake is done, the person always keeps three target jobs.
    if job_seeker.status != SeekerStatus.REFERRED and job_seeker.target_jobs.count() <= MIN_TARGET_JOBS:
        raise DomainError(
            _("Au moins trois postes visés : ajoutez-en un autre avant de retirer « %(job)s ».")
            % {"job": target_job.appellation.label}
        )
    label = target_job.appellation.label
    target_job.delete()
    if job_seeker.status != SeekerStatus.REFERRED:
        journal_add(
            job_seeker=job_seeker,
            kind=JournalKind.NOTE,
            event=events.TARGET_JOB_REMOVED,
            params={"job": label},
            author=by,
        )
    audit_record(by=by, action="target_job.removed", target=job_seeker, params={"job": label})
    data_version_bump(structure_id=job_seeker.structure_id)


@transaction.atomic
def intake_complete(
    *,
    intake: Intake,
    by,
    frame_explained: bool | None = None,
    agreed_to_engage: bool | None = None,
    notes: str | None = None,
) -> Intake:
    """End the intake: at least three target jobs, frame explained, agreement to engage.
    The person becomes accompanied (ACTIVE). The optional arguments record the last answers
    of the intake form in the same transaction."""
    # Lock the intake: completing it twice (double submit) must not write two journal entries.
    intake = Intake.objects.select_for_update(of=("self",)).get(pk=intake.pk)
    if intake.completed_at is not None:
        raise DomainError(_("Cet accueil est déjà terminé."))
    job_seeker = locked_seeker(intake.job_seeker)
    # Only a referred person's intake completes: it must not bring back a person who left
    # (a re-entry goes through a new referral) nor restart one already accompanied.
    if job_seeker.status != SeekerStatus.REFERRED:
        raise DomainError(_("L'accueil ne se termine que pour une personne prescrite, en attente d'accueil."))
    fields = []
    for name, value in (
        ("frame_explained", frame_explained),
        ("agreed_to_engage", agreed_to_engage),
        ("notes", notes),
    ):
        if value is not None:
            setattr(intake, name, value)
            fields.append(name)
    target_jobs = list(job_seeker.target_jobs.select_related("appellation").order_by("pk"))
    if len(target_jobs) < MIN_TARGET_JOBS:
        raise DomainError(
            _(
                "Au moins trois postes visés réalistes sont nécessaires pour terminer l'accueil "
                "(%(count)s pour l'instant)."
            )
            % {"count": len(target_jobs)}
        )
    if not intake.frame_explained:
        raise DomainError(_("Le cadre de l'accompagnement doit avoir été expliqué à la personne."))
    if not intake.agreed_to_engage:
        raise DomainError(_("La personne doit avoir donné son accord pour s'engager."))
    intake.completed_at = timezone.now()
    intake.save(update_fields=[*fields, "completed_at"])
    job_seeker.status = SeekerStatus.ACTIVE
    job_seeker.save(update_fields=["status"])
    referral = job_seeker.referrals.filter(intake_on__isnull=True).order_by("-referred_on", "-pk").first()
    if referral is not None:
        referral.intake_on = intake.held_on
        referral.save(update_fields=["intake_on"])
    journal_add(
        job_seeker=job_seeker,
        kind=JournalKind.INTAKE,
        event=events.INTAKE_COMPLETED,
        params={"jobs": ", ".join(target.appellation.label for target in target_jobs)},
        author=by,
    )
    audit_record(by=by, action="seeker.intake_completed", target=job_seeker)
    data_version_bump(structure_id=job_seeker.structure_id)  # Accompanied: in the matching pool.
    return intake
