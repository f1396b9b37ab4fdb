"""A worker whose batch outlived the stale limit meets the message again after another worker
reclaimed and claimed it: its late writes must change nothing, so that the other worker's
result stands and nothing is sent twice.

The interleaving is replayed step by step: worker A claims at 19:50, stalls; at 19:56 worker B
recovers the stale claim, claims the message again and hands it to the provider; while the
provider holds B's request, A wakes up and tries to finish the message its own way."""

import datetime

import pytest
from django.utils import timezone

from accesdirect.messaging.enums import MessageKind, MessageStatus, OptOutSource
from accesdirect.messaging.models import Message
from accesdirect.messaging.providers.base import Outcome, SendResult
from accesdirect.messaging.services import message_queue, opt_out_add
from accesdirect.messaging.worker import (
    CLAIM_TIMEOUT,
    STALE_AFTER,
    FailoverChain,
    claim,
    deliver,
    reclaim_stale,
    run_batch,
)

from .conftest import PARIS

pytestmark = pytest.mark.django_db

PHONE = "+33612345678"
A_CLAIMS = datetime.datetime(2026, 11, 24, 19, 50, tzinfo=PARIS)  # a Tuesday, 10 minutes before quiet hours
B_RECLAIMS = A_CLAIMS + STALE_AFTER + datetime.timedelta(minutes=1)
NEXT_MORNING = datetime.datetime(2026, 11, 25, 8, 0, tzinfo=PARIS)


class HoldingProvider:
    """Accepts every SMS; while it holds the first request, lets the stalled worker act."""

    name = "holding"

    def __init__(self):
        self.sent: list[str] = []
        self.while_sending = None

    def send(self, sms):
        self.sent.append(sms.reference)
        if self.while_sending is not None:
            action, self.while_sending = self.while_sending, None
            action()
        return SendResult(Outcome.ACCEPTED, self.name, provider_message_id=f"id-{len(self.sent)}")


def queue_reminder(structure) -> Message:
    """A non-urgent SMS: it obeys quiet hours and STOP."""
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.APPOINTMENT_REMINDER,
        recipient=PHONE,
        context={
            "structure": "Accès Pau",
            "date": "mercredi 25",
            "time": "9h30",
            "staff": "Camille",
            "place": "Pau",
        },
        idempotency_key="appointment-reminder:1",
        now=A_CLAIMS,
    )


@pytest.fixture
def provider():
    return HoldingProvider()


@pytest.fixture
def stalled_claim(pau):
    """Worker A's claim, then the stale-check that recovers it once A has been silent too long."""
    message = queue_reminder(pau)
    [claimed_by_a] = claim(limit=10, now=A_CLAIMS)
    assert reclaim_stale(now=B_RECLAIMS) == (1, 0)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    return claimed_by_a


def a_finishes(claimed_by_a, *, now, outcomes):
    senders = {claimed_by_a.structure_id: "ACCESPAU"}
    outcomes.append(deliver(claimed_by_a, chain=FailoverChain([HoldingProvider()]), senders=senders, now=now))


def test_a_stalled_worker_cannot_requeue_a_message_another_worker_is_sending(stalled_claim, provider):
    # A wakes up after 20:00: on its own claim it would put the SMS back for the morning.
    outcomes = []
    provider.while_sending = lambda: a_finishes(
        stalled_claim, now=A_CLAIMS + datetime.timedelta(minutes=11), outcomes=outcomes
    )
    report = run_batch(chain=FailoverChain([provider]), now=B_RECLAIMS)

    message = Message.all_objects.get()
    assert message.status == MessageStatus.SENT
    assert message.provider_message_id == "id-1"
    assert report.sent == 1
    # The next morning finds nothing to send again.
    assert run_batch(chain=FailoverChain([provider]), now=NEXT_MORNING).claimed == 0
    assert provider.sent == [str(message.pk)]
    assert outcomes == ["lost"]


def test_a_stalled_worker_cannot_cancel_a_message_another_worker_has_sent(pau, stalled_claim, provider):
    # The person answers STOP while B's request is with the provider; A then sees the STOP.
    outcomes = []

    def stop_then_a_finishes():
        opt_out_add(structure_id=pau.pk, phone=PHONE, source=OptOutSource.SMS_STOP)
        a_finishes(stalled_claim, now=B_RECLAIMS, outcomes=outcomes)

    provider.while_sending = stop_then_a_finishes
    run_batch(chain=FailoverChain([provider]), now=B_RECLAIMS)

    message = Message.all_objects.get()
    assert message.status == MessageStatus.SENT  # it did go out: the record says so
    assert provider.sent == [str(message.pk)]
    assert outcomes == ["lost"]


def test_a_stalled_worker_does_not_send_a_message_another_worker_has_claimed(stalled_claim, provider):
    [claimed_by_b] = claim(limit=10, now=B_RECLAIMS)
    outcomes = []
    a_finishes(stalled_claim, now=B_RECLAIMS, outcomes=outcomes)
    assert outcomes == ["lost"]

    assert (
        deliver(
            claimed_by_b,
            chain=FailoverChain([provider]),
            senders={claimed_by_b.structure_id: "X"},
            now=B_RECLAIMS,
        )
        == "sent"
    )
    assert Message.all_objects.get().status == MessageStatus.SENT
    assert provider.sent == [str(claimed_by_b.pk)]


