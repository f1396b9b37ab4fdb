"""The plausible ranges of what people type: dates, durations, hours, page numbers, ids.

Two layers, each in one place:
- Fixed bounds that the database checks (CHECK constraints built with `day_in_bounds()`): no
  date before 1900 or after 2100 is ever stored. Python cannot do arithmetic near year 1 or
  year 9999, PostgreSQL keeps dates that Python cannot read back (a moment of 01/01/0001 in
  Paris is year 0 in UTC), and the SMS of an appointment in 9999 would wait in the outbox
  forever; so whatever code path writes, those values never reach a page.
- Windows relative to today, per kind of date, that forms and services apply with a French
  message on the field (an appointment within a year before and two years after today, a
  birth date for an adult of working age…): they catch the typo the fixed bounds let through.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .calendar import add_months, paris_date, paris_today
from .errors import DomainError

FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
FIRST_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LAST_MOMENT = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)
# The largest id a database column holds (bigint): a larger one is no object, never a query.
MAX_ID = 2**63 - 1
# The largest page number the API accepts (a page past the last one is empty there; the pages
# of the site show their last page instead).
MAX_PAGE = 100_000

# Numbers of the domain.
MIN_HOURS_PER_WEEK = Decimal(1)
MAX_HOURS_PER_WEEK = Decimal(48)  # the legal weekly maximum (Code du travail, L3121-20)
MAX_CONTRACT_MONTHS = 60  # a CDD is at most 18 months, renewals included; 5 years covers any contract
MAX_COMMUTE_KM = 200
MIN_AGE, MAX_AGE = 16, 70


def day_in_bounds(field: str) -> Q:
    """The condition of a CHECK constraint keeping a date field between 1900 and 2100 (a NULL
    passes: CHECK constraints accept unknown)."""
    return Q(**{f"{field}__gte": FIRST_DAY, f"{field}__lte": LAST_DAY})


def moment_in_bounds(field: str) -> Q:
    """The same for a date and time field."""
    return Q(**{f"{field}__gte": FIRST_MOMENT, f"{field}__lt": LAST_MOMENT})


def clamp_into_bounds(model, field: str, low=None, high=None) -> None:
    """For a migration adding a bounds constraint: bring the values stored outside the bounds
    to the nearest one, rows kept (a typo of year 1 becomes 01/01/1900, visible and corrected
    on the page, instead of a page that cannot open). Dates and moments default to the fixed
    bounds; numbers give theirs. Done in SQL: PostgreSQL keeps moments Python cannot read."""
    if low is None:
        moment = model._meta.get_field(field).get_internal_type() == "DateTimeField"
        low, high = (
            (FIRST_MOMENT, LAST_MOMENT - datetime.timedelta(seconds=1)) if moment else (FIRST_DAY, LAST_DAY)
        )
    rows = model._base_manager.all()
    rows.filter(**{f"{field}__lt": low}).update(**{field: low})
    rows.filter(**{f"{field}__gt": high}).update(**{field: high})


def is_id(value) -> bool:
    """Whether a typed value can be an object's id (a positive bigint): anything else is no
    object, and is never handed to a query (a 20-digit number overflows the database)."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


class OutOfRange(DomainError):
    """A date or number outside its plausible range; `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _day(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


@dataclasses.dataclass(frozen=True)
class Window:
    """The days on which one kind of date is plausible: from `months_before` months before
    today to `months_after` months after it (negative values: before today). `message` may
    name %(first)s and %(last)s; by default, "Choisissez une date entre le … et le …"."""

    months_before: int
    months_after: int
    message: str | Promise | None = None

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        today = today or paris_today()
        return add_months(today, -self.months_before), add_months(today, self.months_after)

    def refusal(
        self, day: datetime.date | datetime.datetime, *, today: datetime.date | None = None
    ) -> str | None:
        """Why `day` is implausible (French), or None. A moment is judged by its date in Paris."""
        if isinstance(day, datetime.datetime):
            day = paris_date(day) if day.tzinfo else day.date()
        first, last = self.bounds(today)
        if first <= day <= last:
            return None
        message = self.message or _("Choisissez une date entre le %(first)s et le %(last)s.")
        return str(message) % {"first": _day(first), "last": _day(last)}

    def check(self, day, *, field: str | None = None, today: datetime.date | None = None) -> None:
        """For services: OutOfRange when `day` is implausible (None is not checked)."""
        if day is None:
            return
        refusal = self.refusal(day, today=today)
        if refusal:
            raise OutOfRange(refusal, field=field)


# The windows of the domain, in months around today.
APPOINTMENT = Window(12, 24)
BIRTH = Window(
    MAX_AGE * 12,
    -MIN_AGE * 12,
    _("La personne doit avoir entre 16 et 70 ans : une date de naissance entre le %(first)s et le %(last)s."),
)
# Since when a person has been without a job or on the RSA: a working life back, never ahead.
SITUATION_SINCE = Window((MAX_AGE - MIN_AGE) * 12, 0)
PAST_MESSAGE = _(
    "Choisissez une date entre le %(first)s et aujourd'hui : ce qui est enregistré ici ne peut pas "
    "être daté dans le futur."
)
# A fact recorded once it happened (a referral, an intake, a signature, a follow-up, a review).
RECORDED = Window(12, 0, PAST_MESSAGE)
# A contact with a company is logged the day it happens or after; its follow-up is planned ahead.
FOLLOW_UP = Window(12, 24)
OFFER_START = Window(24, 24)
EMPLOYMENT_START = Window(60, 12)
# The end of a job is recorded once it happened, back to the oldest start accepted.
EMPLOYMENT_END = Window(60, 0, PAST_MESSAGE)
IMMERSION_START = Window(12, 12)
INTERVIEW = Window(12, 24)


def duration_refusal(months) -> str | None:
    if months is not None and not 1 <= months <= MAX_CONTRACT_MONTHS:
        return gettext("Une durée va de 1 à %(max)s mois (cinq ans).") % {"max": MAX_CONTRACT_MONTHS}
    return None


def contract_end_refusal(starts_on: datetime.date, ends_on: datetime.date) -> str | None:
    """Why a contract from `starts_on` cannot end on `ends_on` (French), or None."""
    if ends_on < starts_on:
        return gettext("La fin ne peut pas précéder le début.")
    latest = add_months(starts_on, MAX_CONTRACT_MONTHS)
    if ends_on > latest:
        return gettext("Un contrat dure cinq ans au plus : il finit au plus tard le %(day)s.") % {
            "day": _day(latest)
        }
    return None


def hours_refusal(hours) -> str | None:
    if hours is not None and not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:
        return gettext("Les heures par semaine vont de %(min)s à %(max)s.") % {
            "min": MIN_HOURS_PER_WEEK,
            "max": MAX_HOURS_PER_WEEK,
        }
    return None
