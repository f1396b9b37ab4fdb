"""What the job seekers' app reads (an edge: it reads any app's queries, writes through services)."""

import dataclasses
import hashlib
import math

from django.utils import timezone

from accesdirect.matching.loader import shared_context
from accesdirect.matching.queries import rank_offers
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.models import MeetingSlot, Offer, Positioning
from accesdirect.seekers.enums import AppointmentStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.queries import CURRENT_PERIOD_STATUSES, companies_contacted_for

MY_OFFERS = 20


@dataclasses.dataclass(frozen=True)
class OfferForPerson:
    """An offer as the person sees it: never the company's name (the CRE gives it at the meeting,
    so that two people never approach the same employer), its sector and commune instead."""

    offer: Offer
    distance_km: int | None

    @property
    def sector(self) -> str:
        """The company's activity (its NAF label), or empty when unknown."""
        company = self.offer.company
        return company.naf.label if company.naf_id else ""


def _personal_order(job_seeker_id: int, offer_id: int) -> int:
    """A stable order of its own for each person among offers that fit them equally well: the
    same offer is not first for everyone, so that people spread over the offers."""
    digest = hashlib.blake2b(f"{job_seeker_id}:{offer_id}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def _distance_km(first, second) -> int | None:
    if None in (first.latitude, first.longitude, second.latitude, second.longitude):
        return None
    lat1, lat2 = math.radians(first.latitude), math.radians(second.latitude)
    x = math.radians(second.longitude - first.longitude) * math.cos((lat1 + lat2) / 2)
    return round(math.hypot(x, lat2 - lat1) * 6371)


def offers_for(job_seeker: JobSeeker, *, limit: int = MY_OFFERS) -> list[OfferForPerson]:
    """The open offers that fit the person's target jobs and reach (the matching's own ranking,
    seen from their side), the best fits first, each person's ties in an order of their own."""
    pairs = rank_offers(job_seeker, limit=None, context=shared_context(job_seeker.structure_id))
    pairs.sort(key=lambda pair: (-pair.fit, _personal_order(job_seeker.pk, pair.offer_id)))
    ids = [pair.offer_id for pair in pairs[:limit]]
    offers = (
        Offer.objects.open()
        .filter(pk__in=ids, captured_by__isnull=False)
        .select_related("commune", "company__naf")
    )
    by_id = {offer.pk: offer for offer in offers}
    home = job_seeker.commune
    return [
        OfferForPerson(offer=by_id[pk], distance_km=_distance_km(home, by_id[pk].commune))
        for pk in ids
        if pk in by_id
    ]


def reservations_of(job_seeker: JobSeeker):
    """The person's reservations still held, each with `meeting`: its booked slot, or None."""
    reservations = list(
        Positioning.objects.filter(job_seeker=job_seeker, status=PositioningStatus.RESERVED)
        .select_related("offer__commune", "offer__company__naf", "presented_by", "meeting_slot__site")
        .order_by("held_until", "pk")
    )
    for positioning in reservations:
        positioning.meeting = getattr(positioning, "meeting_slot", None)
    return reservations


def free_slots_for(positioning: Positioning, *, limit: int = 12):
    """The times the offer's CRE published that are still free, soonest first."""
    return list(
        MeetingSlot.objects.filter(
            staff_id=positioning.presented_by_id, positioning__isnull=True, starts_at__gt=timezone.now()
        )
        .select_related("site")
        .order_by("starts_at", "pk")[:limit]
    )


def current_period_of(job_seeker: JobSeeker):
    """The person's PER in progress (signed or being prepared), if any."""
    return job_seeker.periods.filter(status__in=CURRENT_PERIOD_STATUSES).order_by("-cycle", "-number").first()


def meetings_of(job_seeker: JobSeeker):
    return list(
        job_seeker.appointments.filter(status=AppointmentStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("staff", "site")
        .order_by("starts_at")[:10]
    )


def contacted_companies_of(job_seeker: JobSeeker, *, limit: int = 10) -> list[dict]:
    """The companies the team contacted for the person ("Quelles entreprises ont été contactées
    pour moi ?"), the latest first."""
    return list(companies_contacted_for(job_seeker)[:limit])
