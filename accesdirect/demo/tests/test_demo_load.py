"""The demo territory respects every rule of the method, for each structure."""

import datetime
import re
from collections import defaultdict

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone
from stdnum.fr import siret

from accesdirect.companies.models import Company, CompanyContact
from accesdirect.demo.generator import DEMO_PASSWORD, demo_load, demo_logins
from accesdirect.offers.enums import ACTIVE_POSITIONING_STATUSES, OfferStatus
from accesdirect.offers.models import Employment, JobFollowUp, Offer, Positioning, PositioningStep, is_durable
from accesdirect.referentials.models import Commune
from accesdirect.seekers.enums import AppointmentStatus, ExitReason, JournalKind, PeriodStatus, SeekerStatus
from accesdirect.seekers.models import (
    MIN_TARGET_JOBS,
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TargetJob,
    TripartiteReview,
    add_months,
)
from accesdirect.structures.enums import Role
from accesdirect.structures.models import Membership, Structure, User

pytestmark = pytest.mark.django_db

BEARN, BASQUE = "acces-direct-bearn", "acces-direct-cote-basque"


def test_two_structures_are_created_each_in_its_own_territory(demo, unscoped):
    bearn, basque = Structure.objects.get(slug=BEARN), Structure.objects.get(slug=BASQUE)
    assert bearn.commune.name == "Pau" and basque.commune.name == "Bayonne"
    assert bearn.network == basque.network and bearn.network.head_structure == bearn
    bearn_communes = set(JobSeeker.objects.filter(structure=bearn).values_list("commune__name", flat=True))
    bearn_communes |= set(Company.objects.filter(structure=bearn).values_list("commune__name", flat=True))
    assert "Pau" in bearn_communes
    # Within 40 km of Pau and in the Pyrénées-Atlantiques only: not Tarbes, not the coast.
    assert not bearn_communes & {"Tarbes", "Bayonne", "Anglet", "Biarritz"}
    basque_communes = set(JobSeeker.objects.filter(structure=basque).values_list("commune__name", flat=True))
    assert basque_communes <= {"Bayonne", "Anglet", "Biarritz"}


def test_each_structure_has_its_cres_direction_and_demo_logins(demo, unscoped):
    roles = dict(Membership.objects.filter(structure__slug=BEARN).values_list("role").annotate(n=Count("pk")))
    assert roles == {Role.CRE: 20, Role.DIRECTION: 2}
    roles = dict(
        Membership.objects.filter(structure__slug=BASQUE).values_list("role").annotate(n=Count("pk"))
    )
    assert roles == {Role.CRE: 3, Role.DIRECTION: 1}
    accounts = [User.objects.get(email=email) for _who, email in demo_logins()]
    # One hash for all: hashing is slow by design, the demo computes it once.
    assert {account.password for account in accounts} == {accounts[0].password}
    # (Checked last: a check with another preferred hasher re-hashes the password.)
    assert accounts[0].check_password(DEMO_PASSWORD)
    assert User.objects.get(email="admin@accesdirect.example").is_superuser
    assert Membership.objects.get(user__email="cre@bearn.example").structure.slug == BEARN
    assert Membership.objects.get(user__email="cre@cotebasque.example").structure.slug == BASQUE


def test_every_row_carries_the_structure_of_its_parent(demo, unscoped):
    per_person = (Referral, Intake, TargetJob, EngagementPeriod, TripartiteReview, Appointment, JournalEntry)
    for model in per_person:
        assert not model.objects.exclude(structure=F("job_seeker__structure")).exists(), model
    assert not Offer.objects.exclude(structure=F("company__structure")).exists()
    assert not Positioning.objects.exclude(structure=F("offer__structure")).exists()
    assert not Positioning.objects.exclude(structure=F("job_seeker__structure")).exists()
    assert not PositioningStep.objects.exclude(structure=F("positioning__structure")).exists()
    assert not Employment.objects.exclude(structure=F("job_seeker__structure")).exists()
    assert not JobFollowUp.objects.exclude(structure=F("employment__structure")).exists()
    assert not CompanyContact.objects.exclude(structure=F("company__structure")).exists()
    assert (
        not CompanyContact.objects.filter(job_seekers__isnull=False)
        .exclude(structure=F("job_seekers__structure"))
        .exists()
    )
    staff = Membership.objects.values_list("user_id", "structure_id")
    assert set(Offer.objects.values_list("captured_by_id", "structure_id")) <= set(staff)


