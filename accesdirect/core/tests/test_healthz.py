import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    connection.close()
    original = dict(connection.settings_dict)
    # Point the real connection at a database that cannot be reached, then restore it.
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/accesdirect.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["status"] == "error"
