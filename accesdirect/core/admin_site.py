from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


def is_direction(request) -> bool:
    membership = getattr(request, "membership", None)
    return bool(membership is not None and membership.is_direction)


class AccesDirectAdminSite(admin.AdminSite):
    """The Django admin: platform operators (superusers) see every structure; the direction of
    a structure edits its own settings there (sites, team, prescribers), within its scope."""

    site_header = "Accès Direct – administration"
    site_title = "Accès Direct"

    def has_permission(self, request):
        return request.user.is_active and (request.user.is_staff or is_direction(request))


class AdminConfig(BaseAdminConfig):
    default_site = "accesdirect.core.admin_site.AccesDirectAdminSite"
