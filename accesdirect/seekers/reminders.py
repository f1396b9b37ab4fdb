"""Scheduler of the messages about people's paths, run every minute by the outbox worker
(registered in SeekersConfig.ready()): appointment reminders on the last sending day before,
and the e-mail to staff a week before a PER ends. Works across every structure, each read in
its territory's calendar (time zone, holidays); idempotency keys make repeated runs queue
nothing twice."""

import datetime

from django_scopes import scopes_disabled

from accesdirect.core.calendar import Territory, next_sending_day
from accesdirect.messaging.queries import queued_keys
from accesdirect.messaging.schedule import territories_in_local_time
from accesdirect.structures.queries import staff_in_charge

from . import notifications
from .enums import AppointmentStatus, PeriodStatus
from .models import Appointment, EngagementPeriod

PER_ENDING_NOTICE = datetime.timedelta(days=7)


def queue_appointment_reminders(
    *, now: datetime.datetime, territory: Territory, structure_ids: list[int]
) -> int:
    """Reminders on the last sending day before each appointment: the day before, or the
    Saturday before a Monday (the wording gives the date, not "demain"), for the structures
    of one territory."""
    today = territory.date(now)
    after_next_sending_day = next_sending_day(today, territory=territory) + datetime.timedelta(days=1)
    appointments = list(
        Appointment.objects.filter(
            structure_id__in=structure_ids,
            status=AppointmentStatus.PLANNED,
            starts_at__gte=territory.day_start(today + datetime.timedelta(days=1)),
            starts_at__lt=territory.day_start(after_next_sending_day),
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
        if notifications.queue_appointment_reminder(appointment, now=now, territory=territory) is not None:
            queued += 1
    return queued


def _period_recipients(periods: list[EngagementPeriod]) -> dict[int, list]:
    """Per PER: the CRE who signed it if still in the team, else the structure's direction."""
    return staff_in_charge({period.pk: (period.structure_id, period.signed_by_id) for period in periods})


def queue_period_ending_emails(
    *, now: datetime.datetime, territory: Territory, structure_ids: list[int]
) -> int:
    """A week before a signed PER ends (or at once if it was signed for less than a week)."""
    today = territory.date(now)
    periods = list(
        EngagementPeriod.objects.filter(
            structure_id__in=structure_ids,
            status=PeriodStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + PER_ENDING_NOTICE,
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
    """For the structures whose sending window is open now, territory by territory."""
    queued = 0
    with scopes_disabled():
        for territory, structure_ids in territories_in_local_time(now):
            queued += queue_appointment_reminders(now=now, territory=territory, structure_ids=structure_ids)
            queued += queue_period_ending_emails(now=now, territory=territory, structure_ids=structure_ids)
    return queued
