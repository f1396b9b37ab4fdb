"""Small integer codes of the values the engine compares in numpy arrays."""

import datetime
import enum

from accesdirect.offers.enums import Contract, OfferStatus
from accesdirect.seekers.enums import Availability, Programme, SeekerStatus, WorkCondition, WorkingTime

CONTRACTS = list(Contract)
PROGRAMMES = list(Programme)
WORK_CONDITIONS = list(WorkCondition)
OFFER_STATUSES = list(OfferStatus)
SEEKER_STATUSES = list(SeekerStatus)

# Working time: of a wish (ANY = no wish) and of an offer (ANY = hours unknown).
TIME_CODES = {WorkingTime.ANY: 0, WorkingTime.FULL_TIME: 1, WorkingTime.PART_TIME: 2}
FULL_TIME_HOURS = 35

# The day a person can start, in days from today, by declared availability.
AVAILABLE_IN_DAYS = {Availability.IMMEDIATE: 0, Availability.WITHIN_MONTH: 30, Availability.LATER: 60}
# An offer starting up to a week before the person is available still suits.
START_TOLERANCE_DAYS = 7


class JobLevel(enum.IntEnum):
    """How the offer's job relates to the person's target jobs (the points of the job part)."""

    NONE = 0
    SAME_DOMAINE = 1
    SAME_PARENT = 2
    CLOSE = 3
    TARGET = 4
    DONE = 5


class Filter(enum.IntFlag):
    """Hard filters: a pair with any of these flags is not compatible."""

    OFFER_POSITIONED = 1
    OFFER_CLOSED = 2
    PERSON_INACTIVE = 4
    REFUSED = 8
    JOB_UNRELATED = 16
    TOO_FAR = 32
    LICENCE = 64
    CONDITIONS = 128


def bitmask(values, universe: list) -> int:
    """The values (enum values, in any order) as bits of their position in `universe`."""
    mask = 0
    for value in values or ():
        try:
            mask |= 1 << universe.index(value)
        except ValueError:
            continue  # a value retired from the enum: ignored, never fatal
    return mask


def values_of(mask: int, universe: list) -> list:
    return [value for position, value in enumerate(universe) if mask & (1 << position)]


def offer_time_code(hours_per_week) -> int:
    if hours_per_week is None:
        return 0
    return 1 if float(hours_per_week) >= FULL_TIME_HOURS else 2


def days_from(today: datetime.date, day: datetime.date | None) -> int:
    return 0 if day is None else (day - today).days
