"""Scenarios of the reporting tests: people of Accès Pau whose paths go through the services as
Camille would record them (`person`), and a period of the last twelve months."""

import datetime

import pytest

from accesdirect.core.calendar import add_months, paris_today
from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import Contract
from accesdirect.offers.services import employment_declare, job_follow_up_record
from accesdirect.reporting.definitions import Filters
from accesdirect.seekers.enums import Programme
from accesdirect.seekers.services import referral_create
from accesdirect.testing import factories as f


@pytest.fixture
def today() -> datetime.date:
    return paris_today()


@pytest.fixture
def organisation(pau):
    with structure_scope(pau):
        return f.PrescriberOrganisationFactory(structure=pau, name="Département 64")


@pytest.fixture
def person(pau, camille, organisation):
    """person(name, referred_on): a person referred to Accès Pau, through the service."""
    commune = f.CommuneFactory()

    def _person(name: str, referred_on: datetime.date):
        with structure_scope(pau):
            referral = referral_create(
                structure=pau,
                organisation=organisation,
                programme=Programme.RSA,
                referred_on=referred_on,
                by=camille,
                first_name=name,
                last_name="Test",
                commune=commune,
                new_file_confirmed=True,
            )
            return referral.job_seeker

    return _person


@pytest.fixture
def year(pau, today):
    """The filters of the last twelve months for Accès Pau; year(**changes) for a variant."""

    def _year(**changes) -> Filters:
        return Filters(
            structure_ids=(pau.pk,), start=today - datetime.timedelta(days=365), end=today, **changes
        )

    return _year


# --- Survival in employment: jobs declared and followed up through the services ------------


@pytest.fixture
def declare(pau, camille):
    def _declare(starts_on: datetime.date, *, seeker=None, employer: str = "Boulangerie Lacoste"):
        seeker = seeker or f.JobSeekerFactory(structure=pau)
        with structure_scope(pau):
            return employment_declare(
                job_seeker=seeker,
                by=camille,
                contract=Contract.CDI,
                starts_on=starts_on,
                ends_on=None,
                hours_per_week=None,
                employer_name=employer,
                job_title="Vendeuse",
            )

    return _declare


@pytest.fixture
def answer(pau, camille):
    def _answer(employment, months: int, still: bool, same: bool | None = None):
        with structure_scope(pau):
            follow_up = employment.follow_ups.get(due_on=add_months(employment.starts_on, months))
            job_follow_up_record(
                follow_up=follow_up,
                by=camille,
                done_on=paris_today(),
                going_well=still,
                notes="",
                still_employed=still,
                same_employer=same,
            )

    return _answer


@pytest.fixture
def followed(declare, answer):
    """Five people who started 50 months ago, all followed four years: four still in a job at
    48 months (two of them with another employer, one who did not say), one out of work at 12."""
    start = add_months(paris_today(), -50)
    for same in (True, False, False, None):
        job = declare(start)
        for months in (6, 12, 24):
            answer(job, months, True, True)
        answer(job, 48, True, same)
    out = declare(start)
    answer(out, 6, True, True)
    answer(out, 12, False)
    return start
