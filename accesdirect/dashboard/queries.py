"""Reads for the home page ("the day's work"). Reads only; every query runs in the scope."""

import datetime

from django.db.models import Exists, OuterRef

from accesdirect.companies.models import CompanyContact
from accesdirect.core.calendar import PARIS
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES
from accesdirect.offers.expiry import expired_recently
from accesdirect.offers.models import Offer, Positioning
from accesdirect.seekers.enums import AppointmentStatus, PeriodStatus, SeekerStatus
from accesdirect.seekers.models import Appointment, EngagementPeriod, JobSeeker


def day_overview(*, user, today: datetime.date) -> dict:
    # The day as Paris lives it, never the server's zone (a naive `astimezone()` would use it).
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    return {
        "appointments": Appointment.objects.filter(
            staff=user, starts_at__gte=start, starts_at__lt=end, status=AppointmentStatus.PLANNED
        )
        .select_related("job_seeker", "staff", "site")
        .order_by("starts_at")[:50],
        "follow_ups": CompanyContact.objects.filter(by=user, next_follow_up_on__lte=today)
        # A follow-up is done once a later contact with the same company exists.
        .exclude(
            Exists(
                CompanyContact.objects.filter(
                    company=OuterRef("company"), occurred_at__gt=OuterRef("occurred_at")
                )
            )
        )
        .select_related("company")
        .order_by("next_follow_up_on")[:20],
        "periods_ending": EngagementPeriod.objects.filter(
            status=PeriodStatus.ACTIVE, ends_on__lte=today + datetime.timedelta(days=14)
        )
        .select_related("job_seeker")
        .order_by("ends_on")[:20],
        "referred_count": JobSeeker.objects.filter(status=SeekerStatus.REFERRED).count(),
        "review_count": JobSeeker.objects.filter(needs_tripartite_review=True).count(),
        "my_positionings": Positioning.objects.filter(
            presented_by=user, status__in=ACTIVE_POSITIONING_STATUSES
        )
        .select_related("offer", "job_seeker", "offer__company")
        .order_by("-created_at")[:20],
        "open_offer_count": Offer.objects.open().count(),
        "expired_offers": expired_recently(captured_by=user, today=today)[:10],
    }
