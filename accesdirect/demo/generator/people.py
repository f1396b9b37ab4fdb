"""Job seekers and their paths: referral, intake with at least three target jobs, PERs,
positionings, a first short contract for many of those still accompanied, and the way out:
over three years ~70% of the people back in a job, ~38% of them durable, as in the study; and,
before those three years, people placed four to five years ago and followed since (80% still in
a job four years later, 40% of them with another employer).

Each path is drawn backward from its anchor (the day of exit, or today for the people still
accompanied), so that every date falls where the method puts it: PERs back to back, each
of at most two months, at most three of them, at most one current."""

import dataclasses
import datetime
import random

from django.utils.text import slugify

from accesdirect.core.calendar import add_months
from accesdirect.offers.enums import PositioningStatus
from accesdirect.seekers import journal as events
from accesdirect.seekers.enums import (
    ExitReason,
    JournalKind,
    PeriodEndReason,
    PeriodStatus,
    Programme,
    ReviewOutcome,
    SeekerStatus,
)
from accesdirect.seekers.models import Intake, JobSeeker, Referral, TargetJob

from . import catalogue as c
from .context import Build, Person, SiteInfo
from .journal import journal_add
from .offers import StepPlan, duration_months, employment_add, offer_for, positioning_add
from .periods import (
    Period,
    coming_appointments,
    past_appointments,
    periods_add,
    periods_completed,
    periods_ending_on,
    review_add,
)
from .reference import AppellationInfo, CommuneInfo, distance_km
from .timeline import DAY, Weighted, conditions_pick

_programmes = Weighted(c.PROGRAMMES)
_education = Weighted(c.EDUCATION_LEVELS)
_availability = Weighted(c.AVAILABILITIES)
_wanted_contracts = Weighted(c.WANTED_CONTRACTS)
_working_times = Weighted(c.WORKING_TIMES)
_unavailable = Weighted(c.UNAVAILABLE_CONDITIONS)
_employment_contracts = Weighted(c.EMPLOYMENT_CONTRACTS)
_placed_long_ago_contracts = Weighted(c.PLACED_LONG_AGO_CONTRACTS)
_hired_in_period = Weighted(c.HIRED_IN_PERIOD)
_current_period = Weighted(c.CURRENT_PERIOD)
_exit_after_review = Weighted(c.EXIT_AFTER_REVIEW_REASONS)
_target_count = Weighted(((3, 60), (4, 30), (5, 10)))
_failed_count = Weighted(((0, 40), (1, 35), (2, 18), (3, 7)))
_failed_count_without_job = Weighted(((0, 25), (1, 35), (2, 25), (3, 15)))
_hours = Weighted(c.HOURS_PER_WEEK)
# Why people stop before the end of their PERs: the exit reason, and the CRE's note.
_drop_outs = (
    (ExitReason.OTHER, "La personne ne donne plus de nouvelles malgré nos relances."),
    (ExitReason.MOVED, "Déménagement hors du territoire."),
    (ExitReason.REORIENTED, "Entrée en formation qualifiante."),
    (ExitReason.STOPPED, "Problème de santé : la personne préfère arrêter pour le moment."),
)


def people_build(build: Build) -> None:
    timeline = build.timeline
    earliest = timeline.days_ago(c.HISTORY_DAYS - 220)
    latest = timeline.days_ago(1)
    per_day = build.plan.exits_per_month * build.scale / 30.44
    exits = round(per_day * timeline.weighted_span(earliest, latest))
    for _ in range(exits):
        exit_day = timeline.working_day(timeline.sample_day(build.rng, earliest, latest))
        if build.rng.random() < c.EMPLOYED_SHARE:
            _exited_with_job(build, exit_day)
        else:
            _exited_without_job(build, exit_day)
    for _ in range(build.count(build.plan.active_seekers)):
        _active(build)
    for _ in range(build.count(build.plan.referred_seekers)):
        _referred(build)


