"""Immersions (PMSMP): about 3% of the people accompanied over the last year did one, with a
company of the territory and a tutor who answers by SMS. Most are over, with the tutor's review
and an outcome; a couple are under way and one or more are still to come.

They are few, so they go through the immersions' services, in the structure's scope, once the
bulk rows are written: the convention's rules hold as for real ones (a month at most, two with
the same company within twelve months), and none is an employment. An outcome "hired" is only
drawn for a person whose job, at that company, was recorded on its own (people.py); the others
stay without a job whatever the tutor offered.

The services date their journal lines now; the demo dates them when they happened."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.immersions.enums import ImmersionOutcome, ImmersionPurpose
from accesdirect.immersions.models import Immersion
from accesdirect.immersions.services import (
    ImmersionRefused,
    ImmersionTerms,
    immersion_create,
    immersion_record_outcome,
    immersion_record_review,
)
from accesdirect.referentials.models import Appellation
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.seekers.models import JournalEntry

from .catalogue import PERSON_ROLES
from .companies import company_for_fiche
from .context import Build, Person
from .timeline import DAY, Weighted

# Of the people accompanied over the last year.
IMMERSION_SHARE = 0.03
# At least this many per structure, so that a small demo still shows each kind.
MIN_IMMERSIONS = 6
PLANNED_SHARE = 0.04
ONGOING_SHARE = 0.08
# Immersions ended this recently may still wait for the tutor's review.
AWAITING_REVIEW_DAYS = 7
_weeks = Weighted(((1, 45), (2, 40), (3, 15)))
_purposes = Weighted(
    ((ImmersionPurpose.DISCOVER, 40), (ImmersionPurpose.CONFIRM, 45), (ImmersionPurpose.RECRUIT, 15))
)
_hours = Weighted(((Decimal(35), 60), (Decimal(28), 15), (Decimal(24), 15), (Decimal(20), 10)))
_OBJECTIVES = {
    ImmersionPurpose.DISCOVER: "Découvrir le métier de {job} et ses conditions de travail.",
    ImmersionPurpose.CONFIRM: "Vérifier que le métier de {job} convient : rythme, gestes, travail en équipe.",
    ImmersionPurpose.RECRUIT: "Se faire connaître de l'entreprise en vue d'un recrutement comme {job}.",
}
_TASKS = "Observer puis réaliser, avec le tuteur, les tâches courantes d'un poste de {job}."
_ASSESSMENT = "Bilan avec le tuteur le dernier jour, sur la grille d'évaluation de la convention."
_SCHEDULE = "Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h."
_REVIEWS = {
    ImmersionOutcome.HIRED: "Très bonne immersion, à l'aise dès la première semaine : nous l'embauchons.",
    ImmersionOutcome.CONTRACT_OFFERED: "Ponctuelle, motivée, bien intégrée : nous lui proposons un contrat.",
    ImmersionOutcome.NONE: (
        "Bonne volonté, mais le rythme du poste est difficile à tenir pour le moment.",
        "Sérieuse et ponctuelle ; pas de poste à pourvoir chez nous en ce moment.",
        "A découvert le métier, qui ne correspond pas à son projet.",
    ),
}


def immersions_add(build: Build) -> int:
    """Write the structure's immersions; returns how many were made."""
    rng, today = build.rng, build.today
    year_ago = today - 365 * DAY
    accompanied = [
        person
        for person in build.people
        if person.intake_on and (person.seeker.exited_on is None or person.seeker.exited_on >= year_ago)
    ]
    # The services refuse a person who has left: immersions of the people still accompanied,
    # searching (to come, under way, over) or since placed (over, before their job).
    active = [person for person in accompanied if person.seeker.status == SeekerStatus.ACTIVE]
    # (Not those in a first short contract: an immersion is tried before a job, never beside one.)
    searching = [person for person in active if person.employment is None and person.short_job is None]
    placed = [person for person in active if person.employment is not None]
    rng.shuffle(searching)
    rng.shuffle(placed)
    wanted = max(MIN_IMMERSIONS, round(IMMERSION_SHARE * len(accompanied)))
    planned = max(1, round(wanted * PLANNED_SHARE))
    ongoing = max(2, round(wanted * ONGOING_SHARE))
    past = wanted - planned - ongoing
    over = searching[planned + ongoing : planned + ongoing + past - past // 3] + placed[: past // 3]
    people = searching[: planned + ongoing] + over
    appellations = Appellation.objects.in_bulk({target.id for person in people for target in person.targets})
    made = 0
    with structure_scope(build.structure):
        for index, person in enumerate(people):
            when = "planned" if index < planned else ("ongoing" if index < planned + ongoing else "over")
            made += _immersion_add(build, person, appellations, when=when)
    return made


def _dates(build: Build, person: Person, when: str, weeks: int, hired: bool) -> tuple | None:
    """(start, end) of an immersion from Monday to Friday, or None when it does not fit."""
    rng, today = build.rng, build.today
    monday = _monday(today)
    if when == "planned":
        start = monday + 7 * rng.randint(1, 2) * DAY
    elif when == "ongoing":
        weeks = max(2, weeks)  # Under way even when the demo is loaded on a weekend.
        start = monday - 7 * rng.randint(0, weeks - 2) * DAY
    else:
        # Over, after the intake and within the year; for a person since placed, before the job.
        employment = person.employment
        last_end = employment.starts_on - 3 * DAY if employment else today - DAY
        first_start = max(person.intake_on + 7 * DAY, today - 350 * DAY)
        length = (7 * weeks - 3) * DAY
        if first_start + length > last_end:
            return None
        latest = last_end - length
        start = _monday(latest if hired else build.timeline.sample_day(rng, first_start, latest))
    if start <= person.intake_on:
        return None
    return start, start + (7 * weeks - 3) * DAY


def _immersion_add(build: Build, person: Person, appellations, *, when: str) -> int:
    rng, today = build.rng, build.today
    target = rng.choice(person.targets)
    employment = person.employment
    hired = employment is not None and employment.company is not None and rng.random() < 0.6
    dates = _dates(build, person, when, _weeks.pick(rng), hired)
    if dates is None:
        return 0
    start, end = dates
    purpose = ImmersionPurpose.RECRUIT if hired else _purposes.pick(rng)
    company = (
        employment.company if hired else company_for_fiche(build, target.fiche_id, person.commune).company
    )
    job = target.label.lower()
    terms = ImmersionTerms(
        company=company,
        tutor_name=build.fake.name(),
        tutor_role=rng.choice(PERSON_ROLES),
        tutor_phone=build.phones.mobile(),
        prescriber=person.prescriber.organisation,
        starts_on=start,
        ends_on=end,
        hours_per_week=_hours.pick(rng),
        schedule=_SCHEDULE,
        purpose=purpose,
        appellation=appellations[target.id],
        objectives=_OBJECTIVES[purpose].format(job=job),
        tasks=_TASKS.format(job=job),
        assessment=_ASSESSMENT,
    )
    planned_on = min(today, build.timeline.working_day(start - rng.randint(5, 20) * DAY))
    try:
        with _dated(build, person, build.timeline.office_time(rng, planned_on)) as at:
            immersion = immersion_create(job_seeker=person.seeker, by=person.cre, terms=terms)
            Immersion.objects.filter(pk=immersion.pk).update(created_at=at)
    except ImmersionRefused:
        return 0  # The convention's rules refuse it (two with this company already): not made.
    if end >= today or (end >= today - AWAITING_REVIEW_DAYS * DAY and rng.random() < 0.5):
        return 1  # To come, under way, or waiting for the tutor's answer.
    outcome = ImmersionOutcome.HIRED if hired else _outcome(rng)
    reviewed_on = min(today, end + rng.randint(0, 2) * DAY)
    review = _REVIEWS[outcome]
    with _dated(build, person, build.timeline.office_time(rng, reviewed_on)):
        immersion_record_review(
            immersion=immersion,
            by=person.cre,
            review=review if isinstance(review, str) else rng.choice(review),
            reviewed_on=reviewed_on,
            today=today,
        )
    outcome_on = min(today, reviewed_on + rng.randint(0, 4) * DAY)
    if hired:
        outcome_on = min(outcome_on, employment.starts_on)
    with _dated(build, person, build.timeline.office_time(rng, outcome_on)):
        immersion_record_outcome(
            immersion=immersion, by=person.cre, outcome=outcome, outcome_on=outcome_on, today=today
        )
    return 1


def _outcome(rng) -> ImmersionOutcome:
    return ImmersionOutcome.CONTRACT_OFFERED if rng.random() < 0.3 else ImmersionOutcome.NONE


def _monday(day: datetime.date) -> datetime.date:
    return day - day.weekday() * DAY


@contextmanager
def _dated(build: Build, person: Person, moment: datetime.datetime) -> Iterator[datetime.datetime]:
    """The person's journal lines written inside the block, dated `moment` (never later than
    now). The generated history is dated at least a minute before now: only these are newer."""
    at = build.timeline.past(moment)
    written_from = timezone.now()
    yield at
    JournalEntry.objects.filter(job_seeker=person.seeker, created_at__gte=written_from).update(
        occurred_at=at, created_at=at
    )
