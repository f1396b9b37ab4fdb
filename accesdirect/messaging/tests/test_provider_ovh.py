"""The OVH adapter against the fake OVH server, through the worker."""

import datetime
import hashlib
import json
import time

import pytest
from django.utils import timezone

from accesdirect.messaging.enums import MessageStatus
from accesdirect.messaging.providers.base import Outcome, OutgoingSms
from accesdirect.messaging.providers.ovh import signature
from accesdirect.messaging.worker import FailoverChain, run_batch

from .conftest import PHONE, adapter_for, fresh, queue_login_code

pytestmark = pytest.mark.django_db

SMS = OutgoingSms(reference="42", to=PHONE, body="Votre code : 1234", sender="ACCESPAU")


def test_the_signature_follows_ovhs_formula():
    expected = hashlib.sha1(b"AS+CK+POST+https://eu.api.ovh.com/1.0/sms/s/jobs+{}+1700000000").hexdigest()  # noqa: S324
    got = signature(
        application_secret="AS",
        consumer_key="CK",
        method="POST",
        url="https://eu.api.ovh.com/1.0/sms/s/jobs",
        body="{}",
        timestamp="1700000000",
    )
    assert got == "$1$" + expected


def test_an_sms_is_a_signed_job_of_the_sms_service(fake_ovh):
    provider = adapter_for(fake_ovh, callback_url="https://ad.example.org/webhooks/ovh/receipts/s3cret/")
    result = provider.send(SMS)

    request = fake_ovh.last_request
    assert request.path == f"/1.0/sms/{fake_ovh.credentials['service_name']}/jobs"
    assert request.headers["X-Ovh-Application"] == fake_ovh.credentials["application_key"]
    assert request.headers["X-Ovh-Consumer"] == fake_ovh.credentials["consumer_key"]
    assert request.headers["X-Ovh-Signature"].startswith("$1$")
    body = json.loads(request.body)
    assert body["receivers"] == [PHONE]
    assert body["message"] == "Votre code : 1234"
    assert body["sender"] == "ACCESPAU"
    assert body["noStopClause"] is True
    assert body["callBack"] == "https://ad.example.org/webhooks/ovh/receipts/s3cret/?ref=42"
    assert result.outcome is Outcome.ACCEPTED
    assert result.provider_message_id == fake_ovh.received[0].provider_message_id


def test_a_short_number_replaces_the_sender_when_answers_are_expected(fake_ovh):
    adapter_for(fake_ovh, sender_for_response=True).send(SMS)
    body = json.loads(fake_ovh.last_request.body)
    assert body["senderForResponse"] is True
    assert "sender" not in body


def test_an_accepted_sms_records_ovhs_job_id(pau, fake_ovh):
    message = queue_login_code(pau)
    assert run_batch(chain=FailoverChain([adapter_for(fake_ovh)])).sent == 1
    message = fresh(message)
    assert (message.status, message.provider) == (MessageStatus.SENT, "ovh")
    assert message.provider_message_id == fake_ovh.received[0].provider_message_id


def test_an_invalid_receiver_fails_for_good(pau, fake_ovh):
    fake_ovh.invalid_numbers.add(PHONE)
    message = queue_login_code(pau)
    assert run_batch(chain=FailoverChain([adapter_for(fake_ovh)])).failed == 1
    message = fresh(message)
    assert message.status == MessageStatus.FAILED
    assert "destinataire invalide" in message.last_error


def test_an_unavailable_service_is_retried_later(pau, fake_ovh):
    chain = FailoverChain([adapter_for(fake_ovh)])
    fake_ovh.fail_next(1, status=503)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).retried == 1
    message = fresh(message)
    assert message.status == MessageStatus.QUEUED
    assert run_batch(chain=chain, now=message.next_attempt_at).sent == 1
    assert len(fake_ovh.received) == 1


@pytest.mark.parametrize(
    ("options", "error_code"),
    [
        ({"application_secret": "wrong-secret"}, "INVALID_SIGNATURE"),
        ({"consumer_key": "wrong-consumer"}, "INVALID_CREDENTIAL"),
        ({"clock": lambda: time.time() - 3600}, "QUERY_TIME_OUT"),
    ],
)
def test_a_key_or_clock_problem_is_not_the_messages_fault(fake_ovh, options, error_code):
    result = adapter_for(fake_ovh, **options).send(SMS)
    assert result.outcome is Outcome.TRANSIENT
    assert error_code in result.error
    assert fake_ovh.received == []


def test_a_read_timeout_leaves_the_sms_uncertain_and_it_is_never_sent_again(pau, fake_ovh):
    chain = FailoverChain([adapter_for(fake_ovh, read_timeout=0.2)])
    fake_ovh.delay_responses(2.0, count=1)
    message = queue_login_code(pau)
    assert run_batch(chain=chain).uncertain == 1
    assert fresh(message).status == MessageStatus.UNCERTAIN
    assert run_batch(chain=chain, now=timezone.now() + datetime.timedelta(days=1)).claimed == 0
    assert len(fake_ovh.received) == 1
