"""Dates of a person's file within their plausible windows (core.ranges): refused in French on
the field, what was typed kept, nothing written, no SMS queued; the services refuse them too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accesdirect.core.ranges import OutOfRange
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.models import Message
from accesdirect.seekers.models import Appointment
from accesdirect.seekers.services import appointment_create, job_seeker_update, referral_create
from accesdirect.structures.models import Membership

pytestmark = pytest.mark.django_db


def _appointment(client, seeker, camille, starts_at: str):
    membership = Membership.objects.get(user=camille)
    return client.post(
        reverse("seekers:appointment_create", args=[seeker.pk]),
        {"starts_at": starts_at, "staff": membership.pk, "site": "", "purpose": "Signer le PER"},
    )


@pytest.mark.parametrize("starts_at", ["0001-01-01T09:00", "9999-12-31T09:00", "2000-01-01T09:00"])
def test_an_appointment_in_another_decade_is_refused_on_the_field_and_queues_no_sms(
    camille_client, camille, accompanied, starts_at, unscoped
):
    response = _appointment(camille_client, accompanied, camille, starts_at)

    assert response.status_code == 200
    assert "Choisissez une date entre le" in response.text
    assert "Signer le PER" in response.text  # what was typed is kept
    assert not Appointment.objects.exists()
    assert not Message.objects.exists()
    # The person's page still opens for everybody.
    assert camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).status_code == 200


def test_an_appointment_next_month_is_taken(camille_client, camille, accompanied, unscoped):
    day = timezone.localdate() + datetime.timedelta(days=30)
    response = _appointment(camille_client, accompanied, camille, f"{day.isoformat()}T09:00")

    assert response.status_code == 302
    assert Appointment.objects.count() == 1


def test_the_appointment_service_refuses_year_9999(camille, accompanied, in_pau):
    moment = datetime.datetime(9999, 12, 31, 9, tzinfo=datetime.UTC)
    with pytest.raises(OutOfRange) as refused:
        appointment_create(job_seeker=accompanied, staff=camille, starts_at=moment, by=camille)
    assert refused.value.field == "starts_at"


def test_the_date_picker_is_bounded_by_the_window(camille_client, accompanied):
    page = camille_client.get(reverse("seekers:appointment_create", args=[accompanied.pk])).text
    first = timezone.localdate().replace(year=timezone.localdate().year - 1)
    assert f'min="{first.isoformat()}T00:00"' in page


def _edit_data(seeker, **overrides):
    return {
        "first_name": seeker.first_name,
        "last_name": seeker.last_name,
        "phone": "",
        "commune": seeker.commune_id,
        "availability": "within_month",
        "education_level": "3",
        "programme": "plie",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "0001-01-01", "entre 16 et 70 ans"),
        ("birth_date", "9999-12-31", "entre 16 et 70 ans"),
        ("unemployed_since", "9999-12-31", "Choisissez une date entre le"),
        ("rsa_since", "1850-01-01", "Choisissez une date entre le"),
        ("max_commute_km", "32768", "inférieure ou égale à 200"),
        ("max_commute_km", "-1", "supérieure ou égale à 1"),
    ],
)
def test_an_implausible_fact_of_a_person_is_refused_on_its_field(
    camille_client, accompanied, field, value, message, unscoped
):
    response = camille_client.post(
        reverse("seekers:edit", args=[accompanied.pk]),
        _edit_data(accompanied, **{field: value}, wishes="Dehors"),
    )

    assert response.status_code == 200
    assert escape(message) in response.text or message in response.text
    assert "Dehors" in response.text
    accompanied.refresh_from_db()
    assert accompanied.wishes != "Dehors"


def test_an_adult_of_working_age_is_recorded(camille_client, accompanied, unscoped):
    born = timezone.localdate().replace(year=timezone.localdate().year - 30)
    response = camille_client.post(
        reverse("seekers:edit", args=[accompanied.pk]), _edit_data(accompanied, birth_date=born.isoformat())
    )

    assert response.status_code == 302
    accompanied.refresh_from_db()
    assert accompanied.birth_date == born


def test_the_services_refuse_a_birth_date_of_a_child(camille, accompanied, pau, organisation, in_pau):
    child = timezone.localdate() - datetime.timedelta(days=365 * 10)
    with pytest.raises(OutOfRange) as refused:
        job_seeker_update(job_seeker=accompanied, changes={"birth_date": child}, by=camille)
    assert refused.value.field == "birth_date"
    with structure_scope(pau), pytest.raises(OutOfRange):
        referral_create(
            structure=pau,
            organisation=organisation,
            programme="rsa",
            referred_on=datetime.date(9999, 1, 1),
            by=camille,
            first_name="Inès",
            last_name="Plausible",
            commune=accompanied.commune,
        )
