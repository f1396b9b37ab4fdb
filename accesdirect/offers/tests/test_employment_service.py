import datetime

import pytest
from django_scopes import scopes_disabled

from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract, PositioningStatus
from accesdirect.offers.models import Employment, is_durable
from accesdirect.offers.services import employment_declare, employment_record, positioning_advance
from accesdirect.seekers.enums import JournalKind, SeekerStatus
from accesdirect.seekers.models import JournalEntry, add_months
from accesdirect.testing import factories as f
from accesdirect.testing.clock import frozen_now

pytestmark = pytest.mark.django_db

START = datetime.date(2030, 1, 15)


@pytest.fixture(autouse=True)
def december_2029(monkeypatch):
    """Jobs of January 2030 are recorded in December 2029, within the plausible window of a start."""
    frozen_now(monkeypatch, datetime.datetime(2029, 12, 1, 10, tzinfo=datetime.UTC))


def declare(seeker, by, **overrides):
    fields = {
        "contract": Contract.CDI,
        "starts_on": START,
        "ends_on": None,
        "hours_per_week": 35,
        "employer_name": "Boulangerie Lacoste",
        "job_title": "Vendeuse",
    }
    fields.update(overrides)
    with structure_scope(seeker.structure_id):
        return employment_declare(job_seeker=seeker, by=by, **fields)


@pytest.mark.parametrize(
    ("contract", "ends_on", "durable"),
    [
        (Contract.CDI, None, True),
        (Contract.CDD, add_months(START, 7), True),
        (Contract.CDD, add_months(START, 6) - datetime.timedelta(days=1), False),
        (Contract.CDD, add_months(START, 6), True),
        (Contract.CDD, add_months(START, 2), False),
        (Contract.INTERIM, add_months(START, 12), False),
    ],
    ids=[
        "cdi",
        "cdd-7-months",
        "cdd-6-months-exactly",
        "cdd-6-months-and-a-day",
        "cdd-2-months",
        "interim-12-months",
    ],
)
def test_durable_employment_is_derived_from_the_contract_and_dates(pau, camille, contract, ends_on, durable):
    seeker = f.JobSeekerFactory(structure=pau)
    employment = declare(seeker, camille, contract=contract, ends_on=ends_on)
    assert employment.is_durable is durable


def test_six_months_or_more_counts_a_cdd_of_exactly_six_months():
    six_months = add_months(START, 6) - datetime.timedelta(days=1)  # 15/01 → 14/07

    assert is_durable(Contract.CDD, START, six_months) is False
    assert is_durable(Contract.CDD, START, six_months, six_months_or_more=True) is True
    assert (
        is_durable(Contract.CDD, START, six_months - datetime.timedelta(days=1), six_months_or_more=True)
        is False
    )


def test_a_declared_job_keeps_the_person_accompanied_and_plans_the_follow_ups(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    employment = declare(seeker, camille)
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.ACTIVE
    with scopes_disabled():
        due_dates = list(employment.follow_ups.order_by("due_on").values_list("due_on", flat=True))
        entry = JournalEntry.objects.get(job_seeker=seeker, kind=JournalKind.EMPLOYMENT)
    assert due_dates == [
        datetime.date(2030, 1, 22),
        datetime.date(2030, 2, 15),
        datetime.date(2030, 7, 15),
        # The survival in employment: one, two and four years after the start.
        datetime.date(2031, 1, 15),
        datetime.date(2032, 1, 15),
        datetime.date(2034, 1, 15),
    ]
    assert employment.positioning is None
    assert employment.structure_id == pau.pk
    assert (
        entry.rendered
        == "Emploi : Vendeuse chez Boulangerie Lacoste, CDI à partir du 15/01/2030 (emploi durable)"
    )


def test_a_cdd_needs_its_end_date(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with pytest.raises(DomainError, match="Un CDD a une date de fin"):
        declare(seeker, camille, contract=Contract.CDD, ends_on=None)
    with scopes_disabled():
        assert not Employment.objects.exists()
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.ACTIVE


def test_a_job_cannot_end_before_it_starts(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with pytest.raises(DomainError, match="ne peut pas précéder"):
        declare(seeker, camille, contract=Contract.CDD, ends_on=START - datetime.timedelta(days=1))


def test_the_employer_must_be_a_company_of_the_same_structure(pau, basque, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    with pytest.raises(DomainError, match="même structure"):
        declare(seeker, camille, company=f.CompanyFactory(structure=basque))


def test_an_employment_from_a_positioning_needs_the_hire(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    with structure_scope(pau), pytest.raises(DomainError, match="embauché·e"):
        employment_record(
            job_seeker=positioning.job_seeker,
            by=camille,
            contract=Contract.CDI,
            starts_on=START,
            ends_on=None,
            hours_per_week=None,
            employer_name="X",
            job_title="Y",
            positioning=positioning,
        )


def test_a_hire_is_recorded_once(pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    with structure_scope(pau):
        positioning_advance(positioning=positioning, to_status=PositioningStatus.HIRED, by=camille)
        with pytest.raises(ConflictError, match="déjà enregistré"):
            employment_record(
                job_seeker=positioning.job_seeker,
                by=camille,
                contract=Contract.CDI,
                starts_on=START,
                ends_on=None,
                hours_per_week=None,
                employer_name="X",
                job_title="Y",
                positioning=positioning,
            )
        assert Employment.objects.count() == 1