def test_every_person_received_has_at_least_three_target_jobs(demo, unscoped):
    received = JobSeeker.objects.exclude(status=SeekerStatus.REFERRED).annotate(n=Count("target_jobs"))
    assert received.exists()
    assert min(received.values_list("n", flat=True)) >= MIN_TARGET_JOBS
    assert not TargetJob.objects.filter(job_seeker__status=SeekerStatus.REFERRED).exists()
    assert Intake.objects.count() == JobSeeker.objects.exclude(status=SeekerStatus.REFERRED).count()


def test_one_offer_carries_at_most_one_active_positioning(demo, unscoped):
    active = Positioning.objects.filter(status__in=ACTIVE_POSITIONING_STATUSES)
    assert active.exists()
    assert not active.values("offer").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert set(active.values_list("offer_id", flat=True)) == set(
        Offer.objects.filter(status=OfferStatus.POSITIONED).values_list("pk", flat=True)
    )
    assert not active.exclude(job_seeker__status=SeekerStatus.ACTIVE).exists()
    # The offer is presented by the CRE who captured it.
    assert not Positioning.objects.exclude(presented_by=F("offer__captured_by")).exists()
    # Positionings of one offer follow each other: each ended before the next began.
    by_offer = defaultdict(list)
    for offer_id, created_at, ended_at in Positioning.objects.values_list(
        "offer_id", "created_at", "ended_at"
    ):
        by_offer[offer_id].append((created_at, ended_at))
    for positionings in by_offer.values():
        positionings.sort()
        for (_, ended_at), (next_created_at, _) in zip(positionings, positionings[1:], strict=False):
            assert ended_at is not None and ended_at <= next_created_at
    assert Offer.objects.filter(status=OfferStatus.OPEN).exists()
    assert (
        Offer.objects.filter(status=OfferStatus.FILLED).count()
        == Positioning.objects.filter(status="hired").count()
    )


def test_periods_are_numbered_one_to_three_last_two_months_at_most_and_one_is_current(demo, unscoped):
    periods = list(EngagementPeriod.objects.all())
    assert periods
    for period in periods:
        assert 1 <= period.number <= 3
        assert period.starts_on < period.ends_on <= add_months(period.starts_on, 2)
        if period.status != PeriodStatus.DRAFT:
            assert period.signed_on is not None
    current = EngagementPeriod.objects.filter(status__in=[PeriodStatus.DRAFT, PeriodStatus.ACTIVE])
    assert not current.values("job_seeker").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not current.exclude(job_seeker__status=SeekerStatus.ACTIVE).exists()
    today = timezone.localdate()
    assert not EngagementPeriod.objects.filter(status=PeriodStatus.ACTIVE, ends_on__lt=today).exists()
    numbers = defaultdict(list)
    for seeker_id, number in EngagementPeriod.objects.values_list("job_seeker_id", "number"):
        numbers[seeker_id].append(number)
    assert all(sorted(found) == list(range(1, len(found) + 1)) for found in numbers.values())
    # A tripartite review only after a third PER.
    for review in TripartiteReview.objects.all():
        assert EngagementPeriod.objects.filter(job_seeker=review.job_seeker_id, number=3).exists()