def test_a_late_provider_answer_does_not_overwrite_the_stale_check(pau, provider):
    """A handed the SMS, then the provider stalled past the limit: the stale-check made it
    uncertain for staff; A's late answer is dropped rather than written over that."""
    queue_reminder(pau)
    provider.while_sending = lambda: reclaim_stale(now=B_RECLAIMS)
    report = run_batch(chain=FailoverChain([provider]), now=A_CLAIMS)

    assert report.lost == 1
    assert Message.all_objects.get().status == MessageStatus.UNCERTAIN


# --- A claim never handed is recovered within seconds; a handed one after the stale limit ---


def test_a_claim_never_handed_is_queued_again_after_a_few_seconds(pau):
    """A dead worker's claim that never reached the provider: nothing was sent, so it goes
    again at once rather than after the stale limit (a login code must not wait 5 minutes)."""
    queue_reminder(pau)
    claim(limit=10, now=A_CLAIMS)

    assert reclaim_stale(now=A_CLAIMS + CLAIM_TIMEOUT - datetime.timedelta(seconds=1)) == (0, 0)
    assert reclaim_stale(now=A_CLAIMS + CLAIM_TIMEOUT + datetime.timedelta(seconds=1)) == (1, 0)
    assert CLAIM_TIMEOUT <= datetime.timedelta(seconds=10) < STALE_AFTER
    message = Message.all_objects.get()
    assert (message.status, message.claimed_at) == (MessageStatus.QUEUED, None)


def test_a_handed_message_still_waits_for_the_stale_limit(pau, provider):
    """Handed, no answer: the provider may have it. Only after the stale limit does it become
    uncertain, for staff to check, never sent again by the recovery."""
    queue_reminder(pau)
    [claimed] = claim(limit=10, now=A_CLAIMS)
    Message.all_objects.filter(pk=claimed.pk).update(handed_at=A_CLAIMS)

    assert reclaim_stale(now=A_CLAIMS + datetime.timedelta(minutes=1)) == (0, 0)
    assert reclaim_stale(now=A_CLAIMS + STALE_AFTER + datetime.timedelta(seconds=1)) == (0, 1)
    assert Message.all_objects.get().status == MessageStatus.UNCERTAIN
    assert run_batch(chain=FailoverChain([provider]), now=NEXT_MORNING).claimed == 0


def test_a_fast_recovery_does_not_make_a_live_worker_send_twice(pau, provider):
    """Worker A stalls 10 s between its claim and the hand-off (a pause, a slow database); B's
    recovery requeues and sends the message meanwhile. A's hand-off then finds the claim is no
    longer its own: the message goes once."""
    queue_reminder(pau)
    [claimed_by_a] = claim(limit=10, now=A_CLAIMS)
    later = A_CLAIMS + datetime.timedelta(seconds=10)
    assert reclaim_stale(now=later) == (1, 0)
    assert run_batch(chain=FailoverChain([provider]), now=later).sent == 1

    outcomes = []
    a_finishes(claimed_by_a, now=later, outcomes=outcomes)

    assert outcomes == ["lost"]
    assert len(provider.sent) == 1
    assert Message.all_objects.get().status == MessageStatus.SENT


class SlowProvider(HoldingProvider):
    """Accepts every SMS, taking `seconds` of the worker's clock each."""

    def __init__(self, clock, seconds: float):
        super().__init__()
        self.clock, self.seconds = clock, seconds

    def send(self, sms):
        self.clock.advance(self.seconds)
        return super().send(sms)


class Clock:
    def __init__(self, start: datetime.datetime):
        self.now = start

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += datetime.timedelta(seconds=seconds)


def test_a_slow_batch_gives_back_the_messages_it_has_not_started(pau, monkeypatch):
    """With a provider taking 2 s a message, the worker starts no message once half the claim
    timeout has passed: the rest go back to the queue at once, for this worker's next batch or
    another worker, rather than ageing into a recovery."""
    for index in range(5):
        message_queue(
            structure_id=pau.pk,
            kind=MessageKind.LOGIN_CODE,
            recipient=f"+3361234567{index}",
            context={"code": "123456"},
            idempotency_key=f"login:{index}",
            now=A_CLAIMS,
        )
    clock = Clock(A_CLAIMS)
    monkeypatch.setattr(timezone, "now", clock)
    provider = SlowProvider(clock, seconds=2)

    report = run_batch(chain=FailoverChain([provider]))

    assert (report.claimed, report.sent, report.released) == (5, 2, 3)
    statuses = sorted(Message.all_objects.values_list("status", "claimed_at"), key=str)
    assert statuses == [(MessageStatus.QUEUED, None)] * 3 + [(MessageStatus.SENT, A_CLAIMS)] * 2
    # The next batch takes them at once.
    assert run_batch(chain=FailoverChain([provider])).sent == 2
