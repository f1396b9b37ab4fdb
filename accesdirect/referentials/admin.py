"""The referentials in the admin: loaded from official files, so shown read-only, with search."""

from django.contrib import admin

from . import models


class ReferentialAdmin(admin.ModelAdmin):
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.RomeVersion)
class RomeVersionAdmin(ReferentialAdmin):
    list_display = ["version", "imported_at"]


@admin.register(models.GrandDomaine)
class GrandDomaineAdmin(ReferentialAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]


@admin.register(models.DomaineProfessionnel)
class DomaineProfessionnelAdmin(ReferentialAdmin):
    list_display = ["code", "label", "grand_domaine"]
    list_filter = ["grand_domaine"]
    list_select_related = ["grand_domaine"]
    search_fields = ["code", "label"]


class AppellationInline(admin.TabularInline):
    model = models.Appellation
    fields = ["code", "label", "short_label"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Fiche)
class FicheAdmin(ReferentialAdmin):
    list_display = ["code", "label", "domaine", "rome_version"]
    list_filter = ["domaine__grand_domaine", "rome_version"]
    list_select_related = ["domaine", "rome_version"]
    search_fields = ["code", "label"]
    inlines = [AppellationInline]


@admin.register(models.FicheMobility)
class FicheMobilityAdmin(ReferentialAdmin):
    list_display = ["source", "target", "order"]
    list_select_related = ["source", "target"]
    search_fields = ["source__code", "target__code"]


@admin.register(models.Appellation)
class AppellationAdmin(ReferentialAdmin):
    list_display = ["code", "label", "fiche", "rome_version"]
    list_filter = ["fiche__domaine__grand_domaine", "rome_version"]
    list_select_related = ["fiche", "rome_version"]
    search_fields = ["code", "label", "fiche__code"]


@admin.register(models.RomeSector)
class RomeSectorAdmin(ReferentialAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label", "fiches__code"]


@admin.register(models.Commune)
class CommuneAdmin(ReferentialAdmin):
    list_display = ["insee_code", "name", "postal_codes", "departement", "population"]
    list_filter = ["departement"]
    search_fields = ["insee_code", "name", "postal_codes"]


@admin.register(models.NafCode)
class NafCodeAdmin(ReferentialAdmin):
    list_display = ["code", "label", "section"]
    list_filter = ["section"]
    search_fields = ["code", "label"]


@admin.register(models.ReferentialLoad)
class ReferentialLoadAdmin(ReferentialAdmin):
    list_display = ["name", "row_count", "loaded_at", "source"]
