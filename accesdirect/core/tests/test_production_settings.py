"""Production keeps its database connections between requests (CONN_MAX_AGE), checked before
reuse; development opens one per request, as Django does by default."""

import json
import os
import subprocess
import sys

import pytest

PRINT_DATABASE = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']]))"
)
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "test-production-key-" + "x" * 48,
    "ALLOWED_HOSTS": "acces-direct.example.org",
    "DATABASE_URL": "postgres://accesdirect@localhost:5432/accesdirect",
}


def _database_settings(**env) -> list:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DB_CONN_MAX_AGE", *PRODUCTION}}
    environment.update(DJANGO_SETTINGS_MODULE="accesdirect.settings", **env)
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PRINT_DATABASE], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_keeps_its_connections_a_minute_and_checks_them_before_reuse():
    assert _database_settings(**PRODUCTION) == [60, True]


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("300", 300)])
def test_the_connection_lifetime_can_be_set(value, expected):
    assert _database_settings(**PRODUCTION, DB_CONN_MAX_AGE=value)[0] == expected


def test_development_opens_a_connection_per_request():
    assert _database_settings(DATABASE_URL=PRODUCTION["DATABASE_URL"])[0] == 0
