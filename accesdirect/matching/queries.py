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
    alert_candidates(offer, *, among, limit, context=None) -> list[RankedPair]
        The best compatible people among some ids whose target job is the offer's job, and
        not on another offer (the SMS alerts of new offers, matching.alerts).
    explain_pair(*, offer, job_seeker, context=None) -> RankedPair
        One pair, whatever its state (e.g. the person a CRE picks instead of the proposal).
    close_jobs_recruiting(job_seeker, *, context=None) -> list[CloseJob]
        "Métiers proches qui recrutent ici": fiches close to the person's target jobs (ROME
        mobility links) with open offers in the structure, and how many are within reach.
    candidates_ranking(offer, *, limit=20, filtered_limit=20, context=None) -> Ranking
    offers_ranking(job_seeker, *, limit=20, filtered_limit=20, context=None) -> Ranking
        The same rankings for a page: the compatible pairs (up to `limit`) and how many there
        are, and apart the pairs a hard filter excludes, each with its reasons.
    assignment_compute(structure, *, now, context=None) -> AssignmentResult
        The weekly draft, pure data (engine.assignment); persisted by
        services.assignment_draft_create.
    draft_current() / draft_lines(draft)
        The draft under review and its lines, people and offers joined.
    draft_for_board() / draft_rows(lines) / draft_offers_without_candidate(items) /
    draft_people_without_offer(groups)
        The latest draft shown at the Monday meeting, with the people and offers it names (a
        page of lines, of offers without candidate, of groups of people without offer).
    board_section(name, *, today, weeks_without_proposal) -> QuerySet
        One of the other sections of the Monday board (BOARD_SECTIONS), paged by the board.

A RankedPair carries `explanation` (engine.Explanation): `.parts` are three Parts (label
"Métier"/"Trajet"/"Conditions", `.scale` "●●○", `.word` "Bon", `.reason`), `.priority` is the
sentence ("sans emploi depuis 38 mois, aucune proposition depuis 9 semaines"), `.filtered` the
reasons of an excluded pair ("Trop loin : 42 km pour une portée de 12 km"). Fit and priority are
points for ordering, never to be shown as a percentage.
"""

import dataclasses
import datetime
from collections.abc import Collection

import numpy as np
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accesdirect.companies.models import Company
from accesdirect.core.collation import french_order
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, PositioningStatus
from accesdirect.offers.models import Employment, Offer, Positioning, PositioningStep
from accesdirect.referentials.models import Commune
from accesdirect.seekers.enums import JournalKind, PeriodStatus, SeekerStatus
from accesdirect.seekers.models import EngagementPeriod, JobSeeker, JournalEntry
from accesdirect.seekers.queries import job_seekers_for_list

from .engine import (
    AssignmentResult,
    Candidate,
    Explanation,
    JobLevel,
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


def _offer_scores(offer: Offer, context: MatchingContext | None):
    """Every person of the offer's structure scored against the offer (pool loaded once)."""
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
    return people, offers, scores


def _person_scores(job_seeker: JobSeeker, context: MatchingContext | None):
    """Every open offer of the person's structure scored against the person."""
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
    return people, offers, scores


def rank_candidates(
    offer: Offer,
    *,
    limit: int | None = DEFAULT_LIMIT,
    include_filtered: bool = False,
    context: MatchingContext | None = None,
) -> list[RankedPair]:
    people, offers, scores = _offer_scores(offer, context)
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
    people, offers, scores = _person_scores(job_seeker, context)
    # Offers without any link to the person's target jobs are not listed, even as filtered.
    scores = scores.take(scores.compatible if not include_filtered else scores.job > 0)
    return _ranked(people, offers, scores, top(scores, offers.ids[scores.offers], limit))


def alert_candidates(
    offer: Offer, *, among: Collection[int], limit: int, context: MatchingContext | None = None
) -> list[RankedPair]:
    """The best compatible people for a new offer among the ids `among`, best first: only those
    for whom the offer's job is a target job (or one done), not merely a close job or the same
    domaine, and who are not on another offer at the moment."""
    people, offers, scores = _offer_scores(offer, context)
    wanted = np.fromiter(among, dtype=np.int64, count=len(among))
    scores = scores.take(
        scores.compatible
        & (scores.job >= JobLevel.TARGET)
        & ~people.positioned[scores.people]
        & np.isin(people.ids[scores.people], wanted)
    )
    return _ranked(people, offers, scores, top(scores, people.ids[scores.people], limit))


