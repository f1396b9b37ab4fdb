"""The outbox API for every other service: queue a message in the caller's transaction.

A domain service calls `message_queue(...)` inside its own atomic block; if the business
change rolls back, the message goes with it. Nothing is sent here: the worker sends."""

import datetime
import re
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accesdirect.core.audit import audit_changes, audit_record
from accesdirect.core.calendar import Territory
from accesdirect.core.errors import ConflictError, DomainError
from accesdirect.core.phones import normalize_mobile
from accesdirect.structures.queries import structure_territories

from . import wording
from .enums import Channel, MessageKind, MessageStatus, OptOutSource, Subject
from .models import DeliveryEvent, Message, MessageTemplate, OptOut
from .quiet_hours import next_send_time
from .replies import REPLY_WORDS, reply_handler
from .templates import DEFAULTS, ESSENTIAL_KINDS, URGENT_KINDS, render, render_sms


def template_text(*, structure_id: int, kind: str) -> str:
    custom = MessageTemplate.objects.with_scope(structure=structure_id).filter(kind=kind).first()
    return custom.body if custom else DEFAULTS[kind]


def first_send_time(
    *,
    structure_id: int,
    channel: Channel,
    urgent: bool,
    now: datetime.datetime,
    territory: Territory | None = None,
) -> datetime.datetime:
    """When a new message may first go: at once for an urgent one or an e-mail, else at the
    next opening of the quiet hours of the structure's territory (its time zone, its holidays;
    read from the structure unless the caller has it)."""
    if urgent or channel == Channel.EMAIL:
        return now
    territory = territory or structure_territories([structure_id])[structure_id]
    return next_send_time(now, territory=territory)


def message_queue(
    *,
    structure_id: int,
    kind: MessageKind,
    recipient: str,
    context: dict[str, object],
    idempotency_key: str,
    channel: Channel = Channel.SMS,
    subject: Subject | str = "",
    subject_id: int | None = None,
    email_subject: str = "",
    now: datetime.datetime | None = None,
    territory: Territory | None = None,
) -> Message:
    """Queue one logical message; queuing the same key again returns the first one unchanged.
    `territory`, the structure's (structures.queries.structure_territories), saves a query to a
    caller that queues many messages."""
    now = now or timezone.now()
    existing = Message.all_objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    urgent = kind in URGENT_KINDS
    message = Message(
        structure_id=structure_id,
        channel=channel,
        kind=kind,
        subject=subject,
        subject_id=subject_id,
        email_subject=email_subject,
        urgent=urgent,
        essential=kind in ESSENTIAL_KINDS,
        idempotency_key=idempotency_key,
        created_at=now,
        next_attempt_at=first_send_time(
            structure_id=structure_id, channel=channel, urgent=urgent, now=now, territory=territory
        ),
    )
    text = template_text(structure_id=structure_id, kind=kind)
    if channel == Channel.SMS:
        message.body, message.segments = render_sms(text, context)
        try:
            message.recipient = normalize_mobile(recipient)
        except ValidationError as exc:
            # Kept, visibly failed: staff see that this person could not be reached by SMS.
            message.recipient = recipient or "—"
            message.status = MessageStatus.FAILED
            message.last_error = " ".join(exc.messages)
    else:
        message.body = render(text, context)
        message.recipient = recipient
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # A concurrent transaction queued the same logical message first.
        return Message.all_objects.get(idempotency_key=idempotency_key)
    return message


def email_staff(
    *,
    structure_id: int,
    kind: MessageKind,
    recipients: list,
    context: dict[str, object],
    key: Callable[[int], str],
    email_subject: str,
    now: datetime.datetime | None = None,
) -> int:
    """Queue the same e-mail to each staff member of `recipients` who has an address (the CRE in
    charge, or the direction: structures.queries.staff_in_charge), one idempotency key per
    person (`key(user_id)`). Returns how many were queued."""
    queued = 0
    for user in recipients:
        if not user.email:
            continue
        message_queue(
            structure_id=structure_id,
            kind=kind,
            channel=Channel.EMAIL,
            recipient=user.email,
            context=context,
            idempotency_key=key(user.pk),
            subject=Subject.STAFF,
            subject_id=user.pk,
            email_subject=email_subject,
            now=now,
        )
        queued += 1
    return queued


