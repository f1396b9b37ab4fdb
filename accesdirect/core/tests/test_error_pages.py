"""The 400, 403, 404 and 500 pages: French, with a way back, and shown whatever else is broken.

The tests of the 404, 500, 400 and CSRF pages use no database: pytest-django refuses any query
in them, so a page that needed the database (down, in the case of a 500) would fail here. None
may link a static file, which may not be collected."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import include, path
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accesdirect.structures.enums import Role
from accesdirect.testing import factories as f


@login_not_required
def _database_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


# The 500 tests' URLs: the site's, plus a page that fails as it would with the database down.
urlpatterns = [path("panne/", _database_down), path("", include("accesdirect.urls"))]


def _assert_standalone_page_with_way_back(response):
    content = response.content.decode()
    assert 'lang="fr' in content
    assert 'href="/"' in content
    assert "Revenir à l'accueil" in content
    assert "/static/" not in content
    assert "<script" not in content


@override_settings(DEBUG=False)
def test_an_unknown_address_shows_the_french_404_page(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    _assert_standalone_page_with_way_back(response)


@pytest.mark.urls(__name__)
@override_settings(DEBUG=False)
def test_a_server_error_shows_the_french_500_page_without_the_database(client):
    client.raise_request_exception = False
    response = client.get("/panne/")
    assert response.status_code == 500
    assert "Une erreur est survenue de notre côté" in response.content.decode()
    _assert_standalone_page_with_way_back(response)


@override_settings(DEBUG=False)
def test_a_malformed_request_shows_the_french_400_page(client):
    response = client.get("/connexion/", headers={"host": "not-a-served-host.example"})
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
    _assert_standalone_page_with_way_back(response)


@override_settings(DEBUG=False)
def test_a_form_sent_without_its_csrf_token_shows_the_french_expired_page():
    response = Client(enforce_csrf_checks=True).post("/connexion/", {"username": "a@b.fr", "password": "x"})
    assert response.status_code == 403
    assert "La page a expiré" in response.content.decode()
    _assert_standalone_page_with_way_back(response)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_cre_on_a_direction_page_gets_the_french_403_page(camille_client):
    response = camille_client.get("/journal-des-actions/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "Accès refusé" in content
    assert "pas ouverte à votre rôle" in content
    _assert_standalone_page_with_way_back(response)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_user_of_no_structure_is_told_why_and_may_sign_out(client):
    client.force_login(f.UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "aucune structure en activité" in content
    assert 'action="/deconnexion/"' in content
    assert "Se déconnecter" in content
    _assert_standalone_page_with_way_back(response)


@pytest.mark.django_db
def test_a_platform_operator_of_no_structure_lands_in_the_admin_after_signing_in(client):
    operator = f.UserFactory(email="operateur@plateforme.fr", is_staff=True, is_superuser=True)
    authenticator = TOTPDevice.objects.create(user=operator, name="Téléphone", confirmed=True)
    client.post("/connexion/", {"username": "operateur@plateforme.fr", "password": f.DEFAULT_PASSWORD})
    # Operators give a one-time code after the password (accesdirect.accounts).
    code = TOTP(authenticator.bin_key, authenticator.step, authenticator.t0, authenticator.digits).token()
    response = client.post("/connexion/code/", {"code": code}, follow=True)
    assert response.redirect_chain[-1] == ("/admin/", 302)
    assert response.status_code == 200
    assert "Site d’administration" in response.content.decode()


@pytest.mark.django_db
def test_a_platform_operator_of_no_structure_is_sent_to_the_admin_from_a_direction_page(client):
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/journal-des-actions/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_a_platform_operator_who_works_in_a_structure_keeps_its_pages(client, pau):
    operator = f.staff_user(pau, Role.CRE, is_staff=True, is_superuser=True)
    client.force_login(operator)
    response = client.get("/")
    assert response.status_code == 200
    assert "Ma journée" in response.content.decode()
