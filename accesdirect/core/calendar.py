"""The calendar every app reads: the date in Paris (whatever the server's zone), month
arithmetic as signed documents read it, and the days on which SMS may go out (no Sunday, no
public holiday of the recipient's territory).

A `Territory` is where a structure works: its time zone and its public holidays. 08:00 in
Paris is 03:00 in Guadeloupe, La Réunion rests on 20 December and Moselle on Good Friday: the
quiet hours and "the day before" of the reminders are read in the territory's own calendar."""

import dataclasses
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


@dataclasses.dataclass(frozen=True)
class Territory:
    """A time zone and a set of public holidays (a subdivision of `holidays.France`, None for
    the metropolitan ones)."""

    name: str
    zone: zoneinfo.ZoneInfo
    holiday_subdivision: str | None = None

    def date(self, moment: datetime.datetime) -> datetime.date:
        """The local date at an aware `moment`."""
        return moment.astimezone(self.zone).date()

    def day_start(self, day: datetime.date) -> datetime.datetime:
        """Midnight of `day`, local time."""
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.zone)

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.zone)


METROPOLE = Territory("France métropolitaine", PARIS)
_ALSACE = Territory("Alsace", PARIS, "6AE")
# By département code (referentials.Commune.departement); any other one is metropolitan.
_TERRITORIES = {
    "971": Territory("Guadeloupe", zoneinfo.ZoneInfo("America/Guadeloupe"), "971"),
    "972": Territory("Martinique", zoneinfo.ZoneInfo("America/Martinique"), "972"),
    "973": Territory("Guyane", zoneinfo.ZoneInfo("America/Cayenne"), "973"),
    "974": Territory("La Réunion", zoneinfo.ZoneInfo("Indian/Reunion"), "974"),
    "976": Territory("Mayotte", zoneinfo.ZoneInfo("Indian/Mayotte"), "976"),
    # Alsace-Moselle keeps Good Friday and 26 December.
    "57": Territory("Moselle", PARIS, "57"),
    "67": _ALSACE,
    "68": _ALSACE,
}


def territory_of_departement(code: str | None) -> Territory:
    """The territory of a département code ("971", "64"); metropolitan when unknown or empty."""
    return _TERRITORIES.get(code or "", METROPOLE)


@functools.lru_cache(maxsize=64)
def _holidays(year: int, subdivision: str | None):
    return holidays.France(years=year, subdiv=subdivision)


def is_sending_day(day: datetime.date, *, territory: Territory) -> bool:
    """No SMS on Sunday nor on a public holiday of the territory."""
    return day.weekday() != 6 and day not in _holidays(day.year, territory.holiday_subdivision)


def next_sending_day(day: datetime.date, *, territory: Territory) -> datetime.date:
    """The first day after `day` on which SMS may go in the territory."""
    day += datetime.timedelta(days=1)
    while not is_sending_day(day, territory=territory):
        day += datetime.timedelta(days=1)
    return day
