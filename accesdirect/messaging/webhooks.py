"""Provider webhooks: delivery receipts and inbound SMS.

Public endpoints (providers do not log in), each authenticated the way its provider offers;
a request that fails authentication gets 403 and changes nothing:
- Twilio signs every request: X-Twilio-Signature = base64(HMAC-SHA1(auth token, full URL +
  the POST parameters sorted by name, each as name + value));
- Brevo webhooks carry a bearer token set in the webhook's configuration ("auth": {"type":
  "bearer", "token": ...}); the per-message webUrl cannot carry a header, so the same secret
  comes there as a segment of the path (/webhooks/brevo/events/<secret>/);
- OVH calls the callBack URL we gave with the job, which carries our secret as a segment of
  its path (/webhooks/ovh/receipts/<secret>/); an IP allow-list can be added
  (settings.SMS_WEBHOOKS["ovh"]["allowed_ips"]).

A secret never travels in the query string: access logs keep query strings, and the logging
filter of accesdirect.core.redaction masks the secret segment of these paths.

The rules of what a receipt or an answer changes live in services.py; these views only check
who is calling, read the provider's format and answer in the format it expects.
"""

import base64
import datetime
import hashlib
import hmac
import ipaddress
import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .enums import MessageStatus
from .services import delivery_receipt_record, inbound_sms_record, opt_out_from_sms, phone_from_provider

logger = logging.getLogger(__name__)

TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

TWILIO_STATUSES = {
    "accepted": MessageStatus.SENT,
    "scheduled": MessageStatus.SENT,
    "queued": MessageStatus.SENT,
    "sending": MessageStatus.SENT,
    "sent": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.DELIVERED,
    "undelivered": MessageStatus.FAILED,
    "failed": MessageStatus.FAILED,
    "canceled": MessageStatus.FAILED,
}
# The carrier errors staff meet most often, in their words (Twilio error dictionary).
TWILIO_ERRORS = {
    "30003": "téléphone éteint ou hors réseau",
    "30005": "numéro inconnu ou plus attribué",
    "30006": "ligne fixe ou opérateur injoignable",
    "30007": "message filtré par l'opérateur",
    "30008": "erreur inconnue de l'opérateur",
    "21610": "la personne a répondu STOP",
}
BREVO_STATUSES = {
    "sent": MessageStatus.SENT,
    "accepted": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED,
    "softbounce": MessageStatus.FAILED,
    "softbounced": MessageStatus.FAILED,
    "hardbounce": MessageStatus.FAILED,
    "hardbounced": MessageStatus.FAILED,
    "rejected": MessageStatus.FAILED,
    "blocked": MessageStatus.FAILED,
    "error": MessageStatus.FAILED,
    "skip": MessageStatus.FAILED,
}
BREVO_REPLIES = frozenset({"replied", "reply", "inbound"})
BREVO_UNSUBSCRIBES = frozenset({"unsubscribe", "unsubscribed", "unsubscription"})
# OVH delivery report codes (dlr): 1 delivered to the phone, 2 not delivered to the phone,
# 4 buffered by the operator, 8 delivered to the operator, 16 refused by the operator.
OVH_DLR = {
    "1": MessageStatus.DELIVERED,
    "2": MessageStatus.FAILED,
    "4": MessageStatus.SENT,
    "8": MessageStatus.SENT,
    "16": MessageStatus.FAILED,
}


def _config(provider: str) -> dict:
    return getattr(settings, "SMS_WEBHOOKS", {}).get(provider) or {}


