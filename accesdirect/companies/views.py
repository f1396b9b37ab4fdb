from django.contrib import messages
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.autocomplete import suggestions, typed_query
from accesdirect.core.collation import french_order
from accesdirect.core.errors import DomainError
from accesdirect.core.htmx import render_page_or_fragment
from accesdirect.core.pagination import paginate
from accesdirect.messaging.enums import Subject
from accesdirect.messaging.queries import messages_about
from accesdirect.offers.queries import offer_list

from . import queries, services
from .forms import CompanyContactForm, CompanyFilterForm, CompanyForm, CompanyPersonForm
from .models import Company

COMPANY_OFFERS_SHOWN = 20


@staff_required
@vary_on_headers("HX-Request")  # the same URL serves the page or its fragment
def company_list(request):
    today = timezone.localdate()
    filter_form = CompanyFilterForm(request.GET)
    companies = queries.company_list(**filter_form.filters(user=request.user, today=today))
    return render_page_or_fragment(
        request,
        page="companies/list.html",
        fragment="companies/includes/results.html",
        context={"filter_form": filter_form, "page_obj": paginate(request, companies), "today": today},
    )


@staff_required
def company_detail(request, pk):
    company = get_for_user(request, Company.objects.select_related("commune", "naf", "followed_by"), pk=pk)
    return _render_detail(request, company, person_form=CompanyPersonForm())


def _render_detail(request, company, *, person_form):
    offers = offer_list(company=company)
    context = {
        "company": company,
        "people": company.people.order_by(*french_order("name")),
        "person_form": person_form,
        "contacts": paginate(request, queries.company_contacts(company)),
        "offers": offers[:COMPANY_OFFERS_SHOWN],
        "offer_count": offers.count(),
        # Views are edges: the page reads the outbox's messages to this company.
        "outbox_messages": messages_about(Subject.COMPANY, company.pk),
    }
    return render(request, "companies/detail.html", context)


@staff_required
def company_create(request):
    form = CompanyForm(
        request.POST or None, structure=request.structure, initial={"followed_by": request.user}
    )
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                structure=request.structure, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'entreprise « %(name)s » est créée.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/form.html", {"form": form, "company": None})


@staff_required
def company_edit(request, pk):
    company = get_for_user(request, Company, pk=pk)
    initial = model_to_dict(company, fields=list(CompanyForm.base_fields))
    form = CompanyForm(request.POST or None, structure=request.structure, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.company_update(company=company, by=request.user, **changes)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L'entreprise « %(name)s » est modifiée.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/form.html", {"form": form, "company": company})


@staff_required
@require_POST
def company_person_add(request, pk):
    company = get_for_user(request, Company.objects.select_related("commune", "naf", "followed_by"), pk=pk)
    form = CompanyPersonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, company, person_form=form)
    person = services.company_person_add(company=company, by=request.user, **form.cleaned_data)
    messages.success(request, _("%(name)s est ajouté·e aux interlocuteurs.") % {"name": person.name})
    return redirect("companies:detail", pk=company.pk)


@staff_required
def company_contact_log(request, pk):
    """Log a contact: a page of its own, or a panel opened with htmx from the list or the company."""
    company = get_for_user(request, Company, pk=pk)
    next_url = _safe_next(request, default=company.get_absolute_url())
    form = CompanyContactForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_contact_log(company=company, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Contact avec « %(name)s » consigné.") % {"name": company.name})
            return redirect(next_url)
    return render_page_or_fragment(
        request,
        page="companies/contact_log.html",
        fragment="companies/includes/contact_form.html",
        context={"company": company, "form": form, "next_url": next_url},
    )


def _safe_next(request, *, default: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    # A path of this site only ("/…"): redirect() would read a bare word as a URL name.
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        return next_url
    return default


@require_GET
@staff_required
def company_autocomplete(request):
    """Companies of the file matching a name or a SIRET, for the offer and employment forms."""
    query = typed_query(request)
    companies = Company.objects.search(query).select_related("commune")[:20] if query else []
    return suggestions(request, query, companies, lambda company: f"{company.name} – {company.commune.name}")
