"""Staff side of the app: a CRE publishes the times at which people who reserved one of their
offers can meet them, and sees who booked which."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.core.access import staff_required
from accesdirect.core.errors import DomainError
from accesdirect.offers.models import MeetingSlot
from accesdirect.offers.services import slot_publish, slot_remove

from ..forms_slots import SlotsForm


@staff_required
@require_http_methods(["GET", "POST"])
def my_slots(request):
    form = SlotsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step = datetime.timedelta(minutes=data["minutes"])
        try:
            # All the times or none: a clash with an existing one leaves the others unpublished.
            with transaction.atomic():
                for index in range(data["count"]):
                    slot_publish(
                        structure=request.structure,
                        staff=request.user,
                        starts_at=data["starts_at"] + index * step,
                        minutes=data["minutes"],
                        site=data["site"],
                        by=request.user,
                    )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                ngettext("%(count)s créneau publié.", "%(count)s créneaux publiés.", data["count"])
                % {"count": data["count"]},
            )
            return redirect("seeker_app:slots")
    slots = (
        MeetingSlot.objects.filter(
            staff=request.user, starts_at__gte=timezone.now() - datetime.timedelta(hours=2)
        )
        .select_related("site", "positioning__job_seeker", "positioning__offer")
        .order_by("starts_at")[:100]
    )
    return render(request, "portals/slots/list.html", {"form": form, "slots": slots})


@staff_required
@require_POST
def slot_delete(request, pk):
    slot = MeetingSlot.objects.filter(pk=pk, staff=request.user).first()
    if slot is None:
        raise Http404
    try:
        slot_remove(slot=slot, by=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Créneau retiré."))
    return redirect("seeker_app:slots")
