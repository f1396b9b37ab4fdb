"""The person's wishes read by matching: contracts, working time and the working conditions
they cannot meet, asked at referral, editable later, shown on their page."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.core.errors import DomainError
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.services import job_seeker_update
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _edit_data(seeker, **overrides):
    return {
        "first_name": seeker.first_name,
        "last_name": seeker.last_name,
        "commune": seeker.commune_id,
        "availability": "immediate",
        "education_level": "none",
        "programme": "rsa",
        **overrides,
    }


def test_the_edit_form_asks_for_the_wishes(camille_client, accompanied):
    text = camille_client.get(reverse("seekers:edit", args=[accompanied.pk])).text
    assert 'name="wanted_contracts" value="cdi"' in text
    assert 'name="wanted_working_time"' in text
    assert 'name="unavailable_conditions" value="night"' in text


def test_editing_the_wishes_saves_them_and_shows_them_on_the_page(camille_client, accompanied):
    data = _edit_data(
        accompanied,
        wanted_contracts=["cdi", "cdd"],
        wanted_working_time="part_time",
        unavailable_conditions=["night", "heavy_loads"],
    )
    response = camille_client.post(reverse("seekers:edit", args=[accompanied.pk]), data, follow=True)
    with scopes_disabled():
        accompanied.refresh_from_db()
    assert accompanied.wanted_contracts == ["cdi", "cdd"]
    assert accompanied.wanted_working_time == "part_time"
    assert accompanied.unavailable_conditions == ["night", "heavy_loads"]
    text = response.text
    assert "CDI, CDD" in text
    assert "Temps partiel" in text
    assert "Travail de nuit, Port de charges lourdes" in text


def test_an_unknown_value_is_refused_by_the_form(camille_client, accompanied):
    data = _edit_data(accompanied, wanted_contracts=["freelance"], unavailable_conditions=["mondays"])
    response = camille_client.post(reverse("seekers:edit", args=[accompanied.pk]), data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.text
    with scopes_disabled():
        accompanied.refresh_from_db()
    assert accompanied.wanted_contracts == []


def test_without_wishes_the_page_says_any_contract(camille_client, accompanied):
    text = camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).text
    assert "tout contrat" in text
    assert "Indifférent" in text
    assert "Conditions impossibles" not in text


def test_a_referral_records_the_wishes(camille_client, pau):
    organisation = f.PrescriberOrganisationFactory(structure=pau)
    data = {
        "organisation": organisation.pk,
        "programme": "rsa",
        "referred_on": "2026-01-12",
        "first_name": "Nadia",
        "last_name": "Benali",
        "commune": f.CommuneFactory().pk,
        "availability": "immediate",
        "education_level": "none",
        "wanted_contracts": ["cdi"],
        "wanted_working_time": "full_time",
        "unavailable_conditions": ["weekend"],
    }
    assert camille_client.post(reverse("seekers:referral_create"), data).status_code == 302
    with scopes_disabled():
        seeker = JobSeeker.objects.get()
    assert (seeker.wanted_contracts, seeker.wanted_working_time, seeker.unavailable_conditions) == (
        ["cdi"],
        "full_time",
        ["weekend"],
    )


def test_the_service_refuses_unknown_conditions_and_working_time(accompanied, camille, in_pau):
    with pytest.raises(DomainError, match="Conditions de travail impossibles"):
        job_seeker_update(job_seeker=accompanied, changes={"unavailable_conditions": ["mondays"]}, by=camille)
    with pytest.raises(DomainError, match="Temps de travail"):
        job_seeker_update(job_seeker=accompanied, changes={"wanted_working_time": "sometimes"}, by=camille)
    with pytest.raises(DomainError, match="Contrats souhaités"):
        job_seeker_update(job_seeker=accompanied, changes={"wanted_contracts": "cdi"}, by=camille)
    job_seeker_update(
        job_seeker=accompanied, changes={"unavailable_conditions": ["night", "night", "cold"]}, by=camille
    )
    accompanied.refresh_from_db()
    assert accompanied.unavailable_conditions == ["night", "cold"]
