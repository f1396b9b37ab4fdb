from django.contrib import admin

from .models import Immersion


@admin.register(Immersion)
class ImmersionAdmin(admin.ModelAdmin):
    """Immersion.clean() applies the convention's rules here too (one month at most, two with
    the same company within twelve months, the tutor's mobile)."""

    list_display = ["job_seeker", "company", "starts_on", "ends_on", "purpose", "outcome", "cancelled_at"]
    list_filter = ["structure", "purpose", "outcome"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name", "company__name", "tutor_name"]
    date_hierarchy = "starts_on"
    list_select_related = ["job_seeker", "company"]
    raw_id_fields = [
        "job_seeker",
        "company",
        "prescriber",
        "commune",
        "appellation",
        "created_by",
        "cancelled_by",
    ]