def people_placed_long_ago_build(build: Build, *, seed: str) -> None:
    """The people placed in a first job four to five years ago, before the demo's three years,
    whose answers at the four-year check-in make the study's two figures (80% still in a job,
    40% of them with another employer).

    Each person draws from their own random stream, seeded by `seed` and their rank: the draws
    of the other paths depend on today (what is already past, the weekday a meeting falls on),
    and so would the answers of everyone after a person whose path did; this way today moves
    at most a detail of one path, and their answers stay the same from day to day."""
    full = build.plan.placed_long_ago
    if not full:
        return
    count = max(build.count(full), min(full, c.PLACED_LONG_AGO_AT_LEAST))
    own = dataclasses.replace(build)
    newest, oldest = (add_months(build.today, -months) for months in c.PLACED_LONG_AGO_MONTHS)
    for rank in range(count):
        own.rng = random.Random(f"{seed}-placed-long-ago-{rank}")
        # One draw whatever the length of the span (it varies with today's months).
        start = oldest + round(own.rng.random() * (newest - oldest).days) * DAY
        _placed_long_ago(own, build.timeline.next_working_day(start))


def appellation_in_demand(build: Build):
    """An appellation people of the structure target, for offers captured without a candidate."""

    def pick() -> AppellationInfo:
        if build.people and build.rng.random() < 0.8:
            person = build.rng.choice(build.people)
            if person.targets:
                return build.rng.choice(person.targets)
        fiche_id = build.reference.past_fiches.pick(build.rng)
        return build.rng.choice(build.reference.appellations_by_fiche[fiche_id])

    return pick


# --- The fates ---------------------------------------------------------------------------


def _exited_with_job(build: Build, start: datetime.date) -> None:
    """Placed: the job starts on `start`, decided a few days before, during PER 1, 2 or 3."""
    rng = build.rng
    person, periods = _received_until_hired(build, start)
    hired_on = periods[-1].ended_on
    contract_key = _employment_contracts.pick(rng)
    steps = StepPlan.draw(rng)
    proposed_on = hired_on - steps.decision * DAY
    if rng.random() >= c.DECLARED_EMPLOYMENT_SHARE and proposed_on > person.intake_on + 3 * DAY:
        _failed_positionings(build, person, person.intake_on + 5 * DAY, proposed_on - 2 * DAY, _failed_count)
        info = offer_for(build, person, rng.choice(person.targets), proposed_on, contract_key)
        positioning = positioning_add(
            build, person, info, start=proposed_on, steps=steps, outcome=PositioningStatus.HIRED
        )
        offer = info.offer
        info.offer.starts_on = start
        employment = employment_add(
            build,
            person,
            start=start,
            contract_key=contract_key,
            title=offer.title,
            employer_name=info.company.company.name,
            months=offer.duration_months,
            hours=offer.hours_per_week,
            company=info.company,
            positioning=positioning,
        )
    else:
        _failed_positionings(build, person, person.intake_on + 5 * DAY, hired_on - 2 * DAY, _failed_count)
        known = rng.choice(build.companies) if rng.random() < 0.4 else None
        employer = known.company.name if known else build.fake.company()
        employment = employment_add(
            build,
            person,
            start=start,
            contract_key=contract_key,
            title=rng.choice(person.targets).label,
            employer_name=employer,
            months=duration_months(rng, contract_key),
            hours=_hours.pick(rng),
            company=known,
        )
    _followed_in_job(build, person, employment)
    past_appointments(build, person, periods)


def _placed_long_ago(build: Build, start: datetime.date) -> None:
    """Placed four to five years ago (PLACED_LONG_AGO_MONTHS): a job found during PER 1, 2 or 3
    and recorded as a CRE records it (the demo's offers and proposals span its three years
    only), followed since, out of the file six months after the start."""
    rng = build.rng
    person, periods = _received_until_hired(build, start)
    contract_key = _placed_long_ago_contracts.pick(rng)
    employment = employment_add(
        build,
        person,
        start=start,
        contract_key=contract_key,
        title=rng.choice(person.targets).label,
        employer_name=build.fake.company(),
        months=duration_months(rng, contract_key),
        hours=_hours.pick(rng),
    )
    _followed_in_job(build, person, employment)
    past_appointments(build, person, periods)


def _received_until_hired(build: Build, start: datetime.date) -> tuple[Person, list[Period]]:
    """A person received whose last PER ended with their hire, decided a few days before the
    job starts on `start`."""
    rng = build.rng
    hired_on = build.timeline.working_day(start - rng.randint(3, 14) * DAY)
    number = _hired_in_period.pick(rng)
    started = hired_on - rng.randint(3, 50) * DAY
    periods = periods_ending_on(
        rng, number, hired_on, last_started=started, covers=hired_on, reason=PeriodEndReason.EMPLOYMENT
    )
    return _received(build, periods), periods


