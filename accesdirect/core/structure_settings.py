"""Saving a structure's own settings row (matching, reporting): one row per structure, created
on the first save, the given fields only, and what changed for the audit trail."""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .audit import audit_changes
from .errors import ConflictError


def structure_settings_save(
    model, *, structure_id: int, values: dict, check: Callable
) -> tuple[object, dict]:
    """Save `values` on the structure's row of `model` (created with the defaults if none),
    after `check(row)`; return the row and the changes (audit_changes). Call it inside the
    service's transaction: the row is locked, two people saving at once must not lose one
    another's fields, and two first saves at once end in one row and a French conflict."""
    settings = model.all_objects.select_for_update(of=("self",)).filter(structure_id=structure_id).first()
    if settings is None:
        settings = model(structure_id=structure_id, **values)
        check(settings)
        try:
            with transaction.atomic():
                settings.save(force_insert=True)
        except IntegrityError:
            raise ConflictError(
                _("Les réglages viennent d'être enregistrés par quelqu'un d'autre : rechargez la page.")
            ) from None
        return settings, audit_changes(model(structure_id=structure_id), values)
    changed = audit_changes(settings, values)
    for name, value in values.items():
        setattr(settings, name, value)
    check(settings)
    if values:
        settings.save(update_fields=list(values))
    return settings, changed
