from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.db import transaction


def is_direction(request) -> bool:
    membership = getattr(request, "membership", None)
    return bool(membership is not None and membership.is_direction)


class AuditedAdminMixin:
    """Every change made in the admin goes into the audit trail with its author (Django's own
    LogEntry only says which fields changed, and is not shown to the direction).

    The audit module is imported in the methods: this module is loaded with INSTALLED_APPS,
    before any model can be."""

    def _changes(self, obj, form) -> dict:
        concrete = {field.name for field in obj._meta.concrete_fields}
        names = [name for name in form.changed_data if name in concrete]
        if not names:
            return {}
        from .audit import audit_changes

        # The form already wrote the new values on obj: the old ones are read from the row.
        before = type(obj)._base_manager.get(pk=obj.pk)
        return audit_changes(before, {name: getattr(obj, name) for name in names})

    def _action(self, obj, verb: str) -> str:
        from .models import AuditEvent

        # The direction's own settings read as such in the trail.
        if verb == "changed" and isinstance(obj, AuditEvent._meta.get_field("structure").related_model):
            return "settings.changed"
        return f"admin.{verb}"

    def _record(self, request, obj, verb: str, changes: dict | None = None) -> None:
        from .audit import audit_record

        audit_record(
            by=request.user,
            action=self._action(obj, verb),
            target=obj,
            params={"changes": changes} if changes else None,
        )

    def save_model(self, request, obj, form, change):
        changes = self._changes(obj, form) if change else {}
        super().save_model(request, obj, form, change)
        if changes or not change:
            self._record(request, obj, "changed" if change else "added", changes)

    def delete_model(self, request, obj):
        self._record(request, obj, "deleted")
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, obj, "deleted")
        super().delete_queryset(request, queryset)


class AccesDirectAdminSite(admin.AdminSite):
    """The Django admin: platform operators (superusers) see every structure; the direction of
    a structure edits its own settings there (sites, team, prescribers), within its scope.

    Every ModelAdmin registered here is audited (AuditedAdminMixin), whichever app registers it."""

    site_header = "Accès Direct – administration"
    site_title = "Accès Direct"

    def has_permission(self, request):
        return request.user.is_active and (request.user.is_staff or is_direction(request))

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(
                admin_class.__name__, (AuditedAdminMixin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)


class AdminConfig(BaseAdminConfig):
    default_site = "accesdirect.core.admin_site.AccesDirectAdminSite"