def test_employments_are_durable_exactly_when_cdi_or_cdd_over_six_months(demo, unscoped):
    employments = list(Employment.objects.all())
    assert employments
    for employment in employments:
        assert employment.is_durable == is_durable(
            employment.contract, employment.starts_on, employment.ends_on
        )
    hired = Employment.objects.filter(positioning__isnull=False)
    assert not hired.exclude(positioning__status="hired").exists()
    assert not hired.exclude(job_seeker=F("positioning__job_seeker")).exists()
    # Left with a job: their employment is on file; left for a durable job: a durable one.
    placed = JobSeeker.objects.filter(exit_reason__in=[ExitReason.DURABLE_JOB, ExitReason.OTHER_JOB])
    assert placed.exists()
    assert not placed.filter(employments__isnull=True).exists()
    for seeker in JobSeeker.objects.filter(exit_reason=ExitReason.DURABLE_JOB).prefetch_related(
        "employments"
    ):
        assert any(employment.is_durable for employment in seeker.employments.all())


def test_companies_have_valid_sirets_and_people_french_mobile_numbers(demo, unscoped):
    sirets = list(Company.objects.values_list("siret", flat=True))
    assert sirets and all(siret.is_valid(number) for number in sirets)
    phones = list(JobSeeker.objects.values_list("phone", flat=True))
    assert all(re.fullmatch(r"\+33[67]\d{8}", phone) for phone in phones)
    assert len(set(phones)) == len(phones)


def test_the_day_has_its_work_and_nothing_happened_in_the_future(demo, unscoped):
    today = timezone.localdate()
    start = datetime.datetime.combine(today, datetime.time.min).astimezone()
    bearn = Structure.objects.get(slug=BEARN)
    planned = Appointment.objects.filter(structure=bearn, status=AppointmentStatus.PLANNED)
    assert planned.filter(starts_at__gte=start).exists()
    assert not planned.filter(starts_at__lt=start).exists()
    # The active file: 5 % of the people, plus those followed in their job for six months.
    active = JobSeeker.objects.filter(structure=bearn, status=SeekerStatus.ACTIVE)
    followed_in_job = active.filter(employments__isnull=False).distinct().count()
    assert active.count() - followed_in_job == round(1300 * 0.05)
    assert followed_in_job > 0
    now = timezone.now()
    assert not JournalEntry.objects.filter(occurred_at__gt=now).exists()
    assert not CompanyContact.objects.filter(occurred_at__gt=now).exists()
    assert not PositioningStep.objects.filter(at__gt=now).exists()
    assert (
        not Appointment.objects.exclude(status=AppointmentStatus.PLANNED).filter(starts_at__gt=now).exists()
    )


def test_every_step_of_a_path_is_in_the_journal(demo, unscoped):
    seekers = JobSeeker.objects.count()
    assert JournalEntry.objects.filter(kind=JournalKind.REFERRAL).count() == seekers
    assert JournalEntry.objects.filter(kind=JournalKind.INTAKE).count() == Intake.objects.count()
    assert JournalEntry.objects.filter(kind=JournalKind.EMPLOYMENT).count() == Employment.objects.count()
    assert JournalEntry.objects.filter(kind=JournalKind.REVIEW).count() == TripartiteReview.objects.count()
    # Written by the generator as text, or by the service (the weekly drafts) as an event.
    proposals = JournalEntry.objects.filter(kind=JournalKind.PROPOSAL).filter(
        Q(text__startswith="Proposition de poste") | Q(event="offers.proposed")
    )
    assert proposals.count() == Positioning.objects.count()
    for_people = CompanyContact.job_seekers.through.objects.count()
    assert JournalEntry.objects.filter(kind=JournalKind.COMPANY_CONTACT).count() == for_people


def test_a_second_run_does_nothing(demo, unscoped):
    counts = {model: model.objects.count() for model in (Structure, JobSeeker, Company, Offer, JournalEntry)}
    assert demo_load(scale=0.05, seed=7) is None
    assert {model: model.objects.count() for model in counts} == counts
    assert Commune.objects.filter(departement="64").exists()


def test_demo_people_have_valid_mobiles_so_their_sms_go_out(demo, unscoped):
    from accesdirect.core.phones import normalize_mobile
    from accesdirect.seekers.models import JobSeeker

    phones = list(JobSeeker.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones
    assert all(normalize_mobile(phone) == phone for phone in phones)