def _followed_in_job(build: Build, person: Person, employment) -> None:
    """Still followed in the job (accompanied, in a job) for six months, then out of the file."""
    person.employment = employment
    if employment.starts_on > build.today - c.IN_JOB_FOLLOW_UP_DAYS * DAY:
        person.seeker.status = SeekerStatus.ACTIVE
    else:
        reason = ExitReason.DURABLE_JOB if employment.is_durable else ExitReason.OTHER_JOB
        _exit(build, person, employment.starts_on + c.IN_JOB_FOLLOW_UP_DAYS * DAY, reason)


def _exited_without_job(build: Build, exit_day: datetime.date) -> None:
    rng = build.rng
    if rng.random() < c.EARLY_DROP_OUT_SHARE:
        number = rng.choice((1, 2))
        started = exit_day - rng.randint(5, 50) * DAY
        periods = periods_ending_on(
            rng, number, exit_day, last_started=started, covers=exit_day, reason=PeriodEndReason.EXIT
        )
        person = _received(build, periods)
        reason, note = rng.choice(_drop_outs)
        _exit(build, person, exit_day, reason, note=note)
    else:
        last_end = exit_day - rng.randint(3, 20) * DAY
        periods = periods_completed(rng, 3, last_end)
        person = _received(build, periods)
        review_add(build, person, exit_day, ReviewOutcome.EXIT)
        _exit(build, person, exit_day, _exit_after_review.pick(rng))
    _failed_positionings(
        build, person, person.intake_on + 5 * DAY, exit_day - 2 * DAY, _failed_count_without_job
    )
    past_appointments(build, person, periods)


def _exit(build: Build, person: Person, day: datetime.date, reason: str, *, note: str = "") -> None:
    """The end of the accompaniment, with its reason (and the CRE's note when there is one)."""
    person.seeker.status = SeekerStatus.LEFT
    person.seeker.exited_on = day
    person.seeker.exit_reason = reason
    journal_add(
        build,
        person,
        JournalKind.EXIT,
        build.timeline.at(day, 18),
        events.EXITED,
        {"day": day, "reason": reason},
        text=note,
        author=person.cre,
    )


def _active(build: Build) -> None:
    rng, today = build.rng, build.today
    roll = rng.random()
    current_positioning = False
    if roll < c.ACTIVE_WAITING_FOR_REVIEW_SHARE:
        periods = periods_completed(rng, 3, today - rng.randint(0, 20) * DAY)
    elif roll < c.ACTIVE_WAITING_FOR_REVIEW_SHARE + c.ACTIVE_WITH_DRAFT_PERIOD_SHARE:
        number = rng.choice((1, 2))
        periods = periods_completed(rng, number, today - rng.randint(0, 7) * DAY, PeriodEndReason.RENEWED)
        draft_start = build.timeline.coming_working_day(rng, 8)
        periods.append(
            Period(number + 1, draft_start, draft_start + rng.randint(30, 58) * DAY, PeriodStatus.DRAFT)
        )
    else:
        number = _current_period.pick(rng)
        started = today - rng.randint(0, 55) * DAY
        periods = periods_ending_on(rng, number, None, last_started=started, covers=today)
        current_positioning = rng.random() < c.ACTIVE_WITH_POSITIONING_SHARE
    person = _received(build, periods)
    person.seeker.status = SeekerStatus.ACTIVE
    searching_until = today - 2 * DAY
    if current_positioning:
        steps = StepPlan.draw(rng)
        proposed_on = today - rng.randint(1, 14) * DAY
        if proposed_on > person.intake_on:
            info = offer_for(build, person, rng.choice(person.targets), proposed_on)
            positioning_add(build, person, info, start=proposed_on, steps=steps, outcome=None)
            searching_until = proposed_on - 2 * DAY
    _failed_positionings(build, person, person.intake_on + 5 * DAY, searching_until, _failed_count)
    if rng.random() < c.ACTIVE_WITH_SHORT_JOB_SHARE and person.intake_on < today - 21 * DAY:
        _short_job(build, person, after=person.intake_on + 7 * DAY, before=today - 3 * DAY)
    if periods[-1].status == PeriodStatus.ENDED:
        person.seeker.needs_tripartite_review = len(periods) == 3
    past_appointments(build, person, periods)
    coming_appointments(build, person, periods)
    sectors = build.reference.sectors_by_fiche
    for key in sorted(
        {sector.key for target in person.targets for sector in sectors.get(target.fiche_id, ())}
    ):
        build.active_by_sector[key].append(person)


