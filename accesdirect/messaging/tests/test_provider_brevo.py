"""The Brevo adapter against the fake Brevo server, through the worker."""

import datetime
import json

import pytest
from django.utils import timezone

from accesdirect.messaging.enums import MessageStatus
from accesdirect.messaging.providers.base import Outcome, OutgoingSms
from accesdirect.messaging.worker import FailoverChain, run_batch

from .conftest import PHONE, adapter_for, fresh, queue_login_code

pytestmark = pytest.mark.django_db


def test_an_sms_is_posted_as_brevo_documents_it(fake_brevo):
    provider = adapter_for(fake_brevo, web_url="https://ad.example.org/webhooks/brevo/events/s3cret/")
    result = provider.send(OutgoingSms(reference="42", to=PHONE, body="Votre code : 1234", sender="ACCESPAU"))

    request = fake_brevo.last_request
    assert request.method == "POST"
    assert request.path == "/v3/transactionalSMS/send"
    assert request.headers["api-key"] == fake_brevo.credentials["api_key"]
    assert json.loads(request.body) == {
        "sender": "ACCESPAU",
        "recipient": "33612345678",
        "content": "Votre code : 1234",
        "type": "transactional",
        "tag": "acces-direct",
        "webUrl": "https://ad.example.org/webhooks/brevo/events/s3cret/?ref=42",
    }
    assert result.outcome is Outcome.ACCEPTED
    assert result.provider_message_id == fake_brevo.received[0].provider_message_id


def test_an_accepted_sms_records_brevos_message_id(pau, fake_brevo):
    message = queue_login_code(pau)
    report = run_batch(chain=FailoverChain([adapter_for(fake_brevo)]))
    assert report.sent == 1
    message = fresh(message)
    assert message.status == MessageStatus.SENT
    assert message.provider == "brevo"
    assert message.provider_message_id == fake_brevo.received[0].provider_message_id
    assert fake_brevo.received[0].to == PHONE


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_server_error_or_rate_limit_is_retried_later_with_backoff(pau, fake_brevo, status):
    chain = FailoverChain([adapter_for(fake_brevo)])
    message = queue_login_code(pau)
    fake_brevo.fail_next(1, status=status)
    before = timezone.now()
    assert run_batch(chain=chain, now=before).retried == 1

    message = fresh(message)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert before + datetime.timedelta(seconds=30) <= message.next_attempt_at
    assert message.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=30)
    assert f"HTTP {status}" in message.last_error
    # Not before its time...
    assert run_batch(chain=chain, now=timezone.now()).claimed == 0
    # ...then sent once.
    assert run_batch(chain=chain, now=message.next_attempt_at).sent == 1
    assert fresh(message).status == MessageStatus.SENT
    assert len(fake_brevo.received) == 1


def test_an_invalid_number_fails_for_good(pau, fake_brevo):
    chain = FailoverChain([adapter_for(fake_brevo)])
    fake_brevo.invalid_numbers.add(PHONE)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).failed == 1
    message = fresh(message)
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("Brevo refuse le SMS (HTTP 400)")
    assert run_batch(chain=chain, now=timezone.now() + datetime.timedelta(days=1)).claimed == 0
    assert fake_brevo.requests == 1


def test_a_read_timeout_leaves_the_sms_uncertain_and_it_is_never_sent_again(pau, fake_brevo):
    chain = FailoverChain([adapter_for(fake_brevo, read_timeout=0.2)])
    fake_brevo.delay_responses(2.0)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).uncertain == 1
    message = fresh(message)
    assert message.status == MessageStatus.UNCERTAIN
    assert "peut-être parti" in message.last_error
    fake_brevo.delay_responses(0)
    assert run_batch(chain=chain, now=timezone.now() + datetime.timedelta(days=1)).claimed == 0
    assert len(fake_brevo.received) == 1


def test_a_wrong_api_key_is_not_the_messages_fault(fake_brevo):
    provider = adapter_for(fake_brevo, api_key="xkeysib-wrong")
    result = provider.send(OutgoingSms(reference="1", to=PHONE, body="Test", sender="ACCESPAU"))
    assert result.outcome is Outcome.TRANSIENT
    assert "identifiants" in result.error
    assert fake_brevo.received == []


def test_no_credit_left_is_not_the_messages_fault(fake_brevo):
    fake_brevo.fail_next(1, status=402)
    result = adapter_for(fake_brevo).send(
        OutgoingSms(reference="1", to=PHONE, body="Test", sender="ACCESPAU")
    )
    assert result.outcome is Outcome.TRANSIENT
