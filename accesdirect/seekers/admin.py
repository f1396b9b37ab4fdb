"""Django admin for the seekers models. Non-superusers see their structure's rows only:
the middleware runs admin requests in their structure's scope."""

from django.contrib import admin

from .models import (
    Appointment,
    EngagementPeriod,
    Intake,
    JobSeeker,
    JournalEntry,
    Referral,
    TargetJob,
    TripartiteReview,
)


class ReferralInline(admin.TabularInline):
    model = Referral
    extra = 0
    raw_id_fields = ["organisation"]
    exclude = ["structure"]


class TargetJobInline(admin.TabularInline):
    model = TargetJob
    extra = 0
    raw_id_fields = ["appellation", "commune"]
    exclude = ["structure"]


class EngagementPeriodInline(admin.TabularInline):
    model = EngagementPeriod
    extra = 0
    fields = ["number", "starts_on", "ends_on", "status", "signed_on", "ended_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # PERs are created through the service, which enforces the rules.


@admin.register(JobSeeker)
class JobSeekerAdmin(admin.ModelAdmin):
    list_display = [
        "last_name",
        "first_name",
        "structure",
        "status",
        "programme",
        "site",
        "needs_tripartite_review",
    ]
    list_filter = ["status", "programme", "needs_tripartite_review"]
    search_fields = ["last_name", "first_name", "phone", "email"]
    list_select_related = ["structure", "site"]
    raw_id_fields = ["structure", "commune", "site"]
    inlines = [ReferralInline, TargetJobInline, EngagementPeriodInline]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "organisation", "programme", "referred_on", "intake_on"]
    list_filter = ["programme"]
    search_fields = [
        "job_seeker__last_name",
        "job_seeker__first_name",
        "organisation__name",
        "prescriber_name",
    ]
    list_select_related = ["job_seeker", "organisation"]
    raw_id_fields = ["structure", "job_seeker", "organisation"]
    date_hierarchy = "referred_on"


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "held_on", "by", "frame_explained", "agreed_to_engage", "completed_at"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name"]
    list_select_related = ["job_seeker", "by"]
    raw_id_fields = ["structure", "job_seeker", "by"]


@admin.register(TargetJob)
class TargetJobAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "appellation", "commune", "has_experience"]
    search_fields = ["job_seeker__last_name", "appellation__label"]
    list_select_related = ["job_seeker", "appellation", "commune"]
    raw_id_fields = ["structure", "job_seeker", "appellation", "commune"]


@admin.register(EngagementPeriod)
class EngagementPeriodAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "number", "status", "starts_on", "ends_on", "signed_on", "ended_on"]
    list_filter = ["status", "number"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name"]
    list_select_related = ["job_seeker"]
    raw_id_fields = ["structure", "job_seeker", "signed_by"]


@admin.register(TripartiteReview)
class TripartiteReviewAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "held_on", "outcome", "organisation", "by"]
    list_filter = ["outcome"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name"]
    list_select_related = ["job_seeker", "organisation", "by"]
    raw_id_fields = ["structure", "job_seeker", "organisation", "by"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "starts_at", "staff", "site", "status"]
    list_filter = ["status"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name", "purpose"]
    list_select_related = ["job_seeker", "staff", "site"]
    raw_id_fields = ["structure", "job_seeker", "staff", "site"]
    date_hierarchy = "starts_at"


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "occurred_at", "kind", "author", "company"]
    list_filter = ["kind"]
    search_fields = ["job_seeker__last_name", "job_seeker__first_name", "text"]
    list_select_related = ["job_seeker", "author", "company"]
    raw_id_fields = ["structure", "job_seeker", "author", "company"]
    date_hierarchy = "occurred_at"
