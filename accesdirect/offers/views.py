import dataclasses

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accesdirect.companies.models import Company
from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.core.pagination import paginate
from accesdirect.core.ranges import is_id
from accesdirect.seekers.enums import WorkCondition
from accesdirect.seekers.models import JobSeeker

from . import queries, services
from .enums import POSITIONING_TRANSITIONS, OfferStatus, PositioningStatus
from .forms import (
    EmploymentDeclareForm,
    EmploymentEndForm,
    FollowUpForm,
    HireForm,
    InterviewRescheduleForm,
    OfferFilterForm,
    OfferForm,
    OfferRejectForm,
    PositionForm,
    PositioningStepForm,
    ReassignForm,
)
from .models import Employment, JobFollowUp, MeetingSlot, Offer, Positioning

OFFER_FORM_FIELDS = [name for name in OfferForm.base_fields if name != "company"]
# Several small forms share the offer page: distinct ids keep each label tied to its field.
RESCHEDULE_IDS = "id_reschedule_%s"
REASSIGN_IDS = "id_reassign_%s"


# --- Offers ---------------------------------------------------------------------------


@staff_required
@vary_on_headers("HX-Request")  # the same URL serves the page or its fragment
def offer_list(request):
    filter_form = OfferFilterForm(request.GET)
    offers = queries.offer_list(**filter_form.filters(user=request.user))
    return render_page_or_fragment(
        request,
        page="offers/list.html",
        fragment="offers/includes/results.html",
        context={"filter_form": filter_form, "page_obj": paginate(request, offers)},
    )


def _offer_for_user(request, pk) -> Offer:
    queryset = Offer.objects.select_related("company", "commune", "appellation", "captured_by")
    return get_for_user(request, queryset, pk=pk)


@staff_required
def offer_detail(request, pk):
    return _render_offer_detail(request, _offer_for_user(request, pk))


def _render_offer_detail(request, offer: Offer, **forms):
    """The offer page; a form that failed is passed back bound, to keep what was typed."""
    current, past = queries.offer_positionings(offer)
    next_steps = (
        [
            PositioningStatus(step)
            for step in POSITIONING_TRANSITIONS.get(current.status, [])
            if step != PositioningStatus.HIRED
        ]
        if current
        else []
    )
    context = {
        "offer": offer,
        "work_conditions": [
            WorkCondition(value).label for value in offer.work_conditions if value in WorkCondition.values
        ],
        "current": current,
        # A reservation of the app: its meeting, if the person booked one of the CRE's slots.
        "current_meeting": MeetingSlot.objects.filter(positioning=current).first()
        if current is not None and current.status == PositioningStatus.RESERVED
        else None,
        "past": past,
        "next_steps": next_steps,
        "can_hire": current is not None
        and PositioningStatus.HIRED in POSITIONING_TRANSITIONS[current.status],
        "can_schedule": PositioningStatus.INTERVIEW_SCHEDULED in next_steps,
        "can_reschedule": current is not None and current.status == PositioningStatus.INTERVIEW_SCHEDULED,
        "is_open": offer.status == OfferStatus.OPEN,
        "is_editable": offer.status in (OfferStatus.TO_CONFIRM, OfferStatus.OPEN, OfferStatus.POSITIONED),
        "to_confirm": offer.status == OfferStatus.TO_CONFIRM,
        # Who sent an offer to confirm: the company's people, the latest first (one query).
        "company_people": list(offer.company.people.order_by("-pk")[:3])
        if offer.status == OfferStatus.TO_CONFIRM
        else [],
        "reject_form": forms.get("reject_form") or OfferRejectForm(),
        "position_form": forms.get("position_form") or PositionForm(),
        "step_form": forms.get("step_form") or PositioningStepForm(),
        "reschedule_form": forms.get("reschedule_form")
        or InterviewRescheduleForm(
            initial={"interview_at": current.interview_at if current else None}, auto_id=RESCHEDULE_IDS
        ),
        "reassign_form": forms.get("reassign_form")
        or ReassignForm(
            structure=request.structure,
            initial={"presented_by": current.presented_by_id if current else None},
        ),
    }
    return render(request, "offers/detail.html", context)


