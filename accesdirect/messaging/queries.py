"""Reads of the outbox: the staff pages' lists, and what the schedulers already queued."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .enums import MessageStatus
from .models import Message

# "À vérifier": what staff must look at, a failure, a send that may or may not have gone,
# or an SMS without a delivery receipt after 24 hours.
TO_CHECK = Q(status__in=[MessageStatus.FAILED, MessageStatus.UNCERTAIN]) | Q(
    status=MessageStatus.SENT, undelivered_flagged=True
)
RESEND_MARK = "/resend-"
MESSAGES_ON_PAGE = 30
KEYS_PER_QUERY = 500


def message_list(
    *, status: str = "", channel: str = "", kind: str = "", to_check: bool = False
) -> QuerySet[Message]:
    """Every message of the structure in scope, newest first, with the page's filters."""
    messages = Message.objects.all()
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if kind:
        messages = messages.filter(kind=kind)
    if to_check:
        messages = messages.filter(TO_CHECK)
    return messages.order_by("-created_at", "-pk")


def messages_about(subject: str, subject_id: int, *, limit: int | None = MESSAGES_ON_PAGE) -> list[Message]:
    """The messages about one person or company (in scope), newest first."""
    messages = Message.objects.about(subject, subject_id).order_by("-created_at", "-pk")
    return list(messages[:limit] if limit else messages)


def queued_keys(keys: Iterable[str]) -> set[str]:
    """The idempotency keys among `keys` that are already in the outbox (any structure):
    the schedulers run every minute and skip those without querying them one by one."""
    keys = list(keys)
    found: set[str] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        found.update(
            Message.all_objects.filter(idempotency_key__in=chunk).values_list("idempotency_key", flat=True)
        )
    return found


def base_key(idempotency_key: str) -> str:
    """The key of the first message of a chain of resends ("x/resend-2" → "x")."""
    return idempotency_key.split(RESEND_MARK, 1)[0]


def message_chain(message: Message) -> list[Message]:
    """The original message and all its resends (in scope), oldest first."""
    base = base_key(message.idempotency_key)
    return list(
        Message.objects.filter(
            Q(idempotency_key=base) | Q(idempotency_key__startswith=base + RESEND_MARK)
        ).order_by("created_at", "pk")
    )
