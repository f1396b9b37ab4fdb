import pytest
from django.urls import reverse

from accesdirect.core.scope import structure_scope
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.services import assignment_draft_create
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_platform_operators_browse_matching_in_the_admin(client, make_person, make_offer, rome, pau, camille):
    make_person(rome.cleaner)
    make_offer()
    settings = MatchingSettings.objects.create(structure=pau)
    with structure_scope(pau):
        draft = assignment_draft_create(structure=pau, by=camille)
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    for model, obj in {"matchingsettings": settings, "assignmentdraft": draft}.items():
        assert client.get(reverse(f"admin:matching_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:matching_{model}_change", args=[obj.pk])).status_code == 200, model
