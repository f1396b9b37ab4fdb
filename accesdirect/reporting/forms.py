"""The filters of the results pages and the reporting settings. Absurd values (year 1, year
9999, a 20-digit id, a site of another structure) are refused in French on their field,
before any query."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accesdirect.core.forms import BoundedDateField
from accesdirect.seekers.enums import Programme

from .enums import Household
from .models import MAX_GRACE_DAYS, ReportingSettings
from .savings import DEFAULT_MONTHS, MAX_MONTHS

# A report covers at most this many years (the study's longest table covers 17).
MAX_PERIOD_YEARS = 20
NETWORK = "reseau"


class IdChoiceField(forms.TypedChoiceField):
    """A choice among the structure's objects, by id: anything else (a huge number, text, an id
    of another structure) is an unknown choice, refused before any query."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)


class PeriodForm(forms.Form):
    """A period (both days optional), within the dates the application holds."""

    debut = BoundedDateField(label=_("Du"), required=False)
    fin = BoundedDateField(label=_("Au"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("debut"), data.get("fin")
        if start and end:
            if start > end:
                self.add_error("fin", _("La date de fin précède la date de début."))
            elif (end - start).days > MAX_PERIOD_YEARS * 366:
                self.add_error(
                    "fin", _("Une période couvre %(years)s ans au plus.") % {"years": MAX_PERIOD_YEARS}
                )
        return data


class SurvivalFilterForm(PeriodForm):
    """The people whose first job started in the period; by default every one."""

    debut = BoundedDateField(label=_("Premiers emplois commencés du"), required=False)


class ResultsFilterForm(PeriodForm):
    antenne = IdChoiceField(label=_("Antenne"))
    dispositif = forms.ChoiceField(label=_("Dispositif"), required=False)
    prescripteur = IdChoiceField(label=_("Prescripteur"))
    cre = IdChoiceField(label=_("CRE"))
    delai = forms.IntegerField(
        label=_("Délai de grâce (jours)"),
        min_value=0,
        max_value=MAX_GRACE_DAYS,
        required=False,
        help_text=_("Vide : le réglage de la structure."),
    )
    six_mois = forms.BooleanField(
        label=_("CDD de six mois ou plus comptés comme emploi durable"), required=False
    )

    def __init__(self, *args, sites=(), organisations=(), cres=(), network=False, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tous"))]
        self.fields["antenne"].choices = [("", _("Toutes")), *sites]
        self.fields["dispositif"].choices = every + list(Programme.choices)
        self.fields["prescripteur"].choices = every + list(organisations)
        self.fields["cre"].choices = every + list(cres)
        if network:
            # A network head reads aggregates only: no filter that names one structure's people.
            for name in ("antenne", "prescripteur", "cre"):
                del self.fields[name]

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The period asked for; by default the current calendar year."""
        data = self.cleaned_data
        start = data.get("debut") or datetime.date(today.year, 1, 1)
        end = data.get("fin") or datetime.date(start.year, 12, 31)
        return start, max(start, end)


class SavingsForm(ResultsFilterForm):
    mois = forms.IntegerField(
        label=_("Mois de RSA évités"),
        min_value=1,
        max_value=MAX_MONTHS,
        required=False,
        initial=DEFAULT_MONTHS,
    )
    foyer = forms.ChoiceField(label=_("Foyer retenu pour le RSA"), required=False, choices=Household.choices)


class ReportingSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportingSettings
        fields = [
            "grace_days",
            "objective_percent",
            "objective_months",
            "cost_basis",
            "cost_per_person",
            "convention_amount",
        ]
