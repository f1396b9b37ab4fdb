import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.companies.enums import Relationship
from accesdirect.companies.models import CompanyContact
from accesdirect.seekers.enums import JournalKind
from accesdirect.seekers.models import JournalEntry
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(pau):
    return f.CompanyFactory(structure=pau, name="Boulangerie Lacoste")


def data(**overrides):
    today = timezone.localdate()
    values = {
        "kind": "visit",
        "occurred_at": f"{today.isoformat()}T00:30",
        "person": "",
        "outcome": "interested",
        "notes": "Besoin d'une vendeuse en septembre",
        "next_follow_up_on": (today + datetime.timedelta(days=30)).isoformat(),
    }
    values.update(overrides)
    return values


def test_the_contact_form_opens_in_a_panel_with_htmx(camille_client, company):
    url = reverse("companies:contact_log", args=[company.pk])
    response = camille_client.get(url, {"next": "/entreprises/?q=boul"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Consigner un contact avec Boulangerie Lacoste" in response.text
    assert 'name="next" value="/entreprises/?q=boul"' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_the_contact_form_is_also_a_page(camille_client, company):
    response = camille_client.get(reverse("companies:contact_log", args=[company.pk]))
    assert "<html" in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_logging_a_contact_for_people_returns_to_the_list(camille_client, pau, camille, company):
    lea = f.JobSeekerFactory(structure=pau, first_name="Léa")
    url = reverse("companies:contact_log", args=[company.pk])
    response = camille_client.post(url, data(job_seekers=[lea.pk], next="/entreprises/?q=boul"))
    assert response.status_code == 302
    assert response.url == "/entreprises/?q=boul"
    with scopes_disabled():
        contact = CompanyContact.objects.get()
        assert contact.by == camille
        assert list(contact.job_seekers.all()) == [lea]
        assert JournalEntry.objects.filter(job_seeker=lea, kind=JournalKind.COMPANY_CONTACT).exists()
    company.refresh_from_db()
    assert company.relationship == Relationship.CONTACTED


def test_an_outside_next_url_is_ignored(camille_client, company):
    url = reverse("companies:contact_log", args=[company.pk])
    response = camille_client.post(url, data(next="https://example.com/"))
    assert response.url == reverse("companies:detail", args=[company.pk])


def test_only_active_people_of_the_structure_can_be_picked(camille_client, basque, company):
    outsider = f.JobSeekerFactory(structure=basque)
    url = reverse("companies:contact_log", args=[company.pk])
    response = camille_client.post(url, data(job_seekers=[outsider.pk]))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
    with scopes_disabled():
        assert not CompanyContact.objects.exists()


def test_a_refused_contact_keeps_what_was_typed(camille_client, company):
    url = reverse("companies:contact_log", args=[company.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = camille_client.post(url, data(next_follow_up_on=yesterday.isoformat()))
    assert response.status_code == 200
    assert "La date de relance ne peut pas précéder le contact." in response.text
    assert "Besoin d&#x27;une vendeuse en septembre" in response.text
    with scopes_disabled():
        assert not CompanyContact.objects.exists()


def test_the_people_of_the_contact_are_picked_by_search_not_in_a_list_of_the_whole_file(
    camille_client, company, pau
):
    lea = f.JobSeekerFactory(structure=pau, first_name="Léa", last_name="Bordes")
    for index in range(30):
        f.JobSeekerFactory(structure=pau, first_name=f"Personne{index}")
    url = reverse("companies:contact_log", args=[company.pk])
    page = camille_client.get(url).text
    assert "Personne1" not in page and "Léa" not in page
    assert 'hx-include="#id_job_seekers"' in page
    # A form sent back with an error keeps the person picked, and only them.
    again = camille_client.post(url, data(job_seekers=[lea.pk], kind="")).text
    assert f'<option value="{lea.pk}" selected>Léa Bordes' in again
    assert "Personne1" not in again
