"""Delivery receipts: each provider's callback, authenticated, moves the message tolerantly."""

import io
import json
import logging

import pytest
from django.urls import reverse

from accesdirect.core.redaction import redact_secrets
from accesdirect.messaging.enums import MessageStatus
from accesdirect.messaging.models import DeliveryEvent, Message
from accesdirect.messaging.testing.fake_providers import (
    BREVO_WEBHOOK_SECRET,
    CREDENTIALS,
    Callback,
    ReceivedSms,
    serve,
    twilio_signature,
)
from accesdirect.messaging.webhooks import twilio_signature as our_twilio_signature
from accesdirect.messaging.worker import FailoverChain, run_batch

from .conftest import OVH_WEBHOOK_SECRET, WEBHOOK_URLS, adapter_for, fresh, queue_login_code, replay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("webhook_secrets")]

# The same outcome in each provider's words.
DELIVERED = {"brevo": "delivered", "ovh": "delivered", "twilio": "delivered"}
SENT = {"brevo": "sent", "ovh": "sent", "twilio": "sent"}
UNDELIVERED = {"brevo": "hard_bounce", "ovh": "failed", "twilio": "undelivered"}


@pytest.fixture
def sent_sms(pau, fake):
    """A login code sent through `fake` (each provider in turn), with its receipts URL."""
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake, with_callbacks=True)]))
    return fresh(message), fake.received[0]


def test_twilio_signatures_match_twilios_documented_example():
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert our_twilio_signature("12345", url, sorted(params.items())) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    assert twilio_signature("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


def test_a_delivery_receipt_marks_the_message_delivered(client, fake, sent_sms):
    message, sms = sent_sms
    response = replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    assert response.status_code == 200
    message = fresh(message)
    assert message.status == MessageStatus.DELIVERED
    assert message.delivered_at is not None
    assert message.receipt_at is not None
    event = DeliveryEvent.objects.get(message=message)
    assert (event.provider, event.status) == (fake.provider, MessageStatus.DELIVERED)


def test_an_undelivered_receipt_fails_the_message_with_the_reason(client, fake, sent_sms):
    message, sms = sent_sms
    replay(client, fake.callback(sms, UNDELIVERED[fake.provider], error_code="30003", reason="absent"))
    message = fresh(message)
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("Non distribué selon")


def test_twilio_error_codes_are_explained_in_french(client, fake_twilio, pau):
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_twilio, with_callbacks=True)]))
    replay(client, fake_twilio.callback(fake_twilio.received[0], "undelivered", error_code="30003"))
    assert (
        fresh(message).last_error
        == "Non distribué selon Twilio (undelivered, code 30003 : téléphone éteint ou hors réseau)."
    )


def test_repeated_receipts_change_nothing_more(client, fake, sent_sms):
    message, sms = sent_sms
    replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    first = fresh(message)
    replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    again = fresh(message)
    assert again.status == MessageStatus.DELIVERED
    assert again.delivered_at == first.delivered_at
    # Every callback is kept, for the record.
    assert DeliveryEvent.objects.filter(message=message).count() == 2


def test_delivered_before_sent_ends_delivered(client, fake, sent_sms):
    message, sms = sent_sms
    replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    replay(client, fake.callback(sms, SENT[fake.provider]))
    assert fresh(message).status == MessageStatus.DELIVERED


def test_a_late_failure_never_undoes_a_delivery(client, fake, sent_sms):
    message, sms = sent_sms
    replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    replay(client, fake.callback(sms, UNDELIVERED[fake.provider]))
    message = fresh(message)
    assert message.status == MessageStatus.DELIVERED
    assert message.last_error == ""


def test_a_receipt_resolves_an_uncertain_message(client, pau, fake):
    """The answer to the send was lost (read timeout), but the provider had the SMS: its
    receipt carries our reference in the callback URL, and settles the message."""
    fake.delay_responses(2.0, count=1)
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake, with_callbacks=True, read_timeout=0.2)]))
    assert fresh(message).status == MessageStatus.UNCERTAIN
    sms = fake.received[0]
    replay(client, fake.callback(sms, DELIVERED[fake.provider]))
    message = fresh(message)
    assert message.status == MessageStatus.DELIVERED
    assert (message.provider, message.provider_message_id) == (fake.provider, sms.provider_message_id)
    assert message.last_error == ""


def test_a_receipt_for_an_unknown_message_is_acknowledged_and_ignored(client, fake_twilio, pau):
    queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_twilio, with_callbacks=True)]))
    stranger = ReceivedSms("SM" + "0" * 32, "+33600000000", "", "", "", 0.0)
    response = replay(client, fake_twilio.callback(stranger, "delivered", url=WEBHOOK_URLS["twilio"]))
    assert response.status_code == 200
    assert not DeliveryEvent.objects.exists()


def _forged(callback: Callback, **changes) -> Callback:
    return Callback(**{**callback.__dict__, **changes})


