"""The messages about a person's path, queued in the outbox (messaging.services.message_queue).

Called inside the services' transactions (the confirmation of an appointment) or by the
schedulers of reminders.py. Each message has a stable idempotency key per logical event, and
a context of plain French strings prepared here."""

import datetime

from django.utils import timezone

from accesdirect.core.calendar import Territory
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.formats import sms_date, sms_time, staff_name
from accesdirect.messaging.models import Message
from accesdirect.messaging.quiet_hours import next_send_time
from accesdirect.messaging.services import email_staff, message_queue, messages_cancel

from .models import Appointment, EngagementPeriod


def appointment_confirmation_key(appointment: Appointment) -> str:
    return f"appointment-confirmation:{appointment.pk}"


def appointment_reminder_key(appointment: Appointment) -> str:
    return f"appointment-reminder:{appointment.pk}"


def period_ending_key(period: EngagementPeriod, user_id: int) -> str:
    return f"per-ending:{period.pk}:{user_id}"


def appointment_place(appointment: Appointment) -> str:
    site = appointment.site
    if site is None:
        structure = appointment.job_seeker.structure
        return structure.commune.name if structure.commune_id else structure.name
    return f"{site.name}, {site.address}" if site.address else site.name


def _appointment_context(appointment: Appointment) -> dict[str, str]:
    return {
        "structure": appointment.job_seeker.structure.name,
        "date": sms_date(appointment.starts_at),
        "time": sms_time(appointment.starts_at),
        "staff": staff_name(appointment.staff),
        "place": appointment_place(appointment),
    }


def _queue_appointment_sms(
    appointment: Appointment, *, kind: MessageKind, key: str, now: datetime.datetime
) -> Message | None:
    seeker = appointment.job_seeker
    if not seeker.phone:
        return None
    return message_queue(
        structure_id=appointment.structure_id,
        kind=kind,
        recipient=seeker.phone,
        context=_appointment_context(appointment),
        idempotency_key=key,
        subject=Subject.JOB_SEEKER,
        subject_id=seeker.pk,
        now=now,
    )


def queue_appointment_confirmation(
    appointment: Appointment, *, now: datetime.datetime | None = None
) -> Message | None:
    """The SMS "RDV le mercredi 25 novembre à 9h30 avec Camille M.", when it is fixed."""
    now = now or timezone.now()
    if appointment.starts_at <= now:
        return None  # an appointment recorded afterwards: nothing to tell the person
    return _queue_appointment_sms(
        appointment,
        kind=MessageKind.APPOINTMENT_CONFIRMATION,
        key=appointment_confirmation_key(appointment),
        now=now,
    )


def queue_appointment_reminder(
    appointment: Appointment, *, now: datetime.datetime, territory: Territory
) -> Message | None:
    """The reminder, on the last sending day before the appointment (in the structure's
    `territory`). Skipped when the confirmation reaches the person that same day (an
    appointment fixed the day before): one SMS is enough."""
    reminder_day = territory.date(now)
    if territory.date(next_send_time(appointment.created_at, territory=territory)) >= reminder_day:
        return None
    return _queue_appointment_sms(
        appointment,
        kind=MessageKind.APPOINTMENT_REMINDER,
        key=appointment_reminder_key(appointment),
        now=now,
    )


def cancel_appointment_messages(appointment: Appointment) -> int:
    """An appointment cancelled: its confirmation and reminder, if still waiting, do not go."""
    return messages_cancel(
        idempotency_keys=[appointment_confirmation_key(appointment), appointment_reminder_key(appointment)],
        reason="Rendez-vous annulé avant l'envoi.",
    )


def queue_period_ending(period: EngagementPeriod, *, recipients: list, now: datetime.datetime) -> int:
    """E-mail to staff: this PER ends soon, plan the meeting that builds the next one."""
    seeker = period.job_seeker
    context = {"number": str(period.number), "person": seeker.full_name, "date": sms_date(period.ends_on)}
    return email_staff(
        structure_id=period.structure_id,
        kind=MessageKind.PER_ENDING,
        recipients=recipients,
        context=context,
        key=lambda user_id: period_ending_key(period, user_id),
        email_subject=f"PER {period.number} de {seeker.full_name} : fin le {sms_date(period.ends_on)}",
        now=now,
    )
