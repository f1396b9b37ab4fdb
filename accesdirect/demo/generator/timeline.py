"""Dates of the demo, all relative to today, and the weighted random picks it is made of."""

import datetime
import itertools
import random
from collections.abc import Sequence

from django.utils import timezone

from .catalogue import FULL_RATE_DAYS, HISTORY_DENSITY

DAY = datetime.timedelta(days=1)


class Weighted:
    """A weighted choice among (value, weight) pairs, with the cumulated weights computed once."""

    def __init__(self, pairs: Sequence[tuple]):
        self.values = [value for value, _ in pairs]
        self.cumulated = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cumulated)[0]


def conditions_pick(rng: random.Random, conditions: Weighted, share: float) -> list[str]:
    """None for most, else one or two distinct working conditions (a JSON list of values)."""
    if rng.random() >= share:
        return []
    picked = [conditions.pick(rng) for _ in range(rng.choice((1, 1, 2)))]
    return [str(value) for value in dict.fromkeys(picked)]


class Timeline:
    def __init__(self, today: datetime.date):
        self.today = today
        self.now = timezone.now()
        self.latest = self.now - datetime.timedelta(minutes=1)
        self.tz = timezone.get_current_timezone()

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """An aware datetime in the structure's time zone (working hours: never a DST gap)."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def past(self, moment: datetime.datetime) -> datetime.datetime:
        """What already happened is never later than now (a demo loaded at 8 a.m.)."""
        return min(moment, self.latest)

    def office_time(self, rng: random.Random, day: datetime.date) -> datetime.datetime:
        return self.at(day, rng.randint(9, 16), rng.choice((0, 15, 30, 45)))

    @staticmethod
    def working_day(day: datetime.date) -> datetime.date:
        """The day itself, or the Friday before a weekend (past events stay in the past)."""
        weekday = day.weekday()
        return day - (weekday - 4) * DAY if weekday > 4 else day

    @staticmethod
    def next_working_day(day: datetime.date) -> datetime.date:
        weekday = day.weekday()
        return day + (7 - weekday) * DAY if weekday > 4 else day

    def coming_working_day(self, rng: random.Random, within: int) -> datetime.date:
        """One of the next `within` working days after today, uniformly (no Monday pile-up)."""
        days, day = [], self.today
        while len(days) < within:
            day += DAY
            if day.weekday() < 5:
                days.append(day)
        return rng.choice(days)

    def days_ago(self, days: int) -> datetime.date:
        return self.today - days * DAY

    def weighted_span(self, earliest: datetime.date, latest: datetime.date) -> float:
        """The number of days of [earliest, latest] weighted by the generation density:
        recent days count in full, older ones for HISTORY_DENSITY (see the catalogue)."""
        recent, old = self._split(earliest, latest)
        return _length(recent) + HISTORY_DENSITY * _length(old)

    def sample_day(self, rng: random.Random, earliest: datetime.date, latest: datetime.date) -> datetime.date:
        recent, old = self._split(earliest, latest)
        recent_weight, old_weight = _length(recent), HISTORY_DENSITY * _length(old)
        span = recent if rng.random() * (recent_weight + old_weight) < recent_weight else old
        start, end = span
        return start + rng.randint(0, (end - start).days) * DAY

    def _split(self, earliest, latest):
        boundary = self.today - FULL_RATE_DAYS * DAY
        recent = (max(earliest, boundary), latest)
        old = (earliest, min(latest, boundary - DAY))
        return recent, old


def _length(span) -> int:
    start, end = span
    return max(0, (end - start).days + 1)
