import dataclasses
import enum
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Outcome(enum.Enum):
    ACCEPTED = "accepted"  # the provider took the message
    TRANSIENT = "transient"  # refused or unreachable; the message was not taken, retry later
    PERMANENT = "permanent"  # refused for good (invalid number, rejected content)
    UNCERTAIN = "uncertain"  # timed out after the request left: it may have been taken


@dataclasses.dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    provider: str
    provider_message_id: str = ""
    error: str = ""


@dataclasses.dataclass(frozen=True)
class OutgoingSms:
    reference: str  # our message id, echoed by providers that support it
    to: str  # E.164
    body: str
    sender: str


class SmsProvider(Protocol):
    name: str

    def send(self, sms: OutgoingSms) -> SendResult: ...


def get_provider(config: dict) -> SmsProvider:
    """Build a provider from one entry of settings.SMS_PROVIDERS: {"backend": dotted path, ...}."""
    options = {key: value for key, value in config.items() if key != "backend"}
    return import_string(config["backend"])(**options)


def build_chain() -> list[SmsProvider]:
    """The providers in failover order: the first is the primary."""
    return [get_provider(config) for config in settings.SMS_PROVIDERS]
