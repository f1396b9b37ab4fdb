"""The pool of one structure as numpy arrays: people, offers and the ROME graph between jobs.

Built once per request or run from plain rows (matching.loader reads them with a few
aggregated queries), then scored many times without touching the database.
"""

import dataclasses
import datetime
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from . import codes
from .codes import JobLevel
from .weights import Weights

EARTH_RADIUS_KM = 6371.0


@dataclasses.dataclass(frozen=True)
class PersonRow:
    id: int
    latitude: float | None
    longitude: float | None
    driving_licence: bool
    has_vehicle: bool
    max_commute_km: int | None
    wanted_contracts: Sequence[str]
    wanted_working_time: str
    unavailable_conditions: Sequence[str]
    availability: str
    programme: str
    unemployed_since: datetime.date | None
    status: str
    last_proposal_on: datetime.date | None = None
    # Currently on an offer (an active positioning): out of the weekly assignment.
    positioned: bool = False
    # In a job today (a short contract: they stay accompanied and matched, see weights.py).
    in_job: bool = False


@dataclasses.dataclass(frozen=True)
class TargetRow:
    job_seeker_id: int
    appellation_id: int
    fiche_id: int
    has_experience: bool
    commune_id: int


@dataclasses.dataclass(frozen=True)
class OfferRow:
    id: int
    appellation_id: int
    fiche_id: int
    latitude: float | None
    longitude: float | None
    contract: str
    hours_per_week: float | None
    starts_on: datetime.date | None
    requires_driving_licence: bool
    work_conditions: Sequence[str]
    status: str
    captured_on: datetime.date | None = None
    duration_months: int | None = None


@dataclasses.dataclass(frozen=True)
class FicheRow:
    id: int
    code: str
    label: str
    parent_code: str
    domaine_id: int
    domaine_label: str


class JobGraph:
    """Fiches, their historical parent and domaine, and the ROME mobility links between them.

    A link S → O (with its order, 1 = closest) says that a person from fiche S can move to O.
    Grown by the loader (fiches, then the links of the fiches people target); ids handed out
    to parents stay valid as it grows, so pools built at different times agree."""

    def __init__(self):
        self.fiches: dict[int, FicheRow] = {}
        self.parent_ids: dict[str, int] = {}
        self.appellation_labels: dict[int, str] = {}
        self.sources_of: dict[int, dict[int, int]] = {}
        self.targets_of: dict[int, dict[int, int]] = {}

    def add(
        self,
        fiches: Iterable[FicheRow] = (),
        mobilities: Iterable[tuple[int, int, int]] = (),
        appellation_labels: Mapping[int, str] | None = None,
    ) -> "JobGraph":
        for fiche in fiches:
            self.fiches[fiche.id] = fiche
            self.parent_ids.setdefault(fiche.parent_code or fiche.code, len(self.parent_ids) + 1)
        for source, target, order in mobilities:
            if source != target:
                self.sources_of.setdefault(target, {})[source] = order
                self.targets_of.setdefault(source, {})[target] = order
        self.appellation_labels.update(appellation_labels or {})
        return self

    def domaine_of(self, fiche_id: int) -> int:
        fiche = self.fiches.get(fiche_id)
        return fiche.domaine_id if fiche else 0

    def parent_of(self, fiche_id: int) -> int:
        fiche = self.fiches.get(fiche_id)
        return self.parent_ids.get(fiche.parent_code or fiche.code, 0) if fiche else 0

    def level(self, target_fiche: int, has_experience: bool, offer_fiche: int) -> JobLevel:
        """The job level of one target job against an offer's fiche (the reference rule that
        the vectorised scoring reproduces)."""
        if target_fiche == offer_fiche:
            return JobLevel.DONE if has_experience else JobLevel.TARGET
        if target_fiche in self.sources_of.get(offer_fiche, ()):
            return JobLevel.CLOSE
        if self.parent_of(target_fiche) and self.parent_of(target_fiche) == self.parent_of(offer_fiche):
            return JobLevel.SAME_PARENT
        if self.domaine_of(target_fiche) and self.domaine_of(target_fiche) == self.domaine_of(offer_fiche):
            return JobLevel.SAME_DOMAINE
        return JobLevel.NONE


def _radians(values: Iterable[float | None]) -> np.ndarray:
    return np.radians(np.array([math.nan if v is None else v for v in values], dtype=np.float64))


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def priority_points(
    *,
    months_without_work: np.ndarray,
    weeks_since_proposal: np.ndarray,
    programme: np.ndarray,
    weights: Weights,
) -> np.ndarray:
    """Priority from exactly three inputs: months without work (-1 unknown), weeks since the
    last proposal (-1 never) and the programme code. Nothing else may enter it."""
    months = np.clip(months_without_work, 0, weights.months_cap)
    weeks = np.where(
        weeks_since_proposal < 0, weights.weeks_cap, np.minimum(weeks_since_proposal, weights.weeks_cap)
    )
    programme_points = np.array(
        [weights.programme_points.get(value, 0) for value in codes.PROGRAMMES], dtype=np.float64
    )
    return weights.month_points * months + weights.week_points * weeks + programme_points[programme]


