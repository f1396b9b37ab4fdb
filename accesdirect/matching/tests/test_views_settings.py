"""The direction sets the weights of matching; the documented defaults are shown and can be
restored."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from accesdirect.matching.engine import DEFAULT_WEIGHTS
from accesdirect.matching.models import MatchingSettings

pytestmark = pytest.mark.django_db
URL = reverse("matching:settings")
RESET = reverse("matching:settings_reset")


@pytest.fixture
def dominique_client(client, dominique):
    client.force_login(dominique)
    return client


def form_data(**overrides):
    data = {
        "job_weight": 3,
        "commute_weight": 2,
        "conditions_weight": 1,
        "min_fit": 12,
        "detour_factor": "1.3",
        "reach_car_km": 35,
        "reach_licence_km": 12,
        "reach_none_km": 8,
        "month_points": "1",
        "months_cap": 48,
        "week_points": "1",
        "weeks_cap": 26,
        "in_job_priority_penalty": 24,
        "without_proposal_weeks": 8,
        "programme_rsa": 12,
        "programme_plie": 6,
        "programme_city": 3,
        "programme_senior": 6,
        "programme_other": 0,
    }
    data.update(overrides)
    return data


def test_a_cre_cannot_open_the_settings(camille_client):
    assert camille_client.get(URL).status_code == 403
    assert camille_client.post(URL, form_data(job_weight=9)).status_code == 403
    assert camille_client.post(RESET).status_code == 403
    with scopes_disabled():
        assert not MatchingSettings.objects.exists()


def test_the_direction_sees_the_documented_defaults(dominique_client):
    response = dominique_client.get(URL)
    text = response.text
    assert response.status_code == 200
    assert "Valeurs par défaut" in text
    assert "Par défaut : 3." in text
    assert "Par défaut : 1,3." in text
    assert "Par défaut : 35." in text
    assert "Revenir aux valeurs par défaut" not in text  # nothing to restore yet


def test_the_direction_changes_the_weights_of_its_structure_only(dominique_client, pau, basque):
    response = dominique_client.post(URL, form_data(job_weight=5, detour_factor="1.5", programme_plie=9))
    assert response.status_code == 302
    weights = MatchingSettings.for_structure(pau).weights()
    assert (weights.job, weights.commute, weights.detour_factor) == (5, 2, 1.5)
    assert weights.programme_points["plie"] == 9
    assert MatchingSettings.for_structure(basque).weights() == DEFAULT_WEIGHTS
    page = dominique_client.get(URL).text
    assert "Réglages du rapprochement enregistrés" in page
    assert "Revenir aux valeurs par défaut" in page


def test_a_value_out_of_bounds_is_refused_in_french(dominique_client, pau):
    response = dominique_client.post(URL, form_data(detour_factor="5"))
    assert response.status_code == 200
    assert "inférieure ou égale à 3" in response.text
    assert MatchingSettings.for_structure(pau).pk is None


def test_back_to_the_defaults(dominique_client, pau):
    dominique_client.post(URL, form_data(job_weight=5))
    response = dominique_client.post(RESET, follow=True)
    assert "revenus aux valeurs par défaut" in response.text
    assert MatchingSettings.for_structure(pau).weights() == DEFAULT_WEIGHTS


def test_the_board_links_the_settings_for_the_direction_only(client, dominique, camille):
    client.force_login(dominique)
    assert URL in client.get(reverse("matching:board")).text
    client.force_login(camille)
    assert URL not in client.get(reverse("matching:board")).text
