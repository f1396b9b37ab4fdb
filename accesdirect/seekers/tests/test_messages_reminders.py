"""The scheduler of seekers/reminders.py: appointment reminders the day before, and the e-mail
to staff a week before a PER ends. Run with explicit moments, as the worker runs it every minute."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accesdirect.core.scope import structure_scope
from accesdirect.messaging.enums import Channel, MessageKind, MessageStatus, Subject
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import registered_schedulers, run_schedulers
from accesdirect.seekers.enums import AppointmentStatus, PeriodStatus
from accesdirect.seekers.reminders import queue_due_reminders
from accesdirect.seekers.services import appointment_set_status
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MONDAY_10H = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
TUESDAY_10H = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
WEDNESDAY_9H30 = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=PARIS)


def reminders():
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.APPOINTMENT_REMINDER).order_by("pk"))


@pytest.fixture
def appointment(pau, camille):
    """Sami's appointment on Wednesday 25 at 9:30 with Camille, fixed on Monday."""
    seeker = f.JobSeekerFactory(structure=pau, first_name="Sami", phone="+33612345678")
    site = f.SiteFactory(structure=pau, name="Antenne du Hédas", address="")
    return AppointmentFactory(
        job_seeker=seeker, staff=camille, site=site, starts_at=WEDNESDAY_9H30, created_at=MONDAY_10H
    )


def test_the_reminder_is_queued_the_day_before_once_even_if_run_twice(appointment):
    run_schedulers(now=TUESDAY_10H)
    run_schedulers(now=TUESDAY_10H + datetime.timedelta(minutes=1))

    [reminder] = reminders()
    assert reminder.idempotency_key == f"appointment-reminder:{appointment.pk}"
    assert reminder.recipient == "+33612345678"
    assert (reminder.subject, reminder.subject_id) == (Subject.JOB_SEEKER, appointment.job_seeker_id)
    assert reminder.structure_id == appointment.structure_id
    assert reminder.body.startswith("Accès Pau : rappel, RDV le mercredi 25 novembre à 9h30 avec Camille")
    assert "Antenne du Hédas" in reminder.body
    assert reminder.next_attempt_at == TUESDAY_10H  # within the sending window: goes at once


def test_no_reminder_two_days_before_nor_on_the_day(appointment):
    run_schedulers(now=MONDAY_10H)
    run_schedulers(now=WEDNESDAY_9H30 - datetime.timedelta(hours=1))
    assert reminders() == []


def test_nothing_is_queued_at_night_even_for_tomorrow(appointment):
    run_schedulers(now=datetime.datetime(2026, 11, 24, 21, 0, tzinfo=PARIS))
    assert reminders() == []
    run_schedulers(now=datetime.datetime(2026, 11, 24, 7, 59, tzinfo=PARIS))
    assert reminders() == []


def test_an_appointment_fixed_the_day_before_gets_its_confirmation_only(appointment):
    with scopes_disabled():
        appointment.created_at = TUESDAY_10H - datetime.timedelta(hours=1)
        appointment.save(update_fields=["created_at"])
    run_schedulers(now=TUESDAY_10H)
    assert reminders() == []


def test_an_appointment_fixed_late_two_days_before_is_reminded_by_its_confirmation(appointment):
    # Fixed on Monday at 21:00: the confirmation goes on Tuesday at 8:00, the day of the reminder.
    with scopes_disabled():
        appointment.created_at = datetime.datetime(2026, 11, 23, 21, 0, tzinfo=PARIS)
        appointment.save(update_fields=["created_at"])
    run_schedulers(now=TUESDAY_10H)
    assert reminders() == []


def test_a_monday_appointment_is_reminded_on_saturday_with_its_date(pau, camille):
    seeker = f.JobSeekerFactory(structure=pau)
    AppointmentFactory(
        job_seeker=seeker,
        staff=camille,
        starts_at=datetime.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS),
        created_at=MONDAY_10H,
    )
    run_schedulers(now=datetime.datetime(2026, 11, 27, 10, 0, tzinfo=PARIS))  # Friday: not yet
    assert reminders() == []
    run_schedulers(now=datetime.datetime(2026, 11, 28, 10, 0, tzinfo=PARIS))  # Saturday
    [reminder] = reminders()
    assert "RDV le lundi 30 novembre à 9h" in reminder.body


def test_a_cancelled_appointment_is_not_reminded_and_its_waiting_reminder_is_cancelled(appointment, camille):
    other = AppointmentFactory(
        job_seeker=appointment.job_seeker, staff=camille, starts_at=WEDNESDAY_9H30, created_at=MONDAY_10H
    )
    with structure_scope(appointment.structure_id):
        appointment_set_status(appointment=other, status=AppointmentStatus.CANCELLED, by=camille)
    run_schedulers(now=TUESDAY_10H)  # the cancelled one is not reminded
    [reminder] = reminders()
    with structure_scope(appointment.structure_id):
        appointment_set_status(appointment=appointment, status=AppointmentStatus.CANCELLED, by=camille)
    reminder.refresh_from_db()
    assert reminder.status == MessageStatus.CANCELLED


