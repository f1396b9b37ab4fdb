import datetime

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


# --- The rules of the method hold in the admin too ---------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_cannot_delete_one_of_the_last_three_target_jobs(superuser_client, accompanied, in_pau):
    target = accompanied.target_jobs.first()

    response = superuser_client.post(
        reverse("admin:seekers_targetjob_delete", args=[target.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert accompanied.target_jobs.count() == 3


def test_the_admin_cannot_remove_target_jobs_below_three_from_the_person(
    superuser_client, accompanied, in_pau
):
    url = reverse("admin:seekers_jobseeker_change", args=[accompanied.pk])
    page = superuser_client.get(url)
    data = _form_data(page)
    data["target_jobs-0-DELETE"] = "on"

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "Au moins trois postes visés" in response.content.decode()
    assert accompanied.target_jobs.count() == 3


def test_an_overlapping_per_typed_in_the_admin_is_refused_on_the_field(superuser_client, accompanied, in_pau):
    first = f.EngagementPeriodFactory(job_seeker=accompanied, starts_on=datetime.date(2026, 12, 1))
    data = {
        "structure": accompanied.structure_id,
        "job_seeker": accompanied.pk,
        "cycle": 1,
        "number": 2,
        "starts_on": "2027-01-10",
        "ends_on": "2027-02-20",
        "status": "draft",
        "seeker_objectives": "x",
        "structure_objectives": "y",
    }

    response = superuser_client.post(reverse("admin:seekers_engagementperiod_add"), data)

    assert response.status_code == 200
    assert "sans chevaucher un autre PER" in response.content.decode()
    assert list(accompanied.periods.all()) == [first]


def _form_data(page) -> dict:
    """The values of the admin change form as the browser would post them back."""
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.select = {}, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
                self.data[name] = attrs.get("value", "")
            elif tag == "input" and name and "checked" in attrs:
                self.data[name] = "on"
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None

    parser = Fields()
    parser.feed(page.content.decode())
    return {name: value for name, value in parser.data.items() if "__prefix__" not in name}
