"""The job seekers' app: my offers, one-click reservation, the meeting slot, my reservations.

Every page needs the person signed in (job_seeker_required: their structure's scope); every
change is a POST through the offers' services (an SMS app may prefetch any link it is sent)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accesdirect.core.errors import DomainError
from accesdirect.core.ranges import is_id
from accesdirect.messaging.enums import OptOutSource
from accesdirect.messaging.services import is_opted_out, opt_out_add, opt_out_remove
from accesdirect.offers.enums import PositioningStatus
from accesdirect.offers.models import MeetingSlot, Offer, Positioning
from accesdirect.offers.services import (
    reservation_book_slot,
    reservation_call_back,
    reservation_cancel,
    reservation_create,
)

from ..app_session import job_seeker_required
from ..queries import (
    contacted_companies_of,
    current_period_of,
    free_slots_for,
    meetings_of,
    offers_for,
    reservations_of,
)


def _own_reservation(request, pk) -> Positioning:
    positioning = (
        Positioning.objects.filter(pk=pk, job_seeker=request.job_seeker)
        .select_related("offer__commune", "offer__company__naf", "presented_by", "meeting_slot__site")
        .first()
    )
    if positioning is None:
        raise Http404
    return positioning


@require_GET
@job_seeker_required
def my_offers(request):
    return render(
        request,
        "portals/app/offers/list.html",
        {"items": offers_for(request.job_seeker), "reservations": reservations_of(request.job_seeker)},
    )


@require_POST
@job_seeker_required
def reserve(request, pk):
    offer = Offer.objects.filter(pk=pk).select_related("company__structure", "captured_by").first()
    if offer is None:
        raise Http404
    try:
        reservation = reservation_create(offer=offer, job_seeker=request.job_seeker)
    except DomainError as refusal:
        # Lost against someone quicker (409) or refused by a rule: the list again, with why.
        context = {
            "items": offers_for(request.job_seeker),
            "reservations": reservations_of(request.job_seeker),
            "refusal": refusal.message,
        }
        return render(request, "portals/app/offers/list.html", context, status=refusal.status_code)
    messages.success(request, _("C'est réservé pour vous. Choisissez maintenant un rendez-vous."))
    return redirect("seeker_app:reservation", pk=reservation.pk)


@require_GET
@job_seeker_required
def reservation(request, pk):
    positioning = _own_reservation(request, pk)
    slots = free_slots_for(positioning) if positioning.status == PositioningStatus.RESERVED else []
    return render(
        request,
        "portals/app/offers/reservation.html",
        {"positioning": positioning, "slots": slots, "has_meeting": hasattr(positioning, "meeting_slot")},
    )


@require_POST
@job_seeker_required
def book_slot(request, pk):
    positioning = _own_reservation(request, pk)
    slot_id = request.POST.get("slot", "")
    slot = MeetingSlot.objects.filter(pk=slot_id).first() if is_id(slot_id) else None
    if slot is None:
        messages.error(request, _("Choisissez un créneau dans la liste."))
        return redirect("seeker_app:reservation", pk=positioning.pk)
    try:
        reservation_book_slot(positioning=positioning, slot=slot, job_seeker=request.job_seeker)
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return redirect("seeker_app:reservation", pk=positioning.pk)
    messages.success(request, _("Votre rendez-vous est pris. Vous allez recevoir un SMS."))
    return redirect("seeker_app:reservation", pk=positioning.pk)


@require_POST
@job_seeker_required
def call_back(request, pk):
    positioning = _own_reservation(request, pk)
    try:
        reservation_call_back(positioning=positioning, job_seeker=request.job_seeker)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("C'est noté : on vous rappelle très vite."))
    return redirect("seeker_app:reservation", pk=positioning.pk)


@require_POST
@job_seeker_required
def cancel(request, pk):
    positioning = _own_reservation(request, pk)
    try:
        reservation_cancel(positioning=positioning, job_seeker=request.job_seeker)
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return redirect("seeker_app:reservation", pk=positioning.pk)
    messages.success(request, _("Réservation annulée. L'offre est de nouveau proposée aux autres."))
    return redirect("seeker_app:offers")


@require_GET
@job_seeker_required
def home(request):
    """The person's page: reservations, meetings, their PER, the companies contacted for them."""
    job_seeker = request.job_seeker
    context = {
        "job_seeker": job_seeker,
        "reservations": reservations_of(job_seeker),
        "meetings": meetings_of(job_seeker),
        "period": current_period_of(job_seeker),
        "companies": contacted_companies_of(job_seeker),
        "opted_out": bool(job_seeker.phone)
        and is_opted_out(structure_id=job_seeker.structure_id, phone=job_seeker.phone),
    }
    return render(request, "portals/app/home.html", context)


@require_POST
@job_seeker_required
def sms(request):
    """STOP from the app: no more non-essential SMS (login codes and reservations still go)."""
    job_seeker = request.job_seeker
    if job_seeker.phone and request.POST.get("sms") == "off":
        opt_out_add(structure_id=job_seeker.structure_id, phone=job_seeker.phone, source=OptOutSource.APP)
        messages.success(request, _("C'est noté : vous ne recevrez plus nos SMS."))
    elif job_seeker.phone and request.POST.get("sms") == "on":
        opt_out_remove(structure_id=job_seeker.structure_id, phone=job_seeker.phone)
        messages.success(request, _("C'est noté : vous recevrez à nouveau nos SMS."))
    return redirect("seeker_app:home")
