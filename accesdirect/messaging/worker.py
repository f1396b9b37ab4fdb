"""The outbox worker: claims due messages, hands them to a provider, records the outcome.

Correct with several workers at once and across crashes, on PostgreSQL and SQLite:
- claiming is one short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's
  IMMEDIATE transactions serialise it) that moves rows from queued to sending;
- just before the provider is called, `handed_at` is committed with a compare-and-set on the
  claim, so a message reclaimed by another worker is never sent by both;
- every write that finishes a message (sent, failed, uncertain, cancelled, requeued) matches the
  claim too (its `claimed_at`), not only the status: a worker whose batch outlived the stale
  limit cannot overwrite the message that another worker has since reclaimed and claimed;
- after a crash, a message left in sending and never handed is queued again within seconds
  (CLAIM_TIMEOUT: a login code must not wait); one that was handed but has no recorded answer
  may have been accepted by the provider: after STALE_AFTER it becomes "uncertain" for staff
  to check, rather than being blindly sent twice;
- a live worker never keeps a claim it has not started for long: a batch that runs past half
  the claim timeout gives its unstarted messages back (the next batch claims them afresh), so
  that another worker's recovery rarely meets a live claim, and never harms it if it does (the
  hand-off matches the claim).
"""

import dataclasses
import datetime
import logging
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from accesdirect.core.calendar import Territory
from accesdirect.core.process import DATABASE_OUTAGE
from accesdirect.structures.models import Structure
from accesdirect.structures.queries import structure_territories

from .enums import Channel, MessageStatus
from .models import Message
from .providers.base import Outcome, OutgoingSms, SendResult, SmsProvider, build_chain
from .quiet_hours import next_send_time
from .schedule import run_schedulers
from .services import is_opted_out

logger = logging.getLogger(__name__)

