"""Time-based messages: the reminders of tomorrow, the PER ending soon, the check-ins in the job.

Each domain app has its own schedulers, plain functions `(*, now) -> int` that find what is due
and queue it with idempotency keys (running one every minute never duplicates a message). The
app registers them from its `AppConfig.ready()` with `register_scheduler`, so that the outbox
never names a domain app, not even in a string; the worker calls `run_schedulers` once a
minute, and `manage.py queue_scheduled_messages` once."""

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone

from accesdirect.core.calendar import Territory

from .quiet_hours import next_send_time

logger = logging.getLogger(__name__)

Scheduler = Callable[..., int]

# By name, in registration order (the order of INSTALLED_APPS).
_schedulers: dict[str, Scheduler] = {}


def scheduler_name(scheduler: Scheduler) -> str:
    """Its dotted path, as logs and the command's output show it."""
    return f"{scheduler.__module__}.{scheduler.__qualname__}"


def register_scheduler(scheduler: Scheduler) -> Scheduler:
    """Run `scheduler(now=...)` with the others once a minute. Called from an app's
    `AppConfig.ready()`; registering the same function twice keeps one (ready() may run again)."""
    _schedulers[scheduler_name(scheduler)] = scheduler
    return scheduler


def registered_schedulers() -> list[Scheduler]:
    return list(_schedulers.values())


def sending_window_open(now: datetime.datetime, *, territory: Territory) -> bool:
    """Schedulers queue what is due only while SMS may go out in the recipient's territory
    (Monday to Saturday, 8:00 to 20:00 local time, no public holiday there): a reminder queued
    then goes at once, never the next morning when "demain" would be wrong; what fell due at
    night goes at 8:00."""
    return next_send_time(now, territory=territory) == now


def sending_structures(now: datetime.datetime) -> dict[int, Territory]:
    """The structures whose sending window is open at `now`, with their territory, by id."""
    # Imported here: the apps' AppConfig modules import this one before the models are loaded.
    from accesdirect.structures.queries import structure_territories

    return {
        structure_id: territory
        for structure_id, territory in structure_territories().items()
        if sending_window_open(now, territory=territory)
    }


def sending_territories(now: datetime.datetime) -> dict[Territory, list[int]]:
    """The same, grouped by territory: a scheduler reads "today" and "the day before" in each
    territory's calendar for its own structures."""
    grouped: dict[Territory, list[int]] = {}
    for structure_id, territory in sending_structures(now).items():
        grouped.setdefault(territory, []).append(structure_id)
    return grouped


def territories_in_local_time(now: datetime.datetime) -> Iterator[tuple[Territory, list[int]]]:
    """sending_territories(), each one's time zone active while its structures are handled:
    the texts say the hour where the person lives ("9h" in Pointe-à-Pitre, not Paris's 14h)."""
    for territory, structure_ids in sending_territories(now).items():
        with timezone.override(territory.zone):
            yield territory, structure_ids


def run_schedulers(
    *, now: datetime.datetime | None = None, schedulers: Iterable[Scheduler] | None = None
) -> dict[str, int]:
    """Run every registered scheduler once (or those given); returns the number of messages each
    queued, by name. One that fails is logged and the others still run (a bug in one reminder
    must not stop the check-ins)."""
    now = now or timezone.now()
    queued: dict[str, int] = {}
    for scheduler in registered_schedulers() if schedulers is None else schedulers:
        name = scheduler_name(scheduler)
        try:
            queued[name] = scheduler(now=now)
        except Exception:
            logger.exception("message scheduler %s failed", name)
            queued[name] = 0
    return queued
