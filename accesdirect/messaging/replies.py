"""People's answers by SMS to the messages that ask a question ("Répondez OUI ou NON").

The outbox records the answer on the message it answers (services.inbound_sms_record); what an
answer means beyond that belongs to the app that asked. That app registers a handler for its
kind of message from its `AppConfig.ready()` (the answer to a follow-up of survival in
employment is recorded on the follow-up itself), so that the outbox never names it."""

from collections.abc import Callable

from .enums import MessageKind, Reply

# The answers each kind of message asks for, by the first word of the reply (folded: "Oui !"
# → "oui"). The default wordings (templates.DEFAULTS) name them.
REPLY_WORDS: dict[str, dict[str, Reply]] = {
    MessageKind.JOB_CHECK_IN: {"oui": Reply.YES, "non": Reply.NO},
    MessageKind.JOB_SURVIVAL_CHECK_IN: {"oui": Reply.YES, "autre": Reply.OTHER, "non": Reply.NO},
}

# handler(*, message, reply, replied_at): called in the transaction that records the answer.
ReplyHandler = Callable[..., None]

_handlers: dict[str, ReplyHandler] = {}


def register_reply_handler(kind: MessageKind, handler: ReplyHandler) -> ReplyHandler:
    """Call `handler` with each answer to a message of this kind. One handler per kind;
    registering again replaces it (ready() may run again)."""
    if kind not in REPLY_WORDS:
        raise ValueError(f"Messages of kind {kind!r} ask no question.")
    _handlers[kind] = handler
    return handler


def reply_handler(kind: str) -> ReplyHandler | None:
    return _handlers.get(kind)
