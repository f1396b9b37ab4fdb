"""The weights of matching, with their documented defaults.

A structure may change them (matching.models.MatchingSettings); these defaults apply until it
does. Fit and priority are points, kept as whole numbers for fit so that "equal fit" is a real
tie, broken by priority.

Fit of a pair = job × job points + commute × commute level + conditions × conditions level:
- job points: 5 a target job the person has done, 4 a target job, 3 a close job (ROME mobility
  link), 2 same historical fiche (ROME v3 parent), 1 same domaine professionnel, 0 excluded;
- commute level: 3 within a third of the person's reach, 2 within two thirds, 1 further;
- conditions level: one point per wish met (contract, working time, start date), 0 to 3.
With the defaults a fit lies between 5 and 24; the weekly assignment keeps pairs of fit
>= min_fit (12: a target job always qualifies, a close job with a fair commute or wishes met,
a job of the same domaine only when everything else is perfect).

Priority orders people of equal fit: month_points per month without work (capped at
months_cap), week_points per week since the last proposal (capped at weeks_cap; never proposed
counts as the cap), plus the points of the person's programme. Nothing else enters it: no age,
no origin, no health. One exception, by the method: a person already in a (short) job is still
matched, but on a durable offer (CDI, CDD of more than six months) their priority is lowered by
in_job_penalty points, so that at equal fit the durable job goes first to someone without work.
"""

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

DEFAULT_PROGRAMME_POINTS = MappingProxyType({"rsa": 12, "plie": 6, "senior": 6, "city": 3, "other": 0})


@dataclasses.dataclass(frozen=True)
class Weights:
    job: int = 3
    commute: int = 2
    conditions: int = 1
    min_fit: int = 12
    # Road distance ≈ straight line × detour factor.
    detour_factor: float = 1.3
    # Reach of a person by mobility, when their own maximum commute is not set.
    reach_car_km: int = 35
    reach_licence_km: int = 12
    reach_none_km: int = 8
    month_points: float = 1.0
    months_cap: int = 48
    week_points: float = 1.0
    weeks_cap: int = 26
    programme_points: Mapping[str, int] = dataclasses.field(default_factory=lambda: DEFAULT_PROGRAMME_POINTS)
    in_job_penalty: float = 24.0

    @property
    def max_fit(self) -> int:
        return 5 * self.job + 3 * self.commute + 3 * self.conditions

    @property
    def max_priority(self) -> float:
        return (
            self.month_points * self.months_cap
            + self.week_points * self.weeks_cap
            + max(self.programme_points.values(), default=0)
        )


DEFAULT_WEIGHTS = Weights()