class PeoplePool:
    """People as arrays (index i), their target jobs as CSR rows, and inverted indexes from a
    fiche, a historical parent or a domaine to the people targeting it."""

    def __init__(
        self,
        people: Sequence[PersonRow],
        targets: Iterable[TargetRow],
        graph: JobGraph,
        *,
        weights: Weights,
        today: datetime.date,
    ):
        people = sorted(people, key=lambda person: person.id)
        self.graph = graph
        self.size = len(people)
        self.ids = np.array([p.id for p in people], dtype=np.int64)
        self.lat = _radians(p.latitude for p in people)
        self.lon = _radians(p.longitude for p in people)
        self.licence = np.array([p.driving_licence for p in people], dtype=bool)
        self.own_reach = np.array([p.max_commute_km is not None for p in people], dtype=bool)
        self.reach_km = np.array([_reach(p, weights) for p in people], dtype=np.float64)
        self.unavailable = np.array(
            [codes.bitmask(p.unavailable_conditions, codes.WORK_CONDITIONS) for p in people], dtype=np.int64
        )
        self.wanted_contracts = np.array(
            [codes.bitmask(p.wanted_contracts, codes.CONTRACTS) for p in people], dtype=np.int64
        )
        self.wanted_time = np.array(
            [codes.TIME_CODES.get(p.wanted_working_time, 0) for p in people], dtype=np.int8
        )
        self.available_in = np.array(
            [codes.AVAILABLE_IN_DAYS.get(p.availability, 0) for p in people], dtype=np.int32
        )
        self.months_without_work = np.array(
            [
                -1 if p.unemployed_since is None else _months_between(p.unemployed_since, today)
                for p in people
            ],
            dtype=np.int32,
        )
        self.weeks_since_proposal = np.array(
            [
                -1 if p.last_proposal_on is None else max((today - p.last_proposal_on).days // 7, 0)
                for p in people
            ],
            dtype=np.int32,
        )
        self.programme = np.array([_index(codes.PROGRAMMES, p.programme) for p in people], dtype=np.int8)
        self.status = np.array([_index(codes.SEEKER_STATUSES, p.status) for p in people], dtype=np.int8)
        self.active = self.status == codes.SEEKER_STATUSES.index(codes.SeekerStatus.ACTIVE)
        self.positioned = np.array([p.positioned for p in people], dtype=bool)
        self.in_job = np.array([p.in_job for p in people], dtype=bool)
        self.priority = priority_points(
            months_without_work=self.months_without_work,
            weeks_since_proposal=self.weeks_since_proposal,
            programme=self.programme,
            weights=weights,
        )
        self._index_targets(list(targets))
        self._levels_by_fiche: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def index_of(self, job_seeker_ids) -> np.ndarray:
        """Positions of the given ids; -1 for ids not in the pool."""
        ids = np.asarray(job_seeker_ids, dtype=np.int64)
        if self.size == 0:
            return np.full(ids.shape, -1, dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.ids, ids), self.size - 1)
        return np.where(self.ids[positions] == ids, positions, -1)

    def _index_targets(self, targets: list[TargetRow]) -> None:
        person = self.index_of([t.job_seeker_id for t in targets])
        keep = person >= 0
        person = person[keep]
        kept = [t for t, k in zip(targets, keep, strict=True) if k]
        order = np.argsort(person, kind="stable")
        person = person[order]
        kept = [kept[i] for i in order]
        self.target_appellation = np.array([t.appellation_id for t in kept], dtype=np.int64)
        self.target_fiche = np.array([t.fiche_id for t in kept], dtype=np.int64)
        self.target_done = np.array([t.has_experience for t in kept], dtype=bool)
        self.target_commune = np.array([t.commune_id for t in kept], dtype=np.int64)
        self.target_ptr = np.searchsorted(person, np.arange(self.size + 1))
        graph = self.graph
        parents = np.array([graph.parent_of(f) for f in self.target_fiche.tolist()], dtype=np.int64)
        domaines = np.array([graph.domaine_of(f) for f in self.target_fiche.tolist()], dtype=np.int64)
        self.by_fiche = _inverted(self.target_fiche, person)
        self.by_fiche_done = _inverted(self.target_fiche[self.target_done], person[self.target_done])
        self.by_parent = _inverted(parents, person)
        self.by_domaine = _inverted(domaines, person)

    def targets(self, i: int) -> list[tuple[int, int, bool, int]]:
        """(appellation, fiche, has_experience, commune) of the target jobs of person i."""
        start, end = self.target_ptr[i], self.target_ptr[i + 1]
        return list(
            zip(
                self.target_appellation[start:end].tolist(),
                self.target_fiche[start:end].tolist(),
                self.target_done[start:end].tolist(),
                self.target_commune[start:end].tolist(),
                strict=True,
            )
        )

    def levels_for_fiche(self, fiche_id: int) -> tuple[np.ndarray, np.ndarray]:
        """The people with a job link to an offer of this fiche, and their job level.

        Levels are written from the lowest to the highest, so each person keeps their best."""
        cached = self._levels_by_fiche.get(fiche_id)
        if cached is not None:
            return cached
        graph = self.graph
        scratch = np.zeros(self.size, dtype=np.int8)
        domaine, parent = graph.domaine_of(fiche_id), graph.parent_of(fiche_id)
        if domaine in self.by_domaine:
            scratch[self.by_domaine[domaine]] = JobLevel.SAME_DOMAINE
        if parent in self.by_parent:
            scratch[self.by_parent[parent]] = JobLevel.SAME_PARENT
        for source in graph.sources_of.get(fiche_id, ()):
            if source in self.by_fiche:
                scratch[self.by_fiche[source]] = JobLevel.CLOSE
        if fiche_id in self.by_fiche:
            scratch[self.by_fiche[fiche_id]] = JobLevel.TARGET
        if fiche_id in self.by_fiche_done:
            scratch[self.by_fiche_done[fiche_id]] = JobLevel.DONE
        people = np.flatnonzero(scratch)
        result = (people, scratch[people])
        self._levels_by_fiche[fiche_id] = result
        return result


