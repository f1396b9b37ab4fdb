from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Employment, JobFollowUp, Offer, Positioning, PositioningStep


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "contract", "status", "captured_by", "captured_on", "structure"]
    list_filter = ["structure", "status", "contract", "source"]
    search_fields = ["title", "company__name"]
    date_hierarchy = "captured_on"
    list_select_related = ["company", "captured_by", "structure"]
    raw_id_fields = ["company", "captured_by", "appellation", "commune"]


class PositioningStepInline(admin.TabularInline):
    model = PositioningStep
    extra = 0
    fields = ["status", "at", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Positioning)
class PositioningAdmin(admin.ModelAdmin):
    list_display = ["offer", "job_seeker", "status", "presented_by", "created_at", "ended_at"]
    list_filter = ["structure", "status"]
    search_fields = ["offer__title", "job_seeker__last_name", "job_seeker__first_name"]
    list_select_related = ["offer__company", "job_seeker", "presented_by"]
    raw_id_fields = ["offer", "job_seeker", "presented_by"]
    inlines = [PositioningStepInline]


class JobFollowUpInline(admin.TabularInline):
    model = JobFollowUp
    extra = 0
    fields = ["due_on", "done_on", "going_well", "by", "notes"]
    raw_id_fields = ["by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = [
        "job_title",
        "employer_name",
        "job_seeker",
        "contract",
        "starts_on",
        "ends_on",
        "ended_on",
        "durable",
    ]
    list_filter = ["structure", "contract"]
    search_fields = ["job_title", "employer_name", "job_seeker__last_name"]
    date_hierarchy = "starts_on"
    list_select_related = ["job_seeker"]
    raw_id_fields = ["job_seeker", "positioning", "company", "recorded_by"]
    readonly_fields = ["durable"]
    inlines = [JobFollowUpInline]

    @admin.display(boolean=True, description=_("emploi durable"))
    def durable(self, obj):
        # Derived from contract and dates, never stored: an operator correcting dates keeps it right.
        return obj.is_durable


@admin.register(JobFollowUp)
class JobFollowUpAdmin(admin.ModelAdmin):
    list_display = ["employment", "due_on", "done_on", "going_well", "by"]
    list_filter = ["structure", "going_well"]
    list_select_related = ["employment"]
    raw_id_fields = ["employment", "by"]
