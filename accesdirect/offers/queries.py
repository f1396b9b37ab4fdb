"""Reads about offers, positionings and employment. Every query runs inside the structure scope."""

from django.db.models import Prefetch, QuerySet

from .enums import ACTIVE_POSITIONING_STATUSES
from .models import Employment, JobFollowUp, Offer, Positioning, PositioningStep


def offer_list(
    *,
    search: str = "",
    status: str = "",
    contract: str = "",
    captured_by=None,
    company=None,
) -> QuerySet[Offer]:
    offers = Offer.objects.select_related("company", "commune", "captured_by").order_by("-captured_on", "-pk")
    if search:
        offers = offers.search(search)
    if status:
        offers = offers.filter(status=status)
    if contract:
        offers = offers.filter(contract=contract)
    if captured_by is not None:
        offers = offers.filter(captured_by=captured_by)
    if company is not None:
        offers = offers.filter(company=company)
    return offers


def _positionings_with_steps() -> QuerySet[Positioning]:
    steps = PositioningStep.objects.select_related("by").order_by("at", "pk")
    return Positioning.objects.select_related("job_seeker", "presented_by", "employment").prefetch_related(
        Prefetch("steps", queryset=steps)
    )


def offer_positionings(offer: Offer) -> tuple[Positioning | None, list[Positioning]]:
    """The current positioning of an offer (at most one, principle B) and the past ones."""
    positionings = list(_positionings_with_steps().filter(offer=offer).order_by("-created_at", "-pk"))
    current = next((p for p in positionings if p.status in ACTIVE_POSITIONING_STATUSES), None)
    return current, [p for p in positionings if p is not current]


def employment_follow_ups(employment: Employment) -> QuerySet[JobFollowUp]:
    return employment.follow_ups.select_related("by").order_by("due_on", "pk")
