"""Scenarios of the reporting tests: people of Accès Pau whose paths go through the services as
Camille would record them (`person`), and a period of the last twelve months."""

import datetime

import pytest

from accesdirect.core.calendar import paris_today
from accesdirect.core.scope import structure_scope
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
