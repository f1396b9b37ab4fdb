"""Who is signed in to the job seekers' app.

The app has no accounts: a person signs in with a code sent by SMS to the mobile number of
their file (services.login_codes), and the session then holds the id of that file. It is the
same Django session as the staff's (a CRE may try the app in their own browser), so signing in
or out here never touches the staff's sign-in, only this key.

The contract the app's pages build on:

    @job_seeker_required
    def my_offers(request):
        request.job_seeker  # the signed-in person, read again from the database
        ...                 # runs inside structure_scope(request.job_seeker.structure)
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from accesdirect.core.calendar import territory_of_departement
from accesdirect.core.scope import scopes_disabled, structure_scope
from accesdirect.seekers.models import JobSeeker

from .models import SIGNED_IN_STATUSES

__all__ = [
    "SESSION_KEY",
    "SIGNED_IN_STATUSES",
    "current_job_seeker",
    "job_seeker_required",
    "sign_in",
    "sign_out",
]

# The session holds the file's id (an int) under this key.
SESSION_KEY = "seeker_app_job_seeker"
# The number the person signed in with: a session ends when their file's number changes (a CRE
# corrected a number that was someone else's), so that this someone else is signed out.
SESSION_PHONE_KEY = "seeker_app_phone"
# Where the request keeps what current_job_seeker read, so that it reads once per request.
_CACHE_ATTRIBUTE = "_seeker_app_job_seeker"


def sign_in(request, job_seeker: JobSeeker) -> None:
    """Sign `job_seeker` in: a new session key first (no session fixation), then the person."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = job_seeker.pk
    request.session[SESSION_PHONE_KEY] = job_seeker.phone
    setattr(request, _CACHE_ATTRIBUTE, job_seeker)


def sign_out(request) -> None:
    """Forget the signed-in person (the staff's sign-in, if any, stays)."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(SESSION_PHONE_KEY, None)
    request.session.cycle_key()
    setattr(request, _CACHE_ATTRIBUTE, None)


def current_job_seeker(request) -> JobSeeker | None:
    """The signed-in person, read from the database (once per request), or None: nobody signed
    in, or their file was deleted, left the accompaniment or changed its number since."""
    if hasattr(request, _CACHE_ATTRIBUTE):
        return getattr(request, _CACHE_ATTRIBUTE)
    job_seeker = _read(request.session)
    setattr(request, _CACHE_ATTRIBUTE, job_seeker)
    return job_seeker


def _read(session) -> JobSeeker | None:
    pk = session.get(SESSION_KEY)
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    # The person belongs to one structure, not known before reading the file: the one read
    # made outside any structure scope, by the id the session holds.
    with scopes_disabled():
        job_seeker = (
            JobSeeker.objects.filter(pk=pk, status__in=SIGNED_IN_STATUSES)
            .select_related("structure__commune")
            .first()
        )
    if job_seeker is None:
        return None
    signed_in_phone = session.get(SESSION_PHONE_KEY)
    if signed_in_phone is not None and signed_in_phone != job_seeker.phone:
        return None
    return job_seeker


def sign_in_url(next_path: str = "") -> str:
    url = reverse("seeker_app:sign_in")
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def job_seeker_required(view):
    """The app's pages: public for Django (no staff account needed), but a person must be
    signed in; else the sign-in page, which brings them back (`?next=`) after the code.

    The view gets `request.job_seeker` and runs inside the scope of the person's structure
    (and its time zone, as the staff's pages do), so that it reads that structure's rows only."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        job_seeker = current_job_seeker(request)
        if job_seeker is None:
            # Only a page can be come back to: a form posted again would not carry its data.
            url = sign_in_url(request.get_full_path() if request.method == "GET" else "")
            return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
        request.job_seeker = job_seeker
        structure = job_seeker.structure
        zone = territory_of_departement(structure.commune.departement if structure.commune_id else None).zone
        with structure_scope(job_seeker.structure_id), timezone.override(zone):
            return view(request, *args, **kwargs)

    # The isolation walk over staff URLs leaves these out: a person reaches their own rows
    # through the app's session, not a staff account (portals/tests check a person of another
    # structure gets 404).
    wrapper.app_person_view = True
    return login_not_required(wrapper)
