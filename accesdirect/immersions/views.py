"""The immersion pages: plan one from the person's page, its detail with the tutor's review and
the outcome, corrections, cancellation, and the printable summary of the convention."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.calendar import paris_today
from accesdirect.core.errors import DomainError
from accesdirect.seekers.models import JobSeeker

from . import services
from .enums import ImmersionOutcome, ImmersionStatus
from .forms import CancelForm, ImmersionForm, OutcomeForm, ReviewForm, field_error
from .models import Immersion


def _immersion_for(request, pk: int) -> Immersion:
    return get_for_user(
        request,
        Immersion.objects.select_related(
            "job_seeker", "company", "prescriber", "commune", "appellation", "created_by", "cancelled_by"
        ),
        pk=pk,
    )


def _refused(form, error: DomainError) -> None:
    field_error(form, getattr(error, "field", None), error.message)


@staff_required
@require_http_methods(["GET", "POST"])
def immersion_create(request, job_seeker_pk):
    job_seeker = get_for_user(request, JobSeeker, pk=job_seeker_pk)
    latest_referral = job_seeker.referrals.order_by("-referred_on", "-pk").first()
    initial = {"prescriber": latest_referral.organisation_id if latest_referral else None}
    form = ImmersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            immersion = services.immersion_create(job_seeker=job_seeker, by=request.user, terms=form.terms())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("Immersion prévue : le bilan sera demandé au tuteur par SMS la veille de la fin.")
            )
            return redirect("immersions:detail", pk=immersion.pk)
    context = {"form": form, "job_seeker": job_seeker, "immersion": None}
    return render(request, "immersions/form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def immersion_edit(request, pk):
    immersion = _immersion_for(request, pk)
    if immersion.is_cancelled:
        messages.error(request, _("Cette immersion est annulée."))
        return redirect("immersions:detail", pk=immersion.pk)
    initial = {field: getattr(immersion, field) for field in services.TERM_FIELDS}
    form = ImmersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.immersion_update(immersion=immersion, by=request.user, terms=form.terms())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Immersion enregistrée."))
            return redirect("immersions:detail", pk=immersion.pk)
    context = {"form": form, "job_seeker": immersion.job_seeker, "immersion": immersion}
    return render(request, "immersions/form.html", context)


@staff_required
def immersion_detail(request, pk):
    return _render_detail(request, _immersion_for(request, pk))


def _render_detail(request, immersion: Immersion, *, review_form=None, outcome_form=None, status=200):
    today = paris_today()
    state = immersion.status_on(today)
    started = state in (ImmersionStatus.ONGOING, ImmersionStatus.ENDED)
    context = {
        "immersion": immersion,
        "state": state,
        "review_form": review_form if review_form is not None else (ReviewForm() if started else None),
        "outcome_form": outcome_form if outcome_form is not None else (OutcomeForm() if started else None),
        "cancel_form": (
            CancelForm()
            if state != ImmersionStatus.CANCELLED and not (immersion.reviewed_on or immersion.outcome)
            else None
        ),
        "hired": immersion.outcome == ImmersionOutcome.HIRED,
    }
    return render(request, "immersions/detail.html", context, status=status)


@staff_required
@require_POST
def immersion_review(request, pk):
    immersion = _immersion_for(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.immersion_record_review(immersion=immersion, by=request.user, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Bilan de l'immersion enregistré."))
            return redirect("immersions:detail", pk=immersion.pk)
    return _render_detail(request, immersion, review_form=form, status=400)


@staff_required
@require_POST
def immersion_outcome(request, pk):
    immersion = _immersion_for(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.immersion_record_outcome(immersion=immersion, by=request.user, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Suite de l'immersion enregistrée."))
            return redirect("immersions:detail", pk=immersion.pk)
    return _render_detail(request, immersion, outcome_form=form, status=400)


@staff_required
@require_POST
def immersion_cancel(request, pk):
    immersion = _immersion_for(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.immersion_cancel(
                immersion=immersion, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Immersion annulée."))
    return redirect("immersions:detail", pk=immersion.pk)


@staff_required
def immersion_print(request, pk):
    """The printable summary of the convention, to bring to the signature of the Cerfa."""
    immersion = _immersion_for(request, pk)
    return render(request, "immersions/print.html", {"immersion": immersion})
