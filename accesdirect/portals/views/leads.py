"""Signing up in the job seekers' app (people not yet accompanied), the public searches its
form uses, and the staff's list of sign-ups to call back."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accesdirect.accounts.throttle import client_ip
from accesdirect.core.access import get_for_user, staff_required
from accesdirect.core.autocomplete import suggestions, typed_query
from accesdirect.core.errors import DomainError
from accesdirect.core.pagination import paginate
from accesdirect.core.throttle import throttle_hit
from accesdirect.referentials import queries as referentials

from ..forms_app import CONSENT_TEXT, SignUpForm
from ..models import Lead
from ..services.leads import (
    KEEP_AFTER_CALL,
    KEEP_UNCALLED,
    lead_create,
    lead_erase,
    lead_mark_contacted,
    structure_for_commune,
)

SIGN_UPS_PER_CLIENT = 10
SIGN_UP_WINDOW = datetime.timedelta(hours=1)
# The searches of the sign-up form: a person types a few words in four boxes; a script that
# reads the referentials through them is slowed down. They are public: a short answer (20
# rows at most, 2 characters at least) that the browser keeps for a day.
SEARCHES_PER_CLIENT = 300
SEARCH_WINDOW = datetime.timedelta(minutes=10)
SEARCH_MIN_LENGTH = 2
# The structure a sign-up went to, for the thank-you page after the redirect.
SIGNED_UP_KEY = "seeker_app_signed_up_with"


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_up(request):
    form = SignUpForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        if form.is_robot:
            # A robot filled the hidden field: it is told "thank you" and nothing is stored.
            return redirect("seeker_app:sign_up_done")
        if not throttle_hit(
            f"sign_up:ip:{client_ip(request)}", limit=SIGN_UPS_PER_CLIENT, window=SIGN_UP_WINDOW
        ):
            form.add_error(None, _("Trop d'inscriptions depuis cette connexion. Réessayez dans une heure."))
            return render(request, "portals/app/sign_up.html", context, status=429)
        data = form.cleaned_data
        try:
            lead = lead_create(
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                commune=data["commune"],
                appellations=data["appellations"],
                # The text as the person read it, in the language of the page.
                consent_text=str(CONSENT_TEXT),
                sign_in_link=request.build_absolute_uri(reverse("seeker_app:sign_in")),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # The same thanks whether or not a sign-up was recorded (a number with a file, or one
            # already waiting for a call, records nothing): the page tells nothing of a number.
            structure = lead.structure if lead is not None else structure_for_commune(data["commune"])
            request.session[SIGNED_UP_KEY] = structure.name
            return redirect("seeker_app:sign_up_done")
    return render(request, "portals/app/sign_up.html", context)


@login_not_required
@require_GET
def sign_up_done(request):
    structure_name = request.session.get(SIGNED_UP_KEY)
    return render(
        request,
        "portals/app/sign_up_done.html",
        {"structure_name": structure_name if isinstance(structure_name, str) else ""},
    )


def _public_search(request, matching, label):
    if not throttle_hit(
        f"app_search:ip:{client_ip(request)}", limit=SEARCHES_PER_CLIENT, window=SEARCH_WINDOW
    ):
        return HttpResponse(_("Trop de recherches. Réessayez dans quelques minutes."), status=429)
    query = typed_query(request)
    found = matching(query) if len(query) >= SEARCH_MIN_LENGTH else []
    response = suggestions(request, query, found, label)
    # Referentials change once a year: the same search is not asked again for a day.
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    patch_vary_headers(response, ["HX-Request"])  # options for htmx, JSON for scripts
    return response


@login_not_required
@require_GET
def communes(request):
    return _public_search(request, referentials.communes_matching, referentials.commune_label)


@login_not_required
@require_GET
def appellations(request):
    return _public_search(request, referentials.appellations_matching, referentials.appellation_label)


@require_GET
@staff_required
def lead_list(request):
    """The structure's sign-ups to call back, the oldest first; the data to open a referral."""
    leads = Lead.objects.to_contact().select_related("commune").prefetch_related("appellations__fiche")
    page_obj = paginate(request, leads)
    return render(
        request,
        "portals/leads/list.html",
        {
            "page_obj": page_obj,
            "leads": page_obj.object_list,
            "keep_after_call_days": KEEP_AFTER_CALL.days,
            "keep_uncalled_days": KEEP_UNCALLED.days,
        },
    )


@require_POST
@staff_required
def lead_contacted(request, pk: int):
    lead = get_for_user(request, Lead, pk=pk)
    try:
        lead_mark_contacted(lead=lead, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s est marqué·e comme contacté·e.") % {"name": lead.full_name})
    return redirect("seeker_app:leads")


@require_POST
@staff_required
def lead_erased(request, pk: int):
    """Erase a sign-up at the person's request ("effacez mes informations")."""
    lead = get_for_user(request, Lead, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Cochez la case pour confirmer l'effacement."))
        return redirect("seeker_app:leads")
    name = lead.full_name
    try:
        lead_erase(lead=lead, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("L'inscription de %(name)s est effacée.") % {"name": name})
    return redirect("seeker_app:leads")
