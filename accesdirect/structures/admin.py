from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accesdirect.accounts.invitations import invitation_send
from accesdirect.core.admin_site import is_direction

from .forms import MemberOrNewAccountForm, NewStaffMemberForm, structure_people
from .models import Membership, Network, PrescriberMembership, PrescriberOrganisation, Site, Structure, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "phone"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "head_structure"]


class DirectionSettingsAdmin(admin.ModelAdmin):
    """Settings of a structure: its direction may view and change them (the middleware's scope
    limits the rows to its structure); platform operators keep Django's permissions."""

    def _allowed(self, request) -> bool:
        return is_direction(request)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._allowed(request)

    def has_add_permission(self, request):
        return super().has_add_permission(request) or self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or self._allowed(request)


@admin.register(Structure)
class StructureAdmin(DirectionSettingsAdmin):
    list_display = ["name", "network", "commune", "sms_sender"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["commune"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # Direction members edit their own structure's settings only.
        return queryset.filter(pk=getattr(request.structure, "pk", None))

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["network", "slug"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}

    # Creating or removing a structure is the platform operators' job.
    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)

    def has_delete_permission(self, request, obj=None):
        return admin.ModelAdmin.has_delete_permission(self, request, obj)


class StructureOwnedAdmin(DirectionSettingsAdmin):
    """Admin of structure-owned rows: the middleware's scope already limits the rows to the
    user's structure; new rows are attached to it."""

    def get_exclude(self, request, obj=None):
        # Platform operators (superusers) choose the structure; members cannot.
        return [] if request.user.is_superuser else ["structure"]

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.structure = request.structure
        super().save_model(request, obj, form, change)


@admin.register(Site)
class SiteAdmin(StructureOwnedAdmin):
    list_display = ["name", "commune"]
    raw_id_fields = ["commune"]


class PeopleOfTheStructureAdmin(StructureOwnedAdmin):
    """Admin of a membership: platform operators pick any account by its number; the direction
    picks one of its structure's people or creates a new account, and cannot move an existing
    membership to another account. Typing a number would otherwise attach any account of the
    platform to its structure and show its name."""

    raw_id_fields = ["user"]
    direction_add_form = MemberOrNewAccountForm

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return ["user"]
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = type(
                self.direction_add_form.__name__, (self.direction_add_form,), {"structure": request.structure}
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None and not request.user.is_superuser:
            extra = ["new_email", "new_first_name", "new_last_name"]
            fields = [name for name in fields if name not in extra]
            position = fields.index("user") + 1
            fields[position:position] = extra
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = structure_people(request.structure)
            kwargs["widget"] = forms.Select  # a list of names, not a box for any number
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        account = form.new_account() if hasattr(form, "new_account") else None
        if account is not None:
            # No password: the person chooses one through the link e-mailed to them.
            account.set_unusable_password()
            account.save()
            obj.user = account
        super().save_model(request, obj, form, change)
        if account is not None:
            invitation_send(request=request, user=account, structure=obj.structure)


@admin.register(Membership)
class MembershipAdmin(PeopleOfTheStructureAdmin):
    list_display = ["user", "role", "site", "is_active"]
    list_filter = ["role", "is_active"]
    direction_add_form = NewStaffMemberForm


@admin.register(PrescriberOrganisation)
class PrescriberOrganisationAdmin(StructureOwnedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]


@admin.register(PrescriberMembership)
class PrescriberMembershipAdmin(PeopleOfTheStructureAdmin):
    list_display = ["user", "organisation"]
