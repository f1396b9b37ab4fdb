import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.seekers.enums import FirstActionBy, PeriodStatus, SignatureMethod
from accesdirect.seekers.models import add_months, period_latest_end
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _url(name, seeker, *args):
    return reverse(f"seekers:{name}", args=[seeker.pk, *args])


def _period_data(starts_on, ends_on):
    return {
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "seeker_objectives": "Aller voir trois boulangeries",
        "structure_objectives": "Présenter deux offres de vente",
    }


@pytest.fixture
def active_period(accompanied, camille, today):
    return f.EngagementPeriodFactory(
        job_seeker=accompanied,
        starts_on=today - datetime.timedelta(days=20),
        ends_on=period_latest_end(today - datetime.timedelta(days=20)),
        status=PeriodStatus.ACTIVE,
        signed_on=today - datetime.timedelta(days=20),
        signed_by=camille,
    )


def test_the_new_per_form_proposes_two_months_from_today(camille_client, accompanied, today):
    response = camille_client.get(_url("period_create", accompanied))

    assert f'value="{period_latest_end(today).isoformat()}"' in response.content.decode()


def test_a_per_is_created_from_the_form(camille_client, accompanied, today, unscoped):
    response = camille_client.post(
        _url("period_create", accompanied), _period_data(today, period_latest_end(today)), follow=True
    )

    period = accompanied.periods.get()
    assert period.status == PeriodStatus.DRAFT
    assert "PER 1 établi, à signer" in response.content.decode()


def test_a_per_of_three_months_is_refused_and_the_objectives_are_kept(
    camille_client, accompanied, today, unscoped
):
    response = camille_client.post(
        _url("period_create", accompanied), _period_data(today, add_months(today, 3))
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Un PER dure deux mois au plus" in content
    assert "Aller voir trois boulangeries" in content
    assert not accompanied.periods.exists()


def test_a_per_is_signed_from_the_form(camille_client, accompanied, camille, today, unscoped):
    period = f.EngagementPeriodFactory(job_seeker=accompanied)

    response = camille_client.post(
        _url("period_sign", accompanied, period.pk),
        {"signed_on": today.isoformat(), "signature_method": SignatureMethod.PAPER},
        follow=True,
    )

    period.refresh_from_db()
    assert period.status == PeriodStatus.ACTIVE
    assert period.signed_by == camille
    assert "PER 1 signé" in response.content.decode()


def test_signing_an_active_per_again_shows_the_refusal(camille_client, accompanied, active_period, today):
    response = camille_client.post(
        _url("period_sign", accompanied, active_period.pk),
        {"signed_on": today.isoformat(), "signature_method": SignatureMethod.PAPER},
    )

    assert response.status_code == 200
    assert "Ce PER est déjà signé" in response.content.decode()


def test_the_first_engaging_action_is_recorded_from_the_form(
    camille_client, accompanied, active_period, today, unscoped
):
    camille_client.post(
        _url("period_first_action", accompanied, active_period.pk),
        {
            "action": "A appelé deux boulangeries",
            "done_by": FirstActionBy.SEEKER,
            "done_on": today.isoformat(),
        },
    )

    active_period.refresh_from_db()
    assert active_period.first_action_by == FirstActionBy.SEEKER


def test_a_first_action_in_the_future_is_refused_and_kept(camille_client, accompanied, active_period, today):
    tomorrow = today + datetime.timedelta(days=1)
    response = camille_client.post(
        _url("period_first_action", accompanied, active_period.pk),
        {"action": "Visite prévue", "done_by": FirstActionBy.STRUCTURE, "done_on": tomorrow.isoformat()},
    )

    content = response.content.decode()
    assert "dans le futur" in content
    assert "Visite prévue" in content


def test_a_per_is_ended_from_the_form(camille_client, accompanied, active_period, today, unscoped):
    response = camille_client.post(
        _url("period_end", accompanied, active_period.pk), {"ended_on": today.isoformat()}, follow=True
    )

    active_period.refresh_from_db()
    assert active_period.status == PeriodStatus.ENDED
    assert "PER 1 terminé" in response.content.decode()


def test_a_per_is_renewed_from_the_form(camille_client, accompanied, active_period, today, unscoped):
    data = {"ended_on": today.isoformat(), **_period_data(today, period_latest_end(today))}

    response = camille_client.post(_url("period_renew", accompanied, active_period.pk), data, follow=True)

    assert [(p.number, p.status) for p in accompanied.periods.order_by("number")] == [
        (1, PeriodStatus.ENDED),
        (2, PeriodStatus.DRAFT),
    ]
    assert "PER 2 établi, à signer" in response.content.decode()


def test_the_renew_form_proposes_the_next_dates(camille_client, accompanied, active_period):
    ended_on = min(active_period.ends_on, timezone.localdate())

    response = camille_client.get(_url("period_renew", accompanied, active_period.pk))

    assert f'value="{period_latest_end(ended_on).isoformat()}"' in response.content.decode()


@pytest.mark.parametrize("starts_on", ["9999-12-01", "0001-01-01", "2031-01-01"])
def test_a_per_dated_in_another_decade_is_refused_on_the_field(
    camille_client, accompanied, starts_on, in_pau
):
    response = camille_client.post(
        _url("period_create", accompanied),
        {
            "starts_on": starts_on,
            "ends_on": "9999-12-31",
            "seeker_objectives": "x",
            "structure_objectives": "y",
        },
    )

    assert response.status_code == 200
    assert "dans l&#x27;année qui précède ou qui suit" in response.content.decode()
    assert not accompanied.periods.exists()
