"""One person, one file: the direction merges two files of the same person.

Everything of the merged file moves to the kept one (journal, referrals, intakes, target jobs,
PERs, reviews, appointments, messages, and the rows of the apps above this one: positionings,
employments, immersions...), then the merged file is deleted. The rules of a person's path must
still hold afterwards: PERs never overlap and keep their order (the merged PERs become cycles
before or after the kept ones, as their dates dictate), one current PER at most, one file per
structure.

The apps above seekers own rows that point at a person; this module never names them (the
layering): each registers a "merge mover" in its own `merge` module, discovered by
SeekersConfig.ready(), that moves its rows and says how many it moved.
"""

import datetime
from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accesdirect.core.audit import audit_record, register_actions
from accesdirect.core.errors import DomainError
from accesdirect.core.versions import data_version_bump
from accesdirect.messaging.enums import Subject
from accesdirect.messaging.models import Message

from ..enums import JournalKind, PeriodStatus, SeekerStatus
from ..journal import journal_event
from ..models import EngagementPeriod, JobSeeker
from .journal import journal_add
from .people import locked_seeker

MERGED = journal_event(
    "seekers.merged",
    gettext_lazy(
        "Le dossier en double de %(name)s (n° %(file)s) a été fusionné dans celui-ci : "
        "son historique est repris ici."
    ),
)
ACTION = "job_seeker.merged"

# A mover moves the rows of one app from `merged` to `kept` and returns their count per model
# label ("offers.positioning": 2). It runs inside the merge's transaction, both people locked.
MergeMover = Callable[..., dict[str, int]]
_MOVERS: list[MergeMover] = []

# Cycles are moved out of the way first: see _move_periods.
_CYCLE_OFFSET = 1000
_STATUS_RANK = {SeekerStatus.ACTIVE: 2, SeekerStatus.REFERRED: 1, SeekerStatus.LEFT: 0}
_CURRENT = (PeriodStatus.DRAFT, PeriodStatus.ACTIVE)


def register_merge_mover(mover: MergeMover) -> MergeMover:
    """Register `mover(*, kept, merged, by) -> {model label: count}`. Usable as a decorator."""
    if mover not in _MOVERS:
        _MOVERS.append(mover)
    return mover


def _reverse_relations():
    """Every relation that points at a person, hidden ones (related_name="+") included."""
    return [
        field
        for field in JobSeeker._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and field.related_model is not None
    ]


def _rows_pointing_at(job_seeker: JobSeeker) -> dict[str, int]:
    """Per model label, how many rows point at the person (through any foreign key or
    many-to-many), plus the messages about them."""
    counts: dict[str, int] = {}
    for relation in _reverse_relations():
        model = relation.related_model
        if model._meta.auto_created:  # The table of a many-to-many: counted by its owner.
            continue
        count = model._base_manager.filter(**{relation.field.name: job_seeker}).count()
        if count:
            label = model._meta.label_lower
            counts[label] = counts.get(label, 0) + count
    messages = Message._base_manager.filter(subject=Subject.JOB_SEEKER, subject_id=job_seeker.pk).count()
    if messages:
        counts[Message._meta.label_lower] = messages
    return counts


def merge_preview(job_seeker: JobSeeker) -> list[tuple[str, int]]:
    """What a merge would move from this file: (what, how many), for the confirmation page."""
    return [
        (_model_name(label, count), count) for label, count in sorted(_rows_pointing_at(job_seeker).items())
    ]


def _model_name(label: str, count: int) -> str:
    try:
        meta = apps.get_model(label)._meta
    except LookupError:  # An audit line written before a model was removed.
        return label
    return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)


# --- The PERs ------------------------------------------------------------------------------


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def _period_plan(kept: JobSeeker, merged: JobSeeker) -> tuple[list[tuple[EngagementPeriod, int]], int]:
    """The PERs of both files in their merged order, each with its cycle in the kept file, and
    the number of cycles. Each file's cycles stay whole and are placed by the date of their
    first PER; a DomainError when the result would overlap or cross, as the database triggers
    of migration seekers.0007 would refuse it."""
    groups: dict[tuple[int, int], list[EngagementPeriod]] = {}
    periods = EngagementPeriod.objects.filter(job_seeker_id__in=[kept.pk, merged.pk])
    for period in periods.order_by("job_seeker_id", "cycle", "number"):
        groups.setdefault((period.job_seeker_id, period.cycle), []).append(period)
    ordered = sorted(
        groups.values(), key=lambda cycle: (cycle[0].starts_on, cycle[0].job_seeker_id != kept.pk)
    )
    plan = [(period, index) for index, cycle in enumerate(ordered, start=1) for period in cycle]
    current = [period for period, _cycle in plan if period.status in _CURRENT]
    if len(current) > 1:
        raise DomainError(
            _("Les deux dossiers ont chacun un PER en cours : terminez l'un des deux avant de fusionner.")
        )
    for position, (first, _cycle) in enumerate(plan):
        for second, _cycle in plan[position + 1 :]:
            overlap = first.starts_on < second.effective_end and first.effective_end > second.starts_on
            if overlap or first.starts_on > second.starts_on:
                raise DomainError(_overlap_message(first, second, kept=kept))
    return plan, len(ordered)


