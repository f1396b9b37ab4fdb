"""The Twilio adapter against the fake Twilio server, through the worker."""

import base64
import datetime
from urllib.parse import parse_qsl

import pytest
from django.utils import timezone

from accesdirect.messaging.enums import MessageStatus
from accesdirect.messaging.providers.base import Outcome, OutgoingSms
from accesdirect.messaging.worker import FailoverChain, run_batch

from .conftest import PHONE, adapter_for, fresh, queue_login_code

pytestmark = pytest.mark.django_db

SMS = OutgoingSms(reference="42", to=PHONE, body="Votre code : 1234", sender="ACCESPAU")


def test_an_sms_is_a_form_post_with_basic_authentication(fake_twilio):
    provider = adapter_for(fake_twilio, status_callback="https://ad.example.org/webhooks/twilio/status/")
    result = provider.send(SMS)

    sid, token = fake_twilio.credentials["account_sid"], fake_twilio.credentials["auth_token"]
    request = fake_twilio.last_request
    assert request.path == f"/2010-04-01/Accounts/{sid}/Messages.json"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(request.body.decode())) == {
        "To": PHONE,
        "From": fake_twilio.credentials["sender_id"],
        "Body": "Votre code : 1234",
        "StatusCallback": "https://ad.example.org/webhooks/twilio/status/?ref=42",
    }
    assert result.outcome is Outcome.ACCEPTED
    assert result.provider_message_id.startswith("SM")


def test_a_messaging_service_is_named_as_such(fake_twilio):
    adapter_for(fake_twilio, sender_id="MG" + "a" * 32).send(SMS)
    form = dict(parse_qsl(fake_twilio.last_request.body.decode()))
    assert form["MessagingServiceSid"] == "MG" + "a" * 32
    assert "From" not in form


def test_an_accepted_sms_records_the_message_sid(pau, fake_twilio):
    message = queue_login_code(pau)
    assert run_batch(chain=FailoverChain([adapter_for(fake_twilio)])).sent == 1
    message = fresh(message)
    assert (message.status, message.provider) == (MessageStatus.SENT, "twilio")
    assert message.provider_message_id == fake_twilio.received[0].provider_message_id


def test_an_invalid_number_fails_for_good_with_twilios_code(pau, fake_twilio):
    fake_twilio.invalid_numbers.add(PHONE)
    message = queue_login_code(pau)
    assert run_batch(chain=FailoverChain([adapter_for(fake_twilio)])).failed == 1
    message = fresh(message)
    assert message.status == MessageStatus.FAILED
    assert "21211" in message.last_error


@pytest.mark.parametrize("status", [500, 503, 429, 401])
def test_errors_that_are_not_the_messages_fault_are_retried(pau, fake_twilio, status):
    chain = FailoverChain([adapter_for(fake_twilio)])
    fake_twilio.fail_next(1, status=status)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).retried == 1
    message = fresh(message)
    assert message.status == MessageStatus.QUEUED
    assert run_batch(chain=chain, now=message.next_attempt_at).sent == 1


def test_a_read_timeout_leaves_the_sms_uncertain_and_it_is_never_sent_again(pau, fake_twilio):
    chain = FailoverChain([adapter_for(fake_twilio, read_timeout=0.2)])
    fake_twilio.delay_responses(2.0, count=1)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).uncertain == 1
    assert fresh(message).status == MessageStatus.UNCERTAIN
    assert run_batch(chain=chain, now=timezone.now() + datetime.timedelta(days=1)).claimed == 0
    assert len(fake_twilio.received) == 1
