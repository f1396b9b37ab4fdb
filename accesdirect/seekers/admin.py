"""Django admin for the seekers models. Non-superusers see their structure's rows only:
the middleware runs admin requests in their structure's scope."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .enums import SeekerStatus
from .models import (
    MIN_TARGET_JOBS,
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


class TargetJobFormSet(BaseInlineFormSet):
    def clean(self):
        """Principle C holds in the admin too: once the intake is done, a person always keeps
        at least three target jobs."""
        super().clean()
        if self.instance.status == SeekerStatus.REFERRED:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("appellation") and not self._should_delete_form(form)
        ]
        if len(kept) < MIN_TARGET_JOBS:
            raise ValidationError(_("Au moins trois postes visés pour une personne dont l'accueil est fait."))


class TargetJobInline(admin.TabularInline):
    model = TargetJob
    formset = TargetJobFormSet
    extra = 0
    raw_id_fields = ["appellation", "commune"]
    exclude = ["structure"]


class EngagementPeriodInline(admin.TabularInline):
    model = EngagementPeriod
    extra = 0
    fields = ["cycle", "number", "starts_on", "ends_on", "status", "signed_on", "ended_on", "end_reason"]
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
        "exit_reason",
        "programme",
        "site",
        "needs_tripartite_review",
    ]
    list_filter = ["status", "exit_reason", "programme", "needs_tripartite_review"]
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

    def get_readonly_fields(self, request, obj=None):
        # Moving a target job to another person would take it from the first one.
        return ["job_seeker"] if obj is not None else []

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # Deleted one by one, each checked below.
        return actions

    def has_delete_permission(self, request, obj=None):
        # Principle C: once the intake is done, a person always keeps three target jobs.
        if (
            obj is not None
            and obj.job_seeker.status != SeekerStatus.REFERRED
            and obj.job_seeker.target_jobs.count() <= MIN_TARGET_JOBS
        ):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(EngagementPeriod)
class EngagementPeriodAdmin(admin.ModelAdmin):
    list_display = [
        "job_seeker",
        "cycle",
        "number",
        "status",
        "starts_on",
        "ends_on",
        "signed_on",
        "ended_on",
    ]
    list_filter = ["status", "cycle", "number", "end_reason"]
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
