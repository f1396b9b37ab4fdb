import datetime

import pytest
from django.utils import timezone

from accesdirect.seekers.enums import JournalKind, PeriodStatus, Programme, SeekerStatus
from accesdirect.seekers.queries import companies_contacted_for, job_seekers_for_list
from accesdirect.testing import factories as f

from .factories import JournalEntryFactory

pytestmark = pytest.mark.django_db


def _names(queryset):
    return [seeker.last_name for seeker in queryset]


def test_the_list_searches_names_and_phones_as_dialled(pau, in_pau):
    f.JobSeekerFactory(structure=pau, first_name="Nadia", last_name="Benali", phone="+33612345678")
    f.JobSeekerFactory(structure=pau, first_name="Paul", last_name="Etchart", phone="+262692123456")

    assert _names(job_seekers_for_list(search="nadia ben")) == ["Benali"]
    assert _names(job_seekers_for_list(search="06 12 34")) == ["Benali"]
    assert _names(job_seekers_for_list(search="0692 12")) == ["Etchart"]
    assert _names(job_seekers_for_list(search="+262692")) == ["Etchart"]


def test_the_list_filters_by_status_programme_and_site(pau, in_pau):
    site = f.SiteFactory(structure=pau)
    f.JobSeekerFactory(structure=pau, last_name="Active", programme=Programme.PLIE, site=site)
    f.JobSeekerFactory(structure=pau, last_name="Referred", status=SeekerStatus.REFERRED)

    assert _names(job_seekers_for_list(status=SeekerStatus.REFERRED)) == ["Referred"]
    assert _names(job_seekers_for_list(programme=Programme.PLIE)) == ["Active"]
    assert _names(job_seekers_for_list(site=site)) == ["Active"]


def test_the_list_finds_people_without_a_proposition_for_some_weeks(pau, in_pau):
    now = timezone.now()
    recent = f.JobSeekerFactory(structure=pau, last_name="Recent")
    old = f.JobSeekerFactory(structure=pau, last_name="Old")
    f.JobSeekerFactory(structure=pau, last_name="Never")
    JournalEntryFactory(
        job_seeker=recent, kind=JournalKind.PROPOSAL, occurred_at=now - datetime.timedelta(days=3)
    )
    JournalEntryFactory(
        job_seeker=old, kind=JournalKind.PROPOSAL, occurred_at=now - datetime.timedelta(weeks=5)
    )

    assert _names(job_seekers_for_list(without_proposal_weeks=4, now=now)) == ["Never", "Old"]


def test_the_list_shows_the_current_per_and_the_last_action(pau, today, in_pau):
    seeker = f.JobSeekerFactory(structure=pau)
    f.EngagementPeriodFactory(
        job_seeker=seeker,
        number=1,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today,
        status=PeriodStatus.ENDED,
    )
    f.EngagementPeriodFactory(
        job_seeker=seeker,
        number=2,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=40),
        status=PeriodStatus.ACTIVE,
        signed_on=today,
    )
    last = JournalEntryFactory(job_seeker=seeker)
    JournalEntryFactory(job_seeker=seeker, occurred_at=last.occurred_at - datetime.timedelta(days=2))

    row = job_seekers_for_list().get()
    assert row.current_period_number == 2
    assert row.current_period_status == PeriodStatus.ACTIVE
    assert row.current_period_ends_on == today + datetime.timedelta(days=40)
    assert row.last_journal_at == last.occurred_at


def test_companies_contacted_for_a_person_come_from_their_journal(pau, accompanied, in_pau):
    bakery = f.CompanyFactory(structure=pau, name="Boulangerie Lasserre")
    cleaning = f.CompanyFactory(structure=pau, name="Propreté du Béarn")
    now = timezone.now()
    JournalEntryFactory(
        job_seeker=accompanied, kind=JournalKind.COMPANY_CONTACT, company=bakery, occurred_at=now
    )
    JournalEntryFactory(
        job_seeker=accompanied,
        kind=JournalKind.COMPANY_CONTACT,
        company=bakery,
        occurred_at=now - datetime.timedelta(days=9),
    )
    JournalEntryFactory(
        job_seeker=accompanied,
        kind=JournalKind.COMPANY_CONTACT,
        company=cleaning,
        occurred_at=now - datetime.timedelta(days=2),
    )
    JournalEntryFactory(job_seeker=accompanied, kind=JournalKind.NOTE, company=cleaning)
    JournalEntryFactory(
        job_seeker=f.JobSeekerFactory(structure=pau), kind=JournalKind.COMPANY_CONTACT, company=cleaning
    )

    contacted = list(companies_contacted_for(accompanied))

    assert [row["company__name"] for row in contacted] == ["Boulangerie Lasserre", "Propreté du Béarn"]
    assert contacted[0]["contact_count"] == 2
    assert contacted[0]["last_contacted_at"] == now
