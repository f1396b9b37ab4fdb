"""The accompaniment spells of people: what every figure of the results is computed from.

A spell (période d'accompagnement) opens on a referral's `referred_on` when the person is not
in the file, and closes on the day of the `seekers.exited` journal event that follows it (the
service `job_seeker_exit` writes it with `JobSeeker.exited_on`). A new referral of a person who
left opens a new spell (a re-entry, `referral_create(job_seeker=...)`); a referral of a person
still in the file belongs to the spell already open. A person who left without an exit event
(rows written before the journal existed) has their last spell closed by `JobSeeker.exited_on`.

Per spell, from a handful of queries (`values()`, never one query per person):
- the window where a job counts: from the entry to the exit + `grace_days` (open spells: to
  today + `grace_days`);
- its first job start, first durable job start (CDI or CDD of more than 6 months) and first
  durable start with "6 months or more" (offers.models.is_durable, both variants);
- its first proposal (a positioning created between entry and exit, reservations included);
- whether an immersion (not cancelled) started in it: counted apart, never as a job;
- its site (the person's current site: sites have no history), programme and prescriber
  organisation (those of the referral that opened it);
- its CRE: the author of the intake held in the spell (the CRE who received the person and
  set their target jobs with them: the one who accompanies them). When the spell has no intake
  (a re-entry whose intake is not done), the CRE who made the first proposal, else none.

Callers pass the structures to read; the function enters their scope itself.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.db.models import CharField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django_scopes import scope

from accesdirect.core.calendar import PARIS
from accesdirect.immersions.models import Immersion
from accesdirect.offers.models import Employment, Positioning, is_durable
from accesdirect.seekers import journal as events
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JournalEntry, Referral


@dataclasses.dataclass(slots=True)
class Spell:
    job_seeker_id: int
    structure_id: int
    entry: datetime.date
    exit: datetime.date | None = None
    exit_reason: str = ""
    site_id: int | None = None
    programme: str = ""
    organisation_id: int | None = None
    cre_id: int | None = None
    first_proposal: datetime.date | None = None
    first_job: datetime.date | None = None
    first_durable: datetime.date | None = None
    first_durable_six_months: datetime.date | None = None
    immersion: bool = False
    # Ordering key of the referral that opened it (its creation moment, as text).
    opened_at: str = ""

    def in_file_during(self, start: datetime.date, end: datetime.date) -> bool:
        """In the file at least one day between `start` and `end` (both included)."""
        return self.entry <= end and (self.exit is None or self.exit >= start)

    def durable_start(self, *, six_months_or_more: bool = False) -> datetime.date | None:
        return self.first_durable_six_months if six_months_or_more else self.first_durable


def _spells_from_events(referrals: list[tuple], exits: list[tuple]) -> list[Spell]:
    """Merge each person's referrals and exits in the order they happened.

    `referrals`: (job_seeker_id, referred_on, created_at, programme, organisation_id,
    structure_id, site_id, status, exited_on, exit_reason); `exits`: (job_seeker_id, day,
    occurred_at, reason)."""
    timeline: dict[int, list[tuple]] = defaultdict(list)
    seekers: dict[int, tuple] = {}
    for row in referrals:
        # At one date, the order they were recorded in: a referral and an exit on the same day
        # are an entry then an exit, or an exit then a re-entry.
        timeline[row[0]].append((row[1], row[2], 0, row))
        seekers[row[0]] = row
    for row in exits:
        timeline[row[0]].append((row[1], row[2], 1, row))
    spells: list[Spell] = []
    for job_seeker_id, moments in timeline.items():
        seeker = seekers.get(job_seeker_id)
        if seeker is None:
            continue
        if len(moments) > 1:
            moments.sort(key=lambda moment: moment[:3])
        current: Spell | None = None
        for day, _at, kind, row in moments:
            if kind == 0 and current is None:
                current = Spell(
                    job_seeker_id=job_seeker_id,
                    structure_id=seeker[5],
                    entry=day,
                    site_id=seeker[6],
                    programme=row[3],
                    organisation_id=row[4],
                    opened_at=row[2],
                )
                spells.append(current)
            elif kind == 1 and current is not None and day >= current.entry:
                current.exit, current.exit_reason = day, row[3]
                current = None
        left_on = seeker[8] if seeker[7] == SeekerStatus.LEFT else None
        if current is not None and left_on is not None and left_on >= current.entry:
            current.exit, current.exit_reason = left_on, seeker[9]
    return spells


def _spell_at(spells_of: dict[int, list[Spell]], job_seeker_id: int, day: datetime.date, grace: int):
    """The person's spell whose window (entry → exit + grace) holds `day`; the latest one
    when windows overlap (a job during the grace of a spell and after a re-entry belongs to
    the new spell)."""
    candidates = spells_of.get(job_seeker_id, ())
    found = None
    for spell in candidates:
        if spell.entry <= day and (spell.exit is None or day <= spell.exit + datetime.timedelta(days=grace)):
            found = spell
    return found


def _text(field: str) -> Cast:
    """A moment as text, only ever compared with another of the same column type (the order of
    two events of the same day): both databases write them in one sortable ISO format, and
    reading them as text saves converting tens of thousands of datetimes."""
    return Cast(field, output_field=CharField())


def _parse_day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@dataclasses.dataclass
class Cohort:
    spells: list[Spell]
    # Every positioning: (job_seeker_id, day created, presented_by_id, the offer's captured_by_id).
    proposals: list[tuple[int, datetime.date, int, int | None]]


def build_cohort(*, structure_ids: list[int], grace_days: int) -> Cohort:
    """Every accompaniment spell of the structures' people, with their first proposal, jobs and
    immersions (see the module's docstring). Five queries whatever the number of people: plain
    tuples, unordered (no sort in the database), the exits' day and reason read from the
    journal's parameters by the database."""
    with scope(structure=list(structure_ids)):
        referrals = list(
            Referral.objects.filter(structure_id__in=structure_ids)
            .order_by()
            .annotate(at=_text("created_at"))
            .values_list(
                "job_seeker_id",
                "referred_on",
                "at",
                "programme",
                "organisation_id",
                "job_seeker__structure_id",
                "job_seeker__site_id",
                "job_seeker__status",
                "job_seeker__exited_on",
                "job_seeker__exit_reason",
            )
        )
        journal = list(
            JournalEntry.objects.filter(
                structure_id__in=structure_ids, event__in=[events.EXITED, events.INTAKE_COMPLETED]
            )
            .order_by()
            .annotate(
                day=KT("params__day"),
                reason=KT("params__reason"),
                at=_text("occurred_at"),
                on=TruncDate("occurred_at", tzinfo=PARIS),
            )
            .values_list("job_seeker_id", "day", "at", "reason", "event", "author_id", "on")
        )
        employments = list(
            Employment.objects.filter(structure_id__in=structure_ids)
            .order_by()
            .values_list("job_seeker_id", "contract", "starts_on", "ends_on")
        )
        positionings = list(
            Positioning.objects.filter(structure_id__in=structure_ids)
            .order_by()
            .annotate(on=TruncDate("created_at", tzinfo=PARIS))
            .values_list("job_seeker_id", "on", "presented_by_id", "offer__captured_by_id")
        )
        immersions = list(
            Immersion.objects.not_cancelled()
            .filter(structure_id__in=structure_ids)
            .order_by()
            .values_list("job_seeker_id", "starts_on")
        )
    exits, intakes = [], []
    for job_seeker_id, day, at, reason, event, author_id, on in journal:
        if event == events.EXITED:
            day = _parse_day(day)
            if day is not None:
                exits.append((job_seeker_id, day, at, reason or ""))
        else:
            intakes.append((job_seeker_id, on, at, author_id))
    spells = _spells_from_events(referrals, exits)
    spells_of: dict[int, list[Spell]] = defaultdict(list)
    for spell in sorted(spells, key=lambda spell: (spell.entry, spell.opened_at)):
        spells_of[spell.job_seeker_id].append(spell)
    _attach_intakes(spells_of, intakes)
    proposals = positionings
    _attach_proposals(spells_of, proposals)
    _attach_jobs(spells_of, employments, grace_days)
    for job_seeker_id, starts_on in immersions:
        spell = _spell_at(spells_of, job_seeker_id, starts_on, 0)
        if spell is not None:
            spell.immersion = True
    return Cohort(spells=spells, proposals=proposals)


def _attach_intakes(spells_of, intakes) -> None:
    for job_seeker_id, day, _at, author_id in sorted(intakes, key=lambda row: row[2]):
        spell = _spell_at(spells_of, job_seeker_id, day, 0)
        if spell is not None and spell.cre_id is None:
            spell.cre_id = author_id


def _attach_proposals(spells_of, proposals) -> None:
    first_presenter: dict[int, int] = {}
    for job_seeker_id, day, presented_by_id, _captor in proposals:
        spell = _spell_at(spells_of, job_seeker_id, day, 0)
        if spell is None:
            continue
        if spell.first_proposal is None or day < spell.first_proposal:
            spell.first_proposal = day
            first_presenter[id(spell)] = presented_by_id
    for spells in spells_of.values():
        for spell in spells:
            if spell.cre_id is None:
                spell.cre_id = first_presenter.get(id(spell))


def _attach_jobs(spells_of, employments, grace_days: int) -> None:
    for job_seeker_id, contract, start, ends_on in employments:
        spell = _spell_at(spells_of, job_seeker_id, start, grace_days)
        if spell is None:
            continue
        if spell.first_job is None or start < spell.first_job:
            spell.first_job = start
        if is_durable(contract, start, ends_on) and (
            spell.first_durable is None or start < spell.first_durable
        ):
            spell.first_durable = start
        if is_durable(contract, start, ends_on, six_months_or_more=True) and (
            spell.first_durable_six_months is None or start < spell.first_durable_six_months
        ):
            spell.first_durable_six_months = start
