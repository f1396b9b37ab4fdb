"""Access helpers: the only way views fetch objects and check roles.

Objects are always read inside the structure scope set by the middleware, so an object of
another structure is simply not found (404), never "forbidden": its existence is not leaked.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect


def get_for_user(request, model_or_queryset: type[models.Model] | models.QuerySet, **lookups):
    """Fetch one structure-owned object visible to the requesting user, or 404."""
    if request.structure is None:
        from django.http import Http404

        raise Http404
    queryset = (
        model_or_queryset if isinstance(model_or_queryset, models.QuerySet) else model_or_queryset.objects
    )
    return get_object_or_404(queryset, **lookups)


def _refuse(request):
    """A platform operator (superuser) who belongs to no structure works in the admin, where the
    middleware lets them see every structure: the site's pages (the home page, where signing in
    lands) send them there instead of refusing. Anyone else gets the French 403 page."""
    if request.membership is None and request.user.is_superuser and request.method == "GET":
        return redirect("admin:index")
    raise PermissionDenied


def staff_required(view):
    """Staff pages: CRE, direction and network head members of the current structure."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = request.membership
        if membership is None or not membership.is_staff:
            return _refuse(request)
        return view(request, *args, **kwargs)

    return wrapper


def direction_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = request.membership
        if membership is None or not membership.is_direction:
            return _refuse(request)
        return view(request, *args, **kwargs)

    return wrapper
