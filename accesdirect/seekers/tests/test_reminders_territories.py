"""Appointment reminders "the day before" are read in the calendar of the structure's
territory: its day, its time zone and its public holidays, not Paris's."""

import datetime
import zoneinfo

import pytest
from django_scopes import scopes_disabled

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.messaging.schedule import run_schedulers
from accesdirect.testing import factories as f

from .factories import AppointmentFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
GUADELOUPE = zoneinfo.ZoneInfo("America/Guadeloupe")
REUNION = zoneinfo.ZoneInfo("Indian/Reunion")


def structure_in(departement: str, insee_code: str, name: str):
    commune = f.CommuneFactory(
        insee_code=insee_code, name=name, postal_codes=insee_code, departement=departement
    )
    return f.StructureFactory(name=f"Accès {name}", commune=commune)


def appointment_at(structure, starts_at, *, phone="+33612345678"):
    seeker = f.JobSeekerFactory(structure=structure, first_name="Sami", phone=phone)
    staff = f.UserFactory(first_name="Camille", last_name="Martin")
    return AppointmentFactory(
        job_seeker=seeker,
        staff=staff,
        starts_at=starts_at,
        created_at=starts_at - datetime.timedelta(days=10),
    )


def reminded() -> set[int]:
    with scopes_disabled():
        keys = Message.objects.filter(kind=MessageKind.APPOINTMENT_REMINDER).values_list(
            "idempotency_key", flat=True
        )
    return {int(key.rsplit(":", 1)[1]) for key in keys}


def test_an_evening_appointment_in_guadeloupe_is_reminded_the_day_before_there():
    """Wednesday 20:30 in Guadeloupe is already Thursday 01:30 in Paris: the reminder still goes
    on Tuesday, the day before where the person lives."""
    structure = structure_in("971", "97105", "Basse-Terre")
    appointment = appointment_at(structure, datetime.datetime(2026, 11, 25, 20, 30, tzinfo=GUADELOUPE))

    # Tuesday 08:00 in Paris: 03:00 in Guadeloupe, nothing is queued there yet.
    run_schedulers(now=datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS))
    assert reminded() == set()

    # Tuesday 10:00 in Guadeloupe.
    run_schedulers(now=datetime.datetime(2026, 11, 24, 10, 0, tzinfo=GUADELOUPE))
    assert reminded() == {appointment.pk}
    [reminder] = Message.all_objects.filter(kind=MessageKind.APPOINTMENT_REMINDER)
    assert reminder.next_attempt_at == datetime.datetime(2026, 11, 24, 10, 0, tzinfo=GUADELOUPE)


def test_a_holiday_of_la_reunion_moves_the_reminder_to_the_saturday_before(pau):
    """Monday 20 December 2027 rests in La Réunion: a Tuesday appointment there is reminded on
    Saturday 18, the last sending day before; in Pau it is reminded on Monday."""
    reunion = structure_in("974", "97411", "Saint-Denis")
    tuesday_there = appointment_at(reunion, datetime.datetime(2027, 12, 21, 9, 0, tzinfo=REUNION))
    tuesday_pau = appointment_at(
        pau, datetime.datetime(2027, 12, 21, 9, 0, tzinfo=PARIS), phone="+33698765432"
    )

    # Saturday 18 at 10:00 in La Réunion is 07:00 in Paris: closed there; 12:00 in Paris next.
    run_schedulers(now=datetime.datetime(2027, 12, 18, 10, 0, tzinfo=REUNION))
    run_schedulers(now=datetime.datetime(2027, 12, 18, 12, 0, tzinfo=PARIS))
    assert reminded() == {tuesday_there.pk}

    # Monday 20 at 12:00 in Paris (15:00 in La Réunion, a holiday there).
    run_schedulers(now=datetime.datetime(2027, 12, 20, 12, 0, tzinfo=PARIS))
    assert reminded() == {tuesday_there.pk, tuesday_pau.pk}
