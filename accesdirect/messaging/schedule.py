"""Time-based messages: the reminders of tomorrow, the PER ending soon, the check-ins in the job.

Each domain app has its own scheduler, a plain function `(*, now) -> int` that finds what is
due and queues it with idempotency keys (running it every minute never duplicates a message).
They are named here by dotted path, so that the outbox never imports the domain apps; the
worker calls `run_schedulers` once a minute, and `manage.py queue_scheduled_messages` once."""

import datetime
import logging

from django.utils import timezone
from django.utils.module_loading import import_string

from .quiet_hours import next_send_time

logger = logging.getLogger(__name__)

SCHEDULERS = [
    "accesdirect.seekers.reminders.queue_due_reminders",
    "accesdirect.offers.reminders.queue_due_reminders",
    "accesdirect.matching.alerts.queue_offer_alerts",
]


def sending_window_open(now: datetime.datetime) -> bool:
    """Schedulers queue what is due only while SMS may go out (Monday to Saturday, 8:00 to
    20:00, no public holiday): a reminder queued then goes at once, never the next morning
    when "demain" would be wrong; what fell due at night goes at 8:00."""
    return next_send_time(now) == now


def run_schedulers(
    *, now: datetime.datetime | None = None, schedulers: list[str] | None = None
) -> dict[str, int]:
    """Run every scheduler once; returns the number of messages each queued. One that fails is
    logged and the others still run (a bug in one reminder must not stop the check-ins)."""
    now = now or timezone.now()
    queued: dict[str, int] = {}
    for path in SCHEDULERS if schedulers is None else schedulers:
        try:
            queued[path] = import_string(path)(now=now)
        except Exception:
            logger.exception("message scheduler %s failed", path)
            queued[path] = 0
    return queued
