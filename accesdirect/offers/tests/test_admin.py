import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.services import positioning_advance
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_platform_operators_browse_offers_in_the_admin(operator_client, pau, camille, offer, position):
    positioning = position(offer, up_to=PositioningStatus.INTERVIEW_HELD)
    with structure_scope(pau):
        positioning_advance(positioning=positioning, to_status=PositioningStatus.HIRED, by=camille)
    with scopes_disabled():
        employment = positioning.employment
        follow_up = employment.follow_ups.first()
    objects = {
        "offer": offer,
        "positioning": positioning,
        "employment": employment,
        "jobfollowup": follow_up,
    }
    for model, obj in objects.items():
        assert operator_client.get(reverse(f"admin:offers_{model}_changelist")).status_code == 200, model
        assert (
            operator_client.get(reverse(f"admin:offers_{model}_change", args=[obj.pk])).status_code == 200
        ), model