def _same_secret(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def _acknowledged() -> HttpResponse:
    """An empty 200: the plain acknowledgement the providers expect."""
    return HttpResponse(b"", content_type="text/plain")


def _forbidden() -> HttpResponseForbidden:
    return HttpResponseForbidden("Authentification du fournisseur invalide.")


def public_webhook(*methods):
    """A provider endpoint: no login, no CSRF token (the provider authenticates otherwise)."""

    def decorate(view):
        return login_not_required(csrf_exempt(require_http_methods(list(methods))(view)))

    return decorate


# --- Twilio -----------------------------------------------------------------------------------


def twilio_signature(auth_token: str, url: str, params: list[tuple[str, str]]) -> str:
    data = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _twilio_authenticated(request) -> bool:
    auth_token = _config("twilio").get("auth_token")
    given = request.headers.get("X-Twilio-Signature")
    if not auth_token or not given:
        return False
    params = [(name, value) for name, values in request.POST.lists() for value in values]
    # The URL Twilio called: as this request sees it, or under the public address when a
    # proxy in front rewrites scheme or host.
    urls = {request.build_absolute_uri()}
    if base := getattr(settings, "WEBHOOK_BASE_URL", ""):
        urls.add(base.rstrip("/") + request.get_full_path())
    return any(_same_secret(given, twilio_signature(auth_token, url, params)) for url in urls)


@public_webhook("POST")
def twilio_status(request):
    if not _twilio_authenticated(request):
        return _forbidden()
    data = request.POST
    status = TWILIO_STATUSES.get(data.get("MessageStatus", data.get("SmsStatus", "")))
    message_id = data.get("MessageSid") or data.get("SmsSid") or ""
    if status is None or not message_id:
        return _acknowledged()
    reason = ""
    if status == MessageStatus.FAILED:
        code = data.get("ErrorCode", "")
        explained = TWILIO_ERRORS.get(code, "")
        reason = f"Non distribué selon Twilio ({data.get('MessageStatus', '')}"
        reason += f", code {code}" if code else ""
        reason += f" : {explained})." if explained else ")."
    _record_receipt(
        provider="twilio",
        provider_message_id=message_id,
        status=status,
        occurred_at=timezone.now(),
        reason=reason,
        reference=request.GET.get("ref", ""),
        raw=data.dict(),
    )
    return _acknowledged()


@public_webhook("POST")
def twilio_inbound(request):
    if not _twilio_authenticated(request):
        return _forbidden()
    inbound_sms_record(sender=request.POST.get("From", ""), body=request.POST.get("Body", ""))
    # An empty TwiML answer: no automatic reply SMS.
    return HttpResponse(TWIML_EMPTY, content_type="text/xml")


# --- Brevo ------------------------------------------------------------------------------------


def _brevo_authenticated(request, path_secret: str | None) -> bool:
    secret = _config("brevo").get("secret")
    if path_secret is not None:
        return _same_secret(path_secret, secret)
    authorization = request.headers.get("Authorization", "")
    bearer = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
    return _same_secret(bearer, secret)


def _brevo_time(event: dict) -> datetime.datetime:
    for key, scale in (("ts_event", 1), ("ts_epoch", 1000), ("ts", 1)):
        value = event.get(key)
        if isinstance(value, int | float) and value > 0:
            return datetime.datetime.fromtimestamp(value / scale, tz=datetime.UTC)
    return timezone.now()


def _brevo_event(event: dict, *, reference: str) -> None:
    kind = "".join(c for c in str(event.get("msg_status") or event.get("event") or "").lower() if c.isalpha())
    phone = str(event.get("to") or event.get("phoneNumber") or event.get("from") or "")
    if kind in BREVO_REPLIES:
        text = event.get("reply") or event.get("text") or event.get("content") or event.get("message") or ""
        inbound_sms_record(sender=phone, body=str(text), received_at=_brevo_time(event))
        return
    if kind in BREVO_UNSUBSCRIBES:
        if normalized := phone_from_provider(phone):
            opt_out_from_sms(phone=normalized)
        return
    status = BREVO_STATUSES.get(kind)
    message_id = event.get("messageId") or event.get("message_id")
    if status is None or message_id in (None, ""):
        return
    reason = ""
    if status == MessageStatus.FAILED:
        detail = event.get("reason") or event.get("description") or ""
        reason = f"Non distribué selon Brevo ({kind}{' : ' + str(detail) if detail else ''})."
    _record_receipt(
        provider="brevo",
        provider_message_id=str(message_id),
        status=status,
        occurred_at=_brevo_time(event),
        reason=reason,
        reference=reference,
        raw=event,
    )


@public_webhook("POST")
def brevo_events(request, secret: str | None = None):
    """Every SMS event of Brevo (sent, delivered, bounces, replies, unsubscriptions); also
    accepts the batched form (a JSON list of events). Authenticated by the bearer token of the
    webhook's configuration, or by the secret segment of the per-message webUrl."""
    if not _brevo_authenticated(request, secret):
        return _forbidden()
    try:
        payload = json.loads(request.body or b"null")
    except ValueError:
        return HttpResponseBadRequest("JSON attendu.")
    events = payload if isinstance(payload, list) else [payload]
    for event in events:
        if isinstance(event, dict):
            _brevo_event(event, reference=request.GET.get("ref", ""))
    return _acknowledged()


# --- OVH --------------------------------------------------------------------------------------


def _params(request) -> dict[str, str]:
    params = request.GET.dict()
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            body = {}
        if isinstance(body, dict):
            params.update({key: str(value) for key, value in body.items()})
    elif request.method == "POST":
        params.update(request.POST.dict())
    return params


def _ovh_authenticated(request, secret: str) -> bool:
    config = _config("ovh")
    if not _same_secret(secret, config.get("secret")):
        return False
    allowed = config.get("allowed_ips") or []
    if not allowed:
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in allowed)


@public_webhook("GET", "POST")
def ovh_receipts(request, secret: str):
    if not _ovh_authenticated(request, secret):
        return _forbidden()
    params = _params(request)
    status = OVH_DLR.get(params.get("dlr", ""))
    if status is None or not params.get("id"):
        return HttpResponse("OK", content_type="text/plain")
    reason = ""
    if status == MessageStatus.FAILED:
        detail = params.get("description") or f"code {params.get('dlr')}"
        reason = f"Non distribué selon OVH ({detail})."
    _record_receipt(
        provider="ovh",
        provider_message_id=params["id"],
        status=status,
        occurred_at=timezone.now(),
        reason=reason,
        reference=params.get("ref", ""),
        raw=params,
    )
    return HttpResponse("OK", content_type="text/plain")


@public_webhook("GET", "POST")
def ovh_inbound(request, secret: str):
    """An answer to an SMS sent with senderForResponse (the service's smsResponse callback);
    the fields are those of OVH's incoming SMS object (sender, message), read tolerantly."""
    if not _ovh_authenticated(request, secret):
        return _forbidden()
    params = _params(request)
    sender = params.get("sender") or params.get("senderid") or params.get("from") or ""
    text = params.get("message") or params.get("text") or ""
    inbound_sms_record(sender=sender, body=text)
    return HttpResponse("OK", content_type="text/plain")


def _record_receipt(**receipt) -> None:
    message = delivery_receipt_record(**receipt)
    if message is None:
        logger.info(
            "Delivery receipt for an unknown message: %s %s",
            receipt["provider"],
            receipt["provider_message_id"],
        )
