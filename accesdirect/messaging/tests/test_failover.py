"""The failover chain over real adapters and fake servers: when the primary cannot take a
message, the next provider sends it; an answer that may have been an acceptance is never
followed by a second send."""

import pytest

from accesdirect.messaging.enums import MessageStatus
from accesdirect.messaging.testing.fake_providers import serve
from accesdirect.messaging.worker import MAX_ATTEMPTS, FailoverChain, run_batch

from .conftest import PHONE, adapter_for, fresh, queue_login_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def primary_and_secondary():
    with serve("brevo") as primary, serve("twilio") as secondary:
        yield primary, secondary


def test_when_the_primary_is_down_the_secondary_sends(pau, primary_and_secondary):
    primary, secondary = primary_and_secondary
    primary.go_down()
    message = queue_login_code(pau)
    assert run_batch(chain=FailoverChain([adapter_for(primary), adapter_for(secondary)])).sent == 1
    message = fresh(message)
    assert message.status == MessageStatus.SENT
    assert message.provider == "twilio"
    assert message.provider_message_id == secondary.received[0].provider_message_id
    assert message.attempts == 1


def test_when_the_primary_answers_503_the_secondary_sends(pau, primary_and_secondary):
    primary, secondary = primary_and_secondary
    primary.fail_next(1, status=503)
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(primary), adapter_for(secondary)]))
    assert fresh(message).provider == "twilio"
    assert primary.received == []
    assert len(secondary.received) == 1


def test_a_primary_that_came_back_sends_again(pau, primary_and_secondary):
    primary, secondary = primary_and_secondary
    chain = FailoverChain([adapter_for(primary), adapter_for(secondary)])
    primary.go_down()
    queue_login_code(pau, key="login:1")
    run_batch(chain=chain)
    primary.come_up()
    # A new worker (or the same one after its cool-down) goes back to the primary.
    queue_login_code(pau, key="login:2")
    run_batch(chain=FailoverChain(chain.providers))
    assert [len(primary.received), len(secondary.received)] == [1, 1]


def test_an_uncertain_answer_is_never_passed_on_to_the_secondary(pau, primary_and_secondary):
    primary, secondary = primary_and_secondary
    primary.delay_responses(2.0, count=1)
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(primary, read_timeout=0.2), adapter_for(secondary)]))
    assert fresh(message).status == MessageStatus.UNCERTAIN
    assert secondary.received == []


def test_an_invalid_number_is_not_tried_elsewhere(pau, primary_and_secondary):
    primary, secondary = primary_and_secondary
    primary.invalid_numbers.add(PHONE)
    message = queue_login_code(pau)
    run_batch(chain=FailoverChain([adapter_for(primary), adapter_for(secondary)]))
    assert fresh(message).status == MessageStatus.FAILED
    assert secondary.requests == 0


def test_when_every_provider_fails_the_message_fails_visibly_after_the_last_attempt(
    pau, primary_and_secondary
):
    primary, secondary = primary_and_secondary
    primary.go_down()
    secondary.fail_next(MAX_ATTEMPTS, status=503)
    chain = FailoverChain([adapter_for(primary), adapter_for(secondary)])
    message = queue_login_code(pau)
    for _ in range(MAX_ATTEMPTS):
        run_batch(chain=chain, now=fresh(message).next_attempt_at)
    message = fresh(message)
    assert message.status == MessageStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert message.last_error.startswith(
        f"Échec après {MAX_ATTEMPTS} tentatives : Twilio indisponible (HTTP 503)"
    )
    assert secondary.requests == MAX_ATTEMPTS
    assert secondary.received == []
