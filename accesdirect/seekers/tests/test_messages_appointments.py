"""The SMS confirming an appointment, queued with the appointment itself."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accesdirect.core.errors import DomainError
from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import MessageKind, MessageStatus, Subject
from accesdirect.messaging.models import Message
from accesdirect.seekers.enums import AppointmentStatus
from accesdirect.seekers.notifications import queue_appointment_confirmation
from accesdirect.seekers.services import appointment_create, appointment_set_status
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def next_week_at_9h30():
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def post_appointment(client, seeker, membership, starts_at, site=None):
    return client.post(
        reverse("seekers:appointment_create", args=[seeker.pk]),
        {
            "starts_at": timezone.localtime(starts_at).strftime("%Y-%m-%dT%H:%M"),
            "staff": membership.pk,
            "site": site.pk if site else "",
            "purpose": "Signer le PER",
        },
        follow=True,
    )


def test_an_appointment_fixed_on_the_page_queues_exactly_one_confirmation(
    camille_client, accompanied, camille, pau, unscoped
):
    camille.last_name = "Martin"
    camille.save(update_fields=["last_name"])
    site = f.SiteFactory(structure=pau, name="Antenne du Hédas", address="12 rue Castetnau")
    starts_at = next_week_at_9h30()

    post_appointment(camille_client, accompanied, camille.memberships.get(), starts_at, site)

    message = Message.objects.get()
    assert message.kind == MessageKind.APPOINTMENT_CONFIRMATION
    assert message.recipient == accompanied.phone
    assert (message.subject, message.subject_id) == (Subject.JOB_SEEKER, accompanied.pk)
    appointment = accompanied.appointments.get()
    assert message.idempotency_key == f"appointment-confirmation:{appointment.pk}"
    assert message.body == (
        f"Accès Pau : RDV le {_french_day(starts_at)} à 9h30 avec Camille M., Antenne du Hédas, "
        "12 rue Castetnau. Prévenez-nous si vous ne pouvez pas venir."
    )


def _french_day(moment):
    from accesdirect.messaging.formats import sms_date
    from accesdirect.messaging.gsm import to_gsm7

    return to_gsm7(sms_date(moment))


def test_the_same_appointment_is_never_confirmed_twice(camille, accompanied, pau, unscoped):
    with structure_scope(pau):
        appointment = appointment_create(
            job_seeker=accompanied, staff=camille, starts_at=next_week_at_9h30(), by=camille
        )
        again = queue_appointment_confirmation(appointment)
    assert Message.objects.count() == 1
    assert again.pk == Message.objects.get().pk


def test_each_appointment_has_its_own_confirmation(camille_client, accompanied, camille, unscoped):
    membership = camille.memberships.get()
    post_appointment(camille_client, accompanied, membership, next_week_at_9h30())
    post_appointment(
        camille_client, accompanied, membership, next_week_at_9h30() + datetime.timedelta(days=1)
    )
    assert Message.objects.filter(kind=MessageKind.APPOINTMENT_CONFIRMATION).count() == 2


def test_a_rolled_back_appointment_leaves_no_message(camille, accompanied, pau, unscoped):
    with pytest.raises(RuntimeError), structure_scope(pau), transaction.atomic():
        appointment_create(job_seeker=accompanied, staff=camille, starts_at=next_week_at_9h30(), by=camille)
        raise RuntimeError("the caller's transaction fails afterwards")
    assert not Message.objects.exists()
    assert not accompanied.appointments.exists()


def test_a_refused_appointment_leaves_no_message(camille, bixente, accompanied, pau, unscoped):
    with pytest.raises(DomainError), structure_scope(pau):
        appointment_create(job_seeker=accompanied, staff=bixente, starts_at=next_week_at_9h30(), by=camille)
    assert not Message.objects.exists()


def test_an_appointment_recorded_afterwards_sends_nothing(camille, accompanied, pau, unscoped):
    with structure_scope(pau):
        appointment_create(
            job_seeker=accompanied,
            staff=camille,
            starts_at=timezone.now() - datetime.timedelta(hours=2),
            by=camille,
        )
    assert not Message.objects.exists()


def test_a_person_without_mobile_gets_no_sms(camille, accompanied, pau, unscoped):
    accompanied.phone = ""
    accompanied.save(update_fields=["phone"])
    with structure_scope(pau):
        appointment_create(job_seeker=accompanied, staff=camille, starts_at=next_week_at_9h30(), by=camille)
    assert accompanied.appointments.exists()
    assert not Message.objects.exists()


def test_cancelling_an_appointment_cancels_its_waiting_confirmation(camille, accompanied, pau, unscoped):
    with structure_scope(pau):
        appointment = appointment_create(
            job_seeker=accompanied, staff=camille, starts_at=next_week_at_9h30(), by=camille
        )
        appointment_set_status(appointment=appointment, status=AppointmentStatus.CANCELLED, by=camille)
    message = Message.objects.get()
    assert message.status == MessageStatus.CANCELLED
    assert message.last_error == "Rendez-vous annulé avant l'envoi."


def test_overseas_the_confirmation_and_the_reminder_say_the_local_hour(
    camille_client, accompanied, camille, pau, unscoped
):
    """An appointment at 9:30 in Pointe-à-Pitre (14:30 in Paris): both SMS say 9h30."""
    from accesdirect.messaging.schedule import run_schedulers

    pau.commune = f.CommuneFactory(insee_code="97120", name="Pointe-à-Pitre", departement="971")
    pau.save(update_fields=["commune"])
    guadeloupe = datetime.timezone(datetime.timedelta(hours=-4))
    day = timezone.localdate() + datetime.timedelta(days=9)
    while day.weekday() in (0, 6):  # a reminder the day before, never across a Sunday
        day += datetime.timedelta(days=1)
    starts_at = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=guadeloupe)
    camille_client.post(
        reverse("seekers:appointment_create", args=[accompanied.pk]),
        {"starts_at": f"{day.isoformat()}T09:30", "staff": camille.memberships.get().pk, "purpose": "PER"},
    )
    assert accompanied.appointments.get().starts_at == starts_at
    confirmation = Message.objects.get(kind=MessageKind.APPOINTMENT_CONFIRMATION)
    assert "à 9h30 avec" in confirmation.body

    the_day_before_at_10 = starts_at - datetime.timedelta(days=1, minutes=-30)
    run_schedulers(now=the_day_before_at_10)
    reminder = Message.objects.get(kind=MessageKind.APPOINTMENT_REMINDER)
    assert "9h30" in reminder.body and "14h30" not in reminder.body
