"""Forms of the job seekers pages. They validate input; the rules live in services.

Querysets of structure-owned choices are built in __init__, inside the request's scope.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accesdirect.core import ranges
from accesdirect.core.forms import WindowDateField, WindowDateTimeField
from accesdirect.core.phones import normalize_mobile
from accesdirect.core.vocabulary import Contract
from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.referentials.models import Commune
from accesdirect.structures.models import Membership, PrescriberOrganisation, Site

from .enums import (
    AppointmentStatus,
    ExitReason,
    FirstActionBy,
    JournalKind,
    Programme,
    ReviewOutcome,
    SeekerStatus,
    SignatureMethod,
    WorkCondition,
    WorkingTime,
)
from .models import JobSeeker, period_latest_end, period_start_refusal


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SearchInput(forms.TextInput):
    input_type = "search"


class TelInput(forms.TextInput):
    input_type = "tel"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def commune_field(structure, *, label=None, current: Commune | None = None) -> forms.Field:
    """Any French commune, chosen by name or postal code (autocomplete)."""
    return CommuneField(label=label or _("Commune"))


def appellation_field(*, label=None) -> forms.Field:
    """A ROME appellation, chosen by words of its title (autocomplete)."""
    return AppellationField(label=label or _("Poste visé (métier du ROME)"))


class PhoneField(forms.CharField):
    """A French or overseas mobile, typed as the person says it, cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", TelInput(attrs={"autocomplete": "off", "inputmode": "tel"}))
        kwargs.setdefault("label", _("Téléphone mobile"))
        kwargs.setdefault(
            "help_text", _("Un mobile (06, 07 ou mobile d'outre-mer) : les nouvelles arrivent par SMS.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_mobile(value) if value else ""


def _model_date_field(name: str, window: ranges.Window) -> forms.Field:
    return JobSeeker._meta.get_field(name).formfield(form_class=WindowDateField, window=window)


SEEKER_FORM_FIELDS = [
    "first_name",
    "last_name",
    "birth_date",
    "phone",
    "offer_alerts",
    "email",
    "commune",
    "site",
    "driving_licence",
    "has_vehicle",
    "max_commute_km",
    "wanted_contracts",
    "wanted_working_time",
    "unavailable_conditions",
    "availability",
    "education_level",
    "unemployed_since",
    "rsa_since",
    "wishes",
    "know_how",
]


class JobSeekerForm(forms.ModelForm):
    """Identity, mobility and wishes of a person, in their own words (no CV, by design)."""

    phone = PhoneField()
    # Read by matching: the wishes weigh in the "conditions" part, the conditions the person
    # cannot meet exclude the offers that demand them.
    wanted_contracts = forms.MultipleChoiceField(
        label=_("Contrats souhaités"),
        choices=Contract.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun coché : tout contrat."),
    )
    unavailable_conditions = forms.MultipleChoiceField(
        label=_("Conditions de travail impossibles pour la personne"),
        choices=WorkCondition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Seulement la condition, jamais sa cause : les offres qui l'exigent ne lui sont pas proposées."
        ),
    )
    # Structure-owned choices: the queryset is set in __init__, inside the request's scope.
    site = forms.ModelChoiceField(label=_("Antenne"), queryset=Site.objects.none(), required=False)
    birth_date = _model_date_field("birth_date", ranges.BIRTH)
    unemployed_since = _model_date_field("unemployed_since", ranges.SITUATION_SINCE)
    rsa_since = _model_date_field("rsa_since", ranges.SITUATION_SINCE)
    max_commute_km = JobSeeker._meta.get_field("max_commute_km").formfield(
        min_value=1, max_value=ranges.MAX_COMMUTE_KM
    )

    class Meta:
        model = JobSeeker
        fields = SEEKER_FORM_FIELDS
        widgets = {
            "wishes": forms.Textarea(attrs={"rows": 3}),
            "know_how": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"] = commune_field(
            structure, current=self.instance.commune if self.instance.commune_id else None
        )
        self.fields["site"].queryset = Site.objects.order_by("name")
        # No answer is "indifférent", as before the question was asked.
        self.fields["wanted_working_time"].required = False

    def clean_wanted_working_time(self):
        return self.cleaned_data["wanted_working_time"] or WorkingTime.ANY


class JobSeekerEditForm(JobSeekerForm):
    class Meta(JobSeekerForm.Meta):
        fields = [*SEEKER_FORM_FIELDS, "programme"]


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=PrescriberOrganisation.objects.none(), label=_("Prescripteur")
    )
    prescriber_name = forms.CharField(
        label=_("Référent·e chez le prescripteur"), max_length=200, required=False
    )
    programme = forms.ChoiceField(label=_("Dispositif"), choices=Programme.choices)
    referred_on = WindowDateField(label=_("Prescrit le"), window=ranges.RECORDED, initial=timezone.localdate)
    notes = forms.CharField(label=_("Observations"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PrescriberOrganisation.objects.order_by("name")


class SeekerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher (nom, téléphone)"),
        required=False,
        max_length=100,
        widget=SearchInput(attrs={"autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("Accompagnement"), choices=[("", _("Tous"))] + SeekerStatus.choices, required=False
    )
    programme = forms.ChoiceField(
        label=_("Dispositif"), choices=[("", _("Tous"))] + Programme.choices, required=False
    )
    site = forms.ModelChoiceField(
        label=_("Antenne"), queryset=Site.objects.none(), required=False, empty_label=_("Toutes")
    )
    without_proposal_weeks = forms.IntegerField(
        label=_("Sans proposition depuis (semaines)"), min_value=1, max_value=104, required=False
    )
    period_ending_days = forms.IntegerField(
        label=_("PER finissant d'ici (jours)"), min_value=0, max_value=62, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.order_by("name")

    def filters(self) -> dict:
        """The valid filters only: a wrong value in one field does not empty the list."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "status": data.get("status") or "",
            "programme": data.get("programme") or "",
            "site": data.get("site"),
            "without_proposal_weeks": data.get("without_proposal_weeks"),
            "period_ending_days": data.get("period_ending_days"),
        }


class IntakeStartForm(forms.Form):
    held_on = WindowDateField(
        label=_("Date de l'accueil"), window=ranges.RECORDED, initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Écoute, points clés"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class IntakeCompleteForm(forms.Form):
    notes = forms.CharField(
        label=_("Écoute, points clés"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    frame_explained = forms.BooleanField(
        label=_("Le cadre de l'accompagnement a été expliqué"), required=False
    )
    agreed_to_engage = forms.BooleanField(label=_("La personne est d'accord pour s'engager"), required=False)


class TargetJobForm(forms.Form):
    has_experience = forms.BooleanField(label=_("Déjà exercé"), required=False)

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appellation"] = appellation_field()
        self.fields["commune"] = commune_field(structure, label=_("Secteur (commune)"))
        self.order_fields(["appellation", "commune", "has_experience"])


class PeriodForm(forms.Form):
    starts_on = forms.DateField(label=_("Début"), widget=DateInput)
    ends_on = forms.DateField(
        label=_("Fin"), widget=DateInput, help_text=_("Deux mois au plus après le début.")
    )
    seeker_objectives = forms.CharField(
        label=_("Objectifs de la personne"), widget=forms.Textarea(attrs={"rows": 3})
    )
    structure_objectives = forms.CharField(
        label=_("Objectifs de la structure"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        refusal = period_start_refusal(starts_on, today=timezone.localdate())
        if refusal:
            raise forms.ValidationError(refusal)
        return starts_on

    @staticmethod
    def initial_from(starts_on: datetime.date) -> dict:
        # Two months minus one day, as a signed PER reads (1 December → 31 January).
        return {"starts_on": starts_on, "ends_on": period_latest_end(starts_on)}


class PeriodRenewForm(PeriodForm):
    ended_on = WindowDateField(label=_("Fin du PER en cours le"), window=ranges.RECORDED)

    field_order = ["ended_on", "starts_on", "ends_on", "seeker_objectives", "structure_objectives"]


class PeriodSignForm(forms.Form):
    signed_on = WindowDateField(label=_("Signé le"), window=ranges.RECORDED, initial=timezone.localdate)
    signature_method = forms.ChoiceField(
        label=_("Signature"),
        choices=SignatureMethod.choices,
        widget=forms.RadioSelect,
        initial=SignatureMethod.PAPER,
    )


class PeriodFirstActionForm(forms.Form):
    action = forms.CharField(label=_("Première action engageante"), widget=forms.Textarea(attrs={"rows": 2}))
    done_by = forms.ChoiceField(label=_("Faite par"), choices=FirstActionBy.choices, widget=forms.RadioSelect)
    done_on = WindowDateField(label=_("Faite le"), window=ranges.RECORDED, initial=timezone.localdate)


class PeriodEndForm(forms.Form):
    ended_on = WindowDateField(label=_("Terminé le"), window=ranges.RECORDED, initial=timezone.localdate)


class TripartiteReviewForm(forms.Form):
    # Bounded by the service: not in the future, not before the file was opened.
    held_on = forms.DateField(label=_("Date du bilan"), widget=DateInput, initial=timezone.localdate)
    organisation = forms.ModelChoiceField(
        label=_("Prescripteur"), queryset=PrescriberOrganisation.objects.none(), required=False
    )
    outcome = forms.ChoiceField(label=_("Décision"), choices=ReviewOutcome.choices)
    exit_reason = forms.ChoiceField(
        label=_("Motif de sortie (si fin d'accompagnement)"),
        choices=ExitReason.choices,
        initial=ExitReason.PERIODS_ENDED,
        required=False,
    )
    notes = forms.CharField(label=_("Compte rendu"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PrescriberOrganisation.objects.order_by("name")


class ExitForm(forms.Form):
    exited_on = WindowDateField(label=_("Sorti·e le"), window=ranges.RECORDED, initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Motif de sortie"), choices=ExitReason.choices)


class AppointmentForm(forms.Form):
    starts_at = WindowDateTimeField(label=_("Date et heure"), window=ranges.APPOINTMENT)
    staff = forms.ModelChoiceField(label=_("Avec"), queryset=Membership.objects.none())
    site = forms.ModelChoiceField(label=_("Lieu (antenne)"), queryset=Site.objects.none(), required=False)
    purpose = forms.CharField(label=_("Objet"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            Membership.objects.filter(is_active=True)
            .select_related("user")
            .order_by("user__first_name", "user__last_name")
        )
        self.fields["staff"].label_from_instance = lambda membership: str(membership.user)
        self.fields["site"].queryset = Site.objects.order_by("name")


class AppointmentStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (value, label) for value, label in AppointmentStatus.choices if value != AppointmentStatus.PLANNED
        ]
    )


class JournalNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[(JournalKind.CALL, JournalKind.CALL.label), (JournalKind.NOTE, JournalKind.NOTE.label)],
        widget=forms.RadioSelect,
        initial=JournalKind.NOTE,
    )
    text = forms.CharField(label=_("Texte"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
