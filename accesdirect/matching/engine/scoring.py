"""Vectorised scoring of (person, offer) pairs: hard filters, the three parts of fit, priority.

Every function works on index arrays into a PeoplePool and an OfferPool: one offer against many
people (ranking candidates, the weekly assignment) or one person against many offers.
"""

import dataclasses

import numpy as np

from . import codes
from .codes import Filter, JobLevel
from .pool import EARTH_RADIUS_KM, OfferPool, PeoplePool
from .weights import Weights

_OPEN = codes.OFFER_STATUSES.index(codes.OfferStatus.OPEN)
_POSITIONED = codes.OFFER_STATUSES.index(codes.OfferStatus.POSITIONED)


@dataclasses.dataclass
class PairScores:
    """Parallel arrays, one entry per scored pair."""

    people: np.ndarray  # index into the PeoplePool
    offers: np.ndarray  # index into the OfferPool
    job: np.ndarray  # JobLevel
    distance_km: np.ndarray  # nan when a commune has no coordinates
    reach_km: np.ndarray
    commute: np.ndarray  # level 1-3
    contract_ok: np.ndarray
    time_ok: np.ndarray
    start_ok: np.ndarray
    conditions: np.ndarray  # level 0-3
    fit: np.ndarray
    priority: np.ndarray
    filters: np.ndarray  # Filter flags, 0 = compatible

    @property
    def compatible(self) -> np.ndarray:
        return self.filters == 0

    def __len__(self) -> int:
        return int(self.people.size)

    def take(self, selection) -> "PairScores":
        return PairScores(
            **{field.name: getattr(self, field.name)[selection] for field in dataclasses.fields(self)}
        )


def distances_km(lat1, lon1, lat2, lon2, *, detour_factor: float) -> np.ndarray:
    """Road distance estimated as the straight line (equirectangular, exact enough within a
    département) times the detour factor. Inputs in radians; nan propagates."""
    x = (lon2 - lon1) * np.cos((lat1 + lat2) * 0.5)
    y = lat2 - lat1
    return np.sqrt(x * x + y * y) * (EARTH_RADIUS_KM * detour_factor)


def score_pairs(
    people: PeoplePool,
    person: np.ndarray,
    offers: OfferPool,
    offer: np.ndarray,
    job: np.ndarray,
    *,
    weights: Weights,
    refused: np.ndarray | None = None,
) -> PairScores:
    """Score the pairs (person[k], offer[k]); either index may be a scalar, broadcast."""
    person = np.asarray(person, dtype=np.int64)
    offer = np.asarray(offer, dtype=np.int64)
    job = np.asarray(job, dtype=np.int8)
    # At least one dimension, so that scoring one pair still gives arrays of one entry.
    shape = np.broadcast_shapes(
        person.shape, offer.shape, job.shape, (1,) if refused is None else refused.shape
    )
    person, offer, job = (np.broadcast_to(values, shape) for values in (person, offer, job))

    distance = distances_km(
        people.lat[person], people.lon[person], offers.lat[offer], offers.lon[offer],
        detour_factor=weights.detour_factor,
    )  # fmt: skip
    reach = people.reach_km[person]
    known = ~np.isnan(distance)
    too_far = known & (distance > reach)
    commute = np.where(
        ~known, 1, np.where(distance <= reach / 3, 3, np.where(distance <= reach * 2 / 3, 2, 1))
    ).astype(np.int8)

    wanted = people.wanted_contracts[person]
    contract_ok = (wanted == 0) | ((wanted & offers.contract_bit[offer]) != 0)
    wanted_time, offer_time = people.wanted_time[person], offers.time[offer]
    time_ok = (wanted_time == 0) | (offer_time == 0) | (wanted_time == offer_time)
    start_ok = offers.starts_in[offer] + codes.START_TOLERANCE_DAYS >= people.available_in[person]
    conditions = (contract_ok.astype(np.int8) + time_ok + start_ok).astype(np.int8)

    fit = (
        weights.job * job.astype(np.int16) + weights.commute * commute + weights.conditions * conditions
    ).astype(np.int16)

    status = offers.status[offer]
    filters = np.where(status == _POSITIONED, Filter.OFFER_POSITIONED, 0)
    filters |= np.where((status != _POSITIONED) & (status != _OPEN), Filter.OFFER_CLOSED, 0)
    filters |= np.where(people.active[person], 0, Filter.PERSON_INACTIVE)
    if refused is not None:
        filters |= np.where(refused, Filter.REFUSED, 0)
    filters |= np.where(job == JobLevel.NONE, Filter.JOB_UNRELATED, 0)
    filters |= np.where(too_far, Filter.TOO_FAR, 0)
    filters |= np.where(offers.licence[offer] & ~people.licence[person], Filter.LICENCE, 0)
    filters |= np.where((people.unavailable[person] & offers.conditions[offer]) != 0, Filter.CONDITIONS, 0)

    return PairScores(
        people=np.array(person),
        offers=np.array(offer),
        job=np.array(job),
        distance_km=distance,
        reach_km=reach,
        commute=commute,
        contract_ok=contract_ok,
        time_ok=time_ok,
        start_ok=start_ok,
        conditions=conditions,
        fit=fit,
        # A person in a job comes after those without one for a durable offer (weights.py).
        priority=people.priority[person]
        - np.where(people.in_job[person] & offers.durable[offer], weights.in_job_penalty, 0.0),
        filters=filters.astype(np.int32),
    )