@dataclasses.dataclass(frozen=True)
class Ranking:
    """One ranking as a page shows it: the compatible pairs, best first (up to a limit), and
    apart the pairs a hard filter excludes, the closest misses first, each with its reasons."""

    pairs: list[RankedPair]
    compatible_count: int
    filtered: list[RankedPair]
    filtered_count: int

    @property
    def has_more(self) -> bool:
        return self.compatible_count > len(self.pairs)


def _ranking(people, offers, scores: PairScores, ids: np.ndarray, limit: int, filtered_limit: int) -> Ranking:
    """`ids`: the id of each scored pair's moving side (people for an offer, offers for a person),
    the documented tie-break of the ranking order."""
    compatible = scores.compatible
    kept, excluded = scores.take(compatible), scores.take(~compatible)
    return Ranking(
        pairs=_ranked(people, offers, kept, top(kept, ids[compatible], limit)),
        compatible_count=len(kept),
        filtered=_ranked(people, offers, excluded, top(excluded, ids[~compatible], filtered_limit)),
        filtered_count=len(excluded),
    )


def candidates_ranking(
    offer: Offer,
    *,
    limit: int = DEFAULT_LIMIT,
    filtered_limit: int = DEFAULT_LIMIT,
    context: MatchingContext | None = None,
) -> Ranking:
    """The candidates of an offer for its page: the people linked to its job, compatible or not."""
    people, offers, scores = _offer_scores(offer, context)
    return _ranking(people, offers, scores, people.ids[scores.people], limit, filtered_limit)


def offers_ranking(
    job_seeker: JobSeeker,
    *,
    limit: int = DEFAULT_LIMIT,
    filtered_limit: int = DEFAULT_LIMIT,
    context: MatchingContext | None = None,
) -> Ranking:
    """The open offers for a person's page; offers without any link to their target jobs are
    left out, even as filtered."""
    people, offers, scores = _person_scores(job_seeker, context)
    scores = scores.take(scores.job > 0)
    return _ranking(people, offers, scores, offers.ids[scores.offers], limit, filtered_limit)


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


# --- The Monday board ----------------------------------------------------------------------

# People named per group of "personnes sans offre compatible".
GROUP_NAMES = 8
# Interview outcomes: the decisions taken after an interview.
OUTCOME_STATUSES = [PositioningStatus.HIRED, PositioningStatus.NOT_RETAINED]
PERIODS_ENDING_DAYS = 14


def board_since(today: datetime.date) -> datetime.date:
    """ "The week" of the Monday board: since the same day a week ago (the last meeting)."""
    return today - datetime.timedelta(days=7)


BOARD_SECTIONS = (
    "new_offers",
    "positionings",
    "outcomes",
    "placements",
    "periods_ending",
    "without_proposal",
    "follow_ups",
)


def board_section(name: str, *, today: datetime.date, weeks_without_proposal: int) -> QuerySet:
    """One section of the Monday board other than the draft (BOARD_SECTIONS), ordered, with
    what its rows show joined: the board pages it (a count and a page, two queries)."""
    since = board_since(today)
    since_at = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    if name == "new_offers":
        return (
            Offer.objects.filter(captured_on__gte=since)
            .select_related("company", "commune", "captured_by")
            .order_by("-captured_on", "-pk")
        )
    if name == "positionings":
        return (
            Positioning.objects.filter(status__in=ACTIVE_POSITIONING_STATUSES)
            .select_related("offer__company", "job_seeker", "presented_by")
            .order_by("created_at", "pk")
        )
    if name == "outcomes":
        return (
            PositioningStep.objects.filter(status__in=OUTCOME_STATUSES, at__gte=since_at)
            .select_related("positioning__offer__company", "positioning__job_seeker", "by")
            .order_by("-at", "-pk")
        )
    if name == "placements":
        return (
            Employment.objects.filter(
                Q(created_at__gte=since_at) | Q(starts_on__gte=since, starts_on__lte=today)
            )
            .select_related("job_seeker", "company")
            .order_by("-starts_on", "-pk")
        )
    if name == "periods_ending":
        return (
            EngagementPeriod.objects.filter(
                status=PeriodStatus.ACTIVE,
                ends_on__lte=today + datetime.timedelta(days=PERIODS_ENDING_DAYS),
            )
            .select_related("job_seeker")
            .order_by("ends_on", "pk")
        )
    if name == "without_proposal":
        last_proposal = JournalEntry.objects.filter(
            job_seeker=OuterRef("pk"), kind=JournalKind.PROPOSAL
        ).order_by("-occurred_at")
        # The same definition as the job seekers list's filter, so that both counts agree.
        return (
            job_seekers_for_list(status=SeekerStatus.ACTIVE, without_proposal_weeks=weeks_without_proposal)
            .annotate(last_proposal_at=Subquery(last_proposal.values("occurred_at")[:1]))
            .order_by(
                F("last_proposal_at").asc(nulls_first=True), *french_order("last_name", "first_name", "pk")
            )
        )
    if name == "follow_ups":
        return (
            Company.objects.follow_up_due(today)
            .select_related("commune", "followed_by")
            .order_by("next_follow_up_on", *french_order("name", "pk"))
        )
    raise ValueError(f"Unknown board section: {name}")


