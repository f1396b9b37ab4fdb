"""Scheduler of the messages about positionings and jobs, run every minute by the outbox
worker (registered in OffersConfig.ready()): interview reminders, the company's feedback request
the day after an interview, and the check-ins in the job (1 week, 1 month, 6 months after the
start, as planned by employment_record). Works across every structure; idempotency keys make
repeated runs queue nothing twice."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from accesdirect.core.calendar import next_sending_day
from accesdirect.messaging.queries import queued_keys
from accesdirect.messaging.schedule import sending_window_open

from . import notifications
from .enums import PositioningStatus
from .models import JobFollowUp, Positioning

# What fell due on a Sunday or a public holiday (or while the worker was stopped) is still
# sent within these few days; older events are left to the CREs.
CATCH_UP_DAYS = 3


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _queue_new(rows, *, key, queue, now) -> int:
    done = queued_keys(key(row) for row in rows)
    return sum(1 for row in rows if key(row) not in done and queue(row, now=now) is not None)


def queue_interview_reminders(*, now: datetime.datetime) -> int:
    """The last sending day before an interview (the day before, or the Saturday before a
    Monday: the wording gives the date, not "demain")."""
    today = timezone.localtime(now).date()
    positionings = list(
        Positioning.objects.filter(
            status=PositioningStatus.INTERVIEW_SCHEDULED,
            interview_at__gte=_day_start(today + datetime.timedelta(days=1)),
            interview_at__lt=_day_start(next_sending_day(today) + datetime.timedelta(days=1)),
        )
        .exclude(job_seeker__phone="")
        .select_related("job_seeker", "offer__company__structure", "offer__company__commune")
        .order_by("interview_at", "pk")
    )
    return _queue_new(
        positionings,
        key=notifications.interview_reminder_key,
        queue=notifications.queue_interview_reminder,
        now=now,
    )


def queue_company_feedback_requests(*, now: datetime.datetime) -> int:
    """The day after an interview, while its outcome is not recorded, ask the company how it went."""
    today = timezone.localtime(now).date()
    positionings = list(
        Positioning.objects.filter(
            status__in=[PositioningStatus.INTERVIEW_SCHEDULED, PositioningStatus.INTERVIEW_HELD],
            interview_at__gte=_day_start(today - datetime.timedelta(days=CATCH_UP_DAYS)),
            interview_at__lt=_day_start(today),
        )
        .filter(~Q(offer__company__phone="") | ~Q(offer__company__email=""))
        .select_related("job_seeker", "offer__company__structure")
        .order_by("interview_at", "pk")
    )
    return _queue_new(
        positionings,
        key=notifications.company_feedback_key,
        queue=notifications.queue_company_feedback_request,
        now=now,
    )


def queue_job_check_ins(*, now: datetime.datetime) -> int:
    """On the due date of each planned follow-up not yet done, while the job lasts."""
    today = timezone.localtime(now).date()
    follow_ups = list(
        JobFollowUp.objects.filter(
            done_on__isnull=True,
            due_on__gte=today - datetime.timedelta(days=CATCH_UP_DAYS),
            due_on__lte=today,
        )
        .filter(Q(employment__ends_on__isnull=True) | Q(employment__ends_on__gte=today))
        .exclude(employment__job_seeker__phone="")
        .select_related("employment__job_seeker__structure")
        .order_by("due_on", "pk")
    )
    return _queue_new(
        follow_ups, key=notifications.job_check_in_key, queue=notifications.queue_job_check_in, now=now
    )


def queue_due_reminders(*, now: datetime.datetime) -> int:
    if not sending_window_open(now):
        return 0
    with scopes_disabled():
        return (
            queue_interview_reminders(now=now)
            + queue_company_feedback_requests(now=now)
            + queue_job_check_ins(now=now)
        )
