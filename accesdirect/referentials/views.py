"""Autocomplete answers for the staff pages: JSON for scripts, <option> fragments for htmx."""

from django.views.decorators.http import require_GET

from accesdirect.core.access import staff_required
from accesdirect.core.autocomplete import suggestions, typed_query

from . import queries


@require_GET
@staff_required
def communes(request):
    query = typed_query(request)
    return suggestions(request, query, queries.communes_matching(query), queries.commune_label)


@require_GET
@staff_required
def appellations(request):
    query = typed_query(request)
    return suggestions(request, query, queries.appellations_matching(query), queries.appellation_label)
