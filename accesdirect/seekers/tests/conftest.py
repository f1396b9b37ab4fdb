"""Fixtures of the seekers tests: a prescriber of Pau and people at each step of the path."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.testing import factories as f

from . import factories as sf


@pytest.fixture
def in_pau(pau):
    """Run the test body in Pau's scope, as a request of Camille would."""
    with structure_scope(pau):
        yield


@pytest.fixture
def organisation(pau):
    return f.PrescriberOrganisationFactory(structure=pau, name="Département des Pyrénées-Atlantiques")


@pytest.fixture
def referred(pau, organisation):
    """Léa, just referred by the département: her intake is still to do."""
    seeker = f.JobSeekerFactory(
        structure=pau, first_name="Léa", last_name="Referred", status=SeekerStatus.REFERRED
    )
    sf.ReferralFactory(job_seeker=seeker, organisation=organisation)
    return seeker


@pytest.fixture
def accompanied(pau, camille, organisation):
    """Sami, received (intake completed, three target jobs): ready for a PER."""
    seeker = f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Accompanied")
    sf.ReferralFactory(job_seeker=seeker, organisation=organisation, intake_on=timezone.localdate())
    sf.IntakeFactory(job_seeker=seeker, by=camille, completed=True)
    for _ in range(3):
        f.TargetJobFactory(job_seeker=seeker)
    return seeker


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()