@staff_required
def offer_create(request):
    """Capture an offer, from a company page (?entreprise=<pk>) or from the offers list."""
    company = None
    company_pk = request.GET.get("entreprise", "")
    if is_id(company_pk):
        company = get_for_user(request, Company, pk=int(company_pk))
    form = OfferForm(request.POST or None, with_company=company is None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        company = data.pop("company", company)
        try:
            offer = services.offer_create(company=company, by=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'offre « %(title)s » est enregistrée.") % {"title": offer.title})
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/form.html", {"form": form, "offer": None, "company": company})


@staff_required
def offer_edit(request, pk):
    offer = _offer_for_user(request, pk)
    initial = {name: getattr(offer, name) for name in OFFER_FORM_FIELDS}
    form = OfferForm(request.POST or None, with_company=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if "commune" in changes and changes["commune"] is None:
            changes["commune"] = offer.company.commune
        try:
            services.offer_update(offer=offer, by=request.user, **changes)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'offre « %(title)s » est modifiée.") % {"title": offer.title})
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/form.html", {"form": form, "offer": offer, "company": offer.company})


@staff_required
@require_POST
def offer_cancel(request, pk):
    offer = _offer_for_user(request, pk)
    try:
        services.offer_cancel(offer=offer, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("L'offre est annulée."))
    return redirect("offers:detail", pk=offer.pk)


@staff_required
@require_POST
def offer_confirm(request, pk):
    """An offer sent by a company, checked with it on the phone: it opens, captured by its CRE."""
    offer = _offer_for_user(request, pk)
    try:
        services.company_offer_confirm(offer=offer, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("L'offre est confirmée : elle est ouverte, recueillie par %(name)s.")
            % {"name": offer.captured_by},
        )
    return redirect("offers:detail", pk=offer.pk)


@staff_required
@require_POST
def offer_reject(request, pk):
    offer = _offer_for_user(request, pk)
    form = OfferRejectForm(request.POST)
    if form.is_valid():
        try:
            services.company_offer_reject(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error("reason" if getattr(error, "field", None) == "reason" else None, error.message)
        else:
            messages.success(request, _("L'offre est écartée."))
            return redirect("offers:detail", pk=offer.pk)
    return _render_offer_detail(request, offer, reject_form=form)


# --- Positionings ---------------------------------------------------------------------


@staff_required
@require_POST
def offer_position(request, pk):
    offer = _offer_for_user(request, pk)
    form = PositionForm(request.POST)
    if form.is_valid():
        try:
            positioning = services.positioning_create(
                offer=offer, job_seeker=form.cleaned_data["job_seeker"], by=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s est positionné·e sur cette offre : le marché de l'offre est fermé.")
                % {"name": positioning.job_seeker},
            )
            return redirect("offers:detail", pk=offer.pk)
    return _render_offer_detail(request, offer, position_form=form)


def _positioning_for_user(request, pk) -> Positioning:
    queryset = Positioning.objects.select_related("offer__company", "job_seeker", "presented_by")
    return get_for_user(request, queryset, pk=pk)


@staff_required
@require_POST
def positioning_advance(request, pk):
    positioning = _positioning_for_user(request, pk)
    form = PositioningStepForm(request.POST)
    to_status = request.POST.get("to_status", "")
    if to_status == PositioningStatus.HIRED:
        return redirect("offers:employment_record", pk=positioning.pk)
    if form.is_valid() and to_status in PositioningStatus.values:
        try:
            services.positioning_advance(
                positioning=positioning,
                to_status=PositioningStatus(to_status),
                by=request.user,
                **form.cleaned_data,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Étape enregistrée : %(step)s.") % {"step": positioning.get_status_display().lower()},
            )
            return redirect("offers:detail", pk=positioning.offer_id)
    elif form.is_valid():
        messages.error(request, _("Choisissez l'étape suivante."))
    return _render_offer_detail(request, _offer_for_user(request, positioning.offer_id), step_form=form)


@staff_required
@require_POST
def interview_reschedule(request, pk):
    positioning = _positioning_for_user(request, pk)
    form = InterviewRescheduleForm(request.POST, auto_id=RESCHEDULE_IDS)
    if form.is_valid():
        try:
            services.positioning_interview_reschedule(
                positioning=positioning, interview_at=form.cleaned_data["interview_at"], by=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L'entretien est déplacé."))
            return redirect("offers:detail", pk=positioning.offer_id)
    return _render_offer_detail(request, _offer_for_user(request, positioning.offer_id), reschedule_form=form)


@staff_required
@require_POST
def positioning_reassign(request, pk):
    positioning = _positioning_for_user(request, pk)
    form = ReassignForm(request.POST, structure=request.structure, auto_id=REASSIGN_IDS)
    if form.is_valid():
        try:
            services.positioning_reassign(
                positioning=positioning, presented_by=form.cleaned_data["presented_by"], by=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("L'offre sera présentée par %(name)s.") % {"name": form.cleaned_data["presented_by"]},
            )
            return redirect("offers:detail", pk=positioning.offer_id)
    return _render_offer_detail(request, _offer_for_user(request, positioning.offer_id), reassign_form=form)


# --- Employment -----------------------------------------------------------------------


@staff_required
def employment_record(request, pk):
    """The hire of a positioned person: the terms of the job, prefilled with the offer's."""
    positioning = _positioning_for_user(request, pk)
    if hasattr(positioning, "employment"):
        return redirect("offers:employment_detail", pk=positioning.employment.pk)
    offer = positioning.offer
    terms = services.EmploymentTerms.from_offer(offer, today=timezone.localdate())
    form = HireForm(request.POST or None, initial=dataclasses.asdict(terms))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note")
        try:
            services.positioning_advance(
                positioning=positioning,
                to_status=PositioningStatus.HIRED,
                by=request.user,
                note=note,
                terms=services.EmploymentTerms(**data),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Embauche enregistrée : l'offre est pourvue et le suivi dans l'emploi est planifié."),
            )
            return redirect("offers:employment_detail", pk=positioning.employment.pk)
    return render(request, "offers/employment_record.html", {"positioning": positioning, "form": form})


@staff_required
def employment_declare(request, job_seeker_pk):
    """A job the person found by themselves."""
    job_seeker = get_for_user(request, JobSeeker, pk=job_seeker_pk)
    form = EmploymentDeclareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employment = services.employment_declare(
                job_seeker=job_seeker, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Emploi enregistré : le suivi dans l'emploi est planifié."))
            return redirect("offers:employment_detail", pk=employment.pk)
    return render(request, "offers/employment_declare.html", {"job_seeker": job_seeker, "form": form})


@staff_required
def employment_detail(request, pk):
    employment = get_for_user(
        request,
        Employment.objects.select_related("job_seeker", "company", "positioning", "recorded_by"),
        pk=pk,
    )
    return _render_employment(request, employment, end_form=EmploymentEndForm())


def _render_employment(request, employment: Employment, *, end_form):
    context = {
        "employment": employment,
        "follow_ups": queries.employment_follow_ups(employment),
        "today": timezone.localdate(),
        "end_form": end_form if employment.ended_on is None else None,
    }
    return render(request, "offers/employment_detail.html", context)


@staff_required
@require_POST
def employment_end(request, pk):
    employment = get_for_user(
        request,
        Employment.objects.select_related("job_seeker", "company", "positioning", "recorded_by"),
        pk=pk,
    )
    form = EmploymentEndForm(request.POST)
    if form.is_valid():
        try:
            services.employment_end(employment=employment, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Fin de l'emploi enregistrée : la personne est de nouveau sans emploi.")
            )
            return redirect("offers:employment_detail", pk=employment.pk)
    return _render_employment(request, employment, end_form=form)


@staff_required
def follow_up_record(request, pk):
    follow_up = get_for_user(
        request, JobFollowUp.objects.select_related("employment__job_seeker", "employment__company"), pk=pk
    )
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_follow_up_record(follow_up=follow_up, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Suivi dans l'emploi enregistré."))
            return redirect("offers:employment_detail", pk=follow_up.employment_id)
    return render(request, "offers/follow_up_form.html", {"follow_up": follow_up, "form": form})
