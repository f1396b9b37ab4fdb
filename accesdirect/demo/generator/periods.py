"""PERs (périodes d'engagement réciproque), tripartite reviews and appointments of a person.

PERs are drawn backward from an anchor: back to back, each of at most two months (58 days
at most, under the shortest two months), numbered 1 to 3, at most one current (draft or
active)."""

import datetime
from dataclasses import dataclass

from accesdirect.seekers import journal as events
from accesdirect.seekers.enums import (
    AppointmentStatus,
    FirstActionBy,
    JournalKind,
    PeriodEndReason,
    PeriodStatus,
    ReviewOutcome,
    SignatureMethod,
)
from accesdirect.seekers.models import MAX_PERIODS, Appointment, EngagementPeriod, TripartiteReview

from .context import Build, Person
from .journal import journal_add
from .timeline import DAY


@dataclass
class Period:
    number: int
    starts_on: datetime.date
    ends_on: datetime.date
    status: str = PeriodStatus.ENDED
    ended_on: datetime.date | None = None
    end_reason: str = ""
    # The signing meeting (a signed PER is drafted and signed at its first meeting).
    signed_at: datetime.datetime | None = None


def periods_ending_on(rng, number: int, ended_on, *, last_started, covers, reason=None) -> list[Period]:
    """`number` PERs back to back, the last one started on `last_started` and planned to
    last past `covers`; ended early on `ended_on` for `reason` (a hire, an exit), or else still
    running."""
    shortest = max(28, (covers - last_started).days + 1)
    last = Period(number, last_started, last_started + rng.randint(shortest, 58) * DAY)
    if ended_on:
        last.ended_on, last.end_reason = ended_on, reason
    else:
        last.status = PeriodStatus.ACTIVE
    return [*_periods_before(rng, last_started, number - 1), last]


def periods_completed(
    rng, number: int, last_end: datetime.date, reason: str = PeriodEndReason.TERM
) -> list[Period]:
    """PERs back to back, the last one run to its term `last_end` (or renewed that day)."""
    last_start = last_end - rng.randint(28, 58) * DAY
    last = Period(number, last_start, last_end, ended_on=last_end, end_reason=reason)
    return [*_periods_before(rng, last_start, number - 1), last]


def _periods_before(rng, start: datetime.date, count: int) -> list[Period]:
    """The PERs before one starting on `start`: each renewed by the next the day after its term."""
    periods = []
    for number in range(count, 0, -1):
        ends_on = start - DAY
        start = ends_on - rng.randint(28, 58) * DAY
        periods.append(Period(number, start, ends_on, ended_on=ends_on, end_reason=PeriodEndReason.RENEWED))
    return periods[::-1]


def periods_add(build: Build, person: Person, periods: list[Period]) -> None:
    rng, timeline = build.rng, build.timeline
    jobs = [target.label.lower() for target in person.targets[:2]]
    for period in periods:
        signed = period.status != PeriodStatus.DRAFT
        first_action_on = period.starts_on + rng.randint(2, 10) * DAY
        stop = period.ended_on or build.today
        has_first_action = signed and first_action_on <= stop
        by_seeker = rng.random() < 0.5
        first_action = ""
        if has_first_action:
            first_action = (
                "Appel à trois employeurs de la liste." if by_seeker else "Offre présentée par SMS."
            )
        ended = period.status == PeriodStatus.ENDED
        if signed:
            period.signed_at = timeline.past(timeline.at(period.starts_on, rng.randint(9, 16)))
        drafted = period.signed_at or timeline.at(min(period.starts_on, build.today), 10)
        row = build.rows.add(
            EngagementPeriod(
                structure_id=build.structure_id,
                job_seeker=person.seeker,
                number=period.number,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                status=period.status,
                seeker_objectives=f"Me présenter à des employeurs comme {jobs[0]} ; préparer mes entretiens.",
                structure_objectives=(
                    f"Prospecter des entreprises pour les postes de {' et de '.join(jobs)} ; "
                    "proposer au moins une offre."
                ),
                first_action=first_action,
                first_action_by=(
                    (FirstActionBy.SEEKER if by_seeker else FirstActionBy.STRUCTURE)
                    if has_first_action
                    else ""
                ),
                first_action_on=first_action_on if has_first_action else None,
                signed_on=period.starts_on if signed else None,
                signature_method=rng.choice((SignatureMethod.PAPER, SignatureMethod.ON_SCREEN))
                if signed
                else "",
                signed_by=person.cre if signed else None,
                ended_on=period.ended_on if ended else None,
                end_reason=period.end_reason if ended else "",
                created_at=timeline.past(drafted),
            )
        )
        _period_journal(build, person, row, drafted)


def _period_journal(build: Build, person: Person, row: EngagementPeriod, drafted: datetime.datetime) -> None:
    """The PER's life in the journal, as the services write it: drafted, signed, its first
    engaging action (as typed), ended with its reason; after a third one run to its term, the
    tripartite review it calls for."""
    timeline, cre, number = build.timeline, person.cre, row.number
    journal_add(
        build,
        person,
        JournalKind.PER,
        drafted,
        events.PERIOD_CREATED,
        {"number": number, "start": row.starts_on, "end": row.ends_on},
        author=cre,
    )
    if row.signed_on:
        journal_add(
            build,
            person,
            JournalKind.PER,
            drafted,
            events.PERIOD_SIGNED,
            {"number": number, "day": row.signed_on, "method": row.signature_method},
            author=cre,
        )
    if row.first_action_on:
        journal_add(
            build,
            person,
            JournalKind.PER,
            timeline.office_time(build.rng, row.first_action_on),
            events.PERIOD_FIRST_ACTION,
            {"number": number, "who": row.first_action_by, "day": row.first_action_on},
            text=row.first_action,
            author=cre,
        )
    if row.ended_on:
        ended = timeline.at(row.ended_on, 18)
        journal_add(
            build,
            person,
            JournalKind.PER,
            ended,
            events.PERIOD_ENDED,
            {"number": number, "day": row.ended_on, "reason": row.end_reason},
            author=cre,
        )
        if number >= MAX_PERIODS and row.end_reason == PeriodEndReason.TERM:
            journal_add(build, person, JournalKind.REVIEW, ended, events.REVIEW_DUE, author=cre)