class OfferPool:
    """Offers as arrays (index j)."""

    def __init__(self, offers: Sequence[OfferRow], graph: JobGraph, *, today: datetime.date):
        offers = sorted(offers, key=lambda offer: offer.id)
        self.graph = graph
        self.size = len(offers)
        self.rows = offers
        self.ids = np.array([o.id for o in offers], dtype=np.int64)
        self.appellation = np.array([o.appellation_id for o in offers], dtype=np.int64)
        self.fiche = np.array([o.fiche_id for o in offers], dtype=np.int64)
        self.parent = np.array([graph.parent_of(o.fiche_id) for o in offers], dtype=np.int64)
        self.domaine = np.array([graph.domaine_of(o.fiche_id) for o in offers], dtype=np.int64)
        self.lat = _radians(o.latitude for o in offers)
        self.lon = _radians(o.longitude for o in offers)
        self.contract_bit = np.array(
            [codes.bitmask([o.contract], codes.CONTRACTS) for o in offers], dtype=np.int64
        )
        self.time = np.array([codes.offer_time_code(o.hours_per_week) for o in offers], dtype=np.int8)
        self.starts_in = np.array([codes.days_from(today, o.starts_on) for o in offers], dtype=np.int32)
        self.licence = np.array([o.requires_driving_licence for o in offers], dtype=bool)
        self.conditions = np.array(
            [codes.bitmask(o.work_conditions, codes.WORK_CONDITIONS) for o in offers], dtype=np.int64
        )
        self.status = np.array([_index(codes.OFFER_STATUSES, o.status) for o in offers], dtype=np.int8)
        # Emploi durable: a CDI, or a CDD of more than six months.
        self.durable = np.array(
            [o.contract == "cdi" or (o.contract == "cdd" and (o.duration_months or 0) > 6) for o in offers],
            dtype=bool,
        )

    def index_of(self, offer_ids) -> np.ndarray:
        ids = np.asarray(offer_ids, dtype=np.int64)
        if self.size == 0:
            return np.full(ids.shape, -1, dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.ids, ids), self.size - 1)
        return np.where(self.ids[positions] == ids, positions, -1)


def _reach(person: PersonRow, weights: Weights) -> float:
    if person.max_commute_km is not None:
        return float(person.max_commute_km)
    if person.driving_licence and person.has_vehicle:
        return float(weights.reach_car_km)
    if person.driving_licence:
        return float(weights.reach_licence_km)
    return float(weights.reach_none_km)


def _index(universe: list, value) -> int:
    try:
        return universe.index(value)
    except ValueError:
        return len(universe) - 1


def _inverted(keys: np.ndarray, people: np.ndarray) -> dict[int, np.ndarray]:
    """key -> sorted unique people having it."""
    if keys.size == 0:
        return {}
    order = np.lexsort((people, keys))
    keys, people = keys[order], people[order]
    bounds = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [keys.size]])
    return {
        int(keys[start]): np.unique(people[start:end])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
        if keys[start] != 0
    }


class Refusals:
    """Pairs refused before (a positioning ended not retained or withdrawn, a draft line
    rejected): a hard filter, "Déjà refusée"."""

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()):
        self.by_offer: dict[int, set[int]] = {}
        self.by_person: dict[int, set[int]] = {}
        for offer_id, job_seeker_id in pairs:
            self.by_offer.setdefault(offer_id, set()).add(job_seeker_id)
            self.by_person.setdefault(job_seeker_id, set()).add(offer_id)

    def people_for(self, offer_id: int, people: PeoplePool) -> np.ndarray:
        positions = people.index_of(sorted(self.by_offer.get(int(offer_id), ())))
        return positions[positions >= 0]

    def offers_for(self, job_seeker_id: int, offers: OfferPool) -> np.ndarray:
        positions = offers.index_of(sorted(self.by_person.get(int(job_seeker_id), ())))
        return positions[positions >= 0]
