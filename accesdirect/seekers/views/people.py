"""The list of job seekers, a person's page and printable record, referral, edit, journal."""

from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accesdirect.core.access import staff_required
from accesdirect.core.audit import audit_record
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.core.pagination import paginate
from accesdirect.immersions.queries import immersions_of_person
from accesdirect.offers.enums import Contract
from accesdirect.offers.models import Employment, Positioning

from .. import services
from ..enums import JournalKind, PeriodStatus, SeekerStatus, WorkCondition
from ..forms import (
    AppointmentStatusForm,
    JobSeekerEditForm,
    JobSeekerForm,
    JournalNoteForm,
    ReferralForm,
    SeekerFilterForm,
)
from ..models import MAX_PERIODS, JobSeeker
from ..queries import companies_contacted_for, companies_contacted_in, job_seekers_for_list, journal_for
from ..record_pdf import record_pdf
from .common import back_to_seeker, form_page, seeker_for


@staff_required
def seeker_list(request):
    filter_form = SeekerFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    today = timezone.localdate()
    # Views are edges: the situation (in a job today) is read from the offers app's employments.
    in_job = Employment.objects.filter(job_seeker=OuterRef("pk")).current(today)
    page_obj = paginate(request, job_seekers_for_list(**filters).annotate(in_job=Exists(in_job)))
    context = {"filter_form": filter_form, "page_obj": page_obj}
    return render_page_or_fragment(
        request, page="seekers/list.html", fragment="seekers/includes/list_results.html", context=context
    )


def _record(seeker: JobSeeker, *, journal_limit: int | None, appointments_limit: int | None) -> dict:
    """Everything known about a person, for their page and their printable record."""
    periods = list(seeker.periods.select_related("signed_by").order_by("cycle", "number"))
    current_period = next((period for period in periods if period.status != PeriodStatus.ENDED), None)
    intake = seeker.intakes.select_related("by").order_by("-pk").first()
    appointments = seeker.appointments.select_related("staff", "site").order_by("-starts_at")
    employments = list(
        Employment.objects.filter(job_seeker=seeker).select_related("company").order_by("-starts_on")
    )
    today = timezone.localdate()
    journal = list(journal_for(seeker, limit=journal_limit))
    return {
        "seeker": seeker,
        # The matching wishes, as labels (JSON lists of choice values).
        "wanted_contracts": _labels(seeker.wanted_contracts, Contract),
        "unavailable_conditions": _labels(seeker.unavailable_conditions, WorkCondition),
        "referrals": list(seeker.referrals.select_related("organisation").order_by("-referred_on", "-pk")),
        "intake": intake,
        "target_jobs": list(seeker.target_jobs.select_related("appellation", "commune").order_by("pk")),
        "periods": periods,
        "can_create_period": (
            seeker.status == SeekerStatus.ACTIVE
            and current_period is None
            and not seeker.needs_tripartite_review
            and sum(period.cycle == seeker.cycle for period in periods) < MAX_PERIODS
            and intake is not None
            and intake.completed_at is not None
        ),
        # The situation, derived from the employments: the job the person is in today, if any.
        "current_employment": next((job for job in employments if job.is_current(today)), None),
        "max_periods": MAX_PERIODS,
        # Views are edges: the page reads the offers app's rows for this person.
        "positionings": list(
            Positioning.objects.filter(job_seeker=seeker)
            .select_related("offer", "offer__company", "presented_by")
            .order_by("-created_at")
        ),
        "employments": employments,
        # Read when shown (the PDF leaves them out).
        "appointments": appointments[:appointments_limit] if appointments_limit else appointments,
        "reviews": list(seeker.reviews.select_related("organisation", "by").order_by("-held_on")),
        "journal": journal,
        # The whole journal holds every contact: no second query for the companies.
        "companies_contacted": (
            companies_contacted_in(journal)
            if journal_limit is None
            else list(companies_contacted_for(seeker))
        ),
    }


def _labels(values, choices) -> list[str]:
    return [str(choices(value).label) for value in values or () if value in choices.values]


@staff_required
def seeker_detail(request, pk):
    seeker = seeker_for(request, pk)
    context = _record(seeker, journal_limit=50, appointments_limit=20)
    context.update(
        {
            "note_form": JournalNoteForm(),
            "appointment_status_choices": AppointmentStatusForm.base_fields["status"].choices,
        }
    )
    return render(request, "seekers/detail.html", context)