def test_a_person_without_mobile_is_not_reminded(appointment):
    appointment.job_seeker.phone = ""
    appointment.job_seeker.save(update_fields=["phone"])
    run_schedulers(now=TUESDAY_10H)
    assert reminders() == []


def test_every_structure_is_served(appointment, basque, bixente):
    basque_seeker = f.JobSeekerFactory(structure=basque)
    AppointmentFactory(
        job_seeker=basque_seeker, staff=bixente, starts_at=WEDNESDAY_9H30, created_at=MONDAY_10H
    )

    run_schedulers(now=TUESDAY_10H)

    assert sorted(message.structure_id for message in reminders()) == sorted(
        [appointment.structure_id, basque.pk]
    )
    assert any(message.body.startswith("Accès Basque : rappel") for message in reminders())


def test_the_command_queues_the_due_reminders(appointment, capsys):
    call_command("queue_scheduled_messages", "--now", TUESDAY_10H.isoformat())
    assert "1 message(s) mis en attente d'envoi." in capsys.readouterr().out
    assert len(reminders()) == 1


# --- A PER ending soon: e-mail to staff --------------------------------------------------


def per_emails():
    with scopes_disabled():
        return list(Message.objects.filter(kind=MessageKind.PER_ENDING).order_by("recipient"))


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", last_name="Durand")


def signed_period(seeker, *, ends_on, signed_by):
    return f.EngagementPeriodFactory(
        job_seeker=seeker,
        number=2,
        starts_on=ends_on - datetime.timedelta(days=40),
        ends_on=ends_on,
        status=PeriodStatus.ACTIVE,
        signed_on=ends_on - datetime.timedelta(days=40),
        signed_by=signed_by,
    )


def test_the_cre_who_signed_the_per_is_told_a_week_before_it_ends(sami, camille, dominique):
    period = signed_period(sami, ends_on=datetime.date(2026, 12, 1), signed_by=camille)

    run_schedulers(now=TUESDAY_10H)
    run_schedulers(now=TUESDAY_10H + datetime.timedelta(hours=1))

    [email] = per_emails()
    assert email.channel == Channel.EMAIL
    assert email.recipient == "camille@acces-pau.fr"
    assert email.email_subject == "PER 2 de Sami Durand : fin le mardi 1er décembre"
    assert email.body == "Le PER 2 de Sami Durand se termine le mardi 1er décembre : prévoir le RDV."
    assert email.idempotency_key == f"per-ending:{period.pk}:{camille.pk}"
    assert (email.subject, email.subject_id) == (Subject.STAFF, camille.pk)


def test_nothing_eight_days_before_nor_for_a_per_not_signed(sami, camille):
    signed_period(sami, ends_on=datetime.date(2026, 12, 2), signed_by=camille)
    other = f.JobSeekerFactory(structure=sami.structure)
    f.EngagementPeriodFactory(
        job_seeker=other, starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2026, 11, 30)
    )
    run_schedulers(now=TUESDAY_10H)
    assert per_emails() == []


def test_a_per_signed_for_less_than_a_week_is_told_at_once(sami, camille):
    signed_period(sami, ends_on=datetime.date(2026, 11, 26), signed_by=camille)
    run_schedulers(now=TUESDAY_10H)
    assert len(per_emails()) == 1


def test_without_its_signer_in_the_team_the_direction_is_told(sami, camille, dominique, pau):
    signed_period(sami, ends_on=datetime.date(2026, 12, 1), signed_by=camille)
    with scopes_disabled():
        camille.memberships.update(is_active=False)
    second_director = f.staff_user(pau, Role.DIRECTION, email="claude@acces-pau.fr")

    run_schedulers(now=TUESDAY_10H)

    assert [email.recipient for email in per_emails()] == [second_director.email, dominique.email]


def test_a_per_recorded_without_signer_goes_to_the_direction(sami, dominique, basque):
    f.staff_user(basque, Role.DIRECTION, email="direction@acces-basque.fr")  # never told about Pau
    signed_period(sami, ends_on=datetime.date(2026, 12, 1), signed_by=None)
    run_schedulers(now=TUESDAY_10H)
    assert [email.recipient for email in per_emails()] == [dominique.email]


def test_the_seekers_app_registers_its_reminders_with_the_outbox():
    assert queue_due_reminders in registered_schedulers()


def test_staff_are_not_told_of_the_per_end_of_a_person_hired_meanwhile(sami, camille):
    from accesdirect.offers.services import employment_declare

    signed_period(sami, ends_on=datetime.date(2026, 12, 1), signed_by=camille)
    with structure_scope(sami.structure_id):
        employment_declare(
            job_seeker=sami,
            by=camille,
            contract="interim",
            starts_on=datetime.date(2026, 11, 20),
            ends_on=datetime.date(2026, 12, 4),
            hours_per_week=35,
            employer_name="Adecco Pau",
            job_title="Manutentionnaire",
        )

    run_schedulers(now=TUESDAY_10H)

    assert per_emails() == []
