"""Limits on how often something may be done (password-reset requests, public forms, login
codes by SMS), counted in the database so that they hold across processes and servers.

A fixed window per key: the first hit of a window inserts the row, each later one adds 1 in
the same statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite ≥ 3.35 and
PostgreSQL alike), so that two workers hit at once never both read "under the limit"."""

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

from .models import RateCounter

# Rows of windows older than this are deleted now and then, by the hits themselves.
KEEP = datetime.timedelta(days=2)


def _window_start(now: datetime.datetime, window: datetime.timedelta) -> datetime.datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % seconds, tz=datetime.UTC)


def throttle_hit(key: str, *, limit: int, window: datetime.timedelta, now=None) -> bool:
    """Count one more hit under `key` in the current window; False once the limit is passed
    (the hit is counted all the same: hammering does not reopen the window)."""
    now = now or timezone.now()
    start = _window_start(now, window)
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    key_column, start_column, count_column = quote("key"), quote("window_start"), quote("count")
    start_value = connection.ops.adapt_datetimefield_value(start)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {start_column}, {count_column}) "  # noqa: S608 - ours
            f"VALUES (%s, %s, 1) ON CONFLICT ({key_column}, {start_column}) "
            f"DO UPDATE SET {count_column} = {table}.{count_column} + 1 RETURNING {count_column}",
            [key[:200], start_value],
        )
        count = cursor.fetchone()[0]
    if count == 1 and random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        RateCounter.objects.filter(window_start__lt=now - KEEP).delete()
    return count <= limit
