from django.contrib import admin

from .models import Company, CompanyContact, CompanyPerson


class CompanyPersonInline(admin.TabularInline):
    model = CompanyPerson
    extra = 0
    fields = ["name", "role", "phone", "email"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "commune", "relationship", "followed_by", "structure"]
    list_filter = ["structure", "relationship", "size_band"]
    search_fields = ["name", "siret"]
    list_select_related = ["commune", "followed_by", "structure"]
    raw_id_fields = ["naf", "commune", "followed_by"]
    inlines = [CompanyPersonInline]

    def save_formset(self, request, form, formset, change):
        # Inline rows belong to the structure of their company.
        for person in formset.save(commit=False):
            person.structure_id = form.instance.structure_id
            person.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(CompanyContact)
class CompanyContactAdmin(admin.ModelAdmin):
    list_display = ["company", "occurred_at", "kind", "outcome", "by", "next_follow_up_on"]
    list_filter = ["structure", "kind", "outcome"]
    search_fields = ["company__name", "notes"]
    date_hierarchy = "occurred_at"
    list_select_related = ["company", "by"]
    raw_id_fields = ["company", "by", "person", "job_seekers"]
