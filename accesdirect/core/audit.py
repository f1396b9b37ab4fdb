"""The audit trail of the whole product: who did what, to which object, and when.

Services that take `by` call `audit_record(...)` inside their transaction, so that the line is
written if and only if the change is. Lines store an action code and JSON parameters, never a
sentence; each app registers the French labels of its codes (`register_actions`, called from
its `AppConfig.ready()`), rendered in the reader's language when the trail is read.

Action codes are short and stable: `<object>.<past participle>` ("offer.cancelled",
"settings.changed"). Renaming a code orphans the lines already written, so don't.
"""

import datetime
import decimal
import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

__all__ = ["audit_record", "audit_changes", "register_actions", "action_label", "action_choices"]

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


def register_actions(labels: Mapping[str, Any]) -> None:
    """Declare the (lazy, translatable) labels of an app's action codes. A label reads as a
    verb phrase whose subject is the actor: "a annulé l'offre"."""
    _ACTION_LABELS.update(labels)


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
        event.target_label = str(target)[:200]
    # The manager is scoped, but create() works in or out of a scope; save() is simpler still.
    event.save(force_insert=True)
    return event


def _actor_label(actor) -> str:
    if actor is None:
        return ""
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (name or str(actor))[:200]
