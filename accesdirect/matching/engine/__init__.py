"""The matching engine: pure scoring over numpy arrays, no web, no ORM.

Usable as is by pages, the API, commands and benchmarks; matching.loader builds its inputs
from the database, matching.queries wraps it for one structure.

- pool: PeoplePool, OfferPool (arrays built from plain rows), JobGraph (ROME fiches, their
  historical parent and domaine, mobility links), Refusals (pairs refused before).
- scoring: score_offer (one offer × the people linked to its job), score_person (one person ×
  every offer), score_pairs (any pairs), top / ranking_order (fit, then priority, then id).
- explain: Explanation (three Parts with level, scale "●●○", word "Bon", reason; the priority
  sentence; the reasons of a filtered pair).
- assignment: assignment_solve (the weekly draft, exact, one-to-one), with a greedy baseline.
- weights: Weights and DEFAULT_WEIGHTS, the documented defaults.
"""

from .assignment import (
    AssignmentResult,
    Candidate,
    NoCandidateReason,
    OfferWithoutCandidate,
    PeopleGroup,
    Proposal,
    assignment_solve,
)
from .codes import Filter, JobLevel
from .explain import Explanation, Part, explain
from .pool import FicheRow, JobGraph, OfferPool, OfferRow, PeoplePool, PersonRow, Refusals, TargetRow
from .scoring import PairScores, ranking_order, score_offer, score_pairs, score_person, top
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = [
    "DEFAULT_WEIGHTS",
    "AssignmentResult",
    "Candidate",
    "Explanation",
    "FicheRow",
    "Filter",
    "JobGraph",
    "JobLevel",
    "NoCandidateReason",
    "OfferPool",
    "OfferRow",
    "OfferWithoutCandidate",
    "PairScores",
    "Part",
    "PeopleGroup",
    "PeoplePool",
    "PersonRow",
    "Proposal",
    "Refusals",
    "TargetRow",
    "Weights",
    "assignment_solve",
    "explain",
    "ranking_order",
    "score_offer",
    "score_pairs",
    "score_person",
    "top",
]