@pytest.mark.parametrize(
    ("provider", "forge"),
    [
        ("twilio", lambda c: _forged(c, headers={"X-Twilio-Signature": "bm90IHRoZSBzaWduYXR1cmU="})),
        ("twilio", lambda c: _forged(c, headers={})),
        ("twilio", lambda c: _forged(c, body=c.body.replace(b"delivered", b"failed"))),
        (
            "brevo",
            lambda c: _forged(
                c,
                headers={"Authorization": "Bearer wrong-secret-0000"},
                url="http://testserver/webhooks/brevo/events/",
            ),
        ),
        ("brevo", lambda c: _forged(c, url=c.url.replace("/events/", "/events/x"))),
        ("ovh", lambda c: _forged(c, url=c.url.replace("/receipts/", "/receipts/x"))),
        # A secret in the query string (kept by access logs) is no longer accepted.
        (
            "brevo",
            lambda c: _forged(
                c, url=f"http://testserver/webhooks/brevo/events/?token={BREVO_WEBHOOK_SECRET}"
            ),
        ),
    ],
)
def test_an_unauthenticated_receipt_is_refused_and_changes_nothing(client, pau, provider, forge):
    with serve(provider) as fake:
        message = queue_login_code(pau)
        run_batch(chain=FailoverChain([adapter_for(fake, with_callbacks=True)]))
        callback = forge(fake.callback(fake.received[0], "delivered"))
        response = replay(client, callback)
    assert response.status_code == 403
    assert fresh(message).status == MessageStatus.SENT
    assert not DeliveryEvent.objects.exists()


def test_a_secret_in_the_query_string_is_refused(client, fake_ovh, pau):
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_ovh, with_callbacks=True)]))
    callback = fake_ovh.callback(fake_ovh.received[0], "delivered")
    old_style = callback.path.replace(
        f"/receipts/{OVH_WEBHOOK_SECRET}/?", f"/receipts/?token={OVH_WEBHOOK_SECRET}&"
    )
    assert client.get(old_style).status_code == 404
    assert fresh(message).status == MessageStatus.SENT


def test_the_secrets_of_webhook_paths_are_masked_in_the_logs(client, fake_ovh, pau):
    """Django logs every refused request with its path ("Forbidden: /webhooks/..."): the
    filter of the configured log handler masks the secret segment, right or wrong."""
    queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_ovh, with_callbacks=True)]))
    callback = fake_ovh.callback(fake_ovh.received[0], "delivered")
    wrong = callback.path.replace(OVH_WEBHOOK_SECRET, "guessed-secret-123")
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        assert client.get(wrong).status_code == 403
        assert client.get(callback.path).status_code == 200
    finally:
        handler.setStream(previous)
    assert "Forbidden: /webhooks/ovh/receipts/***/" in written.getvalue()
    assert "guessed-secret-123" not in written.getvalue()
    assert OVH_WEBHOOK_SECRET not in written.getvalue()


def test_password_reset_tokens_and_query_secrets_are_masked_too():
    line = '"GET /mot-de-passe/reinitialiser/MTI/cz2a1k-0f3e4d5c6b/ HTTP/1.1" 302 ... ?token=abc&ref=4'
    assert (
        redact_secrets(line) == '"GET /mot-de-passe/reinitialiser/MTI/***/ HTTP/1.1" 302 ... ?token=***&ref=4'
    )


def test_a_webhook_without_configured_secret_refuses_everything(client, settings, fake_twilio, pau):
    queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_twilio, with_callbacks=True)]))
    settings.SMS_WEBHOOKS = {}
    assert replay(client, fake_twilio.callback(fake_twilio.received[0], "delivered")).status_code == 403


def test_ovh_receipts_can_be_limited_to_ovhs_addresses(client, settings, fake_ovh, pau):
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_ovh, with_callbacks=True)]))
    callback = fake_ovh.callback(fake_ovh.received[0], "delivered")
    settings.SMS_WEBHOOKS["ovh"]["allowed_ips"] = ["198.51.100.0/24"]
    assert client.get(callback.path, REMOTE_ADDR="203.0.113.9").status_code == 403
    assert fresh(message).status == MessageStatus.SENT
    assert client.get(callback.path, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert fresh(message).status == MessageStatus.DELIVERED


def test_brevo_batched_events_are_all_recorded(client, fake_brevo, pau):
    first, second = queue_login_code(pau, key="a"), queue_login_code(pau, key="b", phone="+33612345679")
    run_batch(chain=FailoverChain([adapter_for(fake_brevo)]))
    events = [
        json.loads(fake_brevo.callback(sms, "delivered", url="http://x/").body) for sms in fake_brevo.received
    ]
    response = client.post(
        reverse("messaging:brevo_events"),
        data=json.dumps(events),
        content_type="application/json",
        headers={"Authorization": f"Bearer {fake_brevo.webhook_secret}"},
    )
    assert response.status_code == 200
    assert {fresh(first).status, fresh(second).status} == {MessageStatus.DELIVERED}


def test_the_webhooks_only_answer_the_methods_providers_use(client):
    assert client.get(reverse("messaging:twilio_status")).status_code == 405
    assert client.get(reverse("messaging:brevo_events")).status_code == 405


def test_the_receipt_urls_given_by_the_settings_are_the_webhooks():
    # settings.py writes these paths (the URL conf is not loaded yet when settings are read).
    assert reverse("messaging:brevo_events") == "/webhooks/brevo/events/"
    assert reverse("messaging:brevo_events", args=["s3cret"]) == "/webhooks/brevo/events/s3cret/"
    assert reverse("messaging:ovh_receipts", args=["s3cret"]) == "/webhooks/ovh/receipts/s3cret/"
    assert reverse("messaging:twilio_status") == "/webhooks/twilio/status/"


@pytest.mark.django_db(transaction=True)
def test_a_receipt_over_real_http_reaches_the_message(live_server, settings, fake_twilio, pau):
    settings.SMS_WEBHOOKS = {"twilio": {"auth_token": CREDENTIALS["twilio"]["auth_token"]}}
    status_url = live_server.url + reverse("messaging:twilio_status")
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(fake_twilio, status_callback=status_url)]))
    assert fake_twilio.send_callback(fake_twilio.received[0], "delivered") == 200
    assert Message.all_objects.get(pk=message.pk).status == MessageStatus.DELIVERED
