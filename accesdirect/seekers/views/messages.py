"""The messages sent to a person (a part of their page, fetched when it scrolls into view),
and stopping or allowing again the SMS."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accesdirect.core.access import staff_required
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.messaging.enums import Subject
from accesdirect.messaging.queries import messages_about
from accesdirect.messaging.services import is_opted_out

from .. import services
from .common import back_to_seeker, seeker_for


@staff_required
@require_GET
@vary_on_headers("HX-Request")
def seeker_messages(request, pk):
    seeker = seeker_for(request, pk)
    context = {
        "seeker": seeker,
        # Views are edges: the outbox's messages about this person, and whether SMS are stopped.
        "outbox_messages": messages_about(Subject.JOB_SEEKER, seeker.pk),
        "sms_opted_out": bool(seeker.phone)
        and is_opted_out(structure_id=seeker.structure_id, phone=seeker.phone),
    }
    return render_page_or_fragment(
        request, page="seekers/messages.html", fragment="seekers/includes/messages.html", context=context
    )


@staff_required
@require_POST
def sms_consent(request, pk):
    seeker = seeker_for(request, pk)
    allowed = request.POST.get("sms") == "allow"
    try:
        services.job_seeker_sms_set(job_seeker=seeker, allowed=allowed, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("seekers:detail", pk=seeker.pk)
    if allowed:
        return back_to_seeker(
            request, seeker, _("Les SMS à %(name)s sont réautorisés.") % {"name": seeker.full_name}
        )
    return back_to_seeker(
        request, seeker, _("Plus aucun SMS ne sera envoyé à %(name)s.") % {"name": seeker.full_name}
    )
