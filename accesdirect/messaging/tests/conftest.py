import datetime
import json
import zoneinfo

import pytest

from accesdirect.messaging.enums import MessageKind
from accesdirect.messaging.models import Message
from accesdirect.messaging.providers.brevo import BrevoProvider
from accesdirect.messaging.providers.console import ConsoleProvider
from accesdirect.messaging.providers.ovh import OvhProvider
from accesdirect.messaging.providers.twilio import TwilioProvider
from accesdirect.messaging.services import message_queue
from accesdirect.messaging.testing.fake_providers import BREVO_WEBHOOK_SECRET, CREDENTIALS, serve
from accesdirect.messaging.worker import FailoverChain

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A Tuesday, inside the sending window.
TUESDAY_10H = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


class SentFile:
    """What the file provider actually sent, read back from its file."""

    def __init__(self, path):
        self.path = path

    def lines(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def sent(tmp_path):
    return SentFile(tmp_path / "sms.jsonl")


@pytest.fixture
def file_chain(sent):
    return FailoverChain([ConsoleProvider(path=str(sent.path))])


# --- Providers, fake provider servers and webhooks -----------------------------------------

PHONE = "+33612345678"
OVH_WEBHOOK_SECRET = "fake-ovh-webhook-secret"
WEBHOOK_URLS = {
    "brevo": f"http://testserver/webhooks/brevo/events/{BREVO_WEBHOOK_SECRET}/",
    "ovh": f"http://testserver/webhooks/ovh/receipts/{OVH_WEBHOOK_SECRET}/",
    "twilio": "http://testserver/webhooks/twilio/status/",
}
ADAPTERS = {"brevo": BrevoProvider, "ovh": OvhProvider, "twilio": TwilioProvider}
# The adapters' argument that takes the URL of the delivery receipts.
CALLBACK_ARGUMENT = {"brevo": "web_url", "ovh": "callback_url", "twilio": "status_callback"}


def adapter_for(fake, *, with_callbacks: bool = False, **options):
    """The adapter of the fake's provider, pointed at it (and at our webhook if asked)."""
    if with_callbacks:
        options[CALLBACK_ARGUMENT[fake.provider]] = WEBHOOK_URLS[fake.provider]
    return ADAPTERS[fake.provider](**fake.provider_kwargs(**options))


def queue_login_code(structure, *, key: str = "login:1", phone: str = PHONE) -> Message:
    """An urgent SMS: sent whatever the hour, so that these tests never depend on the clock."""
    return message_queue(
        structure_id=structure.pk,
        kind=MessageKind.LOGIN_CODE,
        recipient=phone,
        context={"code": "482913"},
        idempotency_key=key,
    )


def replay(client, callback):
    """Deliver a provider's request (a receipt or an inbound SMS) through the test client."""
    return client.generic(
        callback.method,
        callback.path,
        data=callback.body,
        content_type=callback.content_type or "text/plain",
        headers=callback.headers,
    )


def fresh(message: Message) -> Message:
    return Message.all_objects.get(pk=message.pk)


@pytest.fixture
def fake_brevo():
    with serve("brevo") as fake:
        yield fake


@pytest.fixture
def fake_ovh():
    with serve("ovh") as fake:
        yield fake


@pytest.fixture
def fake_twilio():
    with serve("twilio") as fake:
        yield fake


@pytest.fixture(params=["brevo", "ovh", "twilio"])
def fake(request):
    """Each provider in turn."""
    with serve(request.param) as fake:
        yield fake


@pytest.fixture
def webhook_secrets(settings):
    settings.SMS_WEBHOOKS = {
        "brevo": {"secret": BREVO_WEBHOOK_SECRET},
        "ovh": {"secret": OVH_WEBHOOK_SECRET, "allowed_ips": []},
        "twilio": {"auth_token": CREDENTIALS["twilio"]["auth_token"]},
    }
    return settings.SMS_WEBHOOKS
