"""Scheduler of the end-of-immersion review, run every minute by the outbox worker: the tutor
is asked by SMS how the immersion went, on the last sending day before it ends (the day before,
or the Saturday before a Monday: the wording gives the date). Works across every structure,
each read in its territory's calendar (time zone, holidays); idempotency keys make repeated
runs queue nothing twice."""

import datetime

from django_scopes import scopes_disabled

from accesdirect.core.calendar import Territory, next_sending_day
from accesdirect.messaging.enums import MessageKind, Subject
from accesdirect.messaging.formats import sms_date
from accesdirect.messaging.models import Message
from accesdirect.messaging.queries import queued_keys
from accesdirect.messaging.schedule import territories_in_local_time
from accesdirect.messaging.services import message_queue

from .models import Immersion


def tutor_review_key(immersion: Immersion) -> str:
    # The end date is part of the event: an immersion whose end moves is asked about again.
    return f"immersion-review-request:{immersion.pk}:{immersion.ends_on:%Y%m%d}"


def queue_tutor_review(immersion: Immersion, *, now: datetime.datetime) -> Message:
    return message_queue(
        structure_id=immersion.structure_id,
        kind=MessageKind.IMMERSION_REVIEW_REQUEST,
        recipient=immersion.tutor_phone,
        context={
            "structure": immersion.structure.name,
            "person": immersion.job_seeker.full_name,
            "date": sms_date(immersion.ends_on),
        },
        idempotency_key=tutor_review_key(immersion),
        subject=Subject.COMPANY,
        subject_id=immersion.company_id,
        now=now,
    )


def immersions_due_for_review(
    today: datetime.date, *, territory: Territory, structure_ids: list[int]
) -> list[Immersion]:
    """Started, not cancelled, review not recorded, ending by the next sending day of the
    territory; one ending today is still asked (planned late, or the worker was stopped the
    day before)."""
    return list(
        Immersion.objects.not_cancelled()
        .filter(
            structure_id__in=structure_ids,
            reviewed_on__isnull=True,
            starts_on__lte=today,
            ends_on__gte=today,
            ends_on__lte=next_sending_day(today, territory=territory),
        )
        .exclude(tutor_phone="")
        .select_related("structure", "job_seeker")
        .order_by("ends_on", "pk")
    )


def queue_due_tutor_reviews(*, now: datetime.datetime) -> int:
    """For the structures whose sending window is open now, territory by territory."""
    queued = 0
    with scopes_disabled():
        for territory, structure_ids in territories_in_local_time(now):
            immersions = immersions_due_for_review(
                territory.date(now), territory=territory, structure_ids=structure_ids
            )
            done = queued_keys(tutor_review_key(immersion) for immersion in immersions)
            to_queue = [immersion for immersion in immersions if tutor_review_key(immersion) not in done]
            for immersion in to_queue:
                queue_tutor_review(immersion, now=now)
            queued += len(to_queue)
    return queued
