"""Scenarios of the offers tests: an open offer of Pau captured by Camille, and a way to walk
a positioning through its steps with the services."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.services import positioning_advance, positioning_create
from accesdirect.testing import factories as f

# The path to an interview held, step by step.
PATH_TO_INTERVIEW_HELD = [
    PositioningStatus.ACCEPTED,
    PositioningStatus.INTERVIEW_SCHEDULED,
    PositioningStatus.INTERVIEW_HELD,
]


@pytest.fixture
def offer(pau, camille):
    return f.OfferFactory(
        structure=pau, company__structure=pau, company__name="Propreté Paloise", captured_by=camille
    )


@pytest.fixture
def position(camille):
    """position(offer, seeker=None, up_to=None): a positioning walked up to a step."""

    def _position(offer, seeker=None, up_to=PositioningStatus.PROPOSED):
        seeker = seeker or f.JobSeekerFactory(structure_id=offer.structure_id)
        with structure_scope(offer.structure_id):
            positioning = positioning_create(offer=offer, job_seeker=seeker, by=camille)
            for step in PATH_TO_INTERVIEW_HELD:
                if positioning.status == up_to:
                    break
                positioning_advance(
                    positioning=positioning,
                    to_status=step,
                    by=camille,
                    interview_at=timezone.now() + datetime.timedelta(days=2),
                )
        return positioning

    return _position
