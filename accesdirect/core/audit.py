"""The audit trail of the whole product: who did what, to which object, and when.

Services that take `by` call `audit_record(...)` inside their transaction, so that the line is
written if and only if the change is. Lines store an action code and JSON parameters, never a
sentence; each app registers the French labels of its codes (`register_actions`, called from
its own `audit` module, which core's AppConfig.ready() discovers), rendered in the reader's
language when the trail is read.

Action codes are short and stable: `<object>.<past participle>` ("offer.cancelled",
"settings.changed"). Renaming a code orphans the lines already written, so don't.
"""

import contextlib
import datetime
import decimal
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

__all__ = [
    "audit_record",
    "audit_changes",
    "register_actions",
    "action_label",
    "action_choices",
    "audit_details",
    "target_display",
    "audit_events",
]

# Parameters whose name contains one of these words are never stored, whatever the caller passes.
SECRET_WORDS = ("password", "secret", "token", "api_key", "apikey", "credential")
REDACTED = "***"
# Free texts (descriptions, notes) are kept short in the trail: it says what changed, it is
# not a copy of the record.
MAX_TEXT = 200

_ACTION_LABELS: dict[str, Any] = {
    # Actions made in the Django admin (structure settings edited by the direction).
    "admin.added": _("a ajouté dans l'administration"),
    "admin.changed": _("a modifié dans l'administration"),
    "admin.deleted": _("a supprimé dans l'administration"),
    "settings.changed": _("a modifié les paramètres de la structure"),
}


# Per action, a function of the parameters giving a sentence that completes the line.
_ACTION_DETAILS: dict[str, Callable[[dict], str]] = {}


def register_actions(
    labels: Mapping[str, Any], details: Mapping[str, Callable[[dict], str]] | None = None
) -> None:
    """Declare the (lazy, translatable) labels of an app's action codes. A label reads as a
    verb phrase whose subject is the actor: "a annulé l'offre". `details` optionally gives,
    per code, a function of the line's parameters returning a short sentence in the active
    language (e.g. which kind of message); changed fields are described without it."""
    _ACTION_LABELS.update(labels)
    _ACTION_DETAILS.update(details or {})


def action_label(action: str) -> str:
    """The label of an action in the active language; an unknown code shows as itself."""
    label = _ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of every registered action, sorted by label in the active language."""
    return sorted(((code, str(label)) for code, label in _ACTION_LABELS.items()), key=lambda item: item[1])


def _is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in SECRET_WORDS)


def _jsonable(value: Any) -> Any:
    """A JSON value for a parameter: dates as ISO strings, decimals as strings, model instances
    as their id, lazy translations as text; containers recursively, secret keys redacted."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        # TextChoices members are str: keep their value, not their repr.
        text = str(value)
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {
            str(key): (REDACTED if _is_secret(str(key)) else _jsonable(item)) for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def _display(value: Any) -> Any:
    """A value as shown in a change: a related object by its name, so that the line still
    reads after the object is renamed or deleted."""
    if isinstance(value, models.Model):
        return str(value)[:MAX_TEXT]
    return _jsonable(value)


def audit_changes(instance: models.Model, changes: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields that `changes` would really change on `instance`, with old and new values.

    Call it before applying the changes. Secret fields are listed without their values.
    Returns {"field": {"old": ..., "new": ...}}, ready for `params={"changes": ...}`.
    """
    result = {}
    for field, new in changes.items():
        old = getattr(instance, field, None)
        if old == new:
            continue
        if _is_secret(field):
            result[field] = {"old": REDACTED, "new": REDACTED}
        else:
            result[field] = {"old": _display(old), "new": _display(new)}
    return result


def _structure_model():
    return AuditEvent._meta.get_field("structure").related_model


def audit_record(
    *,
    by,
    action: str,
    target=None,
    structure_id: int | None = None,
    params: dict | None = None,
) -> AuditEvent:
    """Record that `by` (a user, or None for the system and the schedulers) did `action` on
    `target`. Call it inside the service's transaction.

    The structure defaults to the target's (or the target itself when it is a structure); a
    line without structure is a platform-level action, visible to operators only.
    """
    if structure_id is None and target is not None:
        if isinstance(target, _structure_model()):
            structure_id = target.pk
        else:
            structure_id = getattr(target, "structure_id", None)
    actor = by if by is not None and getattr(by, "pk", None) is not None else None
    event = AuditEvent(
        structure_id=structure_id,
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        params=_jsonable(params or {}),
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        event.target_id = target.pk
        # A model without its own __str__ is shown by its type and id when the trail is read.
        has_label = type(target).__str__ is not models.Model.__str__
        event.target_label = str(target)[:200] if has_label else ""
    # The manager is scoped, but create() works in or out of a scope; save() is simpler still.
    event.save(force_insert=True)
    return event


def _actor_label(actor) -> str:
    if actor is None:
        return ""
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (name or str(actor))[:200]


# --- Reading --------------------------------------------------------------------------------


def target_display(event: AuditEvent, content_types: Mapping[int, ContentType]) -> str:
    """The object of a line: its label when written, else its type and id."""
    if event.target_label:
        return event.target_label
    content_type = content_types.get(event.target_type_id)
    model = content_type.model_class() if content_type is not None else None
    if model is None:
        return ""
    return gettext("%(type)s n° %(id)s") % {"type": model._meta.verbose_name, "id": event.target_id}


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the line was written
        return None


def _shown(field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return gettext("(vide)")
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    choices = dict(field.flatchoices) if field is not None and getattr(field, "flatchoices", None) else {}
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if field is not None and not field.is_relation and isinstance(value, str):
        # Dates and decimals were stored as text: shown in the reader's format.
        with contextlib.suppress(ValidationError):
            value = field.to_python(value)
    return str(localize(value))


def audit_details(event: AuditEvent, content_types: Mapping[int, ContentType]) -> list[str]:
    """Sentences completing a line in the active language: the action's own detail, then each
    changed field with its old and new value."""
    params = event.params if isinstance(event.params, dict) else {}
    details = []
    describe = _ACTION_DETAILS.get(event.action)
    if describe is not None:
        try:
            text = describe(params)
        except (KeyError, ValueError, TypeError):
            # A line written before its parameters changed shape still reads, without detail.
            text = ""
        if text:
            details.append(str(text))
    content_type = content_types.get(event.target_type_id)
    model = content_type.model_class() if content_type is not None else None
    changes = params.get("changes")
    for name, change in (changes if isinstance(changes, dict) else {}).items():
        field = _model_field(model, name)
        label = capfirst(field.verbose_name) if field is not None else name
        change = change if isinstance(change, dict) else {}
        details.append(
            gettext("%(field)s : %(old)s → %(new)s")
            % {
                "field": label,
                "old": _shown(field, change.get("old")),
                "new": _shown(field, change.get("new")),
            }
        )
    return details


def audit_events(
    *,
    actor: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
    action: str | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> models.QuerySet:
    """The lines of the current structure's trail (the scope decides), newest first, filtered.
    `actor` is a user id or "system" for the lines written without anybody; days are local."""
    events = AuditEvent.objects.all()
    if actor == "system":
        events = events.filter(actor__isnull=True, actor_label="")
    elif actor:
        events = events.filter(actor_id=actor)
    if target_type:
        events = events.filter(target_type_id=target_type)
    if target_id:
        events = events.filter(target_id=target_id)
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events.order_by("-at", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
