import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


def test_staff_pages_redirect_anonymous_visitors_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_login_page_is_public_and_in_french(client):
    response = client.get("/connexion/")
    assert response.status_code == 200
    assert "Se connecter" in response.content.decode()


def test_a_cre_signs_in_with_email_and_password_and_sees_their_day(client, camille):
    response = client.post(
        "/connexion/", {"username": "camille@acces-pau.fr", "password": f.DEFAULT_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Ma journée" in response.content.decode()
    assert "Accès Pau" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_french_message(client, camille):
    response = client.post(
        "/connexion/", {"username": "camille@acces-pau.fr", "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert "Saisissez" in response.content.decode()


def test_passwords_shorter_than_twelve_characters_are_refused():
    with pytest.raises(ValidationError):
        validate_password("Short-pw-11")
    validate_password("a-longer-pass-phrase")


def test_a_signed_in_user_without_membership_cannot_open_staff_pages(client):
    client.force_login(f.UserFactory())
    assert client.get("/").status_code == 403


def test_api_answers_401_json_to_anonymous_callers(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401


def test_api_tells_the_signed_in_user_their_structure(camille_client, pau):
    response = camille_client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["structure"] == {"id": pau.pk, "name": "Accès Pau"}


def test_openapi_schema_is_published(camille_client):
    response = camille_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Accès Direct API"