def draft_for_board(*, with_lists: bool = False) -> AssignmentDraft | None:
    """The latest draft that was not replaced: the one under review, or the last one reviewed.
    Its "sans" lists (large JSON: every person without an offer) are read only `with_lists`."""
    drafts = AssignmentDraft.objects.exclude(status=DraftStatus.SUPERSEDED).select_related("created_by")
    if not with_lists:
        drafts = drafts.defer("offers_without_candidate", "people_without_offer")
    return drafts.order_by("-created_at", "-pk").first()


@dataclasses.dataclass(frozen=True)
class Alternative:
    candidate: Candidate
    job_seeker: JobSeeker | None


@dataclasses.dataclass(frozen=True)
class DraftRow:
    line: AssignmentLine
    explanation: Explanation
    alternatives: list[Alternative]


def draft_rows(lines) -> list[DraftRow]:
    """The lines of a draft (a page of them) with their explanations and the people named as
    alternatives, read in one query."""
    lines = list(lines)
    candidates = {line.pk: line.alternative_candidates for line in lines}
    ids = {candidate.job_seeker_id for group in candidates.values() for candidate in group}
    people = JobSeeker.objects.select_related("commune").in_bulk(sorted(ids)) if ids else {}
    return [
        DraftRow(
            line=line,
            explanation=line.explained,
            alternatives=[
                Alternative(candidate=candidate, job_seeker=people.get(candidate.job_seeker_id))
                for candidate in candidates[line.pk]
            ],
        )
        for line in lines
    ]


@dataclasses.dataclass(frozen=True)
class OfferWithoutCandidateRow:
    offer: Offer | None
    reason: str
    text: str


def draft_offers_without_candidate(items: list[dict]) -> list[OfferWithoutCandidateRow]:
    """Rows of a draft's offers_without_candidate (a page of them), the offers read in one query."""
    offers = Offer.objects.select_related("company", "commune").in_bulk(
        sorted({item["offer_id"] for item in items})
    )
    return [
        OfferWithoutCandidateRow(offer=offers.get(item["offer_id"]), reason=item["reason"], text=item["text"])
        for item in items
    ]


@dataclasses.dataclass(frozen=True)
class PeopleGroupRow:
    appellation_label: str
    commune_name: str
    people: list[JobSeeker]
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.people)


def draft_people_count(draft: AssignmentDraft) -> int:
    """How many people have no compatible offer in the draft (a person may be in several groups)."""
    return len(
        {job_seeker_id for group in draft.people_without_offer for job_seeker_id in group["job_seeker_ids"]}
    )


def draft_people_without_offer(groups: list[dict]) -> list[PeopleGroupRow]:
    """People without a compatible offer, by target job and area (a page of the draft's groups,
    largest first): the prospection targets. A few names per group, read in one query."""
    ids = {job_seeker_id for group in groups for job_seeker_id in group["job_seeker_ids"][:GROUP_NAMES]}
    people = JobSeeker.objects.in_bulk(sorted(ids)) if ids else {}
    return [
        PeopleGroupRow(
            appellation_label=group["appellation_label"],
            commune_name=group["commune_name"],
            people=[
                people[job_seeker_id]
                for job_seeker_id in group["job_seeker_ids"][:GROUP_NAMES]
                if job_seeker_id in people
            ],
            count=len(group["job_seeker_ids"]),
        )
        for group in groups
    ]
