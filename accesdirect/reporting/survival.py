"""Survival in employment: of the people who started a job, how many are still in a job 6, 12,
24 and 48 months later, and with the same employer or another (the study: 80% still in a job
after four years, 40% of them with another employer).

What it reads: the first job start of each person (offers.Employment, the earliest
`starts_on`), and the answers of that employment's follow-ups planned 6, 12, 24 and 48 months
after it (offers.JobFollowUp whose `due_on` is the start + N months, offers.services.employment
FOLLOW_UP_AFTER_MONTHS): `still_employed` (in any job) and `same_employer`, recorded by staff.
A follow-up without an answer to "still in a job?" says nothing: the "going well" of an SMS
reply is about the job of the moment, not about being in work.

The curve (Kaplan-Meier, on the four check-in times): a person is followed from their start;
at each check-in, those who answered are "at risk"; those who answered "no longer in a job"
are the events, and leave the curve; those without an answer (the check-in is not due yet, or
nobody reached them) are censored there: they count up to their last answer and no further,
so that people not yet followed that long never lower nor raise the share. The share still in
a job at N months is the product over the check-ins up to N of (at risk − events) / at risk.

The two study figures: the share still in a job at 48 months (the curve at 48 months, every
cohort together), and, of the people answering "still in a job" at 48 months who said for whom,
the share with another employer than at the start.

Exact fractions, never rounded here: the pages and reports round as they show.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from fractions import Fraction

from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from accesdirect.core.calendar import add_months
from accesdirect.offers.models import Employment, JobFollowUp

MILESTONES = (6, 12, 24, 48)
FOUR_YEARS = 48
# How far each check-in is, as pages and reports write it.
SINCE = {0: "0", 6: _("6 mois"), 12: _("1 an"), 24: _("2 ans"), 48: _("4 ans")}

# The definitions shown with the figures (survival page, Définitions page, funder report).
DEFINITIONS = (
    (
        _("Survie dans l'emploi"),
        _(
            "Parmi les personnes entrées dans un premier emploi, la part toujours en emploi (chez "
            "n'importe quel employeur) 6 mois, 1 an, 2 ans et 4 ans après le début, selon les suivis "
            "faits à ces dates (SMS ou saisie de l'équipe). Calcul de type Kaplan-Meier : une personne "
            "compte jusqu'à sa dernière réponse ; sans réponse (suivi pas encore dû, personne non "
            "jointe), elle sort du calcul sans le faire baisser ni monter ; après une réponse « plus en "
            "emploi », elle n'est plus suivie."
        ),
    ),
    (
        _("Cohorte"),
        _("Les personnes dont le premier emploi a commencé la même année civile."),
    ),
    (
        _("Toujours en emploi après 4 ans"),
        _("La courbe de toutes les cohortes ensemble, à 48 mois."),
    ),
    (
        _("Chez un autre employeur"),
        _(
            "Parmi les personnes en emploi au suivi des 4 ans qui ont dit pour quel employeur, la "
            "part qui travaille ailleurs que dans leur premier emploi."
        ),
    ),
)


@dataclasses.dataclass(frozen=True, slots=True)
class FollowedStart:
    """A person's first job start and the answers of its long follow-ups, by month."""

    job_seeker_id: int
    starts_on: datetime.date
    # Month → still in a job (answered check-ins only).
    still_employed: dict[int, bool] = dataclasses.field(default_factory=dict)
    # Month → same employer as at the start (answered, and in a job).
    same_employer: dict[int, bool] = dataclasses.field(default_factory=dict)

    @property
    def cohort(self) -> int:
        return self.starts_on.year


@dataclasses.dataclass(frozen=True, slots=True)
class SurvivalStep:
    months: int
    at_risk: int  # followed and answering at this check-in
    events: int  # no longer in a job
    censored: int  # still followed before, without an answer at this check-in
    # Share still in a job at this check-in; None when nobody is followed that long.
    survival: Fraction | None


@dataclasses.dataclass(frozen=True, slots=True)
class StudyFigures:
    starts: int
    followed_four_years: int  # answering "still in a job?" at 48 months
    still_in_job_four_years: Fraction | None
    in_job_four_years_with_employer_known: int
    other_employer_share: Fraction | None


def kaplan_meier(starts: Iterable[FollowedStart], *, milestones=MILESTONES) -> list[SurvivalStep]:
    followed = list(starts)
    survival = Fraction(1)
    steps = []
    for months in milestones:
        answered = [start for start in followed if months in start.still_employed]
        events = sum(1 for start in answered if not start.still_employed[months])
        if answered:
            survival *= Fraction(len(answered) - events, len(answered))
        steps.append(
            SurvivalStep(
                months=months,
                at_risk=len(answered),
                events=events,
                censored=len(followed) - len(answered),
                survival=survival if answered else None,
            )
        )
        # Those who left work and those who went unanswered are followed no further.
        followed = [start for start in answered if start.still_employed[months]]
    return steps


