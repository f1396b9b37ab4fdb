"""PERs (périodes d'engagement réciproque), tripartite reviews and appointments of a person.

PERs are drawn backward from an anchor: back to back, each of at most two months (58 days
at most, under the shortest two months), numbered 1 to 3, at most one current (draft or
active)."""

import datetime
from dataclasses import dataclass

from accesdirect.seekers.enums import (
    AppointmentStatus,
    FirstActionBy,
    JournalKind,
    PeriodStatus,
    ReviewOutcome,
    SignatureMethod,
)
from accesdirect.seekers.models import Appointment, EngagementPeriod, TripartiteReview

from .context import Build, Person
from .journal import french_date, journal_add
from .timeline import DAY


@dataclass
class Period:
    number: int
    starts_on: datetime.date
    ends_on: datetime.date
    status: str = PeriodStatus.ENDED
    ended_on: datetime.date | None = None


def periods_ending_on(rng, number: int, ended_on, *, last_started, covers) -> list[Period]:
    """`number` PERs back to back, the last one started on `last_started` and planned to
    last past `covers`; ended early on `ended_on` (a job, a drop-out), or else still running."""
    shortest = max(28, (covers - last_started).days + 1)
    last = Period(number, last_started, last_started + rng.randint(shortest, 58) * DAY)
    if ended_on:
        last.ended_on = ended_on
    else:
        last.status = PeriodStatus.ACTIVE
    return [*_periods_before(rng, last_started, number - 1), last]


def periods_completed(rng, number: int, last_end: datetime.date) -> list[Period]:
    last_start = last_end - rng.randint(28, 58) * DAY
    last = Period(number, last_start, last_end, ended_on=last_end)
    return [*_periods_before(rng, last_start, number - 1), last]


def _periods_before(rng, start: datetime.date, count: int) -> list[Period]:
    periods = []
    for number in range(count, 0, -1):
        ends_on = start - DAY
        start = ends_on - rng.randint(28, 58) * DAY
        periods.append(Period(number, start, ends_on, ended_on=ends_on))
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
        build.rows.add(
            EngagementPeriod(
                structure=build.structure,
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
                first_action=(
                    ("Appel à trois employeurs de la liste." if by_seeker else "Offre présentée par SMS.")
                    if has_first_action
                    else ""
                ),
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
                ended_on=period.ended_on if period.status == PeriodStatus.ENDED else None,
                created_at=timeline.past(timeline.at(min(period.starts_on, build.today), 10)),
            )
        )
        if signed:
            text = (
                f"PER {period.number} signé, du {french_date(period.starts_on)} "
                f"au {french_date(period.ends_on)}."
            )
        else:
            text = f"PER {period.number} préparé, à signer le {french_date(period.starts_on)}."
        at = timeline.at(min(period.starts_on, build.today), 10, 30)
        journal_add(build, person, JournalKind.PER, at, text, author=person.cre)


def review_add(build: Build, person: Person, held_on: datetime.date, outcome: str) -> None:
    at = build.timeline.at(held_on, 14)
    build.rows.add(
        TripartiteReview(
            structure=build.structure,
            job_seeker=person.seeker,
            organisation=person.prescriber.organisation,
            held_on=held_on,
            outcome=outcome,
            notes="Bilan après trois PER sans emploi, avec la personne et sa référente.",
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
        f"Bilan tripartite avec {person.prescriber.organisation.name} : {ReviewOutcome(outcome).label}.",
        author=person.cre,
    )


# --- Appointments -----------------------------------------------------------------------


def _appointment_add(build: Build, person: Person, at, purpose: str, status: str) -> None:
    build.rows.add(
        Appointment(
            structure=build.structure,
            job_seeker=person.seeker,
            staff=person.cre,
            site=person.site.site,
            starts_at=at,
            purpose=purpose,
            status=status,
            created_at=min(at, build.timeline.now) - 2 * DAY,
        )
    )


def past_appointments(build: Build, person: Person, periods: list[Period]) -> None:
    """The signing of each PER, and a mid-period review, with their SMS reminders."""
    rng, timeline = build.rng, build.timeline
    for period in periods:
        if period.status == PeriodStatus.DRAFT:
            continue
        at = timeline.past(timeline.at(period.starts_on, rng.randint(9, 16)))
        if rng.random() < 0.5:
            journal_add(
                build,
                person,
                JournalKind.SMS,
                at - DAY,
                f"SMS envoyé : rappel du rendez-vous du {french_date(period.starts_on)}.",
                author=person.cre,
            )
        _appointment_add(build, person, at, f"Signature du PER {period.number}", AppointmentStatus.HELD)
        journal_add(
            build,
            person,
            JournalKind.APPOINTMENT,
            at,
            f"Rendez-vous : signature du PER {period.number}.",
            author=person.cre,
        )
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
            if status == AppointmentStatus.HELD:
                journal_add(
                    build,
                    person,
                    JournalKind.APPOINTMENT,
                    at,
                    "Rendez-vous : point d'étape.",
                    author=person.cre,
                )
            elif status == AppointmentStatus.MISSED:
                journal_add(
                    build,
                    person,
                    JournalKind.CALL,
                    at + datetime.timedelta(hours=2),
                    "Rendez-vous manqué : appel pour en fixer un autre.",
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
        _appointment_add(
            build,
            person,
            timeline.at(day, rng.randint(9, 16), rng.choice((0, 30))),
            purpose,
            AppointmentStatus.PLANNED,
        )
