"""The weekly assignment ("réunion du lundi"): one exact one-to-one assignment of open offers to
active, unpositioned people, maximising fit first and priority among equal fits.

Only feasible pairs enter the problem (compatible, fit >= the minimum): the matrix is sparse,
over the offers and people having at least one such pair. Each pair weighs
    w = fit × spread + priority     (spread > any priority: one fit point outweighs priority)
and the assignment maximises the sum of w. It is solved exactly by scipy's sparse linear
assignment (min_weight_full_bipartite_matching, LAPJVsp) on costs C − w, with one dummy column
per offer at cost C so that an offer may stay without a candidate: a dense
linear_sum_assignment would need offers × people cells (400 MB at 5,000 × 10,000).

The result is a draft, pure data: per offer the proposed person, their explanation and two
alternatives; the offers without a compatible candidate with the reason; the people without a
compatible offer grouped by target job and area (the prospection targets of principle A).
"""

import dataclasses
import enum
import time

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .codes import Filter
from .explain import Explanation, explain
from .pool import OfferPool, PeoplePool, Refusals
from .scoring import score_pairs
from .weights import Weights

ALTERNATIVES = 2
# Pairs scored at once when several offers share a fiche (bounds the memory of one batch).
BATCH_PAIRS = 2_000_000


class NoCandidateReason(enum.Enum):
    JOB_ABSENT = "job_absent"
    TOO_FAR = "too_far"
    FILTERED = "filtered"
    BELOW_THRESHOLD = "below_threshold"
    TAKEN = "taken"


@dataclasses.dataclass(frozen=True)
class Candidate:
    job_seeker_id: int
    fit: int
    priority: float
    explanation: Explanation
    # For an alternative: the offer this person is proposed on in the same draft, if any.
    proposed_on_offer_id: int | None = None


@dataclasses.dataclass(frozen=True)
class Proposal:
    offer_id: int
    candidate: Candidate
    alternatives: tuple[Candidate, ...]


@dataclasses.dataclass(frozen=True)
class OfferWithoutCandidate:
    offer_id: int
    reason: NoCandidateReason
    text: str


@dataclasses.dataclass(frozen=True)
class PeopleGroup:
    """People without a compatible offer who target one job in one area."""

    appellation_id: int
    appellation_label: str
    commune_id: int
    commune_name: str
    job_seeker_ids: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class AssignmentResult:
    proposals: list[Proposal]
    offers_without_candidate: list[OfferWithoutCandidate]
    people_without_offer: list[PeopleGroup]
    offers_count: int
    people_count: int
    feasible_pairs: int
    seconds: float


@dataclasses.dataclass
class FeasiblePairs:
    """The feasible pairs, sorted by offer then rank (fit, priority, smaller id first)."""

    offer: np.ndarray
    person: np.ndarray
    job: np.ndarray
    fit: np.ndarray
    priority: np.ndarray
    # Per offer: people with a job link, within reach, compatible, above the minimum fit.
    linked: np.ndarray
    near: np.ndarray
    compatible: np.ndarray
    feasible: np.ndarray
    dominant_filter: np.ndarray


_PAIR_FIELDS = {"offer": "offers", "person": "people", "job": "job", "fit": "fit", "priority": "priority"}


