"""An accessible autocomplete for foreign keys to large tables (communes, appellations, people).

It renders a search box and a native <select>: typing in the box asks an autocomplete view
(htmx) for matching <option>s, which replace those of the select; the person then picks in
the select with the keyboard or the mouse. No script of our own, and the <select> is the
form field: it holds only the current value until a search fills it, never the whole table.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .ranges import is_id


class AutocompleteSelect(forms.Select):
    template_name = "core/widgets/autocomplete.html"
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
        if isinstance(queryset.model._meta.pk, models.AutoField | models.BigAutoField):
            # A tampered value (a 20-digit number, "²") is no object: never a query that overflows.
            selected = [value for value in selected if is_id(value)]
        if not selected:
            return []
        try:
            return list(queryset.filter(pk__in=selected))
        except (ValueError, TypeError, ValidationError):  # a tampered value: shown as unselected
            return []


class AutocompleteSelectMultiple(AutocompleteSelect):
    """Several objects picked through the same search box: each search sends the options
    already picked (hx-include), and the answer keeps them, selected, above the new matches,
    so that searching again never loses a choice."""

    template_name = "core/widgets/autocomplete_multiple.html"
    allow_multiple_selected = True
    hint = _("Tapez quelques lettres, puis choisissez ; Ctrl (ou Cmd) + clic pour en garder plusieurs.")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["url"] = f"{reverse(self.url_name)}?keep={name}"
        return context

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty multiple select sends nothing: that is "none picked"

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        # No "type above" line in a multiple select: its emptiness says it.
        return [
            (group, [option for option in options if option["value"] != ""], index)
            for group, options, index in groups
        ]


def kept_ids(request) -> list[int]:
    """The ids a multiple autocomplete already holds (sent under the field's name, `keep`)."""
    field = request.GET.get("keep", "")
    if not field:
        return []
    return [int(value) for value in request.GET.getlist(field)[:100] if is_id(value)]


def typed_query(request) -> str:
    """`q`, or the value of the autocomplete widget's search box (named "<field>_search", so
    that it never collides with a form's own `q`)."""
    if "q" in request.GET:
        return request.GET["q"].strip()[:100]
    for key, value in request.GET.items():
        if key.endswith("_search"):
            return value.strip()[:100]
    return ""


def suggestions(request, query, objects, label, kept=()):
    """The answer of an autocomplete view: <option>s for htmx, JSON for scripts. `kept`: the
    objects a multiple autocomplete already holds, answered first and selected."""
    kept = list(kept)
    kept_pks = {obj.pk for obj in kept}
    options = [{"id": obj.pk, "label": label(obj), "selected": True} for obj in kept]
    options += [{"id": obj.pk, "label": label(obj)} for obj in objects if obj.pk not in kept_pks]
    if request.htmx:
        context = {
            "options": options,
            "query": query,
            "blank": request.GET.get("blank") == "1",
            "multiple": bool(request.GET.get("keep")),
        }
        return render(request, "core/includes/options.html", context)
    return JsonResponse(options, safe=False)
