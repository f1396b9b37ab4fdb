"""Matching over JSON, for the mobile pages: the ranked candidates of an offer and the ranked
offers of a person, each with its explanation as structured data (three parts with a level
0-3, a word and a reason; the priority sentence; the reasons of an excluded pair). Fit is
never given as a number to show: the order of the list is the ranking.

Objects are read through the structure scope: another structure's offer or person is a 404."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from accesdirect.core.ranges import MAX_ID
from accesdirect.matching import queries
from accesdirect.matching.engine import Explanation
from accesdirect.matching.loader import MatchingContext
from accesdirect.offers.enums import Contract, OfferStatus
from accesdirect.offers.models import Offer
from accesdirect.seekers.models import JobSeeker

from .schemas import errors

router = Router(tags=["rapprochement"])

LIMIT_MAX = 100
ObjectId = Path(..., ge=1, le=MAX_ID)
Limit = Query(20, ge=0, le=LIMIT_MAX, description="Paires classées rendues (100 au plus)")
FilteredLimit = Query(0, ge=0, le=LIMIT_MAX, description="Paires écartées rendues, avec leurs raisons")


class PartOut(Schema):
    key: str = Field(..., description="job, commute or conditions")
    label: str = Field(..., description="Métier, Trajet, Conditions")
    level: int = Field(..., ge=0, le=3)
    scale: str = Field(..., description="The level as a small scale, e.g. ●●○")
    word: str = Field(..., description="Très bon, Bon, Possible or Faible")
    reason: str


class ExplanationOut(Schema):
    parts: list[PartOut]
    priority: str = Field(
        ..., description="e.g. sans emploi depuis 38 mois, aucune proposition depuis 9 semaines"
    )
    compatible: bool
    filtered: list[str] = Field(..., description="Why an excluded pair is excluded; empty when compatible")


class CandidateOut(Schema):
    rank: int
    job_seeker_id: int
    first_name: str
    last_name: str
    commune_name: str
    positioned_elsewhere: bool
    explanation: ExplanationOut


class CandidatesOut(Schema):
    offer_id: int
    compatible_count: int
    filtered_count: int
    items: list[CandidateOut]
    filtered: list[CandidateOut]


class OfferMatchOut(Schema):
    rank: int
    offer_id: int
    title: str
    company_name: str
    commune_name: str
    contract: Contract
    explanation: ExplanationOut


class CloseJobOut(Schema):
    code: str
    label: str
    close_to: str
    open_offers: int
    offers_within_reach: int


class OffersOut(Schema):
    job_seeker_id: int
    compatible_count: int
    filtered_count: int
    items: list[OfferMatchOut]
    filtered: list[OfferMatchOut]
    close_jobs: list[CloseJobOut]


def _require_staff(request) -> None:
    if request.membership is None or not request.membership.is_staff:
        raise HttpError(403, _("Réservé aux équipes des structures."))


def _explanation(explanation: Explanation) -> dict:
    return {
        "parts": [
            {
                "key": part.key,
                "label": part.label,
                "level": part.level,
                "scale": part.scale,
                "word": part.word,
                "reason": part.reason,
            }
            for part in explanation.parts
        ],
        "priority": explanation.priority,
        "compatible": explanation.compatible,
        "filtered": list(explanation.filtered),
    }


def _candidates(pairs, people) -> list[dict]:
    return [
        {
            "rank": rank,
            "job_seeker_id": pair.job_seeker_id,
            "first_name": people[pair.job_seeker_id].first_name,
            "last_name": people[pair.job_seeker_id].last_name,
            "commune_name": people[pair.job_seeker_id].commune.name,
            "positioned_elsewhere": pair.positioned_elsewhere,
            "explanation": _explanation(pair.explanation),
        }
        for rank, pair in enumerate(pairs, start=1)
    ]


def _offers(pairs, offers) -> list[dict]:
    return [
        {
            "rank": rank,
            "offer_id": pair.offer_id,
            "title": offers[pair.offer_id].title,
            "company_name": offers[pair.offer_id].company.name,
            "commune_name": offers[pair.offer_id].commune.name,
            "contract": offers[pair.offer_id].contract,
            "explanation": _explanation(pair.explanation),
        }
        for rank, pair in enumerate(pairs, start=1)
    ]


@router.get(
    "/offers/{offer_id}/candidates",
    response={200: CandidatesOut, **errors(401, 403, 404, 409, 422)},
    summary="The structure's people ranked for an open offer, with the explanation of each",
)
def offer_candidates(
    request, offer_id: int = ObjectId, limit: int = Limit, filtered_limit: int = FilteredLimit
):
    _require_staff(request)
    offer = get_object_or_404(Offer.objects.all(), pk=offer_id)
    if offer.status != OfferStatus.OPEN:
        return Status(409, {"detail": _("L'offre n'est plus ouverte : pas de candidats à classer.")})
    ranking = queries.candidates_ranking(
        offer, limit=min(max(limit, 0), LIMIT_MAX), filtered_limit=min(max(filtered_limit, 0), LIMIT_MAX)
    )
    people = JobSeeker.objects.select_related("commune").in_bulk(
        [pair.job_seeker_id for pair in [*ranking.pairs, *ranking.filtered]]
    )
    return {
        "offer_id": offer.pk,
        "compatible_count": ranking.compatible_count,
        "filtered_count": ranking.filtered_count,
        "items": _candidates(ranking.pairs, people),
        "filtered": _candidates(ranking.filtered, people),
    }


@router.get(
    "/job-seekers/{job_seeker_id}/offers",
    response={200: OffersOut, **errors(401, 403, 404, 422)},
    summary="The structure's open offers ranked for a person, and the close jobs recruiting here",
)
def job_seeker_offers(
    request, job_seeker_id: int = ObjectId, limit: int = Limit, filtered_limit: int = FilteredLimit
):
    _require_staff(request)
    job_seeker = get_object_or_404(JobSeeker.objects.all(), pk=job_seeker_id)
    context = MatchingContext(job_seeker.structure_id)
    ranking = queries.offers_ranking(
        job_seeker,
        limit=min(max(limit, 0), LIMIT_MAX),
        filtered_limit=min(max(filtered_limit, 0), LIMIT_MAX),
        context=context,
    )
    offers = Offer.objects.select_related("company", "commune").in_bulk(
        [pair.offer_id for pair in [*ranking.pairs, *ranking.filtered]]
    )
    return {
        "job_seeker_id": job_seeker.pk,
        "compatible_count": ranking.compatible_count,
        "filtered_count": ranking.filtered_count,
        "items": _offers(ranking.pairs, offers),
        "filtered": _offers(ranking.filtered, offers),
        "close_jobs": [
            {
                "code": job.code,
                "label": job.label,
                "close_to": job.close_to,
                "open_offers": job.open_offers,
                "offers_within_reach": job.offers_within_reach,
            }
            for job in queries.close_jobs_recruiting(job_seeker, context=context)
        ],
    }
