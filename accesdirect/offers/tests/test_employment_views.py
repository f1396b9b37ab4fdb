import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.offers.models import Employment
from accesdirect.offers.services import employment_declare
from accesdirect.seekers.enums import SeekerStatus
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year  # a job of this year: within the plausible window of a start


@pytest.fixture
def employment(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Pujol")
    with structure_scope(pau):
        return employment_declare(
            job_seeker=seeker,
            by=camille,
            contract="cdi",
            starts_on=timezone.localdate() - datetime.timedelta(days=10),
            ends_on=None,
            hours_per_week=None,
            employer_name="Boulangerie Lacoste",
            job_title="Vendeuse",
        )


def test_declaring_a_job_found_by_the_person(camille_client, pau):
    seeker = f.JobSeekerFactory(structure=pau)
    url = reverse("offers:employment_declare", args=[seeker.pk])
    assert camille_client.get(url).status_code == 200
    data = {
        "employer_name": "Garage Moderne",
        "company": "",
        "job_title": "Aide mécanicien",
        "contract": "cdd",
        "starts_on": f"{YEAR}-01-01",
        "ends_on": f"{YEAR}-12-31",
        "hours_per_week": "35",
    }
    response = camille_client.post(url, data)
    with scopes_disabled():
        employment = Employment.objects.get()
    assert response.url == reverse("offers:employment_detail", args=[employment.pk])
    assert employment.is_durable
    assert employment.positioning is None
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.ACTIVE


def test_declaring_a_cdd_without_end_keeps_the_input(camille_client, pau):
    seeker = f.JobSeekerFactory(structure=pau)
    data = {
        "employer_name": "Garage Moderne",
        "job_title": "Aide mécanicien",
        "contract": "cdd",
        "starts_on": f"{YEAR}-01-01",
    }
    response = camille_client.post(reverse("offers:employment_declare", args=[seeker.pk]), data)
    assert response.status_code == 200
    assert "Un CDD a une date de fin" in response.text
    assert 'value="Garage Moderne"' in response.text


def test_the_employment_page_lists_the_follow_ups(camille_client, employment):
    response = camille_client.get(reverse("offers:employment_detail", args=[employment.pk]))
    text = response.text
    assert "Vendeuse" in text
    assert "Emploi durable" in text
    with scopes_disabled():
        follow_ups = list(employment.follow_ups.all())
    for follow_up in follow_ups:
        assert reverse("offers:follow_up_record", args=[follow_up.pk]) in text
    assert "à faire" in text  # the first week is over


def test_recording_a_follow_up(camille_client, camille, employment):
    with scopes_disabled():
        follow_up = employment.follow_ups.order_by("due_on").first()
    url = reverse("offers:follow_up_record", args=[follow_up.pk])
    assert camille_client.get(url).status_code == 200
    response = camille_client.post(
        url, {"done_on": timezone.localdate().isoformat(), "going_well": "yes", "notes": "Très contente"}
    )
    assert response.url == reverse("offers:employment_detail", args=[employment.pk])
    with scopes_disabled():
        follow_up.refresh_from_db()
    assert follow_up.going_well is True
    assert follow_up.by == camille
    assert "Très contente" in camille_client.get(response.url).text


def test_a_follow_up_in_the_future_is_refused_keeping_the_input(camille_client, employment):
    with scopes_disabled():
        follow_up = employment.follow_ups.order_by("due_on").first()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = camille_client.post(
        reverse("offers:follow_up_record", args=[follow_up.pk]),
        {"done_on": tomorrow, "going_well": "no", "notes": "Retards"},
    )
    assert response.status_code == 200
    assert "dans le futur" in response.text
    assert "Retards" in response.text
