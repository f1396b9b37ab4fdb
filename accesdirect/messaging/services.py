"""The outbox API for every other service: queue a message in the caller's transaction.

A domain service calls `message_queue(...)` inside its own atomic block; if the business
change rolls back, the message goes with it. Nothing is sent here: the worker sends."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accesdirect.core.phones import normalize_mobile

from .enums import Channel, MessageKind, MessageStatus, OptOutSource, Subject
from .models import Message, MessageTemplate, OptOut
from .quiet_hours import next_send_time
from .templates import DEFAULTS, ESSENTIAL_KINDS, URGENT_KINDS, render, render_sms


def template_text(*, structure_id: int, kind: str) -> str:
    custom = MessageTemplate.objects.with_scope(structure=structure_id).filter(kind=kind).first()
    return custom.body if custom else DEFAULTS[kind]


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
) -> Message:
    """Queue one logical message; queuing the same key again returns the first one unchanged."""
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
        next_attempt_at=now if urgent or channel == Channel.EMAIL else next_send_time(now),
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


@transaction.atomic
def opt_out_add(*, structure_id: int, phone: str, source: OptOutSource) -> OptOut:
    opt_out, _created = OptOut.all_objects.get_or_create(
        structure_id=structure_id, phone=phone, defaults={"source": source}
    )
    return opt_out


@transaction.atomic
def opt_out_remove(*, structure_id: int, phone: str) -> None:
    OptOut.all_objects.filter(structure_id=structure_id, phone=phone).delete()


def is_opted_out(*, structure_id: int, phone: str) -> bool:
    return OptOut.all_objects.filter(structure_id=structure_id, phone=phone).exists()
