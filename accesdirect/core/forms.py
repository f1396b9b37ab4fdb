"""Form fields every app uses (dates within their plausible window) and the forms of the core
pages (the filters of the audit trail)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from . import ranges
from .audit import action_choices

# Dates outside these bounds are refused in French, never turned into a query that overflows.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = ranges.LAST_DAY
MAX_ID = ranges.MAX_ID


class DateInput(forms.DateInput):
    """A date picker; bounded by the window of its field, if any, computed at each rendering
    (forms are built once per process: a bound computed then would be stale by tomorrow)."""

    input_type = "date"
    window: ranges.Window | None = None

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.window is not None:
            first, last = self.window.bounds()
            context["widget"]["attrs"].update(min=first.isoformat(), max=last.isoformat())
        return context


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"
    window: ranges.Window | None = None

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.window is not None:
            first, last = self.window.bounds()
            context["widget"]["attrs"].update(
                min=f"{first.isoformat()}T00:00", max=f"{last.isoformat()}T23:59"
            )
        return context


class WindowDateField(forms.DateField):
    """A date within its plausible window around today (core.ranges), refused in French on the
    field otherwise; the browser's date picker is bounded the same way."""

    widget = DateInput

    def __init__(self, *, window: ranges.Window, **kwargs):
        super().__init__(**kwargs)
        self.window = self.widget.window = window

    def validate(self, value):
        super().validate(value)
        refusal = value and self.window.refusal(value)
        if refusal:
            raise forms.ValidationError(refusal, code="out_of_range")


class BoundedDateField(forms.DateField):
    """A day between FIRST_DAY and LAST_DAY, for filters over any period (the audit trail, the
    results): year 1 or 9999 is refused in French on the field, never turned into a query."""

    widget = DateInput

    def validate(self, value):
        super().validate(value)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise forms.ValidationError(
                _("Choisissez une date entre le %(first)s et le %(last)s."),
                code="out_of_range",
                params={"first": FIRST_DAY.strftime("%d/%m/%Y"), "last": LAST_DAY.strftime("%d/%m/%Y")},
            )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}


class WindowDateTimeField(forms.DateTimeField):
    """A date and time whose day (in Paris) is within its plausible window around today."""

    widget = DateTimeInput

    def __init__(self, *, window: ranges.Window, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
        super().__init__(**kwargs)
        self.window = self.widget.window = window

    def validate(self, value):
        super().validate(value)
        refusal = value and self.window.refusal(value)
        if refusal:
            raise forms.ValidationError(refusal, code="out_of_range")


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """Several objects chosen by id: a value that cannot be an id is refused as an unknown
    choice before any query (a 20-digit number would overflow the database)."""

    def _check_values(self, value):
        for pk in value:
            if not ranges.is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class AuditFilterForm(forms.Form):
    """Filters of the direction's audit trail; an invalid filter is shown and left out, the
    others still apply."""

    SYSTEM = "system"

    actor = forms.ChoiceField(label=_("Personne"), required=False)
    target_type = forms.ChoiceField(label=_("Type d'objet"), required=False)
    target_id = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False, widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = BoundedDateField(label=_("Du"), required=False)
    until = BoundedDateField(label=_("Au"), required=False)

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
