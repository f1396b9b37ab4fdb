from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .second_factor import is_required, is_verified


def second_factor_exempt(view):
    """Marks a view reachable between the password and the one-time code (the code's own pages,
    signing out)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Holds a signed-in user who must give a one-time code at the code's page until they do:
    every other page redirects there, the API answers 403. Placed after StructureScopeMiddleware,
    which lists the user's memberships (their roles say whether the code is required)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or getattr(view_func, "second_factor_exempt", False):
            return None
        if is_verified(request) or not is_required(request):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Code de vérification requis : connectez-vous sur le site.")}, status=403
            )
        if not getattr(view_func, "login_required", True):
            return None  # public pages (password reset, language, health check) stay public
        target = reverse("accounts:second_factor")
        if request.htmx:
            return HttpResponseClientRedirect(target)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
