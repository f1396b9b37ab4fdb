"""Forms of the immersion pages. They validate input, with the French error on the field at
fault; the services apply the rules again (and those that need the other immersions)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accesdirect.companies.models import Company
from accesdirect.companies.widgets import CompanyAutocomplete
from accesdirect.core import ranges
from accesdirect.core.calendar import paris_today
from accesdirect.core.forms import WindowDateField
from accesdirect.core.phones import normalize_mobile
from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.structures.models import PrescriberOrganisation

from .enums import ImmersionOutcome, ImmersionPurpose
from .models import MAX_HOURS_PER_WEEK, Immersion, duration_error, latest_end
from .services import ImmersionTerms

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _model_field(name: str, **kwargs) -> forms.Field:
    return Immersion._meta.get_field(name).formfield(**kwargs)


class ImmersionForm(forms.Form):
    """The terms of the convention (Cerfa 13912), to plan an immersion or correct it."""

    company = forms.ModelChoiceField(
        queryset=Company.objects.none(),
        label=gettext_lazy("Entreprise d'accueil"),
        widget=CompanyAutocomplete,
    )
    tutor_name = _model_field("tutor_name")
    tutor_role = _model_field("tutor_role")
    tutor_phone = forms.CharField(
        label=gettext_lazy("Mobile du tuteur"),
        max_length=30,
        help_text=gettext_lazy("Le bilan lui est demandé par SMS la veille de la fin de l'immersion."),
    )
    tutor_email = _model_field("tutor_email")
    prescriber = forms.ModelChoiceField(
        queryset=PrescriberOrganisation.objects.none(), label=gettext_lazy("Prescripteur"), required=False
    )
    starts_on = _model_field("starts_on", form_class=WindowDateField, window=ranges.IMMERSION_START)
    ends_on = _model_field("ends_on", widget=DATE_WIDGET, help_text=gettext_lazy("Un mois au plus"))
    hours_per_week = _model_field("hours_per_week", min_value=1, max_value=MAX_HOURS_PER_WEEK)
    schedule = _model_field(
        "schedule", widget=TEXTAREA, help_text=gettext_lazy("Horaires de la semaine, si les heures varient")
    )
    commune = CommuneField(
        label=gettext_lazy("Commune du lieu"),
        required=False,
        help_text=gettext_lazy("Par défaut, celle de l'entreprise"),
    )
    address = _model_field("address")
    purpose = forms.ChoiceField(
        label=gettext_lazy("Objet de l'immersion"), choices=ImmersionPurpose.choices, widget=forms.RadioSelect
    )
    appellation = AppellationField(label=gettext_lazy("Métier observé (ROME)"))
    objectives = _model_field("objectives", widget=TEXTAREA)
    tasks = _model_field("tasks", widget=TEXTAREA)
    assessment = _model_field(
        "assessment",
        widget=TEXTAREA,
        help_text=gettext_lazy("Par exemple : grille d'évaluation remplie avec le tuteur le dernier jour"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name")
        self.fields["prescriber"].queryset = PrescriberOrganisation.objects.order_by("name")

    def clean_tutor_phone(self):
        return normalize_mobile(self.cleaned_data["tutor_phone"])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("La fin de l'immersion ne peut pas précéder son début."))
            elif ends_on > latest_end(starts_on):
                self.add_error("ends_on", duration_error(starts_on))
        if (
            "hours_per_week" in data
            and "schedule" in data
            and data["hours_per_week"] is None
            and not data["schedule"].strip()
        ):
            self.add_error("hours_per_week", _("Indiquez les heures par semaine ou les horaires."))
        return data

    def terms(self) -> ImmersionTerms:
        return ImmersionTerms(**self.cleaned_data)


class ReviewForm(forms.Form):
    review = _model_field(
        "review",
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("L'appréciation du tuteur sur l'immersion, avec ses mots"),
    )
    reviewed_on = _model_field("reviewed_on", required=True, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("reviewed_on", paris_today())
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Suite donnée"), choices=ImmersionOutcome.choices, widget=forms.RadioSelect
    )
    outcome_on = _model_field("outcome_on", required=True, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("outcome_on", paris_today())
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Motif"), required=False, max_length=500)


def field_error(form: forms.Form, field: str | None, message: str) -> None:
    """A service's refusal, on the field it names when the form has it."""
    form.add_error(field if field in form.fields else None, ValidationError(message))