def _short_job(build: Build, person: Person, *, after: datetime.date, before: datetime.date) -> None:
    """The method's quick first contract (an intérim mission, a short CDD) found during the
    accompaniment: the person is back in a job for the figures and stays in the active file,
    matched towards a durable job."""
    rng = build.rng
    contract_key = rng.choice(("interim", "interim", "cdd_short"))
    start = build.timeline.working_day(after + rng.randint(0, max(0, (before - after).days)) * DAY)
    person.short_job = employment_add(
        build,
        person,
        start=min(start, before),
        contract_key=contract_key,
        title=rng.choice(person.targets).label,
        employer_name=build.fake.company(),
        months=duration_months(rng, contract_key),
        hours=_hours.pick(rng),
        searching_after=True,
    )


def _referred(build: Build) -> None:
    """Referred in the last two weeks, waiting for their intake: no target job yet."""
    rng = build.rng
    referred_on = build.timeline.working_day(build.today - rng.randint(0, 14) * DAY)
    person = _person(build, referred_on)
    _referral_add(build, person, referred_on, intake_on=None)
    person.seeker.status = SeekerStatus.REFERRED


# --- The person, referral, intake --------------------------------------------------------


def _received(build: Build, periods: list[Period]) -> Person:
    """A person referred, received (intake) and engaged in the given PERs."""
    rng = build.rng
    intake_on = build.timeline.working_day(periods[0].starts_on - rng.randint(0, 3) * DAY)
    referred_on = build.timeline.working_day(intake_on - rng.randint(3, 20) * DAY)
    person = _person(build, referred_on)
    _referral_add(build, person, referred_on, intake_on=intake_on)
    _intake_add(build, person, intake_on)
    periods_add(build, person, periods)
    return person


def _person(build: Build, referred_on: datetime.date) -> Person:
    rng, fake = build.rng, build.fake
    programme = _programmes.pick(rng)
    commune = build.pick_commune()
    site = _site_for(build, commune)
    female = rng.random() < 0.5
    first_name = fake.first_name_female() if female else fake.first_name_male()
    last_name = fake.last_name()
    age = rng.randint(50, 62) if programme == Programme.SENIOR else int(rng.triangular(19, 60, 32))
    licence = rng.random() < 0.55
    vehicle = licence and rng.random() < 0.7
    unemployed_since = referred_on - rng.randint(120, 3000) * DAY
    rsa_since = None
    if programme == Programme.RSA:
        rsa_since = unemployed_since + rng.randint(0, (referred_on - unemployed_since).days) * DAY
    email = ""
    if rng.random() < 0.55:
        email = f"{slugify(first_name)}.{slugify(last_name)}{rng.randint(1, 99)}@example.org"
    seeker = build.rows.add(
        JobSeeker(
            structure_id=build.structure_id,
            first_name=first_name,
            last_name=last_name,
            birth_date=referred_on - (age * 365 + rng.randint(0, 364)) * DAY,
            phone=build.phones.mobile(),
            email=email,
            commune_id=commune.id,
            site=site.site,
            driving_licence=licence,
            has_vehicle=vehicle,
            max_commute_km=rng.randint(15, 40) if vehicle else rng.randint(3, 12),
            wanted_contracts=list(_wanted_contracts.pick(rng)),
            wanted_working_time=_working_times.pick(rng),
            unavailable_conditions=conditions_pick(rng, _unavailable, c.UNAVAILABLE_SHARE),
            availability=_availability.pick(rng),
            education_level=_education.pick(rng),
            programme=programme,
            unemployed_since=unemployed_since,
            rsa_since=rsa_since,
            created_at=build.timeline.past(build.timeline.at(referred_on, 10)),
        )
    )
    person = Person(
        seeker=seeker,
        commune=commune,
        site=site,
        cre=rng.choice(site.cres or build.cres),
        prescriber=build.prescribers.get(programme) or next(iter(build.prescribers.values())),
    )
    build.people.append(person)
    return person


def _site_for(build: Build, commune: CommuneInfo) -> SiteInfo:
    nearest = min(build.sites, key=lambda site: distance_km(site.commune, commune))
    same_place = [site for site in build.sites if site.commune.id == nearest.commune.id]
    if len(same_place) > 1 and build.rng.random() < build.plan.neighbourhood_site_share:
        return same_place[1]
    return same_place[0]


