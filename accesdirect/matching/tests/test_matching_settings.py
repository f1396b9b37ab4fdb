"""The weights are a structure setting with documented defaults."""

import pytest
from django_scopes import scopes_disabled

from accesdirect.matching.engine import DEFAULT_WEIGHTS
from accesdirect.matching.models import MatchingSettings

pytestmark = pytest.mark.django_db


def test_a_structure_without_settings_gets_the_defaults_without_writing(pau):
    settings = MatchingSettings.for_structure(pau)
    assert settings.pk is None
    assert settings.weights() == DEFAULT_WEIGHTS
    with scopes_disabled():
        assert not MatchingSettings.objects.exists()


def test_the_documented_defaults(pau):
    weights = MatchingSettings.for_structure(pau).weights()
    assert (weights.job, weights.commute, weights.conditions, weights.min_fit) == (3, 2, 1, 12)
    assert (weights.reach_car_km, weights.reach_licence_km, weights.reach_none_km) == (35, 12, 8)
    assert weights.detour_factor == 1.3
    assert dict(weights.programme_points) == {"rsa": 12, "plie": 6, "senior": 6, "city": 3, "other": 0}
    assert (weights.max_fit, weights.max_priority) == (24, 86)


def test_saved_settings_are_read_for_their_structure_only(pau, basque):
    MatchingSettings.objects.create(structure=pau, job_weight=5, programme_points={"rsa": 20})
    weights = MatchingSettings.for_structure(pau).weights()
    assert weights.job == 5
    assert weights.programme_points["rsa"] == 20
    assert weights.programme_points["plie"] == 6  # a programme left out keeps its default
    assert MatchingSettings.for_structure(basque).weights() == DEFAULT_WEIGHTS
