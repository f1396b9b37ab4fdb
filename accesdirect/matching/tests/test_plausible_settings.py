"""The weights of matching stay plausible (core.ranges): a reach as far as a person commutes, and
points and caps that keep priorities finite; refused in French on the field and by the service."""

import pytest
from django.urls import reverse

from accesdirect.core.errors import DomainError
from accesdirect.matching.models import MatchingSettings
from accesdirect.matching.services import matching_settings_update
from accesdirect.matching.tests.test_views_settings import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reach_car_km", "32767", "inférieure ou égale à 200"),
        ("reach_none_km", "0", "supérieure ou égale à 1"),
        ("month_points", "99999999999999999999", "inférieure ou égale à 100"),
        ("weeks_cap", "32767", "inférieure ou égale à 520"),
        ("min_fit", "32767", "inférieure ou égale à 220"),
    ],
)
def test_an_implausible_weight_is_refused_on_its_field(client, dominique, pau, field, value, message):
    client.force_login(dominique)
    response = client.post(reverse("matching:settings"), form_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.text
    assert MatchingSettings.for_structure(pau).pk is None


def test_the_service_refuses_points_that_drown_every_other_reason(pau, dominique):
    with pytest.raises(DomainError):
        matching_settings_update(structure=pau, by=dominique, month_points=1e20)
    with pytest.raises(DomainError):
        matching_settings_update(structure=pau, by=dominique, reach_car_km=5000)


@pytest.mark.parametrize(
    ("field", "value"),
    [("reach_car_km", 32767), ("detour_factor", 0.5), ("month_points", 1e20), ("without_proposal_weeks", 0)],
)
def test_the_database_refuses_an_implausible_setting_written_around_the_service(pau, unscoped, field, value):
    from django.db import IntegrityError, transaction

    settings = MatchingSettings.objects.create(structure=pau)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchingSettings.objects.filter(pk=settings.pk).update(**{field: value})
