"""SMS providers. Only the worker and the webhooks import this package; domain services
queue messages through `messaging.services.message_queue`."""

from .base import Outcome, SendResult, SmsProvider, build_chain, get_provider

__all__ = ["Outcome", "SendResult", "SmsProvider", "build_chain", "get_provider"]
