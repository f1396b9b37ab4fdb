"""The contract of the app's pages (portals.app_session): who is signed in, re-read from the
database on every request, and the pages run in the person's structure scope."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path
from django.utils import timezone
from django_scopes import ScopeError

from accesdirect.core.scope import scopes_disabled
from accesdirect.portals.app_session import (
    SESSION_KEY,
    current_job_seeker,
    job_seeker_required,
    sign_in,
    sign_out,
)
from accesdirect.seekers.enums import ExitReason, SeekerStatus
from accesdirect.seekers.models import JobSeeker
from accesdirect.testing import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@job_seeker_required
def people_i_can_see(request):
    """A page reading a structure's rows: it sees those of the person's structure only."""
    names = sorted(JobSeeker.objects.values_list("first_name", flat=True))
    return HttpResponse(f"{request.job_seeker.pk}:{','.join(names)}:{timezone.get_current_timezone_name()}")


def unscoped_read(request):
    return HttpResponse(str(JobSeeker.objects.count()))


urlpatterns = [
    path("app/", include("accesdirect.portals.app_urls")),
    path("test/people/", people_i_can_see),
]


@pytest.fixture
def sami(pau):
    return f.JobSeekerFactory(structure=pau, first_name="Sami", phone="+33612345678")


def signed_in(client, job_seeker):
    """Sign in as the sign-in page does, without the SMS (the code's own tests go through it)."""
    session = client.session
    session[SESSION_KEY] = job_seeker.pk
    session.save()
    return client


def test_a_page_needs_someone_signed_in(client):
    response = client.get("/test/people/?x=1")
    assert response.status_code == 302
    assert response.url == "/app/connexion/?next=%2Ftest%2Fpeople%2F%3Fx%3D1"


def test_htmx_asks_for_a_full_page_redirect(client):
    response = client.get("/test/people/", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.headers["HX-Redirect"].startswith("/app/connexion/")


def test_a_posted_form_is_not_come_back_to(client):
    assert client.post("/test/people/").url == "/app/connexion/"


def test_the_page_runs_in_the_structure_of_the_person(client, sami, basque):
    f.JobSeekerFactory(structure=sami.structure, first_name="Léa")
    f.JobSeekerFactory(structure=basque, first_name="Bixente")
    response = signed_in(client, sami).get("/test/people/")
    assert response.content.decode() == f"{sami.pk}:Léa,Sami:Europe/Paris"


def test_an_overseas_person_reads_times_in_their_zone(client):
    reunion = f.StructureFactory(
        commune=f.CommuneFactory(
            insee_code="97411", name="Saint-Denis", departement="974", postal_codes="97400"
        )
    )
    person = f.JobSeekerFactory(structure=reunion, phone="+262692123456")
    assert signed_in(client, person).get("/test/people/").content.decode().endswith("Indian/Reunion")


def test_outside_the_decorator_nothing_is_scoped():
    with pytest.raises(ScopeError):
        unscoped_read(RequestFactory().get("/"))


def test_a_person_who_left_is_signed_out(client, sami):
    signed_in(client, sami)
    with scopes_disabled():
        sami.status, sami.exit_reason, sami.exited_on = (
            SeekerStatus.LEFT,
            ExitReason.MOVED,
            timezone.localdate(),
        )
        sami.save(update_fields=["status", "exit_reason", "exited_on"])
    assert client.get("/test/people/").status_code == 302


def test_a_deleted_file_is_signed_out(client, sami):
    signed_in(client, sami)
    with scopes_disabled():
        sami.delete()
    assert client.get("/test/people/").status_code == 302


def test_a_number_changed_since_signing_in_signs_out(client, sami, rf):
    request = rf.get("/")
    request.session = client.session
    sign_in(request, sami)
    request.session.save()
    client.cookies["sessionid"] = request.session.session_key
    assert client.get("/test/people/").status_code == 200
    with scopes_disabled():
        JobSeeker.objects.filter(pk=sami.pk).update(phone="+33699999999")
    assert client.get("/test/people/").status_code == 302


@pytest.mark.parametrize("stored", ["12", None, True, [1], 10**30])
def test_a_tampered_session_value_is_nobody(client, stored):
    session = client.session
    session[SESSION_KEY] = stored
    session.save()
    assert client.get("/test/people/").status_code == 302


def test_current_job_seeker_reads_once_per_request(sami, rf, django_assert_num_queries):
    request = rf.get("/")
    request.session = {SESSION_KEY: sami.pk}
    with django_assert_num_queries(1):
        assert current_job_seeker(request) == sami
        assert current_job_seeker(request) == sami


def test_sign_in_and_out_change_the_session_key(client, sami, rf):
    request = rf.get("/")
    request.session = client.session
    request.session.save()
    first = request.session.session_key
    sign_in(request, sami)
    second = request.session.session_key
    sign_out(request)
    assert len({first, second, request.session.session_key}) == 3
    assert SESSION_KEY not in request.session and current_job_seeker(request) is None


def test_signing_out_is_a_post_and_keeps_the_staff_signed_in(camille_client, sami):
    signed_in(camille_client, sami)
    assert camille_client.get("/app/deconnexion/").status_code == 405
    assert camille_client.get("/test/people/").status_code == 200
    assert camille_client.post("/app/deconnexion/").url == "/app/connexion/"
    assert camille_client.get("/test/people/").status_code == 302
    assert "_auth_user_id" in camille_client.session


def test_a_staff_member_of_another_structure_sees_the_person_s_structure(client, bixente, sami):
    client.force_login(bixente)
    response = signed_in(client, sami).get("/test/people/")
    assert response.content.decode().startswith(f"{sami.pk}:Sami:")
