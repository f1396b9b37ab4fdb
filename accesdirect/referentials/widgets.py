"""An accessible autocomplete for foreign keys to large referentials (communes, appellations).

It renders a search box and a native <select>: typing in the box asks the autocomplete view
(htmx) for matching <option>s, which replace those of the select; the person then picks in
the select with the keyboard or the mouse. No script of our own, and the <select> is the
form field: it holds only the current value until a search fills it, never the 35,000
communes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AutocompleteSelect(forms.Select):
    template_name = "referentials/widgets/autocomplete.html"
    url_name = ""
    search_label = _("Rechercher")
    placeholder = ""
    hint = _("Tapez quelques lettres, puis choisissez dans la liste.")
    empty_label = _("Tapez quelques lettres ci-dessus")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].setdefault("id", f"id_{name}")
        url = reverse(self.url_name)
        widget["url"] = url if self.is_required else f"{url}?blank=1"
        widget["search_label"] = self.search_label
        widget["placeholder"] = self.placeholder
        widget["hint"] = self.hint
        return context

    def use_required_attribute(self, initial):
        # Select's version iterates the choices, i.e. the whole table for a model field.
        return forms.Widget.use_required_attribute(self, initial)

    def optgroups(self, name, value, attrs=None):
        choices = self.choices
        if not hasattr(choices, "queryset"):  # plain choices: a short list, shown whole
            return super().optgroups(name, value, attrs)
        selected = [item for item in value if item not in ("", None)]
        options = []
        if not selected or not self.is_required:
            options.append(self.create_option(name, "", self.empty_label, not selected, 0))
        for index, obj in enumerate(self._selected_objects(choices.queryset, selected), start=1):
            option_value, label = choices.choice(obj)
            options.append(self.create_option(name, option_value, label, True, index))
        return [(None, options, 0)]

    @staticmethod
    def _selected_objects(queryset, selected):
        if not selected:
            return []
        try:
            return list(queryset.filter(pk__in=selected))
        except (ValueError, TypeError, ValidationError):  # a tampered value: shown as unselected
            return []


class CommuneAutocomplete(AutocompleteSelect):
    url_name = "referentials:communes"
    search_label = _("Rechercher une commune par nom ou code postal")
    placeholder = _("Nom ou code postal")
    hint = _("Tapez le début du nom ou le code postal, puis choisissez la commune dans la liste.")


class AppellationAutocomplete(AutocompleteSelect):
    url_name = "referentials:appellations"
    search_label = _("Rechercher un métier par intitulé ou code ROME")
    placeholder = _("Intitulé ou code ROME")
    hint = _("Tapez quelques mots du métier (ex. « agent nettoyage »), puis choisissez dans la liste.")
