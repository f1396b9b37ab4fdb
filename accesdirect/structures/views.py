from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .queries import SESSION_STRUCTURE_KEY, membership_in


@require_POST
def structure_switch(request):
    """Work in another structure where the user is an active member (network staff, a
    subcontracting structure). The choice lives in the session; the middleware checks it
    again on every request, so a membership deactivated later stops being used."""
    try:
        structure_id = int(request.POST.get("structure", ""))
    except ValueError:
        raise Http404 from None
    membership = membership_in(request.memberships, structure_id)
    if membership is None:
        # Not one of the user's structures: not found, like any object of another structure.
        raise Http404
    request.session[SESSION_STRUCTURE_KEY] = membership.structure_id
    messages.success(
        request, _("Vous travaillez maintenant pour %(structure)s.") % {"structure": membership.structure}
    )
    # The page the user was on may show an object of the previous structure: start afresh.
    return redirect("dashboard:home")
