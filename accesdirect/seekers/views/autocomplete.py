from django.views.decorators.http import require_GET

from accesdirect.core.access import staff_required
from accesdirect.core.autocomplete import suggestions, typed_query

from ..models import JobSeeker


@require_GET
@staff_required
def active_seekers(request):
    """Accompanied people matching a name or a phone number, for the positioning form."""
    query = typed_query(request)
    people = JobSeeker.objects.active().search(query).select_related("commune")[:20] if query else []
    return suggestions(request, query, people, lambda person: f"{person.full_name} – {person.commune.name}")
