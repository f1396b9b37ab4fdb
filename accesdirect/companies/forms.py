"""Forms of the companies pages. They validate input; the services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accesdirect.core import ranges
from accesdirect.core.collation import french_order
from accesdirect.core.forms import ModelMultipleIdField, WindowDateField, WindowDateTimeField
from accesdirect.core.phones import normalize_phone
from accesdirect.referentials.forms import CommuneField
from accesdirect.referentials.models import NafCode
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.widgets import ActiveSeekersAutocomplete
from accesdirect.structures.models import User

from .enums import ContactKind, Relationship
from .models import Company, CompanyContact, CompanyPerson


def _model_field(model, name: str, **kwargs) -> forms.Field:
    return model._meta.get_field(name).formfield(**kwargs)


def staff_of(structure):
    return (
        User.objects.filter(memberships__structure=structure, memberships__is_active=True)
        .order_by("first_name", "last_name")
        .distinct()
    )


class LinePhoneField(forms.CharField):
    """A company's or an interlocutor's line, landline or mobile, typed as said, kept in E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else ""


class CompanyFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit beside checkboxes in a filter bar
        super().__init__(*args, **kwargs)

    q = forms.CharField(
        label=_("Recherche"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Nom ou SIRET")}),
    )
    relationship = forms.ChoiceField(
        label=_("Relation"), required=False, choices=[("", _("Toutes"))] + Relationship.choices
    )
    mine = forms.BooleanField(label=_("Suivies par moi"), required=False)
    due = forms.BooleanField(label=_("Relance à faire"), required=False)

    def filters(self, *, user, today) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "relationship": data.get("relationship", ""),
            "followed_by": user if data.get("mine") else None,
            "follow_up_due_on": today if data.get("due") else None,
        }


class CompanyForm(forms.Form):
    name = _model_field(Company, "name")
    # Up to 20 characters: spaces are allowed, the service compacts and checks the number.
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=20,
        help_text=_("14 chiffres, espaces permis"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # Referential pickers: swap each for its autocomplete field (referentials.widgets) in one line.
    commune = CommuneField(label=_("Commune"))
    naf = forms.ModelChoiceField(queryset=NafCode.objects.all(), label=_("Code NAF"), required=False)
    size_band = _model_field(Company, "size_band")
    address = _model_field(Company, "address")
    phone = LinePhoneField(label=_("Téléphone"))
    email = _model_field(Company, "email")
    followed_by = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Suivie par"), required=False)
    notes = _model_field(Company, "notes")

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_by"].queryset = staff_of(structure)


class CompanyPersonForm(forms.Form):
    name = _model_field(CompanyPerson, "name")
    role = _model_field(CompanyPerson, "role")
    phone = LinePhoneField(label=_("Téléphone"))
    email = _model_field(CompanyPerson, "email")


class CompanyContactForm(forms.Form):
    kind = _model_field(CompanyContact, "kind", widget=forms.RadioSelect)
    occurred_at = WindowDateTimeField(label=_("Date et heure"), window=ranges.RECORDED)
    person = forms.ModelChoiceField(
        queryset=CompanyPerson.objects.none(), label=_("Avec"), required=False, empty_label=_("—")
    )
    outcome = _model_field(CompanyContact, "outcome")
    notes = _model_field(CompanyContact, "notes")
    next_follow_up_on = WindowDateField(label=_("Relance le"), required=False, window=ranges.FOLLOW_UP)
    # The people this contact was made for, found by name or phone: the select holds only
    # those picked, never the whole file (1,300 people in a structure).
    job_seekers = ModelMultipleIdField(
        queryset=JobSeeker.objects.none(),
        label=_("Pour les personnes"),
        required=False,
        widget=ActiveSeekersAutocomplete,
        help_text=_("Le contact apparaîtra dans leur journal."),
    )

    def __init__(self, *args, company: Company, **kwargs):
        kwargs.setdefault("initial", {}).setdefault(
            "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
        )
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = company.people.order_by(*french_order("name"))
        self.fields["job_seekers"].queryset = JobSeeker.objects.active()
        self.fields["job_seekers"].widget.attrs["size"] = 6
        self.fields["kind"].choices = ContactKind.choices
