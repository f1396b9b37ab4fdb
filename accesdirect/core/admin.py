from django.contrib import admin

from .audit import action_label
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The whole trail, platform-level lines included, for platform operators; read only (a
    trail that can be edited proves nothing). The direction reads its own on its page."""

    list_display = ["at", "structure", "actor_label", "action_text", "target_label"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target_label", "action"]
    list_select_related = ["structure"]
    date_hierarchy = "at"

    @admin.display(description="action")
    def action_text(self, event):
        return action_label(event.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
