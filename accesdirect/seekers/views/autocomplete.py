from django.views.decorators.http import require_GET

from accesdirect.core.access import staff_required
from accesdirect.core.autocomplete import kept_ids, suggestions, typed_query
from accesdirect.core.collation import french_order

from ..models import JobSeeker


@require_GET
@staff_required
def active_seekers(request):
    """Accompanied people matching a name or a phone number, for the positioning form and the
    company contact form (which keeps the people already picked)."""
    query = typed_query(request)
    active = JobSeeker.objects.active().select_related("commune")
    people = active.search(query)[:20] if query else []
    kept = kept_ids(request)
    kept = active.filter(pk__in=kept).order_by(*french_order("last_name", "first_name")) if kept else []
    return suggestions(
        request, query, people, lambda person: f"{person.full_name} – {person.commune.name}", kept=kept
    )
