"""The calendar every app reads: the date in Paris (whatever the server's zone), month
arithmetic as signed documents read it, and the days on which SMS may go out (no Sunday, no
French public holiday)."""

import datetime
import functools
import zoneinfo

import holidays
from django.utils import timezone

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris_date(moment: datetime.datetime) -> datetime.date:
    """The date in Paris at an aware `moment`."""
    return moment.astimezone(PARIS).date()


def paris_today() -> datetime.date:
    """Today in Paris. Never `datetime.date.today()`, which follows the server's zone: a server
    in UTC would still be "yesterday" between midnight and 1 or 2 a.m. in Paris."""
    return paris_date(timezone.now())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month (31 Dec + 2 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month_first = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month_first - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


@functools.lru_cache(maxsize=16)
def _french_holidays(year: int):
    return holidays.France(years=year)


def is_sending_day(day: datetime.date) -> bool:
    return day.weekday() != 6 and day not in _french_holidays(day.year)


def next_sending_day(day: datetime.date) -> datetime.date:
    """The first day after `day` on which SMS may go (no Sunday, no public holiday)."""
    day += datetime.timedelta(days=1)
    while not is_sending_day(day):
        day += datetime.timedelta(days=1)
    return day
