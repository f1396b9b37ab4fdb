"""Clocks for tests about dates: a server in another time zone, and a frozen "now".

The project has no time-freezing library: `frozen_now` replaces django.utils.timezone.now,
which every "now" and "today" of the code reads (timezone.now, timezone.localdate,
core.calendar.paris_today). Code that read the system clock instead (`datetime.date.today()`,
`datetime.now()`) would not see the frozen moment, which is exactly what these tests catch."""

import contextlib
import datetime
import os
import time

from django.utils import timezone

# A Tuesday at 00:30 in Paris, still Monday 15 March on a server in UTC (23:30) or on the US
# Pacific coast (16:30).
PARIS_TUESDAY_0030 = datetime.datetime(2027, 3, 15, 23, 30, tzinfo=datetime.UTC)
SERVER_ZONES = ["UTC", "America/Los_Angeles"]


@contextlib.contextmanager
def server_time_zone(name: str):
    """Run as a server whose system clock is in zone `name` (TZ and tzset), restored after."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()


def frozen_now(monkeypatch, moment: datetime.datetime) -> None:
    """From now on in this test, timezone.now() is `moment` (an aware datetime)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
