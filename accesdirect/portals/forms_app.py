"""Forms of the job seekers' app: sign-in (number, then code) and sign-up."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accesdirect.core.autocomplete import AutocompleteSelect
from accesdirect.core.phones import normalize_mobile
from accesdirect.referentials.forms import AppellationField, CommuneField
from accesdirect.referentials.queries import appellations_matching, communes_matching

from .services.leads import MAX_WISHED_JOBS
from .services.login_codes import CODE_DIGITS

# What the person agrees to, shown next to the box and stored word for word with the date.
CONSENT_TEXT = _(
    "J'accepte que la structure d'accompagnement de mon territoire garde mon nom, mon numéro, ma "
    "commune et les métiers que je cherche, pour m'appeler et me proposer un accompagnement vers "
    "l'emploi. Je peux demander à tout moment que ces informations soient effacées."
)


class MobileField(forms.CharField):
    """A French (or overseas) mobile number as typed ("06 12 34 56 78"), cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_mobile(value) if value else value


class PhoneForm(forms.Form):
    phone = MobileField(
        label=_("Votre numéro de téléphone portable"),
        help_text=_("Vous allez recevoir un code par SMS."),
        error_messages={"required": _("Indiquez votre numéro de téléphone portable.")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Le code reçu par SMS"),
        max_length=20,
        help_text=_("6 chiffres."),
        error_messages={"required": _("Tapez le code reçu par SMS.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = re.sub(r"[\s.\-]", "", self.cleaned_data["code"])
        if not re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", code):
            raise ValidationError(_("Le code a 6 chiffres, par exemple 482913."), code="invalid")
        return code


class PublicAutocomplete(AutocompleteSelect):
    """The staff's autocomplete, answered by the app's public (rate-limited) search. Without
    scripts, the search box is sent with the form: its matches come back as the list's options
    (`suggestions`), to pick from."""

    suggestions: list = []

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if not self.suggestions:
            return groups
        options = [
            self.create_option(name, obj.pk, self.choices.field.label_from_instance(obj), False, index)
            for index, obj in enumerate(self.suggestions, start=1)
        ]
        return [(None, [*groups[0][1], *options], 0)] if groups else [(None, options, 0)]


class PublicCommuneAutocomplete(PublicAutocomplete):
    url_name = "seeker_app:communes"
    search_label = _("Chercher votre commune : son nom ou son code postal")
    placeholder = _("Nom ou code postal")
    hint = _("Tapez le début du nom ou le code postal, puis choisissez votre commune dans la liste.")
    empty_label = _("Choisissez votre commune")


class PublicAppellationAutocomplete(PublicAutocomplete):
    url_name = "seeker_app:appellations"
    search_label = _("Chercher un métier")
    placeholder = _("Par exemple : aide à domicile")
    hint = _("Tapez quelques mots du métier, puis choisissez-le dans la liste.")
    empty_label = _("Choisissez un métier")


class SignUpForm(forms.Form):
    first_name = forms.CharField(
        label=_("Votre prénom"),
        max_length=100,
        error_messages={"required": _("Indiquez votre prénom.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Votre nom"),
        max_length=100,
        error_messages={"required": _("Indiquez votre nom.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = MobileField(
        label=_("Votre numéro de téléphone portable"),
        error_messages={"required": _("Indiquez votre numéro de téléphone portable.")},
    )
    commune = CommuneField(
        label=_("Votre commune"),
        widget=PublicCommuneAutocomplete,
        error_messages={
            "required": _("Choisissez votre commune dans la liste."),
            "invalid_choice": _("Choisissez votre commune dans la liste."),
        },
    )
    appellation_1 = AppellationField(
        label=_("Le métier que vous cherchez"),
        widget=PublicAppellationAutocomplete,
        error_messages={
            "required": _("Choisissez au moins un métier dans la liste."),
            "invalid_choice": _("Choisissez un métier dans la liste."),
        },
    )
    appellation_2 = AppellationField(
        label=_("Un autre métier (si vous voulez)"),
        required=False,
        widget=PublicAppellationAutocomplete,
        error_messages={"invalid_choice": _("Choisissez un métier dans la liste.")},
    )
    appellation_3 = AppellationField(
        label=_("Encore un autre métier (si vous voulez)"),
        required=False,
        widget=PublicAppellationAutocomplete,
        error_messages={"invalid_choice": _("Choisissez un métier dans la liste.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Cochez la case pour que nous puissions vous appeler.")},
    )
    # The honeypot: hidden from people (CSS, and from screen readers), filled by robots.
    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    SEARCHED_FIELDS = {
        "commune": communes_matching,
        "appellation_1": appellations_matching,
        "appellation_2": appellations_matching,
        "appellation_3": appellations_matching,
    }

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = self._pick_single_matches(data)
        super().__init__(data, **kwargs)
        for name in self.SEARCHED_FIELDS:
            # One widget instance per form (deep-copied): suggestions never leak to another form.
            self.fields[name].widget.suggestions = self._suggestions.get(name, [])

    def _pick_single_matches(self, data):
        """Without scripts the list is empty and the search box holds the typed words: one
        match is taken as the choice, several are offered in the list when the page comes back."""
        self._suggestions = {}
        data = data.copy()
        for name, matching in self.SEARCHED_FIELDS.items():
            typed = str(data.get(f"{name}_search", "")).strip()[:100]
            if data.get(name) or len(typed) < 2:
                continue
            matches = list(matching(typed, limit=10))
            if len(matches) == 1:
                data[name] = str(matches[0].pk)
            else:
                self._suggestions[name] = matches
        return data

    _suggestions: dict = {}

    def clean(self):
        cleaned = super().clean()
        picked = [cleaned.get(f"appellation_{n}") for n in range(1, MAX_WISHED_JOBS + 1)]
        cleaned["appellations"] = list(dict.fromkeys(job for job in picked if job is not None))
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
