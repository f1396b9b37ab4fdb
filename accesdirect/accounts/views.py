import datetime

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from accesdirect.core.sign_in_hints import sign_in_hints
from accesdirect.core.throttle import throttle_hit

from .forms import CodeForm, PasswordResetForm
from .middleware import second_factor_exempt
from .second_factor import (
    SESSION_ENROLLED_KEY,
    code_verify,
    is_enrolled,
    is_required,
    is_required_by_role,
    is_verified,
    manual_key,
    qr_code_svg,
    recovery_codes_left,
    recovery_codes_replace,
    remember_enrolment_at_sign_in,
    second_factor_remove,
    totp_device_confirm,
    totp_device_pending,
)
from .throttle import client_ip


class LoginView(auth_views.LoginView):
    """Django's login (throttled by django-axes), which also notes whether the user enrolled in
    one-time codes: SecondFactorMiddleware then asks for the code before any page."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_enrolment_at_sign_in(self.request, form.get_user())
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A demo shows its accounts on the login page; a production site (DEMO_MODE off) never.
        if settings.DEMO_MODE:
            context["demo_accounts"] = sign_in_hints()
        return context


login = LoginView.as_view()
logout = second_factor_exempt(auth_views.LogoutView.as_view())


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _same_query(url: str, request) -> str:
    """`url` with the request's query string (its "next")."""
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


@second_factor_exempt
def second_factor(request):
    """The code asked after the password: from the authenticator app, or a recovery code."""
    next_url = _next_url(request)
    if is_verified(request) or not is_required(request):
        return redirect(next_url)
    if not is_enrolled(request.user):
        return redirect(_same_query(reverse("accounts:enrol"), request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = code_verify(request=request, code=form.cleaned_data["code"])
        if device is not None:
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _(
                        "Code de secours utilisé : il vous en reste %(left)s. Générez-en de nouveaux "
                        "depuis « Mot de passe et sécurité »."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        form.add_error(
            "code",
            _(
                "Ce code n'est pas valable. Saisissez le code à 6 chiffres affiché par votre application, "
                "ou un code de secours (après plusieurs erreurs, patientez quelques secondes)."
            ),
        )
    return render(request, "accounts/second_factor.html", {"form": form, "next": next_url})


@second_factor_exempt
def enrol(request):
    """Enrolment in one-time codes: scan the QR code, type the first code, keep the recovery
    codes. Replacing an existing authenticator needs a session verified with it."""
    if is_enrolled(request.user) and not is_verified(request):
        return redirect(_same_query(reverse("accounts:second_factor"), request))
    next_url = _next_url(request)
    device = totp_device_pending(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_device_confirm(request=request, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error(
            "code", _("Ce code n'est pas celui qu'affiche l'application : vérifiez l'heure du téléphone.")
        )
    context = {
        "form": form,
        "next": next_url,
        "qr_code": qr_code_svg(device),
        "manual_key": manual_key(device),
        "required": is_required_by_role(request),
    }
    return render(request, "accounts/enrol.html", context)


def security(request):
    """The user's own page: password, one-time codes, recovery codes."""
    enrolled = is_enrolled(request.user)
    context = {
        "enrolled": enrolled,
        "required": is_required_by_role(request),
        "codes_left": recovery_codes_left(request.user) if enrolled else 0,
    }
    return render(request, "accounts/security.html", context)


@require_POST
def recovery_codes(request):
    if not is_enrolled(request.user):
        raise Http404
    codes = recovery_codes_replace(user=request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")}
    )


@require_POST
def second_factor_disable(request):
    if is_required_by_role(request):
        messages.error(
            request, _("Votre rôle demande un code à chaque connexion : il ne peut pas être désactivé.")
        )
        return redirect("accounts:security")
    second_factor_remove(user=request.user)
    request.session.pop(SESSION_ENROLLED_KEY, None)
    messages.success(request, _("Les codes à usage unique sont désactivés pour votre compte."))
    return redirect("accounts:security")


# --- Passwords -----------------------------------------------------------------------------
# The reset e-mail goes straight through Django's mail (the ESP of EMAIL_BACKEND), not through
# the outbox: its link is a key to the account, which must not be stored in the structure's
# message history that its staff read; it belongs to no structure (operators have none); and
# it must leave at once, quiet hours or not.


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link proved the mailbox: the failed sign-ins that locked the account are forgotten.
        axes_reset(username=form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Votre mot de passe est changé."))
        return response


# Requests for a reset link: an address gets at most 3 links an hour (more would flood a
# mailbox), a network address may ask 10 times an hour (a whole office behind one address).
RESET_PER_ADDRESS = 3
RESET_PER_CLIENT = 10
RESET_WINDOW = datetime.timedelta(hours=1)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, throttled in the database (across the web workers): past the limit of
    the client's network address the page says so (429); past the limit of an e-mail address
    it answers as usual, without sending, so that nobody learns which addresses have accounts."""

    def form_valid(self, form):
        if not throttle_hit(
            f"reset:ip:{client_ip(self.request)}", limit=RESET_PER_CLIENT, window=RESET_WINDOW
        ):
            form.add_error(
                None,
                _("Trop de demandes depuis ce poste. Réessayez dans une heure."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if not throttle_hit(f"reset:email:{email}", limit=RESET_PER_ADDRESS, window=RESET_WINDOW):
            return redirect(self.get_success_url())
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    form_class=PasswordResetForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/emails/password_reset.txt",
    subject_template_name="accounts/emails/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
    extra_email_context={"site_name": "Accès Direct"},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = PasswordChangeView.as_view()
