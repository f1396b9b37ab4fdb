"""The only writes of the reporting app: a structure's reporting settings."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError
from accesdirect.core.structure_settings import structure_settings_save

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
    settings, changed = structure_settings_save(
        ReportingSettings, structure_id=structure_id, values=values, check=_checked
    )
    if changed:
        audit_record(by=by, action="reporting_settings.changed", target=settings, params={"changes": changed})
    return settings
