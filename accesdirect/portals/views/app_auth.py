"""Signing in to the job seekers' app: the number, then the code received by SMS; signing out."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accesdirect.accounts.throttle import client_ip
from accesdirect.core.throttle import throttle_hit

from ..app_session import current_job_seeker, sign_in, sign_out
from ..forms_app import CodeForm, PhoneForm
from ..services.login_codes import CodeRefused, TooManyCodes, login_code_send, login_code_verify

# The number waiting for its code, and the page to go back to, kept between the two steps.
PENDING_PHONE_KEY = "seeker_app_pending_phone"
PENDING_NEXT_KEY = "seeker_app_pending_next"
# Per network address (a whole training room may sign in behind one): sends and tries an hour.
SENDS_PER_CLIENT = 20
TRIES_PER_CLIENT = 60
CLIENT_WINDOW = datetime.timedelta(hours=1)
# A page address longer than this is no page of the app (and is not kept in the session).
MAX_NEXT_LENGTH = 2000


def _safe_next(request, candidate: str) -> str:
    """A page of the app to go back to after signing in, never another site nor a staff page."""
    home = reverse("seeker_app:home")
    if len(candidate) > MAX_NEXT_LENGTH:
        return ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed and candidate.startswith(home) else ""


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in_page(request):
    if request.method == "GET" and current_job_seeker(request) is not None:
        return redirect("seeker_app:home")
    form = PhoneForm(request.POST or None)
    next_path = _safe_next(request, request.POST.get("next", "") or request.GET.get("next", ""))
    context = {"form": form, "next": next_path}
    if request.method == "POST" and form.is_valid():
        if not throttle_hit(
            f"login_code:ip:{client_ip(request)}", limit=SENDS_PER_CLIENT, window=CLIENT_WINDOW
        ):
            form.add_error(None, _("Trop de demandes depuis cette connexion. Réessayez dans une heure."))
            return render(request, "portals/app/sign_in.html", context, status=429)
        phone = form.cleaned_data["phone"]
        try:
            login_code_send(phone=phone)
        except TooManyCodes as exc:
            form.add_error("phone", exc.message)
            return render(request, "portals/app/sign_in.html", context, status=429)
        request.session[PENDING_PHONE_KEY] = phone
        request.session[PENDING_NEXT_KEY] = next_path
        return redirect("seeker_app:code")
    return render(request, "portals/app/sign_in.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def code_page(request):
    phone = request.session.get(PENDING_PHONE_KEY)
    if not isinstance(phone, str) or not phone:
        return redirect("seeker_app:sign_in")
    form = CodeForm(request.POST or None)
    context = {"form": form, "phone": phone, "next": request.session.get(PENDING_NEXT_KEY) or ""}
    if request.method == "POST" and form.is_valid():
        if not throttle_hit(
            f"login_try:ip:{client_ip(request)}", limit=TRIES_PER_CLIENT, window=CLIENT_WINDOW
        ):
            form.add_error(None, _("Trop d'essais depuis cette connexion. Réessayez dans une heure."))
            return render(request, "portals/app/code.html", context, status=429)
        try:
            job_seeker = login_code_verify(phone=phone, code=form.cleaned_data["code"])
        except CodeRefused as exc:
            form.add_error("code", exc.message)
        else:
            next_path = request.session.get(PENDING_NEXT_KEY) or ""
            request.session.pop(PENDING_PHONE_KEY, None)
            request.session.pop(PENDING_NEXT_KEY, None)
            sign_in(request, job_seeker)
            return redirect(_safe_next(request, next_path) or "seeker_app:home")
    return render(request, "portals/app/code.html", context)


@login_not_required
@require_POST
def sign_out_page(request):
    sign_out(request)
    return redirect("seeker_app:sign_in")