def _overlap_message(first: EngagementPeriod, second: EngagementPeriod, *, kept: JobSeeker) -> str:
    def described(period):
        return _("le PER %(number)s du dossier n° %(file)s (du %(start)s au %(end)s)") % {
            "number": period.number,
            "file": period.job_seeker_id,
            "start": _day(period.starts_on),
            "end": _day(period.effective_end),
        }

    return _(
        "Fusion impossible : %(first)s et %(second)s se chevauchent. Les PER d'une personne se "
        "suivent sans se chevaucher : corrigez d'abord ces dates."
    ) % {"first": described(first), "second": described(second)}


def _move_periods(plan: list[tuple[EngagementPeriod, int]], *, kept: JobSeeker) -> int:
    """Give every PER its cycle in the kept file and move the merged ones there.

    The triggers check each row as it is written, against the person's other rows, and the
    numbers are unique per (person, cycle): so the kept PERs first move out of the way (cycle
    + 1000, the latest first), then every PER takes its final place in date order. Each write
    then sees only rows already in place before it, or rows far after it."""
    kept_periods = sorted(
        (period for period, _cycle in plan if period.job_seeker_id == kept.pk),
        key=lambda period: (period.cycle, period.number),
        reverse=True,
    )
    for period in kept_periods:
        EngagementPeriod.objects.filter(pk=period.pk).update(cycle=period.cycle + _CYCLE_OFFSET)
    moved = 0
    for period, cycle in plan:
        moved += period.job_seeker_id != kept.pk
        EngagementPeriod.objects.filter(pk=period.pk).update(cycle=cycle, job_seeker_id=kept.pk)
    return moved


# --- The accompaniment ---------------------------------------------------------------------


def _accompaniment_source(kept: JobSeeker, merged: JobSeeker, *, current_owner: int | None) -> JobSeeker:
    """The file whose accompaniment the merged file keeps: the one accompanied, else the one
    waiting for intake, else the one who left the latest; between two accompanied, the one
    with the current PER; the kept file on a tie."""

    def rank(seeker):
        return (
            _STATUS_RANK[seeker.status],
            seeker.pk == current_owner,
            seeker.exited_on or datetime.date.min,
            seeker.pk == kept.pk,
        )

    return max((kept, merged), key=rank)


def _merge_accompaniment(kept, merged, *, plan, cycles: int) -> list[str]:
    current_owner = next((p.job_seeker_id for p, _cycle in plan if p.status in _CURRENT), None)
    source = _accompaniment_source(kept, merged, current_owner=current_owner)
    # A cycle opened without a PER yet (a re-entry, a review's "new cycle") stays open after
    # the PERs of both files; else the person is in the last cycle.
    source_cycle_is_open = not any(p.job_seeker_id == source.pk and p.cycle == source.cycle for p, _c in plan)
    values = {
        "status": source.status,
        "exit_reason": source.exit_reason,
        "exited_on": source.exited_on,
        "programme": source.programme,
        "needs_tripartite_review": source.needs_tripartite_review and current_owner is None,
        "cycle": max(1, cycles + source_cycle_is_open),
    }
    # What the kept file does not know of the person, the merged one may.
    for field in ("birth_date", "phone", "email"):
        if not getattr(kept, field) and getattr(merged, field):
            values[field] = getattr(merged, field)
    changed = [field for field, value in values.items() if getattr(kept, field) != value]
    for field in changed:
        setattr(kept, field, values[field])
    return changed


# --- The seekers' own rows -----------------------------------------------------------------


