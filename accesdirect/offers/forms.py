"""Forms of the offers pages. They validate input; the services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accesdirect.companies.forms import staff_of
from accesdirect.companies.models import Company
from accesdirect.companies.widgets import CompanyAutocomplete
from accesdirect.core import ranges
from accesdirect.core.forms import WindowDateField, WindowDateTimeField
from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.seekers.enums import WorkCondition
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.widgets import ActiveSeekerAutocomplete
from accesdirect.structures.models import User

from .enums import Contract, EmploymentEndReason, OfferStatus
from .models import Employment, JobFollowUp, Offer

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


HOURS_RANGE = {"min_value": ranges.MIN_HOURS_PER_WEEK, "max_value": ranges.MAX_HOURS_PER_WEEK}


def _model_field(model, name: str, **kwargs) -> forms.Field:
    return model._meta.get_field(name).formfield(**kwargs)


def _window_field(model, name: str, window: ranges.Window, **kwargs) -> forms.Field:
    """A model's date (or date and time) field, within its plausible window around today."""
    form_class = WindowDateTimeField if name.endswith("_at") else WindowDateField
    return model._meta.get_field(name).formfield(form_class=form_class, window=window, **kwargs)


class ContractTermsMixin:
    """A contract's planned end: after its start, five years at most (core.ranges)."""

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        refusal = starts_on and ends_on and ranges.contract_end_refusal(starts_on, ends_on)
        if refusal:
            self.add_error("ends_on", refusal)
        return data


class OfferFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit beside checkboxes in a filter bar
        super().__init__(*args, **kwargs)

    q = forms.CharField(
        label=_("Recherche"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Intitulé ou entreprise")}),
    )
    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("Tous"))] + OfferStatus.choices
    )
    contract = forms.ChoiceField(
        label=_("Contrat"), required=False, choices=[("", _("Tous"))] + Contract.choices
    )
    mine = forms.BooleanField(label=_("Recueillies par moi"), required=False)

    def filters(self, *, user) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "status": data.get("status", ""),
            "contract": data.get("contract", ""),
            "captured_by": user if data.get("mine") else None,
        }


class OfferForm(forms.Form):
    """Capture or edit an offer. `company` is asked only when the offer is captured from the
    offers list (not from a company page, nor on edit)."""

    company = forms.ModelChoiceField(
        queryset=Company.objects.none(), label=_("Entreprise"), widget=CompanyAutocomplete
    )
    title = _model_field(Offer, "title", required=False, help_text=_("Par défaut, le métier ROME"))
    appellation = AppellationField(label=_("Métier (ROME)"))
    commune = CommuneField(
        label=_("Commune du poste"),
        required=False,
        help_text=_("Par défaut, celle de l'entreprise"),
    )
    contract = _model_field(Offer, "contract")
    duration_months = _model_field(
        Offer,
        "duration_months",
        min_value=1,
        max_value=ranges.MAX_CONTRACT_MONTHS,
        help_text=_("Obligatoire pour un CDD"),
    )
    hours_per_week = _model_field(Offer, "hours_per_week", **HOURS_RANGE)
    starts_on = _window_field(Offer, "starts_on", ranges.OFFER_START)
    description = _model_field(Offer, "description")
    conditions = _model_field(Offer, "conditions")
    requires_driving_licence = _model_field(Offer, "requires_driving_licence")
    # Matching leaves out the people who said they cannot meet one of these.
    work_conditions = forms.MultipleChoiceField(
        label=_("Conditions de travail exigées"),
        choices=WorkCondition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les personnes qui ne peuvent pas les remplir ne sont pas proposées pour cette offre."),
    )
    source = _model_field(Offer, "source")

    def __init__(self, *args, with_company: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_company:
            self.fields["company"].queryset = Company.objects.order_by("name")
        else:
            del self.fields["company"]

    def clean(self):
        cleaned = super().clean()
        # The service refuses it too; here the message goes on the field to fill in.
        if cleaned.get("contract") == Contract.CDD and not cleaned.get("duration_months"):
            self.add_error("duration_months", _("Un CDD a une durée : indiquez-la en mois."))
        return cleaned


class OfferRejectForm(forms.Form):
    """Why an offer sent by a company is discarded (kept in the audit trail)."""

    reason = forms.CharField(
        label=_("Motif"),
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": _("Ex. : doublon, pas un vrai poste, entreprise injoignable")}
        ),
    )