@staff_required
def seeker_print(request, pk):
    """ "Imprimer le suivi": the whole record of one person on one printable page."""
    seeker = seeker_for(request, pk)
    return render(request, "seekers/print.html", _record(seeker, journal_limit=None, appointments_limit=None))


@staff_required
def seeker_pdf(request, pk):
    """The same record as one PDF file, every action included; the download is in the trail
    (a person's whole file leaving the application)."""
    seeker = seeker_for(request, pk)
    record = _record(seeker, journal_limit=None, appointments_limit=None)
    pdf = record_pdf(record, immersions=immersions_of_person(seeker), structure_name=request.structure.name)
    audit_record(
        by=request.user,
        action="seeker.record_downloaded",
        target=seeker,
        params={"format": "pdf", "actions": len(record["journal"])},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"suivi-{slugify(seeker.full_name) or seeker.pk}-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def referral_create(request):
    """A new referral. When the person seems to be on file already (same mobile, or same name
    and birth date), the page shows their file(s) under the form, still filled in, and asks:
    take up that file ("existing": a re-entry, no second file) or open a new one for another
    person ("new_file"); either button re-posts the whole form."""
    seeker_form = JobSeekerForm(
        request.POST or None, structure=request.structure, initial={"site": request.membership.site_id}
    )
    referral_form = ReferralForm(request.POST or None)
    duplicates = []
    existing_pk = request.POST.get("existing", "")
    if request.method == "POST" and existing_pk.isdigit():
        existing = seeker_for(request, int(existing_pk))
        if referral_form.is_valid():
            try:
                services.referral_create(
                    structure=request.structure,
                    by=request.user,
                    job_seeker=existing,
                    **referral_form.cleaned_data,
                )
            except DomainError as exc:
                referral_form.add_error(None, exc.message)
            else:
                existing.refresh_from_db(fields=["status"])
                message = _("Prescription ajoutée au dossier de %(name)s, repris avec tout son historique.")
                if existing.status == SeekerStatus.REFERRED:
                    message += " " + _("Prochaine étape : l'accueil.")
                return back_to_seeker(request, existing, message % {"name": existing.full_name})
    elif request.method == "POST" and seeker_form.is_valid() and referral_form.is_valid():
        try:
            referral = services.referral_create(
                structure=request.structure,
                by=request.user,
                new_file_confirmed=request.POST.get("new_file") == "1",
                **referral_form.cleaned_data,
                **seeker_form.cleaned_data,
            )
        except services.PossibleDuplicate as exc:
            duplicates = exc.candidates
        except DomainError as exc:
            referral_form.add_error(None, exc.message)
        else:
            return back_to_seeker(
                request,
                referral.job_seeker,
                _("Prescription enregistrée pour %(name)s. Prochaine étape : l'accueil.")
                % {"name": referral.job_seeker.full_name},
            )
    return render(
        request,
        "seekers/referral_form.html",
        {"seeker_form": seeker_form, "referral_form": referral_form, "duplicates": duplicates},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def seeker_edit(request, pk):
    seeker = seeker_for(request, pk)
    form = JobSeekerEditForm(request.POST or None, instance=seeker, structure=request.structure)
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        try:
            services.job_seeker_update(job_seeker=seeker, changes=changes, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return back_to_seeker(
                request, seeker, _("Fiche de %(name)s enregistrée.") % {"name": seeker.full_name}
            )
    return form_page(
        request, seeker=seeker, form=form, title=_("Modifier la fiche"), submit_label=_("Enregistrer")
    )


@staff_required
@require_http_methods(["GET", "POST"])
def journal_note(request, pk):
    """A call or a note in the person's journal."""
    seeker = seeker_for(request, pk)
    form = JournalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.journal_add(
            job_seeker=seeker,
            kind=JournalKind(form.cleaned_data["kind"]),
            text=form.cleaned_data["text"],
            author=request.user,
        )
        return back_to_seeker(request, seeker, _("Ajouté au journal."))
    return form_page(
        request, seeker=seeker, form=form, title=_("Ajouter au journal"), submit_label=_("Ajouter au journal")
    )
