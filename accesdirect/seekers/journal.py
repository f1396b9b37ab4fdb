"""The events of a person's journal, stored as a code and parameters, rendered when read.

A journal entry written while a CRE used the English interface must read in French for
everybody else: so the sentence is never stored, only the event and its facts. Each app
declares the events it writes (`journal_event(...)` at import time of its `journal.py`,
imported by its AppConfig.ready()); a parameter may be given a type, which tells how to
render it: `Date`, `DateTime`, or a TextChoices class (rendered as its label).
"""

import dataclasses
import datetime
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import (
    AppointmentStatus,
    ExitReason,
    FirstActionBy,
    PeriodEndReason,
    Programme,
    ReviewOutcome,
    SignatureMethod,
)


class Date:
    """A date parameter (stored as ISO 8601)."""


class DateTime:
    """An aware datetime parameter (stored as ISO 8601), shown in Paris time."""


@dataclasses.dataclass(frozen=True)
class Lower:
    """A choice parameter rendered as its label in lower case, inside a sentence."""

    choices: type[models.Choices]


@dataclasses.dataclass(frozen=True)
class JournalEvent:
    code: str
    sentence: Promise | str
    types: dict[str, Any]


EVENTS: dict[str, JournalEvent] = {}


def journal_event(code: str, sentence: Promise, **types: Any) -> str:
    """Declare an event: its code, its sentence (a lazy gettext with %(name)s placeholders)
    and the types of its parameters. Returns the code, to be passed to journal_add()."""
    if code in EVENTS and EVENTS[code].sentence != sentence:
        raise ValueError(f"Journal event {code!r} declared twice.")
    EVENTS[code] = JournalEvent(code=code, sentence=sentence, types=types)
    return code


def stored_params(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as JSON: dates and datetimes in ISO 8601, choices by value."""

    def stored(value):
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, Decimal | Promise):
            return str(value)
        if isinstance(value, models.Model):
            return str(value)
        return value

    return {name: stored(value) for name, value in params.items()}


def _shown(value: Any, kind: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        if kind is Date:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        if kind is DateTime:
            moment = timezone.localtime(datetime.datetime.fromisoformat(value))
            return _("%(date)s à %(time)s") % {
                "date": formats.date_format(moment, "SHORT_DATE_FORMAT"),
                "time": formats.time_format(moment, "H:i"),
            }
        if isinstance(kind, Lower):
            return str(kind.choices(value).label).lower()
        if isinstance(kind, type) and issubclass(kind, models.Choices):
            return str(kind(value).label)
        if isinstance(kind, Callable):
            return str(kind(value))
    except (TypeError, ValueError):
        pass  # A value written by an older version: show it as stored rather than fail.
    return str(value)


def render_event(code: str, params: dict[str, Any]) -> str:
    event = EVENTS.get(code)
    if event is None:
        return code
    values = {name: _shown(value, event.types.get(name)) for name, value in params.items()}
    try:
        return str(event.sentence) % values
    except (KeyError, TypeError, ValueError):
        return str(event.sentence)


# --- The events written by the seekers' services -------------------------------------------

REFERRED = journal_event(
    "seekers.referred",
    gettext_lazy("Prescription par %(organisation)s (%(programme)s) le %(day)s."),
    day=Date,
    programme=Programme,
)
REENTERED = journal_event(
    "seekers.reentered",
    gettext_lazy(
        "Nouvelle prescription par %(organisation)s (%(programme)s) le %(day)s : reprise de l'accompagnement."
    ),
    day=Date,
    programme=Programme,
)
INTAKE_COMPLETED = journal_event(
    "seekers.intake_completed", gettext_lazy("Accueil terminé. Postes visés : %(jobs)s.")
)
TARGET_JOB_ADDED = journal_event("seekers.target_job_added", gettext_lazy("Poste visé ajouté : %(job)s."))
TARGET_JOB_REMOVED = journal_event("seekers.target_job_removed", gettext_lazy("Poste visé retiré : %(job)s."))
APPOINTMENT_MADE = journal_event(
    "seekers.appointment_made", gettext_lazy("Rendez-vous fixé le %(when)s avec %(staff)s."), when=DateTime
)
APPOINTMENT_OUTCOME = journal_event(
    "seekers.appointment_outcome",
    gettext_lazy("Rendez-vous du %(when)s : %(status)s."),
    when=DateTime,
    status=Lower(AppointmentStatus),
)
SMS_ALLOWED = journal_event(
    "seekers.sms_allowed",
    gettext_lazy("SMS réautorisés : la personne recevra de nouveau les messages de la structure."),
)
SMS_STOPPED = journal_event(
    "seekers.sms_stopped",
    gettext_lazy("SMS arrêtés à la demande de la personne : plus aucun message ne lui sera envoyé."),
)
PERIOD_CREATED = journal_event(
    "seekers.period_created",
    gettext_lazy("PER %(number)s établi, du %(start)s au %(end)s, à signer."),
    start=Date,
    end=Date,
)
PERIOD_SIGNED = journal_event(
    "seekers.period_signed",
    gettext_lazy("PER %(number)s signé le %(day)s (%(method)s)."),
    day=Date,
    method=SignatureMethod,
)
PERIOD_FIRST_ACTION = journal_event(
    "seekers.period_first_action",
    gettext_lazy("PER %(number)s, première action engageante (%(who)s, le %(day)s) :"),
    day=Date,
    who=FirstActionBy,
)
PERIOD_ENDED = journal_event(
    "seekers.period_ended",
    gettext_lazy("PER %(number)s terminé le %(day)s (%(reason)s)."),
    day=Date,
    reason=PeriodEndReason,
)
REVIEW_DUE = journal_event(
    "seekers.review_due", gettext_lazy("Troisième PER sans emploi : bilan tripartite à organiser.")
)
REVIEW_REQUESTED = journal_event("seekers.review_requested", gettext_lazy("Bilan tripartite à organiser."))
REVIEW_HELD = journal_event(
    "seekers.review_held",
    gettext_lazy("Bilan tripartite du %(day)s : %(outcome)s."),
    day=Date,
    outcome=ReviewOutcome,
)
EXITED = journal_event(
    "seekers.exited",
    gettext_lazy("Fin d'accompagnement le %(day)s : %(reason)s."),
    day=Date,
    reason=ExitReason,
)
# The SMS reminder of an appointment, as the outbox sent it. The outbox keeps its messages apart
# from the journal; the demo's history, which has no messages, tells it here.
REMINDER_SENT = journal_event(
    "seekers.reminder_sent",
    gettext_lazy("Rappel du rendez-vous du %(when)s envoyé par SMS."),
    when=DateTime,
)