RETRY_DELAYS = (
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Handed to a provider, no answer recorded: the provider may have the message. Long enough
# for the slowest provider call (timeouts and failover included) to end.
STALE_AFTER = datetime.timedelta(minutes=5)
# Claimed, never handed: it was never sent, whatever happened to its worker. A claim only
# covers the time to reach the provider call, so a dead worker's claims are retried quickly.
CLAIM_TIMEOUT = datetime.timedelta(seconds=5)
# How often a running worker looks for dead workers' claims.
RECLAIM_INTERVAL = datetime.timedelta(seconds=2)
INTERRUPTED = "Envoi interrompu : le fournisseur a peut-être reçu ce message. Vérifiez avant de renvoyer."
# A provider that failed is skipped for this long by this worker: the next one takes over.
PROVIDER_COOL_DOWN = datetime.timedelta(seconds=60)


@dataclasses.dataclass
class BatchReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0
    cancelled: int = 0
    deferred: int = 0
    # Reclaimed by another worker while this batch was too slow: left to that worker.
    lost: int = 0
    # Not started before half the claim timeout: given back for the next batch.
    released: int = 0


class FailoverChain:
    """Providers in order; a transient failure moves on to the next one."""

    def __init__(self, providers: list[SmsProvider], clock=timezone.now):
        self.providers = providers
        self.clock = clock
        self.down_until: dict[str, datetime.datetime] = {}

    def send(self, sms: OutgoingSms) -> SendResult:
        now = self.clock()
        available = [p for p in self.providers if self.down_until.get(p.name, now) <= now] or self.providers
        result = SendResult(Outcome.TRANSIENT, "", error="Aucun fournisseur SMS configuré.")
        for provider in available:
            try:
                result = provider.send(sms)
            except Exception as exc:  # noqa: BLE001 - a broken adapter must not stop the worker
                logger.exception("SMS provider %s raised", provider.name)
                result = SendResult(Outcome.TRANSIENT, provider.name, error=repr(exc))
            if result.outcome is not Outcome.TRANSIENT:
                self.down_until.pop(provider.name, None)
                return result
            self.down_until[provider.name] = now + PROVIDER_COOL_DOWN
        return result


def reclaim_stale(
    *,
    now: datetime.datetime,
    stale_after: datetime.timedelta = STALE_AFTER,
    claim_timeout: datetime.timedelta = CLAIM_TIMEOUT,
) -> tuple[int, int]:
    """Recover messages left in "sending" by a worker that died. Returns (requeued, uncertain):
    claimed more than `claim_timeout` ago and never handed, queued again at once; handed more
    than `stale_after` ago without an answer, uncertain."""
    requeued = Message.all_objects.filter(
        status=MessageStatus.SENDING,
        handed_at__isnull=True,
        claimed_at__lt=now - min(claim_timeout, stale_after),
    ).update(status=MessageStatus.QUEUED, claimed_at=None, next_attempt_at=now)
    cutoff = now - stale_after
    uncertain = Message.all_objects.filter(status=MessageStatus.SENDING, handed_at__lt=cutoff).update(
        status=MessageStatus.UNCERTAIN,
        last_error=INTERRUPTED,
    )
    return requeued, uncertain


def claim(*, limit: int, now: datetime.datetime) -> list[Message]:
    with transaction.atomic():
        ids = list(
            Message.all_objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Message.all_objects.filter(pk__in=ids, status=MessageStatus.QUEUED).update(
                status=MessageStatus.SENDING, claimed_at=now, handed_at=None
            )
    return list(
        Message.all_objects.filter(pk__in=ids, status=MessageStatus.SENDING, claimed_at=now).order_by("pk")
    )


def _still_ours(message: Message):
    """The message as long as this worker's claim holds. A claim's `claimed_at` is its identity:
    a stale claim requeued by `reclaim_stale` and claimed again by another worker carries that
    worker's later `claimed_at`, so matching the status alone would let the slow worker write
    over the new claim (requeue a message being sent: a duplicate SMS)."""
    return Message.all_objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, claimed_at=message.claimed_at
    )


def _finish(message: Message, **fields) -> bool:
    """Record the outcome, only if the message is still ours (this worker's claim, sending)."""
    finished = bool(_still_ours(message).update(**fields))
    if not finished:
        logger.warning(
            "message %s was reclaimed by another worker: %s not recorded", message.pk, fields["status"]
        )
    return finished


def _send_email(message: Message) -> SendResult:
    try:
        EmailMessage(message.email_subject or "Accès Direct", message.body, to=[message.recipient]).send()
    except Exception as exc:  # noqa: BLE001 - every mail backend raises its own errors
        return SendResult(Outcome.TRANSIENT, "email", error=repr(exc))
    return SendResult(Outcome.ACCEPTED, "email")


def deliver(
    message: Message,
    *,
    chain: FailoverChain,
    senders: dict[int, str],
    now: datetime.datetime,
    territories: dict[int, Territory] | None = None,
) -> str:
    """Send one claimed message; returns what happened (a BatchReport field name).
    `territories` (by structure id) saves a query per message when a batch reads them at once."""
    if message.channel == Channel.SMS:
        if not message.essential and is_opted_out(structure_id=message.structure_id, phone=message.recipient):
            if not _finish(message, status=MessageStatus.CANCELLED, last_error="La personne a demandé STOP."):
                return "lost"
            return "cancelled"
        if territories is None or message.structure_id not in territories:
            territories = structure_territories([message.structure_id])
        territory = territories[message.structure_id]
        window = now if message.urgent else next_send_time(now, territory=territory)
        if window > now:
            # A retry that fell into quiet hours waits for the morning.
            if not _finish(message, status=MessageStatus.QUEUED, next_attempt_at=window, claimed_at=None):
                return "lost"
            return "deferred"
    handed = (
        _still_ours(message).filter(handed_at__isnull=True).update(handed_at=now, attempts=F("attempts") + 1)
    )
    if not handed:
        return "lost"  # reclaimed meanwhile by a stale-check: another worker owns it now
    attempts = message.attempts + 1
    if message.channel == Channel.SMS:
        sms = OutgoingSms(
            reference=str(message.pk),
            to=message.recipient,
            body=message.body,
            sender=senders[message.structure_id],
        )
        result = chain.send(sms)
    else:
        result = _send_email(message)
    return _record(message, result, attempts=attempts, now=timezone.now())


def _record(message: Message, result: SendResult, *, attempts: int, now: datetime.datetime) -> str:
    """Write the provider's answer, unless the claim was lost meanwhile (a stale-check made the
    message uncertain while the provider was slow: staff check it, the late answer is dropped)."""
    fields = {"provider": result.provider, "last_error": result.error[:2000]}
    if result.outcome is Outcome.ACCEPTED:
        fields |= {"sent_at": now, "provider_message_id": result.provider_message_id}
        outcome, status = "sent", MessageStatus.SENT
    elif result.outcome is Outcome.UNCERTAIN:
        outcome, status = "uncertain", MessageStatus.UNCERTAIN
    elif result.outcome is Outcome.TRANSIENT and attempts < MAX_ATTEMPTS:
        fields |= {"next_attempt_at": now + RETRY_DELAYS[attempts - 1], "claimed_at": None}
        outcome, status = "retried", MessageStatus.QUEUED
    else:
        if result.outcome is Outcome.TRANSIENT:
            fields["last_error"] = f"Échec après {attempts} tentatives : {result.error}"[:2000]
        outcome, status = "failed", MessageStatus.FAILED
    return outcome if _finish(message, status=status, **fields) else "lost"


def _senders(messages: list[Message]) -> dict[int, str]:
    structure_ids = {m.structure_id for m in messages}
    default = getattr(settings, "SMS_DEFAULT_SENDER", "AccesDirect")
    rows = Structure.objects.filter(pk__in=structure_ids).values_list("pk", "sms_sender")
    return {pk: sender or default for pk, sender in rows}


def release(messages: list[Message]) -> int:
    """Give back claims this worker has not started (never handed), for any worker to take;
    one whose claim is no longer ours (see `_still_ours`) is left alone."""
    return Message.all_objects.filter(
        pk__in=[message.pk for message in messages],
        status=MessageStatus.SENDING,
        claimed_at__in={message.claimed_at for message in messages},
        handed_at__isnull=True,
    ).update(status=MessageStatus.QUEUED, claimed_at=None)


def run_batch(
    *,
    chain: FailoverChain,
    limit: int = 50,
    now: datetime.datetime | None = None,
    claim_timeout: datetime.timedelta = CLAIM_TIMEOUT,
) -> BatchReport:
    """Claim and send one batch. With an explicit `now` (tests, replays) every decision of the
    batch uses that time; otherwise each message is judged at the moment it is sent, and once
    the batch has run for half the claim timeout (slow providers) the messages not started yet
    are given back rather than left to age into another worker's recovery."""
    clock = (lambda: now) if now is not None else timezone.now
    claimed_at = clock()
    messages = claim(limit=limit, now=claimed_at)
    report = BatchReport(claimed=len(messages))
    senders = _senders(messages)
    territories = structure_territories({message.structure_id for message in messages})
    for index, message in enumerate(messages):
        # The first message always goes: a batch, however slow the database, makes progress.
        if index and clock() - claimed_at > claim_timeout / 2:
            report.released = release(messages[index:])
            break
        outcome = deliver(message, chain=chain, senders=senders, territories=territories, now=clock())
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def flag_undelivered(*, now: datetime.datetime) -> int:
    """SMS sent more than 24 h ago without a delivery receipt are flagged for staff."""
    return Message.all_objects.filter(
        channel=Channel.SMS,
        status=MessageStatus.SENT,
        sent_at__lt=now - datetime.timedelta(hours=24),
        undelivered_flagged=False,
    ).update(undelivered_flagged=True)


def run_forever(
    *,
    limit: int = 50,
    poll_interval: float = 1.0,
    stale_after=STALE_AFTER,
    should_stop=lambda: False,
    schedulers: bool = True,
):
    """The worker's loop: send what is due; every 2 s recover crashed sends (RECLAIM_INTERVAL),
    every 30 s flag undelivered SMS; every minute let the domain schedulers queue the reminders
    that fell due, unless they run as their own service (`run_scheduler`, production)."""
    chain = FailoverChain(build_chain())
    last_reclaim = last_flag = last_schedule = None
    outage = 0
    while not should_stop():
        now = timezone.now()
        try:
            if last_reclaim is None or now - last_reclaim > RECLAIM_INTERVAL:
                reclaim_stale(now=now, stale_after=stale_after)
                last_reclaim = now
            if last_flag is None or now - last_flag > datetime.timedelta(seconds=30):
                flag_undelivered(now=now)
                last_flag = now
            if schedulers and (last_schedule is None or now - last_schedule > datetime.timedelta(minutes=1)):
                run_schedulers(now=now)
                last_schedule = now
            report = run_batch(chain=chain, limit=limit)
        except DATABASE_OUTAGE:
            # PostgreSQL restarted (an upgrade, a failover) and killed our connection: drop it
            # and try again with a new one, waiting longer each time up to 30 s, instead of
            # dying. A message claimed before the outage is reclaimed like a crash's.
            outage += 1
            logger.warning("outbox: database unavailable (attempt %s), retrying", outage, exc_info=True)
            connections.close_all()
            time.sleep(min(30.0, poll_interval * 2**outage))
            continue
        if outage:
            logger.warning("outbox: database back after %s attempts", outage)
            outage = 0
        if report.claimed:
            logger.info("outbox batch: %s", report)
        else:
            time.sleep(poll_interval)
