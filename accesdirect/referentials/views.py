"""Autocomplete answers for the staff pages: JSON for scripts, <option> fragments for htmx."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accesdirect.core.access import staff_required

from . import queries


@require_GET
@staff_required
def communes(request):
    query = _typed_query(request)
    return _suggestions(request, query, queries.communes_matching(query), queries.commune_label)


@require_GET
@staff_required
def appellations(request):
    query = _typed_query(request)
    return _suggestions(request, query, queries.appellations_matching(query), queries.appellation_label)


def _typed_query(request) -> str:
    """`q`, or the value of the autocomplete widget's search box (named "<field>_search", so
    that it never collides with a form's own `q`)."""
    if "q" in request.GET:
        return request.GET["q"].strip()[:100]
    for key, value in request.GET.items():
        if key.endswith("_search"):
            return value.strip()[:100]
    return ""


def _suggestions(request, query, objects, label):
    options = [{"id": obj.pk, "label": label(obj)} for obj in objects]
    if request.htmx:
        context = {"options": options, "query": query, "blank": request.GET.get("blank") == "1"}
        return render(request, "referentials/includes/options.html", context)
    return JsonResponse(options, safe=False)
