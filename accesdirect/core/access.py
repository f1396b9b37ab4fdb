"""Access helpers: the only way views fetch objects and check roles.

Objects are always read inside the structure scope set by the middleware, so an object of
another structure is simply not found (404), never "forbidden": its existence is not leaked.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404


def get_for_user(request, model_or_queryset: type[models.Model] | models.QuerySet, **lookups):
    """Fetch one structure-owned object visible to the requesting user, or 404."""
    if request.structure is None:
        from django.http import Http404

        raise Http404
    queryset = (
        model_or_queryset if isinstance(model_or_queryset, models.QuerySet) else model_or_queryset.objects
    )
    return get_object_or_404(queryset, **lookups)


def staff_required(view):
    """Staff pages: CRE, direction and network head members of the current structure."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = request.membership
        if membership is None or not membership.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def direction_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = request.membership
        if membership is None or not membership.is_direction:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
