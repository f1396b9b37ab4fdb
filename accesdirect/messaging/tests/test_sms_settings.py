"""SMS_PROVIDERS from the environment: failover order, credentials checked at start-up."""

import json
import os
import subprocess
import sys

import pytest

FULL = {
    "SMS_PROVIDERS": "ovh,twilio,brevo",
    "BREVO_API_KEY": "xkeysib-key",
    "BREVO_WEBHOOK_SECRET": "brevo-webhook-secret-0123",
    "OVH_APPLICATION_KEY": "ak",
    "OVH_APPLICATION_SECRET": "as",
    "OVH_CONSUMER_KEY": "ck",
    "OVH_SERVICE_NAME": "sms-ab12345-1",
    "OVH_WEBHOOK_SECRET": "ovh-webhook-secret-0123",
    "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "twilio-token",
    "TWILIO_FROM": "+33700000001",
    "WEBHOOK_BASE_URL": "https://acces-direct.example.org/",
}
PRINT = (
    "import json, accesdirect.settings as s; "
    "print(json.dumps({'providers': s.SMS_PROVIDERS, 'webhooks': s.SMS_WEBHOOKS}))"
)


def _settings(**env) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("SMS_", "BREVO_", "OVH_", "TWILIO_"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PRINT], env=environment, capture_output=True, text=True
    )


def test_the_default_prints_sms_on_the_console():
    result = _settings()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["providers"] == [
        {"backend": "accesdirect.messaging.providers.console.ConsoleProvider"}
    ]


def test_providers_are_built_in_failover_order_with_their_receipt_urls():
    result = _settings(**FULL)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    providers = config["providers"]
    assert [p["backend"].rsplit(".", 1)[1] for p in providers] == [
        "OvhProvider",
        "TwilioProvider",
        "BrevoProvider",
    ]
    ovh, twilio, brevo = providers
    # The secrets are segments of the path, never in a query string (kept by access logs).
    assert (
        ovh["callback_url"]
        == "https://acces-direct.example.org/webhooks/ovh/receipts/ovh-webhook-secret-0123/"
    )
    assert twilio["status_callback"] == "https://acces-direct.example.org/webhooks/twilio/status/"
    assert (
        brevo["web_url"]
        == "https://acces-direct.example.org/webhooks/brevo/events/brevo-webhook-secret-0123/"
    )
    assert (ovh["connect_timeout"], ovh["read_timeout"]) == (3.0, 10.0)
    assert config["webhooks"]["twilio"] == {"auth_token": "twilio-token"}


@pytest.mark.parametrize(
    "missing", ["TWILIO_AUTH_TOKEN", "OVH_CONSUMER_KEY", "BREVO_API_KEY", "OVH_WEBHOOK_SECRET"]
)
def test_a_provider_named_without_its_credentials_stops_the_start_up(missing):
    result = _settings(**{key: value for key, value in FULL.items() if key != missing})
    assert result.returncode != 0
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_an_unknown_provider_stops_the_start_up():
    result = _settings(
        SMS_PROVIDERS="brevo,pigeon", **{k: v for k, v in FULL.items() if k != "SMS_PROVIDERS"}
    )
    assert result.returncode != 0
    assert "pigeon" in result.stderr


def test_a_short_webhook_secret_stops_the_start_up():
    result = _settings(**{**FULL, "BREVO_WEBHOOK_SECRET": "short"})
    assert result.returncode != 0
    assert "BREVO_WEBHOOK_SECRET must be a random value of at least 16" in result.stderr


def test_a_webhook_secret_that_cannot_be_a_path_segment_stops_the_start_up():
    result = _settings(**{**FULL, "OVH_WEBHOOK_SECRET": "0123456789abcdef/?token"})
    assert result.returncode != 0
    assert "OVH_WEBHOOK_SECRET must be a random value" in result.stderr


def test_timeouts_are_configurable_and_checked():
    result = _settings(**FULL, SMS_CONNECT_TIMEOUT="1.5", SMS_READ_TIMEOUT="20")
    assert json.loads(result.stdout)["providers"][0]["read_timeout"] == 20.0
    result = _settings(**FULL, SMS_READ_TIMEOUT="ten")
    assert result.returncode != 0
    assert "SMS_READ_TIMEOUT must be a number" in result.stderr
