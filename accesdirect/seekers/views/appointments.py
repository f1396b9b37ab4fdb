"""Appointments with a person: create one, record what became of it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.errors import DomainError

from .. import services
from ..enums import AppointmentStatus
from ..forms import AppointmentForm, AppointmentStatusForm
from .common import back_to_seeker, form_page, seeker_for


@staff_required
@require_http_methods(["GET", "POST"])
def appointment_create(request, pk):
    seeker = seeker_for(request, pk)
    initial = {"staff": request.membership, "site": request.membership.site_id or seeker.site_id}
    form = AppointmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_create(
                job_seeker=seeker,
                staff=data["staff"].user,
                starts_at=data["starts_at"],
                site=data["site"],
                purpose=data["purpose"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(request, seeker, _("Rendez-vous fixé."))
    return form_page(
        request,
        seeker=seeker,
        form=form,
        title=_("Nouveau rendez-vous"),
        submit_label=_("Fixer le rendez-vous"),
    )


@staff_required
@require_POST
def appointment_set_status(request, pk, appointment_pk):
    seeker = seeker_for(request, pk)
    appointment = get_for_user(request, seeker.appointments.all(), pk=appointment_pk)
    form = AppointmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez ce qu'est devenu le rendez-vous."))
        return redirect("seekers:detail", pk=seeker.pk)
    status = AppointmentStatus(form.cleaned_data["status"])
    try:
        services.appointment_set_status(appointment=appointment, status=status, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("seekers:detail", pk=seeker.pk)
    return back_to_seeker(request, seeker, _("Rendez-vous marqué « %(status)s ».") % {"status": status.label})
