"""One person, one file: the direction merges two files of the same person."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accesdirect.core.access import staff_required
from accesdirect.core.collation import french_order
from accesdirect.core.errors import DomainError

from .. import services
from ..models import JobSeeker
from ..queries import possible_duplicates
from .common import back_to_seeker, seeker_for

SEARCH_RESULTS = 20


def _direction_only(request) -> None:
    # Checked after the person is fetched: a file of another structure is a 404 for everyone,
    # a file of one's own structure is a 403 for a CRE.
    if not request.membership.is_direction:
        raise PermissionDenied


@staff_required
def merge_choose(request, pk):
    """From a person's page: the file to merge with theirs, among their possible duplicates
    or found by name or phone."""
    seeker = seeker_for(request, pk)
    _direction_only(request)
    duplicates = [
        person
        for person in possible_duplicates(
            phone=seeker.phone,
            first_name=seeker.first_name,
            last_name=seeker.last_name,
            birth_date=seeker.birth_date,
        )
        if person.pk != seeker.pk
    ]
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query:
        found = list(
            JobSeeker.objects.search(query)
            .exclude(pk=seeker.pk)
            .select_related("commune")
            .order_by(*french_order("last_name", "first_name", "pk"))[:SEARCH_RESULTS]
        )
    return render(
        request,
        "seekers/merge_choose.html",
        {"seeker": seeker, "duplicates": duplicates, "query": query, "found": found},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def merge_confirm(request, pk, other_pk):
    """What the merge will move from the other file into this one, then the merge itself:
    this file is kept, the other is deleted once emptied."""
    kept = seeker_for(request, pk)
    merged = seeker_for(request, other_pk)
    _direction_only(request)
    refusal = services.merge_refusal(kept=kept, merged=merged)
    if request.method == "POST" and refusal is None:
        try:
            services.job_seeker_merge(kept=kept, merged=merged, by=request.user)
        except DomainError as exc:
            refusal = exc.message
        else:
            return back_to_seeker(
                request,
                kept,
                _("Dossiers fusionnés : tout l'historique de %(name)s est maintenant dans ce dossier.")
                % {"name": kept.full_name},
            )
    return render(
        request,
        "seekers/merge_confirm.html",
        {"kept": kept, "merged": merged, "moving": services.merge_preview(merged), "refusal": refusal},
    )
