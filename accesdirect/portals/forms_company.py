"""The forms of "J'ai une offre": few fields, plain words, phone keyboards where they help.

They validate what is typed; the service (offers.services.company_offer_submit) applies the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accesdirect.companies.forms import LinePhoneField
from accesdirect.core import ranges
from accesdirect.core.forms import WindowDateField
from accesdirect.offers.enums import Contract
from accesdirect.offers.services.company_offers import (
    MAX_DESCRIPTION,
    MAX_FEEDBACK,
    MAX_NAME,
    clean_siret,
)
from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.referentials.widgets import AppellationAutocomplete, CommuneAutocomplete

# The hidden fields the page carries: the honeypot (a field no person sees, robots fill) and
# the signed time the page was shown.
HONEYPOT = "website"
STAMP = "stamp"


class PublicAppellationAutocomplete(AppellationAutocomplete):
    url_name = "company_portal:appellations"
    search_label = _("Rechercher le métier")
    placeholder = _("Ex. : serveur, aide à domicile, maçon")
    hint = _("Tapez quelques lettres du métier, puis choisissez dans la liste.")
    empty_label = _("Tapez le métier ci-dessus")


class PublicCommuneAutocomplete(CommuneAutocomplete):
    url_name = "company_portal:communes"
    search_label = _("Rechercher la commune")
    placeholder = _("Nom ou code postal")
    hint = _("Tapez le nom ou le code postal, puis choisissez dans la liste.")
    empty_label = _("Tapez la commune ci-dessus")


def _text_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs=attrs)


class CompanyOfferForm(forms.Form):
    company_name = forms.CharField(
        label=_("Nom de l'entreprise"), max_length=MAX_NAME, widget=_text_input(autocomplete="organization")
    )
    siret = forms.CharField(
        label=_("SIRET (facultatif)"),
        required=False,
        max_length=30,
        help_text=_("14 chiffres : il nous aide à retrouver votre entreprise."),
        widget=_text_input(inputmode="numeric", autocomplete="off"),
    )
    contact_name = forms.CharField(
        label=_("Votre nom"), max_length=MAX_NAME, widget=_text_input(autocomplete="name")
    )
    contact_phone = LinePhoneField(
        label=_("Votre téléphone"),
        required=True,
        help_text=_("Un mobile, de préférence : vous recevez un SMS de confirmation."),
    )
    appellation = AppellationField(label=_("Métier"), widget=PublicAppellationAutocomplete)
    title = forms.CharField(
        label=_("Intitulé du poste (facultatif)"),
        required=False,
        max_length=MAX_NAME,
        help_text=_("Si vous l'appelez autrement."),
    )
    commune = CommuneField(label=_("Commune du poste"), widget=PublicCommuneAutocomplete)
    contract = forms.ChoiceField(label=_("Contrat"), choices=Contract.choices, widget=forms.RadioSelect)
    duration_months = forms.IntegerField(
        label=_("Durée en mois (pour un CDD)"),
        required=False,
        min_value=1,
        max_value=ranges.MAX_CONTRACT_MONTHS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    starts_on = WindowDateField(
        label=_("Début souhaité (facultatif)"), required=False, window=ranges.OFFER_START
    )
    hours_per_week = forms.DecimalField(
        label=_("Heures par semaine (facultatif)"),
        required=False,
        min_value=ranges.MIN_HOURS_PER_WEEK,
        max_value=ranges.MAX_HOURS_PER_WEEK,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    description = forms.CharField(
        label=_("En quelques mots (facultatif)"),
        required=False,
        max_length=MAX_DESCRIPTION,
        help_text=_("Horaires, tâches, ce qui compte pour vous."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=_text_input(tabindex="-1", autocomplete="off"),
    )
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_siret(self):
        try:
            return clean_siret(self.cleaned_data["siret"])
        except ranges.OutOfRange as error:
            raise forms.ValidationError(error.message, code="invalid") from None

    def clean(self):
        cleaned = super().clean()
        # The service refuses it too; here the message goes on the field to fill in.
        if cleaned.get("contract") == Contract.CDD and not cleaned.get("duration_months"):
            self.add_error("duration_months", _("Un CDD a une durée : indiquez-la en mois."))
        return cleaned

    def submission(self) -> dict:
        """The service's arguments from the valid form."""
        data = {name: value for name, value in self.cleaned_data.items() if name not in (HONEYPOT, STAMP)}
        if data["contract"] != Contract.CDD:
            data["duration_months"] = None
        return data


class InterviewFeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Comment s'est passé l'entretien ?"),
        max_length=MAX_FEEDBACK,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
