"""Offers over JSON: the list, one offer, and positioning a person on it (one offer = one
person). Objects are read through the structure scope: another structure's offer is a 404."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from accesdirect.core.ranges import MAX_ID, MAX_PAGE
from accesdirect.offers import services
from accesdirect.offers.enums import Contract, OfferStatus, PositioningStatus
from accesdirect.offers.models import Offer
from accesdirect.offers.queries import offer_list
from accesdirect.seekers.models import JobSeeker

from .schemas import ErrorOut, errors

router = Router(tags=["offres"])
# An object's id as the database holds it: a larger number is refused (422), never a query.
ObjectId = Path(..., ge=1, le=MAX_ID)


class Pages(PageNumberPagination):
    """Pages of PAGE_SIZE offers; a page past the last one is empty, a page number beyond
    MAX_PAGE is refused (422) instead of an offset the database cannot hold."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)


class OfferOut(Schema):
    id: int
    title: str
    status: OfferStatus
    contract: Contract
    duration_months: int | None
    hours_per_week: Decimal | None
    starts_on: datetime.date | None
    captured_on: datetime.date
    # Empty for an offer sent by a company that no CRE follows yet (to confirm, in the pool).
    captured_by_id: int | None
    company_id: int
    company_name: str = Field(..., alias="company.name")
    commune_insee_code: str = Field(..., alias="commune.insee_code")
    commune_name: str = Field(..., alias="commune.name")
    appellation_code: str = Field(..., alias="appellation.code")
    requires_driving_licence: bool


class PositioningIn(Schema):
    job_seeker_id: int = Field(..., ge=1, le=MAX_ID)


class PositioningOut(Schema):
    id: int
    offer_id: int
    job_seeker_id: int
    presented_by_id: int
    status: PositioningStatus
    created_at: datetime.datetime


def _require_staff(request) -> None:
    if request.membership is None or not request.membership.is_staff:
        raise HttpError(403, _("Réservé aux équipes des structures."))


def _offers(status: str = ""):
    return offer_list(status=status).select_related("appellation")


@router.get(
    "/",
    response={200: list[OfferOut], **errors(401, 403, 422)},
    summary="Offers of the structure, newest first",
)
@paginate(Pages, page_size=settings.PAGE_SIZE, max_page_size=100)
def list_offers(request, status: OfferStatus | None = None):
    _require_staff(request)
    return _offers(status=status or "")


@router.get("/{offer_id}", response={200: OfferOut, **errors(401, 403, 404, 422)}, summary="One offer")
def get_offer(request, offer_id: int = ObjectId):
    _require_staff(request)
    return get_object_or_404(_offers(), pk=offer_id)


@router.post(
    "/{offer_id}/positionings",
    response={201: PositioningOut, 400: ErrorOut, **errors(401, 403, 404, 409, 422)},
    summary="Position a person on an offer (409 if someone already is)",
)
def create_positioning(request, payload: PositioningIn, offer_id: int = ObjectId):
    _require_staff(request)
    offer = get_object_or_404(Offer.objects.select_related("company"), pk=offer_id)
    job_seeker = get_object_or_404(JobSeeker.objects.all(), pk=payload.job_seeker_id)
    positioning = services.positioning_create(offer=offer, job_seeker=job_seeker, by=request.user)
    return Status(201, positioning)
