"""Scheduler of the messages about positionings and jobs, run every minute by the outbox
worker (registered in OffersConfig.ready()): interview reminders, the company's feedback request
the day after an interview, the check-ins in the job (1 week and 1 month after the start) and
those of survival in employment (6, 12, 24 and 48 months), as planned by employment_record.
Works across every structure, each read in its territory's calendar (time zone, holidays);
idempotency keys make repeated runs queue nothing twice."""

import datetime

from django.db.models import Q
from django_scopes import scopes_disabled

from accesdirect.core.calendar import Territory, next_sending_day
from accesdirect.messaging.queries import queued_keys
from accesdirect.messaging.schedule import territories_in_local_time

from . import notifications
from .enums import PositioningStatus
from .models import JobFollowUp, Positioning

# What fell due on a Sunday or a public holiday (or while the worker was stopped) is still
# sent within these few days; older events are left to the CREs.
CATCH_UP_DAYS = 3


def _queue_new(rows, *, key, queue, now) -> int:
    done = queued_keys(key(row) for row in rows)
    return sum(1 for row in rows if key(row) not in done and queue(row, now=now) is not None)


def queue_interview_reminders(
    *, now: datetime.datetime, territory: Territory, structure_ids: list[int]
) -> int:
    """The last sending day before an interview (the day before, or the Saturday before a
    Monday: the wording gives the date, not "demain")."""
    today = territory.date(now)
    after_next_sending_day = next_sending_day(today, territory=territory) + datetime.timedelta(days=1)
    positionings = list(
        Positioning.objects.filter(
            structure_id__in=structure_ids,
            status=PositioningStatus.INTERVIEW_SCHEDULED,
            interview_at__gte=territory.day_start(today + datetime.timedelta(days=1)),
            interview_at__lt=territory.day_start(after_next_sending_day),
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


def queue_company_feedback_requests(
    *, now: datetime.datetime, territory: Territory, structure_ids: list[int]
) -> int:
    """The day after an interview, while its outcome is not recorded, ask the company how it went."""
    today = territory.date(now)
    positionings = list(
        Positioning.objects.filter(
            structure_id__in=structure_ids,
            status__in=[PositioningStatus.INTERVIEW_SCHEDULED, PositioningStatus.INTERVIEW_HELD],
            interview_at__gte=territory.day_start(today - datetime.timedelta(days=CATCH_UP_DAYS)),
            interview_at__lt=territory.day_start(today),
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


def queue_job_check_ins(*, now: datetime.datetime, territory: Territory, structure_ids: list[int]) -> int:
    """On the due date of each planned follow-up not yet done: a check-in in the post while
    the job lasts; a follow-up of survival whether it lasts or not ("still in a job, any job?"
    is the question for a person whose first job ended)."""
    today = territory.date(now)
    due = (
        JobFollowUp.objects.filter(
            structure_id__in=structure_ids,
            done_on__isnull=True,
            due_on__gte=today - datetime.timedelta(days=CATCH_UP_DAYS),
            due_on__lte=today,
        )
        .exclude(employment__job_seeker__phone="")
        .select_related("employment__job_seeker__structure")
        .order_by("due_on", "pk")
    )
    # Sorted here: which follow-ups are of survival is date arithmetic on each start (a few
    # days of due follow-ups, a few rows).
    follow_ups = [
        follow_up for follow_up in due if follow_up.is_survival or follow_up.employment.is_current(today)
    ]
    return _queue_new(
        follow_ups, key=notifications.job_check_in_key, queue=notifications.queue_job_check_in, now=now
    )


def queue_due_reminders(*, now: datetime.datetime) -> int:
    """For the structures whose sending window is open now, territory by territory."""
    queued = 0
    with scopes_disabled():
        for territory, structure_ids in territories_in_local_time(now):
            scope = {"now": now, "territory": territory, "structure_ids": structure_ids}
            queued += (
                queue_interview_reminders(**scope)
                + queue_company_feedback_requests(**scope)
                + queue_job_check_ins(**scope)
            )
    return queued
