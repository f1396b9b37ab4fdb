"""Failed sign-ins are counted in the database (django-axes), per address and IP: after 5
failures Camille's address is locked out from that computer for the cool-off, even with the
right password, on the login page and on the admin's alike; Dominique and other computers are
not affected; the count holds for any process reading the same database."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-at-all"


def _sign_in(client, email, password, *, url=None, ip="192.0.2.10"):
    return client.post(url or reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail(client, email, times, **options):
    for _ in range(times):
        response = _sign_in(client, email, WRONG, **options)
        assert response.status_code in (200, 429)


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, camille):
    _fail(client, camille.email, settings.AXES_FAILURE_LIMIT)
    response = _sign_in(client, camille.email, f.DEFAULT_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de tentatives de connexion" in page and "15 minutes" in page
    assert "Mot de passe oublié" in page
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, camille):
    _fail(client, camille.email, settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, camille.email, f.DEFAULT_PASSWORD).status_code == 302


def test_the_address_counts_whatever_its_case(client, camille):
    for email in (
        "Camille@Acces-Pau.fr",
        " camille@acces-pau.fr",
        "CAMILLE@ACCES-PAU.FR",
        camille.email,
        "camille@acces-pau.FR",
    ):
        _sign_in(client, email, WRONG)
    assert _sign_in(client, camille.email, f.DEFAULT_PASSWORD).status_code == 429


def test_another_account_and_another_computer_are_not_affected(client, camille, dominique):
    _fail(client, camille.email, settings.AXES_FAILURE_LIMIT)
    assert _sign_in(Client(), dominique.email, f.DEFAULT_PASSWORD).status_code == 302
    assert _sign_in(Client(), camille.email, f.DEFAULT_PASSWORD, ip="198.51.100.7").status_code == 302


def test_the_lockout_is_kept_in_the_database_for_every_process(client, camille):
    _fail(client, camille.email, settings.AXES_FAILURE_LIMIT)
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    attempt = AccessAttempt.objects.get(username=camille.email)
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    # A new browser (a new session, as another web server process would see it) is refused too.
    assert _sign_in(Client(), camille.email, f.DEFAULT_PASSWORD).status_code == 429


def test_after_the_cool_off_the_right_password_works_again(client, camille):
    _fail(client, camille.email, settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, camille.email, f.DEFAULT_PASSWORD).status_code == 429
    # The last try was made a cool-off and a minute ago.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(tz=datetime.UTC)
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(minutes=1)
    )
    assert _sign_in(client, camille.email, f.DEFAULT_PASSWORD).status_code == 302


def test_the_admins_login_is_throttled_the_same_way(client):
    operator = f.UserFactory(is_staff=True, is_superuser=True, email="ops@acces-direct.fr")
    admin_login = reverse("admin:login")
    _fail(client, operator.email, settings.AXES_FAILURE_LIMIT, url=admin_login)
    response = _sign_in(client, operator.email, f.DEFAULT_PASSWORD, url=admin_login)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    # The two login forms share the count: the main one is locked for this address too.
    assert _sign_in(Client(), operator.email, f.DEFAULT_PASSWORD).status_code == 429


def test_behind_a_reverse_proxy_the_clients_address_is_the_one_the_proxy_appended(client, camille, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # A client writing its own X-Forwarded-For cannot pick a new address for each try.
        client.post(
            reverse("login"),
            {"username": camille.email, "password": WRONG},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 192.0.2.10",
        )
    response = client.post(
        reverse("login"),
        {"username": camille.email, "password": f.DEFAULT_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"
