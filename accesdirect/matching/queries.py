"""Matching people and offers, explained: the reads used by pages, the API and commands.

Every function runs inside the structure scope. A page making several rankings passes one
`context=MatchingContext(structure)` so that the pool is loaded once (about ten queries,
whatever the number of people); without it each call loads its own.

    rank_candidates(offer, *, limit=20, include_filtered=False, context=None) -> list[RankedPair]
        The structure's active people for an offer, best first: compatible pairs by fit, then
        priority, then id. include_filtered=True appends the pairs a hard filter excludes
        (among people whose target jobs relate to the offer), each with its reasons.
    rank_offers(job_seeker, *, limit=20, include_filtered=False, context=None) -> list[RankedPair]
        The structure's open offers for a person, ranked the same way.
    explain_pair(*, offer, job_seeker, context=None) -> RankedPair
        One pair, whatever its state (e.g. the person a CRE picks instead of the proposal).
    close_jobs_recruiting(job_seeker, *, context=None) -> list[CloseJob]
        "Métiers proches qui recrutent ici": fiches close to the person's target jobs (ROME
        mobility links) with open offers in the structure, and how many are within reach.
    assignment_compute(structure, *, now, context=None) -> AssignmentResult
        The weekly draft, pure data (engine.assignment); persisted by
        services.assignment_draft_create.
    draft_current() / draft_lines(draft)
        The draft under review and its lines, people and offers joined.

A RankedPair carries `explanation` (engine.Explanation): `.parts` are three Parts (label
"Métier"/"Trajet"/"Conditions", `.scale` "●●○", `.word` "Bon", `.reason`), `.priority` is the
sentence ("sans emploi depuis 38 mois, aucune proposition depuis 9 semaines"), `.filtered` the
reasons of an excluded pair ("Trop loin : 42 km pour une portée de 12 km"). Fit and priority are
points for ordering, never to be shown as a percentage.
"""

import dataclasses
import datetime

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from accesdirect.offers.models import Offer
from accesdirect.referentials.models import Commune
from accesdirect.seekers.models import JobSeeker

from .engine import (
    AssignmentResult,
    Explanation,
    PairScores,
    assignment_solve,
    explain,
    score_offer,
    score_pairs,
    score_person,
    top,
)
from .engine.scoring import job_levels_for_person
from .enums import DraftStatus
from .loader import MatchingContext
from .models import AssignmentDraft, AssignmentLine

DEFAULT_LIMIT = 20


@dataclasses.dataclass(frozen=True)
class RankedPair:
    job_seeker_id: int
    offer_id: int
    fit: int
    priority: float
    explanation: Explanation
    # The person is currently on another offer (an active positioning).
    positioned_elsewhere: bool = False

    @property
    def compatible(self) -> bool:
        return self.explanation.compatible


@dataclasses.dataclass(frozen=True)
class CloseJob:
    fiche_id: int
    code: str
    label: str
    # The person's target job it is close to, and the ROME order of the link (1 = closest).
    close_to: str
    order: int
    open_offers: int
    offers_within_reach: int


def _context(structure_id: int, context: MatchingContext | None) -> MatchingContext:
    return context if context is not None else MatchingContext(structure_id)


def _ranked(people, offers, scores: PairScores, order: np.ndarray) -> list[RankedPair]:
    return [
        RankedPair(
            job_seeker_id=int(people.ids[scores.people[k]]),
            offer_id=int(offers.ids[scores.offers[k]]),
            fit=int(scores.fit[k]),
            priority=float(scores.priority[k]),
            explanation=explain(people, offers, scores, k),
            positioned_elsewhere=bool(people.positioned[scores.people[k]]),
        )
        for k in order.tolist()
    ]


def rank_candidates(
    offer: Offer,
    *,
    limit: int | None = DEFAULT_LIMIT,
    include_filtered: bool = False,
    context: MatchingContext | None = None,
) -> list[RankedPair]:
    context = _context(offer.structure_id, context)
    people = context.people
    offers, j = context.offer_pool(offer)
    scores = score_offer(
        people,
        offers,
        j,
        weights=context.weights,
        refused_people=context.refusals.people_for(offer.pk, people),
    )
    if not include_filtered:
        scores = scores.take(scores.compatible)
    return _ranked(people, offers, scores, top(scores, people.ids[scores.people], limit))


