"""The database keeps dates between 1900 and 2100 and numbers within their ranges whatever code
path writes (core.ranges): on PostgreSQL an appointment of 01/01/0001 would be stored, and then
no page could read it back (it is year 0 in UTC)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accesdirect.companies.models import CompanyContact
from accesdirect.core import ranges
from accesdirect.core.tests.test_isolation import OBJECT_ID, pau_objects  # noqa: F401 (a fixture)
from accesdirect.immersions.models import Immersion
from accesdirect.offers.models import Employment, JobFollowUp, Offer, Positioning
from accesdirect.seekers.models import (
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TripartiteReview,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pau_objects")]

YEAR_1 = datetime.date(1, 1, 1)
YEAR_9999 = datetime.date(9999, 12, 31)
MOMENT_1 = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
MOMENT_9999 = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)

IMPLAUSIBLE = [
    (JobSeeker, "birth_date", YEAR_1),
    (JobSeeker, "unemployed_since", YEAR_9999),
    (JobSeeker, "max_commute_km", 32767),
    (Referral, "referred_on", YEAR_9999),
    (Intake, "held_on", YEAR_1),
    (EngagementPeriod, "signed_on", YEAR_9999),
    (TripartiteReview, "held_on", YEAR_1),
    (Appointment, "starts_at", MOMENT_1),
    (Appointment, "starts_at", MOMENT_9999),
    (JournalEntry, "occurred_at", MOMENT_1),
    (CompanyContact, "occurred_at", MOMENT_9999),
    (CompanyContact, "next_follow_up_on", YEAR_9999),
    (Offer, "starts_on", YEAR_9999),
    (Offer, "duration_months", 32767),
    (Offer, "hours_per_week", Decimal("99.9")),
    (Positioning, "interview_at", MOMENT_1),
    (Employment, "ends_on", YEAR_9999),
    (Employment, "hours_per_week", Decimal("0.5")),
    (JobFollowUp, "done_on", YEAR_9999),
    (Immersion, "reviewed_on", YEAR_1),
]


@pytest.mark.parametrize(
    ("model", "field", "value"), IMPLAUSIBLE, ids=lambda item: getattr(item, "__name__", None)
)
def test_the_database_refuses_an_implausible_value_whatever_writes_it(unscoped, model, field, value):
    # A value that could be read back, first (the row exists and the field takes plausible values).
    row = model.objects.filter(pk=OBJECT_ID)
    assert row.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.update(**{field: value})


def test_the_bounds_themselves_are_accepted(unscoped):
    appointment = Appointment.objects.filter(pk=OBJECT_ID)
    appointment.update(starts_at=ranges.FIRST_MOMENT)
    appointment.update(starts_at=ranges.LAST_MOMENT - datetime.timedelta(seconds=1))
    JobSeeker.objects.filter(pk=OBJECT_ID).update(
        birth_date=ranges.FIRST_DAY, unemployed_since=ranges.LAST_DAY
    )


def test_clamping_brings_stored_values_within_bounds_and_keeps_the_rows(unscoped):
    """What the migrations do before adding the constraints, on a field whose range is wider."""
    seekers = JobSeeker.objects.filter(pk=OBJECT_ID)
    seekers.update(max_commute_km=150)
    ranges.clamp_into_bounds(JobSeeker, "max_commute_km", 0, 100)
    assert seekers.get().max_commute_km == 100
    seekers.update(birth_date=ranges.FIRST_DAY)
    ranges.clamp_into_bounds(JobSeeker, "birth_date")
    assert seekers.get().birth_date == ranges.FIRST_DAY
    assert Appointment.objects.filter(starts_at__lte=timezone.now() + datetime.timedelta(days=1)).exists()
