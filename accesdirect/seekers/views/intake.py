"""Intake (accueil): start it, add and remove target jobs (htmx), complete it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.errors import DomainError

from .. import services
from ..enums import SeekerStatus
from ..forms import IntakeCompleteForm, IntakeStartForm, TargetJobForm
from ..models import MIN_TARGET_JOBS
from .common import back_to_seeker, seeker_for


def _target_jobs_context(request, seeker, *, target_form=None, target_error: str = "") -> dict:
    return {
        "seeker": seeker,
        "target_jobs": list(seeker.target_jobs.select_related("appellation", "commune").order_by("pk")),
        "target_form": target_form or TargetJobForm(structure=request.structure),
        "target_error": target_error,
        "min_target_jobs": MIN_TARGET_JOBS,
    }


def _intake_page(request, seeker, *, start_form=None, complete_form=None, target_form=None, target_error=""):
    intake = services.open_intake(seeker)
    if intake is None and seeker.status == SeekerStatus.REFERRED:
        start_form = start_form or IntakeStartForm()
    else:
        start_form = None
    if intake is not None and complete_form is None:
        complete_form = IntakeCompleteForm(
            initial={
                "notes": intake.notes,
                "frame_explained": intake.frame_explained,
                "agreed_to_engage": intake.agreed_to_engage,
            }
        )
    context = _target_jobs_context(request, seeker, target_form=target_form, target_error=target_error)
    context.update({"intake": intake, "start_form": start_form, "complete_form": complete_form})
    return render(request, "seekers/intake.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def intake(request, pk):
    """The intake page: starts the intake (POST), then holds its target jobs and completion."""
    seeker = seeker_for(request, pk)
    if request.method == "POST":
        start_form = IntakeStartForm(request.POST)
        if start_form.is_valid():
            try:
                services.intake_start(job_seeker=seeker, by=request.user, **start_form.cleaned_data)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Accueil commencé : notez au moins trois postes visés."))
            return redirect("seekers:intake", pk=seeker.pk)
        return _intake_page(request, seeker, start_form=start_form)
    return _intake_page(request, seeker)


@staff_required
@require_POST
def intake_complete(request, pk):
    seeker = seeker_for(request, pk)
    intake = services.open_intake(seeker)
    if intake is None:
        messages.error(request, _("Aucun accueil en cours pour cette personne."))
        return redirect("seekers:intake", pk=seeker.pk)
    form = IntakeCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.intake_complete(intake=intake, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(
                request,
                seeker,
                _("Accueil terminé : %(name)s est accompagné·e. Prochaine étape : le premier PER.")
                % {"name": seeker.full_name},
            )
    return _intake_page(request, seeker, complete_form=form)


def _target_jobs_answer(request, seeker, *, target_form=None, target_error: str = ""):
    """htmx: the target jobs fragment; otherwise the intake page (errors) or a redirect."""
    if request.htmx:
        context = _target_jobs_context(request, seeker, target_form=target_form, target_error=target_error)
        return render(request, "seekers/includes/target_jobs.html", context)
    if target_error:
        messages.error(request, target_error)
        return redirect("seekers:intake", pk=seeker.pk)
    if target_form is not None:
        return _intake_page(request, seeker, target_form=target_form)
    return redirect("seekers:intake", pk=seeker.pk)


@staff_required
@require_POST
def target_job_add(request, pk):
    seeker = seeker_for(request, pk)
    form = TargetJobForm(request.POST, structure=request.structure)
    if form.is_valid():
        try:
            services.target_job_add(job_seeker=seeker, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if not request.htmx:
                messages.success(request, _("Poste visé ajouté."))
            return _target_jobs_answer(request, seeker)
    return _target_jobs_answer(request, seeker, target_form=form)


@staff_required
@require_POST
def target_job_remove(request, pk, target_pk):
    seeker = seeker_for(request, pk)
    target_job = get_for_user(request, seeker.target_jobs.select_related("appellation"), pk=target_pk)
    try:
        services.target_job_remove(target_job=target_job, by=request.user)
    except DomainError as exc:
        return _target_jobs_answer(request, seeker, target_error=exc.message)
    if not request.htmx:
        messages.success(request, _("Poste visé retiré."))
    return _target_jobs_answer(request, seeker)