def feasible_pairs(
    people: PeoplePool, offers: OfferPool, *, weights: Weights, refusals: Refusals, available: np.ndarray
) -> FeasiblePairs:
    """Score every offer against the available people linked to its job, batched by fiche."""
    parts = {name: [] for name in _PAIR_FIELDS}
    linked = np.zeros(offers.size, dtype=np.int64)
    near = np.zeros(offers.size, dtype=np.int64)
    compatible = np.zeros(offers.size, dtype=np.int64)
    feasible = np.zeros(offers.size, dtype=np.int64)
    dominant_filter = np.zeros(offers.size, dtype=np.int64)
    flag_counts = {flag: np.zeros(offers.size, dtype=np.int64) for flag in Filter}
    for fiche in np.unique(offers.fiche).tolist():
        candidates, levels = people.levels_for_fiche(fiche)
        keep = available[candidates]
        candidates, levels = candidates[keep], levels[keep]
        same_fiche = np.flatnonzero(offers.fiche == fiche)
        linked[same_fiche] = candidates.size
        if candidates.size == 0:
            continue
        step = max(1, BATCH_PAIRS // candidates.size)
        for start in range(0, same_fiche.size, step):
            batch = same_fiche[start : start + step]
            person = np.tile(candidates, batch.size)
            offer = np.repeat(batch, candidates.size)
            refused = _refused_mask(person, offer, batch, candidates.size, people, offers, refusals)
            scores = score_pairs(
                people, person, offers, offer, np.tile(levels, batch.size), weights=weights, refused=refused
            )
            ok = scores.compatible
            above = ok & (scores.fit >= weights.min_fit)
            within_reach = (scores.filters & Filter.TOO_FAR) == 0
            near += _count_by_offer(offer, within_reach, offers.size)
            compatible += _count_by_offer(offer, ok, offers.size)
            feasible += _count_by_offer(offer, above, offers.size)
            # Why the people within reach are excluded: the most frequent filter names the cause.
            for flag, counts in flag_counts.items():
                counts += _count_by_offer(offer, within_reach & ((scores.filters & flag) != 0), offers.size)
            for name, field in _PAIR_FIELDS.items():
                parts[name].append(getattr(scores, field)[above])
    if offers.size:
        stacked = np.stack([flag_counts[flag] for flag in Filter])
        dominant_filter = np.array([int(flag) for flag in Filter])[np.argmax(stacked, axis=0)]
    arrays = {name: np.concatenate(values) if values else np.empty(0) for name, values in parts.items()}
    offer = arrays["offer"].astype(np.int64)
    person = arrays["person"].astype(np.int64)
    fit = arrays["fit"].astype(np.int16)
    priority = arrays["priority"].astype(np.float64)
    order = np.lexsort((people.ids[person] if person.size else person, -priority, -fit, offer))
    return FeasiblePairs(
        offer=offer[order],
        person=person[order],
        job=arrays["job"].astype(np.int8)[order],
        fit=fit[order],
        priority=priority[order],
        linked=linked,
        near=near,
        compatible=compatible,
        feasible=feasible,
        dominant_filter=dominant_filter,
    )


def _count_by_offer(offer: np.ndarray, mask: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(offer, weights=mask, minlength=size).astype(np.int64)


def _refused_mask(person, offer, batch, width, people, offers, refusals):
    if not refusals.by_offer:
        return None
    mask = np.zeros(person.size, dtype=bool)
    for position, j in enumerate(batch.tolist()):
        refused = refusals.people_for(offers.ids[j], people)
        if refused.size:
            chunk = slice(position * width, (position + 1) * width)
            mask[chunk] = np.isin(person[chunk], refused)
    return mask


def solve_optimal(pairs: FeasiblePairs) -> dict[int, int]:
    """offer index -> person index, maximising Σ fit × spread + priority, exactly."""
    if pairs.offer.size == 0:
        return {}
    rows, row_of = np.unique(pairs.offer, return_inverse=True)
    cols, col_of = np.unique(pairs.person, return_inverse=True)
    low = float(pairs.priority.min())
    spread = float(pairs.priority.max()) - low + 1.0
    weight = pairs.fit.astype(np.float64) * spread + (pairs.priority - low)
    ceiling = float(weight.max()) + 1.0
    dummy = np.arange(rows.size)
    matrix = csr_matrix(
        (
            np.concatenate([ceiling - weight, np.full(rows.size, ceiling)]),
            (np.concatenate([row_of, dummy]), np.concatenate([col_of, cols.size + dummy])),
        ),
        shape=(rows.size, cols.size + rows.size),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
    real = matched_cols < cols.size
    return dict(zip(rows[matched_rows[real]].tolist(), cols[matched_cols[real]].tolist(), strict=True))


def solve_greedy(pairs: FeasiblePairs, offer_order: np.ndarray, person_ids: np.ndarray) -> dict[int, int]:
    """The baseline, as a CRE would go down a list: offers in `offer_order` (oldest first)
    each take the remaining candidate of best fit, the first in the file (smallest id) among
    equal fits; priority is not considered."""
    by_fit = np.lexsort((person_ids[pairs.person], -pairs.fit, pairs.offer))
    people = pairs.person[by_fit]
    starts = np.searchsorted(pairs.offer, offer_order, side="left")
    ends = np.searchsorted(pairs.offer, offer_order, side="right")
    taken: set[int] = set()
    result = {}
    for j, start, end in zip(offer_order.tolist(), starts.tolist(), ends.tolist(), strict=True):
        for person in people[start:end].tolist():
            if person not in taken:
                taken.add(person)
                result[j] = person
                break
    return result


def assignment_solve(
    people: PeoplePool,
    offers: OfferPool,
    *,
    weights: Weights,
    refusals: Refusals | None = None,
    method: str = "optimal",
) -> AssignmentResult:
    """The draft of the week over the open offers of `offers` and the active people of `people`
    not positioned on an offer. `method`: "optimal" (the assignment) or "greedy" (the baseline
    of the benchmarks: offers oldest first, each takes its best remaining candidate)."""
    started = time.perf_counter()
    available = people.active & ~people.positioned
    pairs = feasible_pairs(
        people, offers, weights=weights, refusals=refusals or Refusals(), available=available
    )
    if method == "optimal":
        matching = solve_optimal(pairs)
    else:
        captured = np.array([(row.captured_on.toordinal() if row.captured_on else 0) for row in offers.rows])
        matching = solve_greedy(pairs, np.lexsort((offers.ids, captured)), people.ids)
    proposals = _proposals(people, offers, pairs, matching, weights)
    return AssignmentResult(
        proposals=proposals,
        offers_without_candidate=_offers_without_candidate(offers, pairs, matching),
        people_without_offer=_people_without_offer(people, pairs, available),
        offers_count=offers.size,
        people_count=int(available.sum()),
        feasible_pairs=int(pairs.offer.size),
        seconds=time.perf_counter() - started,
    )


def _proposals(people, offers, pairs: FeasiblePairs, matching: dict[int, int], weights) -> list[Proposal]:
    proposed_on = {person: j for j, person in matching.items()}
    picks: list[tuple[int, int, int]] = []  # (offer, pair position, slot: 0 proposed, 1.. alternatives)
    for j, chosen in sorted(matching.items()):
        start, end = np.searchsorted(pairs.offer, [j, j + 1])
        people_of_offer = pairs.person[start:end]
        picks.append((j, start + int(np.flatnonzero(people_of_offer == chosen)[0]), 0))
        free, elsewhere = [], []
        for position, person in enumerate(people_of_offer.tolist()):
            if person == chosen:
                continue
            (elsewhere if person in proposed_on else free).append(start + position)
            if len(free) >= ALTERNATIVES:
                break
        for slot, position in enumerate((free + elsewhere)[:ALTERNATIVES], start=1):
            picks.append((j, position, slot))
    if not picks:
        return []
    positions = np.array([position for _j, position, _slot in picks])
    scores = score_pairs(
        people, pairs.person[positions], offers, pairs.offer[positions], pairs.job[positions], weights=weights
    )
    by_offer: dict[int, list[Candidate]] = {}
    for k, (j, position, _slot) in enumerate(picks):
        person = int(pairs.person[position])
        other = proposed_on.get(person)
        by_offer.setdefault(j, []).append(
            Candidate(
                job_seeker_id=int(people.ids[person]),
                fit=int(pairs.fit[position]),
                priority=float(pairs.priority[position]),
                explanation=explain(people, offers, scores, k),
                proposed_on_offer_id=int(offers.ids[other]) if other is not None and other != j else None,
            )
        )
    return [
        Proposal(offer_id=int(offers.ids[j]), candidate=candidates[0], alternatives=tuple(candidates[1:]))
        for j, candidates in by_offer.items()
    ]


def _offers_without_candidate(
    offers: OfferPool, pairs: FeasiblePairs, matching
) -> list[OfferWithoutCandidate]:
    result = []
    for j in range(offers.size):
        if j in matching:
            continue
        linked, near = int(pairs.linked[j]), int(pairs.near[j])
        if linked == 0:
            reason = NoCandidateReason.JOB_ABSENT
            text = _("Métier absent du vivier : personne ne vise ce métier ni un métier proche")
        elif near == 0:
            reason = NoCandidateReason.TOO_FAR
            text = ngettext(
                "Trop loin : la personne qui vise ce métier ou un métier proche habite hors de portée",
                "Trop loin : les %(n)d personnes qui visent ce métier ou un métier proche "
                "habitent hors de portée",
                linked,
            ) % {"n": linked}
        elif pairs.compatible[j] == 0:
            reason = NoCandidateReason.FILTERED
            text = _("Aucune personne compatible : %(filter)s") % {
                "filter": _FILTER_SUMMARIES[Filter(int(pairs.dominant_filter[j]))]()
            }
        elif pairs.feasible[j] == 0:
            reason = NoCandidateReason.BELOW_THRESHOLD
            text = _("Adéquation insuffisante : aucune personne n'atteint le seuil minimal")
        else:
            reason = NoCandidateReason.TAKEN
            text = _("Les personnes compatibles sont proposées sur d'autres offres")
        result.append(OfferWithoutCandidate(offer_id=int(offers.ids[j]), reason=reason, text=text))
    return result


_FILTER_SUMMARIES = {
    Filter.OFFER_POSITIONED: lambda: _("offre déjà positionnée"),
    Filter.OFFER_CLOSED: lambda: _("offre fermée"),
    Filter.PERSON_INACTIVE: lambda: _("personnes hors accompagnement"),
    Filter.REFUSED: lambda: _("déjà refusée par les personnes du métier"),
    Filter.JOB_UNRELATED: lambda: _("métier sans lien"),
    Filter.TOO_FAR: lambda: _("trop loin"),
    Filter.LICENCE: lambda: _("permis B exigé"),
    Filter.CONDITIONS: lambda: _("conditions de travail impossibles pour les personnes du métier"),
}


def _people_without_offer(
    people: PeoplePool, pairs: FeasiblePairs, available: np.ndarray
) -> list[PeopleGroup]:
    """People with no feasible offer, grouped by (target job, area); largest groups first."""
    without = available.copy()
    without[pairs.person] = False
    groups: dict[tuple[int, int], list[int]] = {}
    for i in np.flatnonzero(without).tolist():
        for appellation, _fiche, _done, commune in people.targets(i):
            groups.setdefault((appellation, commune), []).append(int(people.ids[i]))
    labels = people.graph.appellation_labels
    result = [
        PeopleGroup(
            appellation_id=appellation,
            appellation_label=labels.get(appellation, ""),
            commune_id=commune,
            commune_name="",
            job_seeker_ids=tuple(ids),
        )
        for (appellation, commune), ids in groups.items()
    ]
    result.sort(key=lambda group: (-len(group.job_seeker_ids), group.appellation_label, group.commune_id))
    return result