def score_offer(
    people: PeoplePool,
    offers: OfferPool,
    j: int,
    *,
    weights: Weights,
    refused_people: np.ndarray | None = None,
) -> PairScores:
    """One offer against the people with a job link to it (the others are excluded by the
    job part and not scored). `refused_people`: pool indexes of people refused on it before."""
    candidates, levels = people.levels_for_fiche(int(offers.fiche[j]))
    refused = None
    if refused_people is not None and refused_people.size:
        refused = np.isin(candidates, refused_people)
    return score_pairs(people, candidates, offers, np.int64(j), levels, weights=weights, refused=refused)


def job_levels_for_person(people: PeoplePool, i: int, offers: OfferPool) -> np.ndarray:
    """The job level of every offer for person i (the same rule as PeoplePool.levels_for_fiche)."""
    graph = people.graph
    levels = np.zeros(offers.size, dtype=np.int8)
    targets = people.targets(i)
    fiches = {fiche for _appellation, fiche, _done, _commune in targets}
    done = {fiche for _appellation, fiche, has_experience, _commune in targets if has_experience}
    close = {target for fiche in fiches for target in graph.targets_of.get(fiche, ())}
    parents = {graph.parent_of(fiche) for fiche in fiches} - {0}
    domaines = {graph.domaine_of(fiche) for fiche in fiches} - {0}
    for level, column, values in (
        (JobLevel.SAME_DOMAINE, offers.domaine, domaines),
        (JobLevel.SAME_PARENT, offers.parent, parents),
        (JobLevel.CLOSE, offers.fiche, close),
        (JobLevel.TARGET, offers.fiche, fiches),
        (JobLevel.DONE, offers.fiche, done),
    ):
        if values:
            levels[np.isin(column, np.fromiter(values, dtype=np.int64))] = level
    return levels


def score_person(
    people: PeoplePool,
    i: int,
    offers: OfferPool,
    *,
    weights: Weights,
    refused_offers: np.ndarray | None = None,
) -> PairScores:
    """One person against every offer of the pool."""
    refused = None
    if refused_offers is not None and refused_offers.size:
        refused = np.isin(np.arange(offers.size), refused_offers)
    levels = job_levels_for_person(people, i, offers)
    return score_pairs(
        people, np.int64(i), offers, np.arange(offers.size), levels, weights=weights, refused=refused
    )


def ranking_order(scores: PairScores, ids: np.ndarray) -> np.ndarray:
    """Positions of `scores` from the best: compatible first, then fit, then priority, then
    the smaller id (a stable, documented tie-break)."""
    return np.lexsort((ids, -scores.priority, -scores.fit, scores.filters != 0))


def top(scores: PairScores, ids: np.ndarray, limit: int | None) -> np.ndarray:
    """The best `limit` positions in ranking order, without sorting the whole list."""
    if limit is None or limit >= len(scores):
        return ranking_order(scores, ids)
    if limit <= 0:
        return np.empty(0, dtype=np.int64)
    # One key holding the same order: incompatible last, fit, then priority (within the spread).
    low = float(np.min(scores.priority, initial=0.0))
    spread = float(np.max(scores.priority, initial=0.0)) - low + 1.0
    key = np.where(scores.filters != 0, -1.0, scores.fit * spread + (scores.priority - low))
    head = np.argpartition(-key, limit)[: limit + 1]
    # Ties at the cut: take everything at least as good as the limit-th, then sort exactly.
    threshold = np.sort(key[head])[::-1][limit - 1]
    head = np.flatnonzero(key >= threshold)
    ordered = head[ranking_order(scores.take(head), ids[head])]
    return ordered[:limit]
