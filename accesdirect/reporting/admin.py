from django.contrib import admin

from .models import ReportingSettings, RsaAmount


@admin.register(RsaAmount)
class RsaAmountAdmin(admin.ModelAdmin):
    list_display = ["year", "household", "monthly_amount", "source"]
    list_filter = ["year", "household"]


@admin.register(ReportingSettings)
class ReportingSettingsAdmin(admin.ModelAdmin):
    list_display = ["structure", "grace_days", "objective_percent", "cost_basis"]
