"""The messages sent to a person: stopping or allowing again the SMS."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accesdirect.core.access import staff_required
from accesdirect.core.errors import DomainError

from .. import services
from .common import back_to_seeker, seeker_for


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