def review_add(build: Build, person: Person, held_on: datetime.date, outcome: str) -> None:
    at = build.timeline.at(held_on, 14)
    notes = "Bilan après trois PER sans emploi, avec la personne et sa référente."
    build.rows.add(
        TripartiteReview(
            structure_id=build.structure_id,
            job_seeker=person.seeker,
            organisation=person.prescriber.organisation,
            held_on=held_on,
            outcome=outcome,
            notes=notes,
            by=person.cre,
            created_at=at,
        )
    )
    _appointment_add(build, person, at, "Bilan tripartite", AppointmentStatus.HELD)
    journal_add(
        build,
        person,
        JournalKind.REVIEW,
        at,
        events.REVIEW_HELD,
        {"day": held_on, "outcome": ReviewOutcome(outcome)},
        text=notes,
        author=person.cre,
    )


# --- Appointments -----------------------------------------------------------------------


def _appointment_add(build: Build, person: Person, at, purpose: str, status: str) -> Appointment:
    return build.rows.add(
        Appointment(
            structure_id=build.structure_id,
            job_seeker=person.seeker,
            staff_id=person.cre.pk,
            site_id=person.site.site.pk,
            starts_at=at,
            purpose=purpose,
            status=status,
            created_at=min(at, build.timeline.now) - 2 * DAY,
        )
    )


def past_appointments(build: Build, person: Person, periods: list[Period]) -> None:
    """The signing of each PER, and a mid-period review, with their SMS reminders and what
    became of them (the purpose, as typed when the meeting was made, is the entry's text)."""
    rng, timeline = build.rng, build.timeline
    for period in periods:
        if period.status == PeriodStatus.DRAFT:
            continue
        at = period.signed_at
        if rng.random() < 0.5:
            reminder = {"when": at}
            journal_add(
                build, person, JournalKind.SMS, at - DAY, events.REMINDER_SENT, reminder, author=person.cre
            )
        purpose = f"Signature du PER {period.number}"
        _appointment_add(build, person, at, purpose, AppointmentStatus.HELD)
        _outcome_journal(build, person, at, AppointmentStatus.HELD, purpose)
        middle = timeline.next_working_day(period.starts_on + rng.randint(20, 35) * DAY)
        if middle < min(period.ended_on or build.today, build.today):
            at = timeline.at(middle, rng.randint(9, 16))
            roll = rng.random()
            status = (
                AppointmentStatus.HELD
                if roll < 0.8
                else (AppointmentStatus.MISSED if roll < 0.95 else AppointmentStatus.CANCELLED)
            )
            _appointment_add(build, person, at, "Point d'étape", status)
            _outcome_journal(build, person, at, status, "Point d'étape")
            if status == AppointmentStatus.MISSED:
                journal_add(
                    build,
                    person,
                    JournalKind.CALL,
                    at + datetime.timedelta(hours=2),
                    text="Rendez-vous manqué : appel pour en fixer un autre.",
                    author=person.cre,
                )


def _outcome_journal(build: Build, person: Person, at: datetime.datetime, status: str, purpose: str) -> None:
    journal_add(
        build,
        person,
        JournalKind.APPOINTMENT,
        at + datetime.timedelta(hours=1),
        events.APPOINTMENT_OUTCOME,
        {"when": at, "status": status},
        text=purpose,
        author=person.cre,
    )


def coming_appointments(build: Build, person: Person, periods: list[Period]) -> None:
    """Planned meetings: PER reviews and signatures, tripartite reviews, and some today
    and this week so that every CRE's home page has its day."""
    rng, timeline, today = build.rng, build.timeline, build.today
    current = periods[-1]
    planned = []
    if current.status == PeriodStatus.DRAFT:
        planned.append((current.starts_on, f"Signature du PER {current.number}"))
    elif current.status == PeriodStatus.ACTIVE and current.ends_on <= today + 14 * DAY and rng.random() < 0.6:
        within = max(1, min(10, (current.ends_on - today).days * 5 // 7))
        planned.append((timeline.coming_working_day(rng, within), f"Bilan du PER {current.number}"))
    elif person.seeker.needs_tripartite_review and rng.random() < 0.5:
        planned.append((timeline.coming_working_day(rng, 10), "Bilan tripartite"))
    roll = rng.random()
    if roll < 0.05:
        # Today, whatever the day of the week: the demo's home page shows the day's meetings.
        planned.append((today, "Point d'étape"))
    elif roll < 0.15:
        planned.append((timeline.coming_working_day(rng, 5), "Point d'étape"))
    for day, purpose in planned:
        at = timeline.at(day, rng.randint(9, 16), rng.choice((0, 30)))
        appointment = _appointment_add(build, person, at, purpose, AppointmentStatus.PLANNED)
        journal_add(
            build,
            person,
            JournalKind.APPOINTMENT,
            appointment.created_at,
            events.APPOINTMENT_MADE,
            {"when": at, "staff": str(person.cre)},
            text=purpose,
            author=person.cre,
        )
