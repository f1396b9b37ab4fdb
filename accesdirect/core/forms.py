"""Forms of the core pages: the filters of the audit trail."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .audit import action_choices

# Dates outside these bounds are refused in French, never turned into a query that overflows.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
# The largest id a database column holds (bigint).
MAX_ID = 2**63 - 1


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    """Filters of the direction's audit trail; an invalid filter is shown and left out, the
    others still apply."""

    SYSTEM = "system"

    actor = forms.ChoiceField(label=_("Personne"), required=False)
    target_type = forms.ChoiceField(label=_("Type d'objet"), required=False)
    target_id = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("Du"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Au"), required=False, widget=DateInput)

    def __init__(self, *args, actors, content_types, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        everyone = [("", _("Toutes"))]
        self.fields["actor"].choices = [
            ("", _("Toutes")),
            (self.SYSTEM, _("Automatique (sans personne)")),
            *((str(user.pk), user.get_full_name() or str(user)) for user in actors),
        ]
        self.fields["target_type"].choices = [("", _("Tous"))] + sorted(
            ((str(pk), label) for pk, label in content_types), key=lambda item: item[1]
        )
        self.fields["action"].choices = everyone + action_choices()

    def _clean_day(self, name: str):
        day = self.cleaned_data.get(name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                _("Choisissez une date entre le %(first)s et le %(last)s."),
                params={"first": FIRST_DAY.strftime("%d/%m/%Y"), "last": LAST_DAY.strftime("%d/%m/%Y")},
            )
        return day

    def clean_since(self):
        return self._clean_day("since")

    def clean_until(self):
        return self._clean_day("until")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("La date de fin précède la date de début."))
        return data

    def filters(self) -> dict:
        self.is_valid()  # invalid fields are missing from cleaned_data: only the valid ones apply
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("actor", "target_type", "target_id", "action", "since", "until")
            if data.get(name) not in (None, "")
        }
