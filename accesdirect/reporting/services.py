"""The only writes of the reporting app: a structure's reporting settings."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.errors import ConflictError, DomainError

from .models import ReportingSettings

SETTINGS_FIELDS = frozenset(
    {
        "grace_days",
        "objective_percent",
        "objective_months",
        "cost_basis",
        "cost_per_person",
        "convention_amount",
    }
)


def _checked(settings: ReportingSettings) -> None:
    try:
        # The row's own rules (bounds of each field); uniqueness is the database's job.
        settings.full_clean(exclude=["structure"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None


@transaction.atomic
def reporting_settings_update(*, structure, by, **values) -> ReportingSettings:
    """Save the structure's own settings: the given fields; the others keep their value, or
    the documented default when the structure had none."""
    unknown = set(values) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"reporting_settings_update() cannot change {sorted(unknown)}")
    structure_id = structure if isinstance(structure, int) else structure.pk
    # Lock the row: two people saving at once must not lose one another's fields.
    settings = (
        ReportingSettings.all_objects.select_for_update(of=("self",))
        .filter(structure_id=structure_id)
        .first()
    )
    if settings is None:
        settings = ReportingSettings(structure_id=structure_id, **values)
        _checked(settings)
        try:
            with transaction.atomic():
                settings.save(force_insert=True)
        except IntegrityError:
            raise ConflictError(
                _("Les réglages viennent d'être enregistrés par quelqu'un d'autre : rechargez la page.")
            ) from None
        changed = audit_changes(ReportingSettings(structure_id=structure_id), values)
    else:
        changed = audit_changes(settings, values)
        for name, value in values.items():
            setattr(settings, name, value)
        _checked(settings)
        if values:
            settings.save(update_fields=list(values))
    if changed:
        audit_record(by=by, action="reporting_settings.changed", target=settings, params={"changes": changed})
    return settings
