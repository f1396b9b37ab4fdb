"""Plain French strings for message contexts: "mercredi 25 novembre", "9h30", "Camille M.".

Messages are written in French whatever the language of the screen that caused them, so
these helpers do not depend on the active translation."""

import datetime

from django.utils import timezone

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def local_day(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def sms_date(value: datetime.date | datetime.datetime) -> str:
    """'mercredi 25 novembre' (a datetime is read in the local time zone)."""
    day = local_day(value)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"


def sms_time(value: datetime.datetime) -> str:
    """'9h30', '14h' (local time)."""
    local = timezone.localtime(value)
    return f"{local.hour}h{local.minute:02d}" if local.minute else f"{local.hour}h"


def staff_name(user) -> str:
    """How a person knows their CRE: first name and initial ("Camille M."), else the e-mail."""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or last or user.email
