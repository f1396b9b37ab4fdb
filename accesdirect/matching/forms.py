"""Forms of the matching pages. They validate input; the services apply the rules (a change or
a rejection without a reason is refused by the service, with its French message)."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accesdirect.seekers.enums import Programme
from accesdirect.seekers.models import JobSeeker
from accesdirect.seekers.widgets import ActiveSeekerAutocomplete

from .models import AssignmentLine, MatchingSettings

REASON_WIDGET = forms.Textarea(attrs={"rows": 2})


class BoardForm(forms.Form):
    semaines = forms.IntegerField(
        label=_("Sans proposition depuis plus de (semaines)"), min_value=1, max_value=104, required=False
    )


class LineChangeForm(forms.Form):
    """Another person for a line of the draft: one of its alternatives, or anyone accompanied."""

    alternative = forms.TypedChoiceField(
        label=_("Une des autres personnes possibles"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    job_seeker = forms.ModelChoiceField(
        queryset=JobSeeker.objects.none(),
        label=_("Ou une autre personne accompagnée"),
        required=False,
        widget=ActiveSeekerAutocomplete,
    )
    reason = forms.CharField(
        label=_("Pourquoi cette personne plutôt que celle proposée ?"),
        required=False,
        max_length=2000,
        widget=REASON_WIDGET,
    )

    def __init__(self, *args, line: AssignmentLine, people: dict, **kwargs):
        kwargs.setdefault("auto_id", f"id_change{line.pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["alternative"].choices = [
            (job_seeker_id, str(people[job_seeker_id]))
            for job_seeker_id in line.alternative_ids
            if job_seeker_id in people
        ]
        if not self.fields["alternative"].choices:
            del self.fields["alternative"]
        self.fields["job_seeker"].queryset = JobSeeker.objects.active()

    def clean(self):
        data = super().clean()
        other, alternative = data.get("job_seeker"), data.get("alternative")
        if other is not None and alternative:
            raise forms.ValidationError(_("Choisissez une seule personne : une des proposées, ou une autre."))
        if other is None and not alternative:
            raise forms.ValidationError(_("Choisissez la personne à positionner à la place."))
        if other is None:
            other = JobSeeker.objects.filter(pk=alternative).first()
            if other is None:
                raise forms.ValidationError(_("Cette personne n'est plus dans le fichier de la structure."))
        data["person"] = other
        return data


class LineRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi écarter cette proposition ?"), required=False, max_length=2000, widget=REASON_WIDGET
    )

    def __init__(self, *args, line: AssignmentLine, **kwargs):
        kwargs.setdefault("auto_id", f"id_reject{line.pk}_%s")
        super().__init__(*args, **kwargs)


def _programme_field(programme: Programme) -> str:
    return f"programme_{programme.value}"


class MatchingSettingsForm(forms.ModelForm):
    """The weights of matching; each field says its documented default."""

    class Meta:
        model = MatchingSettings
        fields = [
            "job_weight",
            "commute_weight",
            "conditions_weight",
            "min_fit",
            "detour_factor",
            "reach_car_km",
            "reach_licence_km",
            "reach_none_km",
            "month_points",
            "months_cap",
            "week_points",
            "weeks_cap",
            "in_job_priority_penalty",
            "without_proposal_weeks",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        points = self.instance.weights().programme_points
        for programme in Programme:
            self.fields[_programme_field(programme)] = forms.IntegerField(
                label=_("Priorité : points du dispositif %(programme)s") % {"programme": programme.label},
                min_value=0,
                max_value=100,
                initial=points.get(programme.value, 0),
            )
        defaults = MatchingSettings()
        for name, field in self.fields.items():
            default = (
                defaults.weights().programme_points.get(name.removeprefix("programme_"), 0)
                if name.startswith("programme_")
                else getattr(defaults, name)
            )
            if isinstance(default, float) and default.is_integer():
                default = int(default)
            shown = formats.localize(default)  # "1,3" in French
            default_text = _("Par défaut : %(value)s.") % {"value": shown}
            field.help_text = f"{field.help_text} {default_text}".strip()

    def values(self) -> dict:
        """The changes, as matching_settings_update takes them."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.changed_data}
        if any(name.startswith("programme_") for name in self.changed_data) or self.instance.pk is None:
            values["programme_points"] = {
                programme.value: self.cleaned_data[_programme_field(programme)] for programme in Programme
            }
        return values
