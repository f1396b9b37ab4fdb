"""Scheduler of the messages about people's paths, run every minute by the outbox worker
(registered in SeekersConfig.ready()): appointment reminders on the last sending day before,
and the e-mail to staff a week before a PER ends. Works across every structure; idempotency
keys make repeated runs queue nothing twice."""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.calendar import next_sending_day
from accesdirect.messaging.queries import queued_keys
from accesdirect.messaging.schedule import sending_window_open
from accesdirect.structures.queries import staff_in_charge

from . import notifications
from .enums import AppointmentStatus, PeriodStatus
from .models import Appointment, EngagementPeriod

PER_ENDING_NOTICE = datetime.timedelta(days=7)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def queue_appointment_reminders(*, now: datetime.datetime) -> int:
    """Reminders on the last sending day before each appointment: the day before, or the
    Saturday before a Monday (the wording gives the date, not "demain")."""
    today = timezone.localtime(now).date()
    appointments = list(
        Appointment.objects.filter(
            status=AppointmentStatus.PLANNED,
            starts_at__gte=_day_start(today + datetime.timedelta(days=1)),
            starts_at__lt=_day_start(next_sending_day(today) + datetime.timedelta(days=1)),
        )
        .exclude(job_seeker__phone="")
        .select_related("job_seeker__structure__commune", "staff", "site")
        .order_by("starts_at", "pk")
    )
    done = queued_keys(notifications.appointment_reminder_key(a) for a in appointments)
    queued = 0
    for appointment in appointments:
        if notifications.appointment_reminder_key(appointment) in done:
            continue
        if notifications.queue_appointment_reminder(appointment, now=now) is not None:
            queued += 1
    return queued


def _period_recipients(periods: list[EngagementPeriod]) -> dict[int, list]:
    """Per PER: the CRE who signed it if still in the team, else the structure's direction."""
    return staff_in_charge({period.pk: (period.structure_id, period.signed_by_id) for period in periods})


def queue_period_ending_emails(*, now: datetime.datetime) -> int:
    """A week before a signed PER ends (or at once if it was signed for less than a week)."""
    today = timezone.localtime(now).date()
    periods = list(
        EngagementPeriod.objects.filter(
            status=PeriodStatus.ACTIVE, ends_on__gte=today, ends_on__lte=today + PER_ENDING_NOTICE
        )
        .select_related("job_seeker")
        .order_by("ends_on", "pk")
    )
    recipients = _period_recipients(periods)
    done = queued_keys(
        notifications.period_ending_key(period, user.pk)
        for period in periods
        for user in recipients[period.pk]
    )
    queued = 0
    for period in periods:
        to_write = [
            user
            for user in recipients[period.pk]
            if notifications.period_ending_key(period, user.pk) not in done
        ]
        if to_write:
            queued += notifications.queue_period_ending(period, recipients=to_write, now=now)
    return queued


def queue_due_reminders(*, now: datetime.datetime) -> int:
    if not sending_window_open(now):
        return 0
    with scopes_disabled():
        return queue_appointment_reminders(now=now) + queue_period_ending_emails(now=now)
