"""The form with which a CRE publishes meeting times for the people who reserve their offers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accesdirect.core import ranges
from accesdirect.core.forms import WindowDateTimeField
from accesdirect.structures.models import Site


class SlotsForm(forms.Form):
    starts_at = WindowDateTimeField(label=_("Premier créneau, le"), window=ranges.APPOINTMENT)
    minutes = forms.TypedChoiceField(
        label=_("Durée"),
        coerce=int,
        choices=[(20, _("20 minutes")), (30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 heure"))],
        initial=30,
    )
    count = forms.IntegerField(
        label=_("Nombre de créneaux à la suite"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("Par exemple 4 créneaux de 30 minutes à partir de 9 h : 9 h, 9 h 30, 10 h, 10 h 30."),
    )
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), label=_("Lieu"), required=False, empty_label=_("—")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.order_by("name")