@transaction.atomic
def opt_out_add(*, structure_id: int, phone: str, source: OptOutSource, by=None) -> OptOut:
    """A person's STOP by SMS is recorded in the audit trail here (nobody else records it). A
    staff member's change is recorded here when `by` is given; a caller that records its own
    line about the person (seekers' job_seeker_sms_set) leaves `by` out, to avoid two lines."""
    opt_out, created = OptOut.all_objects.get_or_create(
        structure_id=structure_id, phone=phone, defaults={"source": source}
    )
    if created and (by is not None or source in (OptOutSource.SMS_STOP, OptOutSource.APP)):
        audit_record(by=by, action="opt_out.added", target=opt_out, params={"source": source})
    return opt_out


@transaction.atomic
def opt_out_remove(*, structure_id: int, phone: str, by=None) -> None:
    """Recorded in the audit trail when `by` is given (see opt_out_add)."""
    opt_outs = list(OptOut.all_objects.filter(structure_id=structure_id, phone=phone))
    for opt_out in opt_outs if by is not None else ():
        audit_record(by=by, action="opt_out.removed", target=opt_out, params={"source": opt_out.source})
    OptOut.all_objects.filter(pk__in=[opt_out.pk for opt_out in opt_outs]).delete()


def is_opted_out(*, structure_id: int, phone: str) -> bool:
    return OptOut.all_objects.filter(structure_id=structure_id, phone=phone).exists()


# --- Delivery receipts and inbound SMS, as the provider webhooks report them ---------------

# A person who answers one of these is asking for no more SMS (compared accent-, case- and
# space-insensitively).
STOP_WORDS = frozenset({"stop", "stop sms", "stopsms", "arret", "arret sms", "arreter", "stop all"})
# Every word that answers some question: anything else is not an answer (and costs no query).
_ANSWER_WORDS = frozenset(word for words in REPLY_WORDS.values() for word in words)