def _referral_add(build: Build, person: Person, referred_on: datetime.date, *, intake_on) -> None:
    rng, seeker = build.rng, person.seeker
    adviser = person.prescriber.adviser
    organisation = person.prescriber.organisation
    build.rows.add(
        Referral(
            structure_id=build.structure_id,
            job_seeker=seeker,
            organisation=organisation,
            prescriber_name=f"{adviser.first_name} {adviser.last_name}",
            programme=seeker.programme,
            referred_on=referred_on,
            accepted_on=min(build.today, referred_on + rng.randint(0, 2) * DAY),
            intake_on=intake_on,
            created_at=build.timeline.past(build.timeline.at(referred_on, 10)),
        )
    )
    journal_add(
        build,
        person,
        JournalKind.REFERRAL,
        build.timeline.at(referred_on, 10),
        events.REFERRED,
        {"organisation": organisation.name, "programme": seeker.programme, "day": referred_on},
        author=adviser,
    )


def _intake_add(build: Build, person: Person, intake_on: datetime.date) -> None:
    """Intake: at least three realistic target jobs, coherent with the person's past."""
    rng = build.rng
    person.intake_on = intake_on
    at = build.timeline.past(build.timeline.at(intake_on, 11))
    for appellation, experienced in _targets(build):
        person.targets.append(appellation)
        build.rows.add(
            TargetJob(
                structure_id=build.structure_id,
                job_seeker=person.seeker,
                appellation_id=appellation.id,
                commune_id=person.commune.id,
                has_experience=experienced,
                created_at=at,
            )
        )
    first = person.targets[0].label.lower()
    person.seeker.wishes = rng.choice(c.WISH_PATTERNS).format(job=first)
    person.seeker.know_how = rng.choice(c.KNOW_HOW_PATTERNS).format(job=first)
    build.rows.add(
        Intake(
            structure_id=build.structure_id,
            job_seeker=person.seeker,
            held_on=intake_on,
            by=person.cre,
            notes="Écoute active ; la personne souhaite reprendre vite un emploi.",
            frame_explained=True,
            agreed_to_engage=True,
            completed_at=at,
            created_at=at,
        )
    )
    labels = ", ".join(target.label for target in person.targets)
    journal_add(
        build, person, JournalKind.INTAKE, at, events.INTAKE_COMPLETED, {"jobs": labels}, author=person.cre
    )


def _targets(build: Build) -> list[tuple[AppellationInfo, bool]]:
    """The person's past job first (experience), then close jobs (ROME mobility), then jobs of
    the same sectors in demand locally."""
    rng, reference = build.rng, build.reference
    wanted = min(_target_count.pick(rng), reference.appellation_count)
    past = reference.past_fiches.pick(rng)
    own = reference.appellations_by_fiche[past]
    chosen = {app.id: (app, True) for app in rng.sample(own, min(len(own), rng.choice((1, 1, 2))))}
    for fiche_id in reference.close_fiches.get(past, [])[:3]:
        if len(chosen) < wanted and rng.random() < 0.7:
            app = rng.choice(reference.appellations_by_fiche[fiche_id])
            chosen.setdefault(app.id, (app, False))
    sector_fiches = [f for sector in reference.sectors_by_fiche.get(past, ()) for f in sector.fiche_ids]
    attempts = 0
    while len(chosen) < wanted:
        attempts += 1
        if sector_fiches and attempts < 10:
            fiche_id = rng.choice(sector_fiches)
        else:
            fiche_id = rng.choice(reference.fiche_ids)
        app = rng.choice(reference.appellations_by_fiche[fiche_id])
        chosen.setdefault(app.id, (app, False))
    return list(chosen.values())


# --- Positionings ------------------------------------------------------------------------


def _failed_positionings(build: Build, person: Person, first_day, last_day, counts: Weighted) -> None:
    """Positionings that did not lead to a hire, one after the other in [first_day, last_day]."""
    rng = build.rng
    day = first_day + rng.randint(0, 10) * DAY
    for _ in range(counts.pick(rng)):
        steps = StepPlan.draw(rng)
        if day + steps.decision * DAY > last_day:
            return
        outcome = PositioningStatus.NOT_RETAINED if rng.random() < 0.55 else PositioningStatus.WITHDRAWN
        info = offer_for(build, person, rng.choice(person.targets), day)
        positioning_add(build, person, info, start=day, steps=steps, outcome=outcome)
        day += (steps.decision + rng.randint(3, 25)) * DAY
