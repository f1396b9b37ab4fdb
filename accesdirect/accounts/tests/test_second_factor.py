"""One-time codes: Dominique (direction at Pau) cannot reach any page with her password alone
until she enrolled an authenticator and typed its code; then a code at every sign-in, or a
recovery code once. Camille (CRE) is not asked, unless she enrolled herself. Platform operators
are held like the direction, the admin included."""

import base64
import datetime
import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accesdirect.accounts.second_factor import recovery_codes_replace
from accesdirect.accounts.testing import sign_in_without_code
from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def _manual_key(html: str) -> str:
    return re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1)


def _code_of_page(html: str) -> str:
    """The code an authenticator app shows for the key printed on the enrolment page."""
    key = base64.b32decode(_manual_key(html).replace(" ", ""))
    return TOTP(key, 30, 0, 6, 0).token()


def _enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)


def _sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": f.DEFAULT_PASSWORD})
    assert response.status_code == 302
    return response


def test_the_direction_reaches_no_page_before_enrolling(client, dominique):
    _sign_in(client, dominique)
    for url in (
        reverse("dashboard:home"),
        reverse("seekers:list"),
        reverse("admin:index"),
        reverse("audit:trail"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:second_factor")), url
    assert client.get("/api/v1/me").status_code == 403
    # The code's page sends an unenrolled user to the enrolment.
    response = client.get(reverse("accounts:second_factor"), {"next": "/offres/"})
    assert response["Location"] == reverse("accounts:enrol") + "?next=%2Foffres%2F"


def test_the_direction_enrols_with_the_qr_code_and_keeps_recovery_codes(client, dominique):
    _sign_in(client, dominique)
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html  # the QR code is drawn in the page, not fetched
    # The same secret (and QR code) on a reload, so that a scan in progress stays valid; nothing
    # is saved before the first code.
    assert client.get(reverse("accounts:enrol")).content.decode().count(_manual_key(html)) == 1
    assert not TOTPDevice.objects.filter(user=dominique).exists()

    response = client.post(reverse("accounts:enrol"), {"code": _code_of_page(html), "next": "/offres/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert 'href="/offres/"' in response.content.decode()
    assert TOTPDevice.objects.get(user=dominique).confirmed
    assert client.get(reverse("dashboard:home")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_a_wrong_code_does_not_enrol(client, dominique):
    _sign_in(client, dominique)
    client.get(reverse("accounts:enrol"))
    response = client.post(reverse("accounts:enrol"), {"code": "000000"})
    assert response.status_code == 200
    assert "pas celui qu" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=dominique, confirmed=True).exists()
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_an_enrolled_direction_types_the_code_at_every_sign_in(client, dominique):
    device = _enrolled(dominique)
    _sign_in(client, dominique)
    response = client.get(reverse("seekers:list"))
    assert response["Location"] == reverse("accounts:second_factor") + "?next=%2Fchercheurs%2F"
    wrong = client.post(reverse("accounts:second_factor"), {"code": "123456", "next": "/chercheurs/"})
    assert wrong.status_code == 200 and "pas valable" in wrong.content.decode()
    assert client.get(reverse("seekers:list")).status_code == 302
    # django-otp throttles guesses: right after a failure, even the right code waits a second...
    too_soon = client.post(reverse("accounts:second_factor"), {"code": _code(device), "next": "/chercheurs/"})
    assert too_soon.status_code == 200
    # ...which has now passed.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=2)
    )
    right = client.post(reverse("accounts:second_factor"), {"code": _code(device), "next": "/chercheurs/"})
    assert right["Location"] == "/chercheurs/"
    assert client.get(reverse("seekers:list")).status_code == 200


def test_the_code_page_never_redirects_to_another_site(client, dominique):
    device = _enrolled(dominique)
    _sign_in(client, dominique)
    response = client.post(
        reverse("accounts:second_factor"), {"code": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("dashboard:home")


def test_an_enrolled_direction_cannot_replace_the_authenticator_with_the_password_alone(client, dominique):
    _enrolled(dominique)
    _sign_in(client, dominique)
    response = client.get(reverse("accounts:enrol"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert TOTPDevice.objects.filter(user=dominique).count() == 1


def test_a_recovery_code_works_once(client, dominique):
    _enrolled(dominique)
    code = recovery_codes_replace(user=dominique)[0]
    _sign_in(client, dominique)
    response = client.post(reverse("accounts:second_factor"), {"code": code.upper()}, follow=True)
    assert response.status_code == 200
    assert "il vous en reste 9" in response.content.decode()
    assert StaticToken.objects.filter(device__user=dominique).count() == 9

    client.post(reverse("logout"))
    _sign_in(client, dominique)
    again = client.post(reverse("accounts:second_factor"), {"code": code})
    assert again.status_code == 200
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, dominique):
    old = recovery_codes_replace(user=dominique)
    _enrolled(dominique)
    client.force_login(dominique)
    response = client.post(reverse("accounts:recovery_codes"))
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_the_direction_cannot_switch_the_codes_off(client, dominique):
    _enrolled(dominique)
    client.force_login(dominique)
    client.post(reverse("accounts:disable"))
    assert TOTPDevice.objects.filter(user=dominique).exists()


def test_a_network_head_is_held_too(client, pau):
    head = f.staff_user(pau, Role.NETWORK_HEAD, email="tete@reseau.fr")
    _sign_in(client, head)
    assert client.get(reverse("dashboard:home"))["Location"].startswith(reverse("accounts:second_factor"))


def test_a_cre_is_not_asked_for_a_code(client, camille):
    _sign_in(client, camille)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_cre_who_enrolled_is_asked_for_the_code_and_may_switch_it_off(client, camille):
    device = _enrolled(camille)
    _sign_in(client, camille)
    assert client.get(reverse("dashboard:home")).status_code == 302
    client.post(reverse("accounts:second_factor"), {"code": _code(device)})
    assert client.get(reverse("dashboard:home")).status_code == 200
    client.post(reverse("accounts:disable"))
    assert not TOTPDevice.objects.filter(user=camille).exists()
    client.post(reverse("logout"))
    _sign_in(client, camille)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_cre_may_enrol_from_the_account_page(client, camille):
    client.force_login(camille)
    page = client.get(reverse("accounts:security")).content.decode()
    assert reverse("accounts:enrol") in page
    html = client.get(reverse("accounts:enrol")).content.decode()
    response = client.post(reverse("accounts:enrol"), {"code": _code_of_page(html)})
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=camille).confirmed


def test_platform_operators_are_held_at_the_admin_too(client):
    operator = f.UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"), {"username": operator.email, "password": f.DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(reverse("admin:structures_structure_changelist"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))


def test_signing_out_and_public_pages_stay_open_before_the_code(client, dominique):
    sign_in_without_code(client, dominique)
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_code_page_as_a_whole(client, dominique):
    sign_in_without_code(client, dominique)
    response = client.get(reverse("seekers:list"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("accounts:second_factor")


def test_a_development_machine_may_waive_the_requirement(client, dominique, settings):
    settings.OTP_REQUIRED = False
    _sign_in(client, dominique)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_force_login_in_tests_stands_for_a_complete_sign_in(client, dominique):
    client.force_login(dominique)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_the_requirement_cannot_be_waived_in_production():
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "acces-direct.example.org",
        "OTP_REQUIRED": "false",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import accesdirect.settings"], env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "OTP_REQUIRED=false is for development only" in result.stderr
