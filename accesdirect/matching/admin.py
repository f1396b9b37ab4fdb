"""Django admin of matching: the settings of each structure, and the weekly drafts read-only
(decisions go through the services, so that a positioning is created with them)."""

from django.contrib import admin

from .models import AssignmentDraft, AssignmentLine, MatchingSettings


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "structure",
        "job_weight",
        "commute_weight",
        "conditions_weight",
        "min_fit",
        "detour_factor",
    ]
    list_select_related = ["structure"]


class AssignmentLineInline(admin.TabularInline):
    model = AssignmentLine
    extra = 0
    fields = ["offer", "proposed_job_seeker", "fit", "decision", "chosen_job_seeker", "reason", "decided_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AssignmentDraft)
class AssignmentDraftAdmin(admin.ModelAdmin):
    list_display = [
        "week_start",
        "structure",
        "status",
        "offers_count",
        "people_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["structure", "status"]
    list_select_related = ["structure", "created_by"]
    readonly_fields = [
        "structure",
        "week_start",
        "created_by",
        "created_at",
        "status",
        "offers_count",
        "people_count",
        "seconds",
        "offers_without_candidate",
        "people_without_offer",
    ]
    inlines = [AssignmentLineInline]

    def has_add_permission(self, request):
        return False
