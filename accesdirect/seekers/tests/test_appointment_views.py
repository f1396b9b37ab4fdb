import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accesdirect.seekers.enums import AppointmentStatus
from accesdirect.testing import factories as f

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_an_appointment_is_planned_from_the_form(camille_client, accompanied, camille, pau, unscoped):
    site = f.SiteFactory(structure=pau, name="Antenne du Hédas")
    membership = camille.memberships.get()
    starts_at = timezone.localtime() + datetime.timedelta(days=2)

    response = camille_client.post(
        reverse("seekers:appointment_create", args=[accompanied.pk]),
        {
            "starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"),
            "staff": membership.pk,
            "site": site.pk,
            "purpose": "Préparer l'entretien",
        },
        follow=True,
    )

    appointment = accompanied.appointments.get()
    assert appointment.staff == camille
    assert appointment.site == site
    assert "Rendez-vous fixé" in response.content.decode()


def test_an_appointment_without_a_date_is_refused_and_the_purpose_kept(camille_client, accompanied, unscoped):
    response = camille_client.post(
        reverse("seekers:appointment_create", args=[accompanied.pk]), {"purpose": "Signer le PER"}
    )

    assert "Ce champ est obligatoire" in response.content.decode()
    assert "Signer le PER" in response.content.decode()
    assert not accompanied.appointments.exists()


def test_what_became_of_an_appointment_is_recorded(camille_client, accompanied, camille, unscoped):
    appointment = AppointmentFactory(job_seeker=accompanied, staff=camille)
    url = reverse("seekers:appointment_set_status", args=[accompanied.pk, appointment.pk])

    response = camille_client.post(url, {"status": AppointmentStatus.HELD}, follow=True)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    assert "Rendez-vous marqué « Honoré »" in response.content.decode()

    again = camille_client.post(url, {"status": AppointmentStatus.CANCELLED}, follow=True)
    assert "Ce rendez-vous est déjà marqué « Honoré »" in again.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD


def test_changing_an_appointment_needs_a_post(camille_client, accompanied, camille):
    appointment = AppointmentFactory(job_seeker=accompanied, staff=camille)

    response = camille_client.get(
        reverse("seekers:appointment_set_status", args=[accompanied.pk, appointment.pk])
    )

    assert response.status_code == 405


def test_a_structure_overseas_types_and_reads_its_own_local_time(
    camille_client, accompanied, camille, pau, unscoped
):
    """Pointe-à-Pitre is 5 hours behind Paris in winter: 9:00 typed there is 9:00 there."""
    pau.commune = f.CommuneFactory(insee_code="97120", name="Pointe-à-Pitre", departement="971")
    pau.save(update_fields=["commune"])
    site = f.SiteFactory(structure=pau, name="Antenne de Pointe-à-Pitre")
    day = timezone.localdate() + datetime.timedelta(days=10)
    camille_client.post(
        reverse("seekers:appointment_create", args=[accompanied.pk]),
        {
            "starts_at": f"{day.isoformat()}T09:00",
            "staff": camille.memberships.get().pk,
            "site": site.pk,
            "purpose": "Signer le PER",
        },
    )
    appointment = accompanied.appointments.get()
    guadeloupe = datetime.timezone(datetime.timedelta(hours=-4))
    assert appointment.starts_at == datetime.datetime.combine(day, datetime.time(9), tzinfo=guadeloupe)
    page = camille_client.get(reverse("seekers:detail", args=[accompanied.pk])).text
    assert "09:00" in page or "9h00" in page or "9:00" in page
    assert "13:00" not in page and "14:00" not in page
