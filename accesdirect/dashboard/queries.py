"""Reads for the home page ("the day's work"). Reads only; every query runs in the scope."""

import datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When

from accesdirect.companies.models import CompanyContact
from accesdirect.core.calendar import PARIS
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus
from accesdirect.offers.expiry import expired_recently
from accesdirect.offers.models import Offer, Positioning
from accesdirect.portals.models import Lead
from accesdirect.seekers.enums import AppointmentStatus, PeriodStatus, SeekerStatus
from accesdirect.seekers.models import Appointment, EngagementPeriod, JobSeeker

# The lists of the day show their first rows; their totals say how many there are in all.
SHOWN = 20
PERIODS_ENDING_DAYS = 14


def day_overview(*, user, today: datetime.date) -> dict:
    # The day as Paris lives it, never the server's zone (a naive `astimezone()` would use it).
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    # A follow-up is done once a later contact with the same company exists: only the company's
    # latest contact counts. Read as a subquery per contact through the company's index, not as
    # an anti-join that hashes every contact of the structure (50 ms at 30,000 contacts).
    latest = CompanyContact.objects.filter(company=OuterRef("company")).order_by("-occurred_at")
    follow_ups = CompanyContact.objects.filter(
        by=user, next_follow_up_on__lte=today, occurred_at=Subquery(latest.values("occurred_at")[:1])
    )
    periods_ending = EngagementPeriod.objects.filter(
        status=PeriodStatus.ACTIVE, ends_on__lte=today + datetime.timedelta(days=PERIODS_ENDING_DAYS)
    )
    my_positionings = Positioning.objects.filter(presented_by=user, status__in=ACTIVE_POSITIONING_STATUSES)
    # The people waiting for the team, in one read of the structure's files.
    waiting = JobSeeker.objects.aggregate(
        referred=Count("pk", filter=Q(status=SeekerStatus.REFERRED)),
        review=Count("pk", filter=Q(needs_tripartite_review=True)),
    )
    # Offers sent by companies, waiting for a call: the user's own and the pool's (no CRE yet).
    for_me_or_pool = Q(captured_by=user) | Q(captured_by__isnull=True)
    offers = Offer.objects.filter(status__in=[OfferStatus.OPEN, OfferStatus.TO_CONFIRM]).aggregate(
        open=Count("pk", filter=Q(status=OfferStatus.OPEN)),
        to_confirm=Count("pk", filter=Q(status=OfferStatus.TO_CONFIRM) & for_me_or_pool),
    )
    return {
        "follow_up_count": follow_ups.count(),
        "period_ending_count": periods_ending.count(),
        "my_positioning_count": my_positionings.count(),
        "periods_ending_days": PERIODS_ENDING_DAYS,
        "appointments": Appointment.objects.filter(
            staff=user, starts_at__gte=start, starts_at__lt=end, status=AppointmentStatus.PLANNED
        )
        .select_related("job_seeker", "staff", "site")
        .order_by("starts_at")[:50],
        "follow_ups": follow_ups.select_related("company").order_by("next_follow_up_on")[:SHOWN],
        # The CRE's own people first (the PERs they signed), then the team's, soonest first.
        "periods_ending": periods_ending.annotate(
            mine=Case(When(signed_by=user, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .select_related("job_seeker")
        .order_by("mine", "ends_on", "pk")[:SHOWN],
        "referred_count": waiting["referred"],
        "review_count": waiting["review"],
        # Sign-ups in the job seekers' app, to call back.
        "lead_count": Lead.objects.to_contact().count(),
        "my_positionings": my_positionings.select_related("offer", "job_seeker", "offer__company").order_by(
            "-created_at"
        )[:SHOWN],
        "open_offer_count": offers["open"],
        "to_confirm_count": offers["to_confirm"],
        # The user's own first, then the pool's, the longest waiting first.
        "offers_to_confirm": Offer.objects.filter(for_me_or_pool, status=OfferStatus.TO_CONFIRM)
        .annotate(
            mine=Case(When(captured_by=user, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .select_related("company", "commune")
        .order_by("mine", "captured_on", "pk")[:SHOWN],
        "expired_offers": expired_recently(captured_by=user, today=today)[:10],
    }
