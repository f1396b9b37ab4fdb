"""Form fields for the referentials, for other apps' forms:

    commune = CommuneField(label=_("Commune"))
    appellation = AppellationField(label=_("Métier"))

or, in a ModelForm, `widgets = {"commune": CommuneAutocomplete}` in Meta.
"""

from django import forms

from .models import Appellation, Commune
from .queries import appellation_label, commune_label
from .widgets import AppellationAutocomplete, CommuneAutocomplete


class CommuneField(forms.ModelChoiceField):
    widget = CommuneAutocomplete

    def __init__(self, queryset=None, **kwargs):
        super().__init__(Commune.objects.all() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj):
        return commune_label(obj)


class AppellationField(forms.ModelChoiceField):
    widget = AppellationAutocomplete

    def __init__(self, queryset=None, **kwargs):
        queryset = Appellation.objects.all() if queryset is None else queryset
        super().__init__(queryset.select_related("fiche"), **kwargs)

    def label_from_instance(self, obj):
        return appellation_label(obj)