def survival_by_cohort(
    starts: Iterable[FollowedStart], *, milestones=MILESTONES
) -> dict[int, list[SurvivalStep]]:
    """One curve per year of start, the oldest first."""
    cohorts: dict[int, list[FollowedStart]] = {}
    for start in starts:
        cohorts.setdefault(start.cohort, []).append(start)
    return {year: kaplan_meier(cohorts[year], milestones=milestones) for year in sorted(cohorts)}


def study_figures(starts: Iterable[FollowedStart]) -> StudyFigures:
    starts = list(starts)
    four_years = kaplan_meier(starts)[-1]
    in_job = [start for start in starts if start.still_employed.get(FOUR_YEARS) is True]
    known = [start for start in in_job if FOUR_YEARS in start.same_employer]
    others = sum(1 for start in known if not start.same_employer[FOUR_YEARS])
    answered = sum(1 for start in starts if FOUR_YEARS in start.still_employed)
    return StudyFigures(
        starts=len(starts),
        followed_four_years=answered,
        still_in_job_four_years=four_years.survival,
        in_job_four_years_with_employer_known=len(known),
        other_employer_share=Fraction(others, len(known)) if known else None,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class SurvivalReport:
    """What the survival page, report and API show: the curve of every start together, one
    per yearly cohort (with its number of starts), and the two study figures."""

    starts: int
    overall: list[SurvivalStep]
    cohorts: dict[int, list[SurvivalStep]]
    cohort_sizes: dict[int, int]
    study: StudyFigures


def survival_report(
    *, structure_ids: list[int], start: datetime.date | None = None, end: datetime.date | None = None
) -> SurvivalReport:
    starts = followed_starts(structure_ids=structure_ids, start=start, end=end)
    sizes: dict[int, int] = {}
    for followed in starts:
        sizes[followed.cohort] = sizes.get(followed.cohort, 0) + 1
    return SurvivalReport(
        starts=len(starts),
        overall=kaplan_meier(starts),
        cohorts=survival_by_cohort(starts),
        cohort_sizes=dict(sorted(sizes.items())),
        study=study_figures(starts),
    )


def followed_starts(
    *, structure_ids: list[int], start: datetime.date | None = None, end: datetime.date | None = None
) -> list[FollowedStart]:
    """The first job start of each person of the structures (between `start` and `end` when
    given, both included), with the answers of its follow-ups at 6, 12, 24 and 48 months. Two
    queries whatever the number of people."""
    with scope(structure=list(structure_ids)):
        employments = (
            Employment.objects.filter(structure_id__in=structure_ids)
            .order_by("job_seeker_id", "starts_on", "pk")
            .values_list("pk", "job_seeker_id", "starts_on")
        )
        first: dict[int, tuple[int, datetime.date]] = {}
        for employment_id, job_seeker_id, starts_on in employments:
            first.setdefault(job_seeker_id, (employment_id, starts_on))
        chosen = {
            employment_id: (job_seeker_id, starts_on)
            for job_seeker_id, (employment_id, starts_on) in first.items()
            if (start is None or starts_on >= start) and (end is None or starts_on <= end)
        }
        # Every answer of the structures, sorted out here: no list of thousands of ids in the query.
        answers = (
            JobFollowUp.objects.filter(structure_id__in=structure_ids, still_employed__isnull=False)
            .order_by()
            .values_list("employment_id", "due_on", "still_employed", "same_employer")
        )
        still: dict[int, dict[int, bool]] = {employment_id: {} for employment_id in chosen}
        same: dict[int, dict[int, bool]] = {employment_id: {} for employment_id in chosen}
        for employment_id, due_on, still_employed, same_employer in answers:
            if employment_id not in chosen:
                continue  # a later job of the person
            starts_on = chosen[employment_id][1]
            months = _milestone(starts_on, due_on)
            if months is None:
                continue
            still[employment_id][months] = still_employed
            if still_employed and same_employer is not None:
                same[employment_id][months] = same_employer
    return [
        FollowedStart(
            job_seeker_id=job_seeker_id,
            starts_on=starts_on,
            still_employed=still[employment_id],
            same_employer=same[employment_id],
        )
        for employment_id, (job_seeker_id, starts_on) in sorted(chosen.items(), key=lambda item: item[1])
    ]


def _milestone(starts_on: datetime.date, due_on: datetime.date) -> int | None:
    for months in MILESTONES:
        if add_months(starts_on, months) == due_on:
            return months
    return None
