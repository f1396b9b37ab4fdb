"""What django-axes needs from us to throttle sign-ins (settings.AXES_*)."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _


def attempted_email(request, credentials) -> str:
    """The address tried, as the login form compares it: "Camille@..." and "camille@ " are the
    same account, and count together."""
    credentials = credentials or {}
    email = credentials.get("username") or credentials.get("email")
    if email is None and request is not None:
        email = request.POST.get("username")
    return str(email or "").strip().lower()


def client_ip(request) -> str:
    """The client's address: the connection's, or behind TRUSTED_PROXY_COUNT reverse proxies
    the entry they appended to X-Forwarded-For (never one the client wrote itself, which
    would let an attacker choose a fresh address for every try)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= count and forwarded[-count]:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the reason in French (429), whichever login form was used."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Trop de tentatives de connexion infructueuses pour ce compte : par sécurité, la connexion "
        "depuis ce poste est bloquée pendant %(minutes)s minutes après la dernière tentative. "
        "Vous pouvez aussi choisir un nouveau mot de passe avec « Mot de passe oublié ? »."
    ) % {"minutes": minutes}
    context = {"form": AuthenticationForm(request), "lockout_message": message, "next": ""}
    return render(request, "registration/login.html", context, status=429)
