"""Long-running processes (web workers, outbox worker, scheduler): stopping cleanly, memory."""

import dataclasses
import gc
import signal
import time

from django.db import InterfaceError, OperationalError

# What a long-running process sees when the database went away under it (a PostgreSQL restart
# or failover: "terminating connection due to administrator command", "connection already
# closed"), or SQLite stayed locked past its timeout: retried with a new connection, not fatal.
DATABASE_OUTAGE = (OperationalError, InterfaceError)


def freeze_startup_objects() -> int:
    """Move every object alive after start-up (Django, the apps, their modules and caches) out of
    the garbage collector's reach, and return how many were frozen.

    They live as long as the process, yet each full collection would walk them all again. In
    gunicorn's master, before the fork, it also keeps the workers from touching (hence copying)
    the memory pages these objects share with the master."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


@dataclasses.dataclass
class StopRequest:
    """Set by a signal; a plain attribute, since a signal handler must not take a lock that the
    interrupted code may hold (threading.Event would)."""

    requested: bool = False

    def sleep(self, seconds: float) -> None:
        """Wait that long, or less if a stop is requested meanwhile."""
        deadline = time.monotonic() + seconds
        while not self.requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.5))


def stop_on_signals() -> StopRequest:
    """Set by SIGTERM (systemd, `make demo`) or SIGINT (Ctrl-C): the loop finishes what it has in
    hand, then sees the request and stops."""
    stop = StopRequest()

    def request_stop(*_):
        stop.requested = True

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    return stop
