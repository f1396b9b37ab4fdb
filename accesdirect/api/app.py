"""The job seekers' app over JSON (/api/v1/app/…): my offers, reserve, cancel, my meetings.

Authenticated by the app's own session (a person signed in with an SMS code: portals'
app_session), not by a staff account; each call runs inside that person's structure scope. A
reservation that loses the race answers 409 with the stable code `offer_already_reserved`."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja.responses import Status
from ninja.security import APIKeyCookie

from accesdirect.core.ranges import MAX_ID
from accesdirect.core.scope import structure_scope
from accesdirect.offers import services
from accesdirect.offers.enums import Contract, PositioningStatus
from accesdirect.offers.models import Offer, Positioning
from accesdirect.portals.app_session import current_job_seeker
from accesdirect.portals.queries import meetings_of, offers_for, reservations_of

from .schemas import ErrorOut, errors


class AppSession(APIKeyCookie):
    """The session cookie of a person signed in to the app (CSRF checked on writes)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        return current_job_seeker(request)


router = Router(tags=["application des chercheurs d'emploi"], auth=AppSession())
ObjectId = Path(..., ge=1, le=MAX_ID)


class AppOfferOut(Schema):
    id: int
    title: str
    contract: Contract
    duration_months: int | None
    hours_per_week: float | None
    starts_on: datetime.date | None
    commune: str
    distance_km: int | None
    # The company's activity, never its name: the CRE gives it at the meeting.
    sector: str


class ReservationOut(Schema):
    id: int
    offer_id: int
    title: str
    status: PositioningStatus
    held_until: datetime.datetime | None
    meeting_at: datetime.datetime | None


class MeetingOut(Schema):
    starts_at: datetime.datetime
    with_: str = Field(..., alias="with")
    place: str


class ConflictOut(ErrorOut):
    code: str = Field("", description="`offer_already_reserved` quand une autre personne a réservé avant")


@contextmanager
def _person_scope(request) -> Iterator:
    job_seeker = request.auth
    with structure_scope(job_seeker.structure_id):
        yield job_seeker


def _reservation_out(positioning: Positioning) -> ReservationOut:
    slot = (
        positioning.meeting if hasattr(positioning, "meeting") else getattr(positioning, "meeting_slot", None)
    )
    return ReservationOut(
        id=positioning.pk,
        offer_id=positioning.offer_id,
        title=positioning.offer.title,
        status=positioning.status,
        held_until=positioning.held_until,
        meeting_at=slot.starts_at if slot else None,
    )


@router.get("/offers", response={200: list[AppOfferOut], **errors(401)}, summary="Mes offres")
def my_offers(request):
    """The open offers that fit the person (target jobs, reach), best first."""
    with _person_scope(request) as job_seeker:
        return [
            AppOfferOut(
                id=item.offer.pk,
                title=item.offer.title,
                contract=item.offer.contract,
                duration_months=item.offer.duration_months,
                hours_per_week=float(item.offer.hours_per_week) if item.offer.hours_per_week else None,
                starts_on=item.offer.starts_on,
                commune=item.offer.commune.name,
                distance_km=item.distance_km,
                sector=item.sector,
            )
            for item in offers_for(job_seeker)
        ]


@router.post(
    "/offers/{offer_id}/reservation",
    response={201: ReservationOut, 409: ConflictOut, **errors(400, 401, 403, 404, 422)},
    summary="Réserver une offre",
)
def reserve(request, offer_id: int = ObjectId):
    """One click: the offer is held for the person until their meeting with its CRE. 409 with
    `code: offer_already_reserved` when someone else holds it (or it is no longer open)."""
    with _person_scope(request) as job_seeker:
        offer = Offer.objects.filter(pk=offer_id).select_related("company__structure", "captured_by").first()
        if offer is None:
            raise Http404
        positioning = services.reservation_create(offer=offer, job_seeker=job_seeker)
        positioning.meeting = None  # just reserved: no meeting yet
        return Status(201, _reservation_out(positioning))


@router.get("/reservations", response={200: list[ReservationOut], **errors(401)}, summary="Mes réservations")
def my_reservations(request):
    with _person_scope(request) as job_seeker:
        return [_reservation_out(positioning) for positioning in reservations_of(job_seeker)]


@router.delete(
    "/reservations/{reservation_id}",
    response={204: None, **errors(400, 401, 403, 404, 422)},
    summary="Annuler ma réservation",
)
def cancel(request, reservation_id: int = ObjectId):
    with _person_scope(request) as job_seeker:
        positioning = Positioning.objects.filter(pk=reservation_id, job_seeker=job_seeker).first()
        if positioning is None:
            raise Http404
        services.reservation_cancel(positioning=positioning, job_seeker=job_seeker)
        return Status(204, None)


@router.get("/meetings", response={200: list[MeetingOut], **errors(401)}, summary="Mes rendez-vous")
def my_meetings(request):
    with _person_scope(request) as job_seeker:
        return [
            {
                "starts_at": meeting.starts_at,
                "with": meeting.staff.first_name,
                "place": meeting.site.name if meeting.site else "",
            }
            for meeting in meetings_of(job_seeker)
        ]
