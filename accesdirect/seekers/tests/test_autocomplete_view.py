import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("seekers:autocomplete")


def test_active_people_are_found_by_name_or_phone_as_htmx_options(camille_client, pau):
    f.JobSeekerFactory(structure=pau, first_name="Inès", last_name="Lacoste", phone="+33611223344")
    f.JobSeekerFactory(structure=pau, first_name="Jon", last_name="Lacoste", referred=True)
    by_name = camille_client.get(URL, {"job_seeker_search": "laco"}, HTTP_HX_REQUEST="true").text
    assert "Inès Lacoste – Pau" in by_name
    assert "Jon" not in by_name
    by_phone = camille_client.get(URL, {"q": "06 11 22"}).json()
    assert [item["label"] for item in by_phone] == ["Inès Lacoste – Pau"]


def test_people_of_another_structure_are_never_suggested(client, pau, basque, bixente):
    f.JobSeekerFactory(structure=pau, last_name="Lacoste")
    client.force_login(bixente)
    assert client.get(URL, {"q": "Lacoste"}).json() == []


def test_an_empty_search_suggests_nobody(camille_client, pau):
    f.JobSeekerFactory(structure=pau)
    assert camille_client.get(URL).json() == []


def test_a_multiple_search_keeps_the_people_already_picked_selected_first(camille_client, pau, basque):
    picked = f.JobSeekerFactory(structure=pau, first_name="Zoé", last_name="Arrieta")
    f.JobSeekerFactory(structure=pau, first_name="Inès", last_name="Lacoste")
    elsewhere = f.JobSeekerFactory(structure=basque, first_name="Maïder", last_name="Etxeberria")
    query = {
        "keep": "job_seekers",
        "job_seekers_search": "laco",
        "job_seekers": [picked.pk, elsewhere.pk, "99999999999999999999"],
    }
    answer = camille_client.get(URL, query, HTTP_HX_REQUEST="true").text
    assert answer.index(f'<option value="{picked.pk}" selected>Zoé Arrieta') < answer.index("Inès Lacoste")
    assert "Maïder" not in answer  # a tampered id of another structure is not shown
    nothing = camille_client.get(
        URL, {"keep": "job_seekers", "job_seekers_search": "zzz"}, HTTP_HX_REQUEST="true"
    ).text
    assert "disabled>Aucun résultat pour « zzz »" in nothing