def rank_offers(
    job_seeker: JobSeeker,
    *,
    limit: int | None = DEFAULT_LIMIT,
    include_filtered: bool = False,
    context: MatchingContext | None = None,
) -> list[RankedPair]:
    context = _context(job_seeker.structure_id, context)
    offers = context.offers
    people, i = context.person_pool(job_seeker)
    scores = score_person(
        people,
        i,
        offers,
        weights=context.weights,
        refused_offers=context.refusals.offers_for(job_seeker.pk, offers),
    )
    # Offers without any link to the person's target jobs are not listed, even as filtered.
    scores = scores.take(scores.compatible if not include_filtered else scores.job > 0)
    return _ranked(people, offers, scores, top(scores, offers.ids[scores.offers], limit))


def explain_pair(
    *, offer: Offer, job_seeker: JobSeeker, context: MatchingContext | None = None
) -> RankedPair:
    context = _context(offer.structure_id, context)
    people, i = context.person_pool(job_seeker)
    offers, j = context.offer_pool(offer)
    refused = job_seeker.pk in context.refusals.by_offer.get(offer.pk, ())
    level = job_levels_for_person(people, i, offers)[j]
    scores = score_pairs(
        people, np.int64(i), offers, np.int64(j), level, weights=context.weights, refused=np.array([refused])
    )
    return _ranked(people, offers, scores, np.array([0]))[0]


def close_jobs_recruiting(job_seeker: JobSeeker, *, context: MatchingContext | None = None) -> list[CloseJob]:
    context = _context(job_seeker.structure_id, context)
    people, i = context.person_pool(job_seeker)
    offers, graph = context.offers, context.graph
    targets = people.targets(i)
    own = {fiche for _appellation, fiche, _done, _commune in targets}
    closest: dict[int, tuple[int, int]] = {}  # close fiche -> (order, appellation it is close to)
    for appellation, fiche, _done, _commune in targets:
        for close, order in graph.targets_of.get(fiche, {}).items():
            if close not in own and (close not in closest or order < closest[close][0]):
                closest[close] = (order, appellation)
    if not closest or offers.size == 0:
        return []
    scores = score_pairs(
        people, np.int64(i), offers, np.arange(offers.size), np.int8(1), weights=context.weights
    )
    within_reach = scores.distance_km <= scores.reach_km
    result = []
    for fiche, (order, appellation) in closest.items():
        of_fiche = offers.fiche == fiche
        count = int(of_fiche.sum())
        if count:
            row = graph.fiches[fiche]
            result.append(
                CloseJob(
                    fiche_id=fiche,
                    code=row.code,
                    label=row.label,
                    close_to=graph.appellation_labels.get(appellation, ""),
                    order=order,
                    open_offers=count,
                    offers_within_reach=int((of_fiche & within_reach).sum()),
                )
            )
    result.sort(key=lambda job: (-job.offers_within_reach, -job.open_offers, job.order, job.code))
    return result


def assignment_compute(
    structure, *, now: datetime.datetime | None = None, context: MatchingContext | None = None
) -> AssignmentResult:
    """The draft of the week for the structure: open offers × active, unpositioned people."""
    structure_id = structure if isinstance(structure, int) else structure.pk
    if context is None:
        context = MatchingContext(structure_id, today=timezone.localdate(now) if now else None)
    result = assignment_solve(
        context.people, context.offers, weights=context.weights, refusals=context.refusals
    )
    commune_ids = {group.commune_id for group in result.people_without_offer}
    names = dict(Commune.objects.filter(pk__in=sorted(commune_ids)).values_list("id", "name"))
    return dataclasses.replace(
        result,
        people_without_offer=[
            dataclasses.replace(group, commune_name=names.get(group.commune_id, ""))
            for group in result.people_without_offer
        ],
    )


def draft_current() -> AssignmentDraft | None:
    """The draft under review in the current scope's structure, if any."""
    return AssignmentDraft.objects.filter(status=DraftStatus.OPEN).select_related("created_by").first()


def draft_lines(draft: AssignmentDraft) -> QuerySet[AssignmentLine]:
    return draft.lines.select_related(
        "offer__company", "offer__commune", "proposed_job_seeker", "chosen_job_seeker", "decided_by"
    ).order_by("-fit", "-priority", "pk")
