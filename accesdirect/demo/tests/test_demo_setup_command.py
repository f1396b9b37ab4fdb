from io import StringIO

import pytest
from django.core.management import call_command

from accesdirect.demo.generator import DEMO_PASSWORD

# The demo commands run only when the demo is asked for (DEMO=1): see test_demo_flag.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_flag")]


def test_demo_setup_skips_loaded_referentials_and_prints_the_demo_logins(referentials):
    out = StringIO()
    call_command("demo_setup", scale=0.02, port="8123", stdout=out)
    printed = out.getvalue()
    assert "ROME : déjà chargé." in printed
    assert "Communes : déjà chargé." in printed
    assert "NAF : déjà chargé." in printed
    assert "Territoire de démonstration chargé en" in printed
    assert "http://127.0.0.1:8123" in printed
    assert DEMO_PASSWORD in printed and len(DEMO_PASSWORD) >= 12
    for email in ("cre@bearn.example", "direction@bearn.example", "cre@cotebasque.example"):
        assert email in printed
    assert "admin@accesdirect.example" in printed and "/admin/" in printed


def test_a_second_demo_setup_loads_nothing_and_still_prints_the_logins(referentials):
    call_command("demo_setup", scale=0.02, stdout=StringIO())
    out = StringIO()
    call_command("demo_setup", scale=0.02, stdout=out)
    assert "déjà chargé : rien à faire" in out.getvalue()
    assert "cre@bearn.example" in out.getvalue()


def test_the_demo_cre_signs_in_with_the_printed_password_and_sees_the_home_page(referentials, client):
    call_command("demo_setup", scale=0.02, stdout=StringIO())
    # Through the login page, as a person would (django-axes checks every sign-in's request).
    signed_in = client.post("/connexion/", {"username": "cre@bearn.example", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.structure.slug == "acces-direct-bearn"


def test_the_login_page_of_the_demo_shows_its_accounts(referentials, client, settings):
    settings.DEMO_MODE = True
    assert "cre@bearn.example" not in client.get("/connexion/").content.decode()  # not loaded yet
    call_command("demo_setup", scale=0.02, stdout=StringIO())
    page = client.get("/connexion/").content.decode()
    assert "Comptes de démonstration" in page
    assert DEMO_PASSWORD in page
    for email in ("cre@bearn.example", "direction@bearn.example", "admin@accesdirect.example"):
        assert email in page


def test_a_production_login_page_never_shows_the_demo_accounts(referentials, client, settings):
    call_command("demo_setup", scale=0.02, stdout=StringIO())
    settings.DEMO_MODE = False
    page = client.get("/connexion/").content.decode()
    assert DEMO_PASSWORD not in page and "cre@bearn.example" not in page