def _move_own_rows(kept: JobSeeker, merged: JobSeeker) -> tuple[dict[str, int], dict[str, int]]:
    moved: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for related in ("journal", "referrals", "intakes", "reviews", "appointments"):
        rows = getattr(merged, related)
        moved[rows.model._meta.label_lower] = rows.update(job_seeker=kept)
    # One target job per appellation (unique constraint): a job both files target stays once.
    target_jobs = merged.target_jobs
    label = target_jobs.model._meta.label_lower
    duplicates = target_jobs.filter(appellation_id__in=kept.target_jobs.values("appellation_id"))
    dropped[label] = duplicates.delete()[0]
    moved[label] = target_jobs.update(job_seeker=kept)
    moved[Message._meta.label_lower] = Message.objects.filter(
        subject=Subject.JOB_SEEKER, subject_id=merged.pk
    ).update(subject_id=kept.pk)
    return moved, dropped


# --- The service ---------------------------------------------------------------------------


def merge_refusal(*, kept: JobSeeker, merged: JobSeeker) -> str | None:
    """Why these two files cannot be merged, in French, or None: for the confirmation page,
    before anything is written. The service checks the same again under its locks."""
    try:
        _check(kept, merged)
        _period_plan(kept, merged)
    except DomainError as error:
        return error.message
    return None


def _check(kept: JobSeeker, merged: JobSeeker) -> None:
    if kept.pk == merged.pk:
        raise DomainError(_("Choisissez un autre dossier : on ne fusionne pas un dossier avec lui-même."))
    if kept.structure_id != merged.structure_id:
        raise DomainError(_("Ces deux dossiers ne sont pas suivis par la même structure."))


@transaction.atomic
def job_seeker_merge(*, kept: JobSeeker, merged: JobSeeker, by) -> JobSeeker:
    """Merge `merged` into `kept`: every record of the merged file moves to the kept one, then
    the merged file is deleted. Refused, with nothing changed, when the result would break a
    rule of the path (overlapping PERs, two current PERs, two structures)."""
    _check(kept, merged)
    # Lock both people, in id order so that two merges of the same pair never deadlock: every
    # service writing about either person waits for the merge to end.
    try:
        locked = {pk: locked_seeker(JobSeeker(pk=pk)) for pk in sorted((kept.pk, merged.pk))}
    except JobSeeker.DoesNotExist:  # Merged by someone else meanwhile.
        raise DomainError(_("L'un des deux dossiers vient d'être fusionné ou supprimé.")) from None
    kept, merged = locked[kept.pk], locked[merged.pk]
    name = merged.full_name

    plan, cycles = _period_plan(kept, merged)
    changed = _merge_accompaniment(kept, merged, plan=plan, cycles=cycles)
    moved, dropped = _move_own_rows(kept, merged)
    moved[EngagementPeriod._meta.label_lower] = _move_periods(plan, kept=kept)
    for mover in _MOVERS:
        for label, count in mover(kept=kept, merged=merged, by=by).items():
            moved[label] = moved.get(label, 0) + count
    left_behind = _rows_pointing_at(merged)
    if left_behind:  # An app's rows with no mover: deleting the file would lose or cascade them.
        raise DomainError(
            _("Fusion impossible : des données de ce dossier ne peuvent pas être reprises (%(what)s).")
            % {"what": ", ".join(sorted(left_behind))}
        )
    merged_pk = merged.pk
    merged.delete()
    if changed:
        kept.save(update_fields=changed)
    journal_add(
        job_seeker=kept,
        kind=JournalKind.NOTE,
        event=MERGED,
        params={"name": name, "file": merged_pk},
        author=by,
    )
    moved = {label: count for label, count in moved.items() if count}
    dropped = {label: count for label, count in dropped.items() if count}
    audit_record(
        by=by,
        action=ACTION,
        target=kept,
        params={
            "kept": kept.pk,
            "merged": merged_pk,
            "merged_name": name,
            "moved": moved,
            "dropped": dropped,
        },
    )
    data_version_bump(structure_id=kept.structure_id)  # Two people of the pool become one.
    return kept


def _audit_detail(params: dict) -> str:
    moved = ", ".join(
        f"{count} {_model_name(label, count)}" for label, count in sorted(params.get("moved", {}).items())
    )
    text = _("Dossier n° %(file)s (%(name)s) fusionné dans celui-ci") % {
        "file": params["merged"],
        "name": params.get("merged_name", ""),
    }
    return f"{text} : {moved}." if moved else f"{text}."


register_actions(
    {ACTION: gettext_lazy("a fusionné deux dossiers de la même personne")}, {ACTION: _audit_detail}
)