class PositionForm(forms.Form):
    job_seeker = forms.ModelChoiceField(
        queryset=JobSeeker.objects.none(),
        label=_("Personne accompagnée à positionner"),
        widget=ActiveSeekerAutocomplete,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_seeker"].queryset = JobSeeker.objects.active().order_by("last_name", "first_name")


class PositioningStepForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    interview_at = WindowDateTimeField(
        label=_("Date de l'entretien"),
        required=False,
        window=ranges.INTERVIEW,
        help_text=_("Pour « Entretien prévu »"),
    )


class InterviewRescheduleForm(forms.Form):
    interview_at = WindowDateTimeField(label=_("Nouvelle date de l'entretien"), window=ranges.INTERVIEW)


class ReassignForm(forms.Form):
    presented_by = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Présentée par"))

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presented_by"].queryset = staff_of(structure)


class HireForm(ContractTermsMixin, forms.Form):
    """The terms of a hire, prefilled with the offer's."""

    contract = _model_field(Employment, "contract")
    starts_on = _window_field(Employment, "starts_on", ranges.EMPLOYMENT_START)
    ends_on = _model_field(Employment, "ends_on", widget=DATE_WIDGET, help_text=_("Obligatoire pour un CDD"))
    hours_per_week = _model_field(Employment, "hours_per_week", **HOURS_RANGE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EmploymentDeclareForm(ContractTermsMixin, forms.Form):
    """A job found by the person themselves."""

    employer_name = _model_field(Employment, "employer_name")
    company = forms.ModelChoiceField(
        queryset=Company.objects.none(),
        label=_("Entreprise du fichier"),
        required=False,
        widget=CompanyAutocomplete,
        help_text=_("Si l'employeur est déjà une entreprise suivie"),
    )
    job_title = _model_field(Employment, "job_title")
    contract = _model_field(Employment, "contract")
    starts_on = _window_field(Employment, "starts_on", ranges.EMPLOYMENT_START)
    ends_on = _model_field(Employment, "ends_on", widget=DATE_WIDGET, help_text=_("Obligatoire pour un CDD"))
    hours_per_week = _model_field(Employment, "hours_per_week", **HOURS_RANGE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name")


class FollowUpForm(forms.Form):
    done_on = _window_field(JobFollowUp, "done_on", ranges.RECORDED, required=True)
    going_well = forms.TypedChoiceField(
        label=_("Tout se passe-t-il bien ?"),
        choices=[("yes", _("Oui")), ("no", _("Non, des difficultés"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    still_employed = forms.TypedChoiceField(
        label=_("La personne est-elle toujours en emploi (quel qu'il soit) ?"),
        choices=[("", _("Non demandé")), ("yes", _("Oui")), ("no", _("Non"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    same_employer = forms.TypedChoiceField(
        label=_("Chez le même employeur ?"),
        choices=[("", _("Non demandé")), ("yes", _("Oui, le même")), ("no", _("Non, un autre employeur"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    notes = _model_field(JobFollowUp, "notes")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("same_employer") is not None and data.get("still_employed") is not True:
            self.add_error(
                "same_employer", _("À renseigner seulement si la personne est toujours en emploi.")
            )
        return data


class EmploymentEndForm(forms.Form):
    ended_on = WindowDateField(label=_("Fin effective le"), window=ranges.EMPLOYMENT_END)
    reason = forms.ChoiceField(label=_("Motif de fin"), choices=EmploymentEndReason.choices)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ended_on", timezone.localdate())
        super().__init__(*args, **kwargs)
