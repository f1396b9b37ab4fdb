"""Settings fail loudly on missing or malformed production values."""

import os
import subprocess
import sys

import pytest


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import accesdirect.settings"], env=environment, capture_output=True, text=True
    )


def test_production_without_secret_key_refuses_to_start():
    result = _import_settings(DEBUG="false", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_malformed_boolean_is_reported_by_name():
    result = _import_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_a_malformed_database_url_is_reported():
    result = _import_settings(DATABASE_URL="nosuchscheme://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


@pytest.mark.parametrize("value", ["", "1"])
def test_development_needs_no_configuration(value):
    result = _import_settings(DEBUG=value) if value else _import_settings()
    assert result.returncode == 0, result.stderr
