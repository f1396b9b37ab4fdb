import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

from .factories import AppointmentFactory, IntakeFactory, JournalEntryFactory, ReferralFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "jobseeker",
    "referral",
    "intake",
    "targetjob",
    "engagementperiod",
    "tripartitereview",
    "appointment",
    "journalentry",
]


@pytest.fixture
def admin_client_with_rows(client, accompanied, camille):
    f.EngagementPeriodFactory(job_seeker=accompanied)
    AppointmentFactory(job_seeker=accompanied, staff=camille)
    JournalEntryFactory(job_seeker=accompanied)
    IntakeFactory(job_seeker=accompanied, by=camille)
    ReferralFactory(job_seeker=accompanied)
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_and_searches_every_seekers_model(admin_client_with_rows, model):
    url = reverse(f"admin:seekers_{model}_changelist")

    assert admin_client_with_rows.get(url).status_code == 200
    assert admin_client_with_rows.get(url, {"q": "Accompanied"}).status_code == 200


def test_the_admin_shows_a_person_with_their_referrals_target_jobs_and_pers(
    admin_client_with_rows, accompanied
):
    response = admin_client_with_rows.get(reverse("admin:seekers_jobseeker_change", args=[accompanied.pk]))

    assert response.status_code == 200
