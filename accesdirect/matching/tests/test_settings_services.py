"""Writing the structure's matching settings: partial updates over the documented defaults,
values checked by the service whatever the edge."""

import pytest

from accesdirect.core.errors import DomainError
from accesdirect.matching.engine import DEFAULT_WEIGHTS
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.services import matching_settings_reset, matching_settings_update

pytestmark = pytest.mark.django_db


def test_the_first_save_starts_from_the_defaults(pau, dominique):
    matching_settings_update(structure=pau, by=dominique, commute_weight=4)
    weights = MatchingSettings.for_structure(pau).weights()
    assert weights.commute == 4
    assert weights.job == DEFAULT_WEIGHTS.job


def test_a_later_save_changes_only_the_given_fields(pau, dominique):
    matching_settings_update(structure=pau, by=dominique, commute_weight=4)
    matching_settings_update(structure=pau, by=dominique, min_fit=10)
    weights = MatchingSettings.for_structure(pau).weights()
    assert (weights.commute, weights.min_fit) == (4, 10)


def test_values_out_of_bounds_are_refused(pau, dominique):
    with pytest.raises(DomainError):
        matching_settings_update(structure=pau, by=dominique, detour_factor=0.5)
    with pytest.raises(DomainError, match="points par dispositif"):
        matching_settings_update(structure=pau, by=dominique, programme_points={"rsa": -1})
    with pytest.raises(DomainError, match="points par dispositif"):
        matching_settings_update(structure=pau, by=dominique, programme_points={"unknown": 3})
    assert MatchingSettings.for_structure(pau).pk is None


def test_unknown_fields_are_a_programming_error(pau, dominique):
    with pytest.raises(TypeError):
        matching_settings_update(structure=pau, by=dominique, structure_id=2)


def test_reset_brings_back_the_defaults(pau, basque, dominique, bixente):
    matching_settings_update(structure=pau, by=dominique, job_weight=6)
    matching_settings_update(structure=basque, by=bixente, job_weight=7)
    matching_settings_reset(structure=pau, by=dominique)
    assert MatchingSettings.for_structure(pau).weights() == DEFAULT_WEIGHTS
    assert MatchingSettings.for_structure(basque).weights().job == 7