def _fold(text: str) -> str:
    """'  Arrêt SMS ! ' → 'arret sms'."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.casefold()).split())


def phone_from_provider(raw: str) -> str | None:
    """The E.164 form of a number as a provider writes it (+33612345678, 33612345678,
    0033612345678), or None when it is not a mobile we could have written to."""
    text = (raw or "").strip()
    if text.isdigit() and not text.startswith("0"):
        text = "+" + text  # Brevo writes international numbers without their "+"
    try:
        return normalize_mobile(text)
    except ValidationError:
        return None


def _message_for_receipt(*, provider_message_id: str, provider: str, reference: str) -> Message | None:
    # Locked: two callbacks for one message (sent and delivered often arrive together) must
    # not each decide from the same old status.
    rows = Message.all_objects.select_for_update(of=("self",)).filter(channel=Channel.SMS)
    if provider_message_id:
        message = rows.filter(provider=provider, provider_message_id=provider_message_id).first()
        if message is not None:
            return message
    if reference.isdigit():
        # Our own id, echoed in the callback URL: it matches a message whose send answer was
        # lost (uncertain) or not yet recorded, never one that another provider accepted.
        return rows.filter(pk=int(reference), provider_message_id__in=["", provider_message_id]).first()
    return None


def _receipt_changes(message: Message, *, status: str, occurred_at: datetime.datetime, reason: str) -> dict:
    fields: dict[str, object] = {}
    if status == MessageStatus.DELIVERED:
        # Delivered is final and wins over anything said before (callbacks come out of order).
        if message.status != MessageStatus.DELIVERED:
            fields.update(
                status=MessageStatus.DELIVERED,
                delivered_at=occurred_at,
                last_error="",
                undelivered_flagged=False,
            )
    elif status == MessageStatus.FAILED:
        if message.status not in (MessageStatus.DELIVERED, MessageStatus.FAILED):
            fields.update(
                status=MessageStatus.FAILED, last_error=reason or "Non distribué selon le fournisseur."
            )
    elif message.status in (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.UNCERTAIN):
        # The provider has the message: it must not be sent again.
        fields.update(status=MessageStatus.SENT, last_error="")
    if message.sent_at is None:
        fields["sent_at"] = occurred_at
    return fields


@transaction.atomic
def delivery_receipt_record(
    *,
    provider: str,
    provider_message_id: str,
    status: MessageStatus,
    occurred_at: datetime.datetime,
    raw: dict,
    reason: str = "",
    reference: str = "",
    now: datetime.datetime | None = None,
) -> Message | None:
    """Record a provider's delivery receipt (status SENT, DELIVERED or FAILED) on its message.

    Tolerant of repeated and out-of-order callbacks: delivered is final, a failure never
    overrides a delivery, an intermediate "sent" never moves a message back. Every callback
    is kept as a DeliveryEvent. Returns None when no message matches."""
    message = _message_for_receipt(
        provider_message_id=provider_message_id, provider=provider, reference=reference
    )
    if message is None:
        return None
    DeliveryEvent.objects.create(
        message=message, provider=provider, status=status, occurred_at=occurred_at, raw=raw
    )
    fields = _receipt_changes(message, status=status, occurred_at=occurred_at, reason=reason)
    if not message.provider_message_id and provider_message_id:
        fields.update(provider=provider, provider_message_id=provider_message_id)
    fields["receipt_at"] = now or timezone.now()
    Message.all_objects.filter(pk=message.pk).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)
    return message


@transaction.atomic
def opt_out_from_sms(*, phone: str) -> list[int]:
    """A STOP from `phone`: every structure that has written to this number stops writing."""
    structure_ids = list(
        Message.all_objects.filter(channel=Channel.SMS, recipient=phone)
        .order_by()
        .values_list("structure_id", flat=True)
        .distinct()
    )
    for structure_id in structure_ids:
        opt_out_add(structure_id=structure_id, phone=phone, source=OptOutSource.SMS_STOP)
    return structure_ids


@transaction.atomic
def inbound_sms_record(*, sender: str, body: str, received_at: datetime.datetime | None = None) -> str:
    """An SMS a person sent us: STOP records the opt-out; OUI/NON (or AUTRE, where the
    question offers it) answers the latest question sent to that number (a job follow-up SMS),
    recorded on that message, then handed to the handler its app registered (replies.py).
    Returns what was done: "opt_out", "reply" or "ignored"."""
    phone = phone_from_provider(sender)
    if phone is None:
        return "ignored"
    words = _fold(body or "")
    if words in STOP_WORDS:
        opt_out_from_sms(phone=phone)
        return "opt_out"
    word = words.split(" ", 1)[0]
    if word not in _ANSWER_WORDS:
        return "ignored"
    question = (
        Message.all_objects.filter(
            channel=Channel.SMS, kind__in=list(REPLY_WORDS), recipient=phone, sent_at__isnull=False
        )
        .order_by("-sent_at", "-pk")
        .first()
    )
    reply = REPLY_WORDS[question.kind].get(word) if question is not None else None
    if reply is None:
        return "ignored"  # No question sent, or not one of its answers (AUTRE to "OUI ou NON")
    replied_at = received_at or timezone.now()
    Message.all_objects.filter(pk=question.pk).update(reply=reply, replied_at=replied_at)
    question.reply, question.replied_at = reply, replied_at
    handler = reply_handler(question.kind)
    if handler is not None:
        handler(message=question, reply=reply, replied_at=replied_at)
    return "reply"


# --- Staff: cancelling, resending, the wording of the messages and the SMS sender ----------
# (The pages of messaging/views.py call these; so do domain services for cancellations.)

RESENDABLE = (MessageStatus.FAILED, MessageStatus.UNCERTAIN)
SMS_SENDER_PATTERN = re.compile(r"[A-Za-z0-9]{3,11}")


@transaction.atomic
def messages_cancel(*, idempotency_keys: list[str], reason: str) -> int:
    """Cancel the messages of these keys that are still waiting (e.g. the reminder of an
    appointment that was cancelled). A message already handed to the worker is left alone."""
    waiting = Message.all_objects.filter(idempotency_key__in=idempotency_keys, status=MessageStatus.QUEUED)
    return waiting.update(status=MessageStatus.CANCELLED, last_error=reason)


def _resend_recipient(message: Message, recipient: str) -> str:
    recipient = (recipient or "").strip()
    try:
        if message.channel == Channel.SMS:
            return normalize_mobile(recipient)
        validate_email(recipient)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from None
    return recipient


@transaction.atomic
def message_resend(
    *, message: Message, by, recipient: str | None = None, now: datetime.datetime | None = None
) -> Message:
    """Send a failed or uncertain message again, as a new message (the first one stays as it
    was, for the record). `recipient` corrects a wrong number or address."""
    now = now or timezone.now()
    # Locked: two clicks on "renvoyer" must not both create a resend.
    original = Message.all_objects.select_for_update(of=("self",)).get(pk=message.pk)
    if original.status not in RESENDABLE:
        raise DomainError(
            gettext("Seul un message en échec ou incertain se renvoie (celui-ci est « %(status)s »).")
            % {"status": original.get_status_display()}
        )
    base = original.idempotency_key.split("/resend-", 1)[0]
    chain = Message.all_objects.filter(idempotency_key__startswith=base + "/resend-")
    pending = chain.exclude(status__in=[*RESENDABLE, MessageStatus.CANCELLED]).first()
    if pending is not None:
        raise ConflictError(
            gettext("Ce message a déjà été renvoyé (%(status)s le %(day)s).")
            % {
                "status": pending.get_status_display().lower(),
                "day": timezone.localtime(pending.created_at).strftime("%d/%m/%Y à %H:%M"),
            }
        )
    address = _resend_recipient(original, original.recipient if recipient is None else recipient)
    if (
        original.channel == Channel.SMS
        and not original.essential
        and is_opted_out(structure_id=original.structure_id, phone=address)
    ):
        raise DomainError(
            gettext("Ce numéro a demandé à ne plus recevoir de SMS : le message ne peut pas partir.")
        )
    resend = Message(
        structure_id=original.structure_id,
        channel=original.channel,
        kind=original.kind,
        recipient=address,
        subject=original.subject,
        subject_id=original.subject_id,
        email_subject=original.email_subject,
        body=original.body,
        segments=original.segments,
        urgent=original.urgent,
        essential=original.essential,
        idempotency_key=f"{base}/resend-{chain.count() + 1}",
        created_at=now,
        next_attempt_at=first_send_time(
            structure_id=original.structure_id, channel=original.channel, urgent=original.urgent, now=now
        ),
    )
    try:
        with transaction.atomic():
            resend.save(force_insert=True)
    except IntegrityError:
        raise ConflictError(gettext("Ce message vient d'être renvoyé par quelqu'un d'autre.")) from None
    audit_record(
        by=by,
        action="message.resent",
        target=original,
        params={
            "kind": original.kind,
            "resend": resend.pk,
            "recipient_changed": address != original.recipient,
        },
    )
    return resend


@transaction.atomic
def message_template_save(*, structure, kind: MessageKind, body: str, by) -> MessageTemplate | None:
    """Save a structure's own wording of a kind of message, once checked with sample values
    (syntax, known variables, number of SMS). The default wording itself removes the custom one."""
    body = body.strip()
    checked = wording.preview(kind=kind, body=body, structure_name=structure.name)
    if checked.problem:
        raise DomainError(checked.problem)
    templates = MessageTemplate.objects.with_scope(structure=structure.pk)
    if body == DEFAULTS[kind]:
        message_template_reset(structure=structure, kind=kind, by=by)
        return None
    before = templates.filter(kind=kind).values_list("body", flat=True).first() or DEFAULTS[kind]
    template, _created = templates.update_or_create(
        structure_id=structure.pk, kind=kind, defaults={"body": body}
    )
    if body != before:
        audit_record(
            by=by,
            action="message_template.changed",
            target=template,
            params={"kind": kind, "changes": {"body": {"old": before, "new": body}}},
        )
    return template


@transaction.atomic
def message_template_reset(*, structure, kind: MessageKind, by) -> None:
    """Back to the default wording (templates.DEFAULTS)."""
    deleted, _counts = MessageTemplate.objects.with_scope(structure=structure.pk).filter(kind=kind).delete()
    if deleted:
        audit_record(by=by, action="message_template.reset", structure_id=structure.pk, params={"kind": kind})


@transaction.atomic
def sms_sender_update(*, structure, sender: str, by):
    """The name SMS come from (3 to 11 letters or digits, with at least one letter as the
    operators require); empty for the platform's default sender."""
    sender = sender.strip()
    if sender and (not SMS_SENDER_PATTERN.fullmatch(sender) or sender.isdigit()):
        raise DomainError(
            gettext(
                "L'émetteur des SMS s'écrit en 3 à 11 lettres ou chiffres, sans espace ni accent, "
                "avec au moins une lettre (par exemple ACCESPAU)."
            )
        )
    changed = audit_changes(structure, {"sms_sender": sender})
    structure.sms_sender = sender
    structure.save(update_fields=["sms_sender"])
    if changed:
        audit_record(by=by, action="sms_sender.changed", target=structure, params={"changes": changed})
    return structure
