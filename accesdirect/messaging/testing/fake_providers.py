"""Fake SMS providers (Brevo, OVH, Twilio) served on 127.0.0.1: tests, crash tests and
benchmarks talk HTTP to them instead of the real services. No network, no Django needed.

Each fake checks requests as its provider documents them (the adapters' docstrings say what
was followed): the API key, OVH's signature or Twilio's basic authentication, the path, the
required fields, the number. It answers in the provider's shapes, records every accepted SMS
with the id it returned, and can be told to misbehave:

    with serve("twilio") as fake:
        provider = TwilioProvider(**fake.provider_kwargs(read_timeout=0.5))
        fake.fail_next(2, status=503)   # the next 2 requests answer 503 (or 500, 429, 401)
        fake.go_down()                  # stop listening: connection refused
        fake.come_up()                  # listen again, on the same port
        fake.delay_responses(2.0)       # record the SMS, then answer late (read timeouts)
        fake.invalid_numbers.add("+33611111111")    # refused as an invalid number
        fake.received                   # [ReceivedSms(...)], thread-safe copy
        fake.callback(fake.received[0], "delivered").send()   # delivery receipt to its URL
        fake.inbound(sender="+33612345678", body="STOP", url=...).send()

The signatures are computed here again, from the providers' documentation, independently of
the adapters and webhooks that they check. Run `python -m
accesdirect.messaging.testing.fake_providers twilio 8025` to serve one from a shell.
"""

import base64
import collections
import dataclasses
import email.utils
import hashlib
import hmac
import http.server
import itertools
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

PROVIDERS = ("brevo", "ovh", "twilio")

# The adapter's constructor arguments (less base_url), as the fakes expect them.
CREDENTIALS = {
    "brevo": {"api_key": "xkeysib-fake-brevo-key"},
    "ovh": {
        "application_key": "fake-ovh-application-key",
        "application_secret": "fake-ovh-application-secret",
        "consumer_key": "fake-ovh-consumer-key",
        "service_name": "sms-fa12345-1",
    },
    "twilio": {
        "account_sid": "AC" + "f" * 32,
        "auth_token": "fake-twilio-auth-token",
        "sender_id": "+33700000001",
    },
}
# What a Brevo webhook configured with bearer authentication sends.
BREVO_WEBHOOK_SECRET = "fake-brevo-webhook-secret"  # noqa: S105 - a fake
OVH_CLOCK_TOLERANCE = 180  # seconds
OVH_DLR_CODES = {"delivered": "1", "failed": "2", "buffered": "4", "sent": "8", "refused": "16"}

_E164 = re.compile(r"\+[1-9]\d{7,14}")


@dataclasses.dataclass(frozen=True)
class ReceivedSms:
    provider_message_id: str
    to: str  # E.164
    body: str
    sender: str
    callback_url: str
    received_at: float


@dataclasses.dataclass(frozen=True)
class Request:
    """A request the fake received, as it arrived (for tests of the request's shape)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclasses.dataclass(frozen=True)
class Callback:
    """An HTTP request a provider would make to us (receipt or inbound SMS)."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes = b""
    content_type: str = ""

    @property
    def path(self) -> str:
        """Path and query string: what a Django test client replays."""
        parts = urlsplit(self.url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def send(self, timeout: float = 10.0) -> int:
        headers = dict(self.headers)
        if self.content_type:
            headers["Content-Type"] = self.content_type
        request = urllib.request.Request(  # noqa: S310 - the URL is ours, given by the test
            self.url, data=self.body or None, headers=headers, method=self.method
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            exc.read()
            exc.close()
            return exc.code


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    data = url + "".join(key + value for key, value in sorted(params.items()))
    return base64.b64encode(hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def ovh_signature(secret: str, consumer_key: str, method: str, url: str, body: str, timestamp: str) -> str:
    raw = "+".join([secret, consumer_key, method, url, body, timestamp])
    return "$1$" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - OVH's documented scheme


class FakeProvider:
    def __init__(
        self,
        provider: str = "brevo",
        port: int = 0,
        *,
        credentials: dict | None = None,
        webhook_secret: str = BREVO_WEBHOOK_SECRET,
    ):
        if provider not in PROVIDERS:
            raise ValueError(f"Unknown provider {provider!r}: one of {PROVIDERS}.")
        self.provider = provider
        self.credentials = {**CREDENTIALS[provider], **(credentials or {})}
        self.webhook_secret = webhook_secret
        self.invalid_numbers: set[str] = set()
        self.requests = 0
        self.last_request: Request | None = None
        self._received: list[ReceivedSms] = []
        self._failures: collections.deque[int] = collections.deque()
        self._delay = 0.0
        self._delays_left: int | None = None
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closing = threading.Event()
        self._port = port
        self._server: _Server | None = None
        self.come_up()

    # --- life cycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    def come_up(self) -> None:
        if self._server is not None:
            return
        server = _Server(("127.0.0.1", self._port), _Handler)
        server.fake = self
        self._port = server.server_address[1]
        self._server = server
        threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"fake-{self.provider}",
        ).start()

    def go_down(self) -> None:
        """Stop listening: connections are refused until come_up()."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def close(self) -> None:
        self._closing.set()  # wakes delayed answers
        self.go_down()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # --- misbehaviour -----------------------------------------------------------------

    def fail_next(self, count: int = 1, *, status: int = 503) -> None:
        with self._lock:
            self._failures.extend([status] * count)

    def delay_responses(self, seconds: float, *, count: int | None = None) -> None:
        """Answer accepted requests `seconds` late (the SMS is recorded at once, as a real
        provider would have taken it); for the next `count` requests, or until reset with 0."""
        with self._lock:
            self._delay = seconds
            self._delays_left = count

    # --- what was received ------------------------------------------------------------

    @property
    def received(self) -> list[ReceivedSms]:
        with self._lock:
            return list(self._received)

    def clear(self) -> None:
        with self._lock:
            self._received.clear()
            self.requests = 0

    def provider_kwargs(self, **extra) -> dict:
        """Constructor arguments of the matching adapter, pointed at this fake."""
        return {**self.credentials, "base_url": self.url, **extra}

    # --- requests to us ---------------------------------------------------------------

    def callback(
        self, sms: ReceivedSms, status: str, *, url: str = "", error_code: str = "", reason: str = ""
    ):
        """The delivery receipt the provider would send for `sms`, to `url` or to the callback
        URL given with the SMS. `status` is in the provider's words (Twilio "delivered",
        "undelivered"; Brevo "delivered", "hard_bounce"; OVH "delivered", "failed", or a dlr code)."""
        target = url or sms.callback_url
        if not target:
            raise ValueError("No callback URL: pass url= or send the SMS with one.")
        if self.provider == "twilio":
            params = {
                "MessageSid": sms.provider_message_id,
                "SmsSid": sms.provider_message_id,
                "MessageStatus": status,
                "SmsStatus": status,
                "To": sms.to,
                "From": sms.sender,
                "AccountSid": self.credentials["account_sid"],
                "ApiVersion": "2010-04-01",
            }
            if error_code:
                params["ErrorCode"] = error_code
            return self._twilio_request(target, params)
        if self.provider == "brevo":
            event = self._brevo_event(sms.to, status)
            event["messageId"] = int(sms.provider_message_id)
            if reason:
                event["reason"] = reason
            # A webhook configured at Brevo sends its bearer token; the webUrl given with one
            # SMS is called as it is, with no header (its secret is a segment of its path).
            return self._brevo_request(target, event, bearer=bool(url))
        params = {
            "id": sms.provider_message_id,
            "dlr": OVH_DLR_CODES.get(status, status),
            "receiver": sms.to,
            "ptt": "13" if status == "delivered" else "0",
            "description": reason or status,
        }
        return Callback("GET", _with_query(target, params), {})

    def inbound(self, *, sender: str, body: str, url: str) -> Callback:
        """An SMS a person sends to our number, as the provider forwards it to `url`."""
        if self.provider == "twilio":
            sid = "SM" + uuid.uuid4().hex
            params = {
                "MessageSid": sid,
                "SmsSid": sid,
                "SmsMessageSid": sid,
                "AccountSid": self.credentials["account_sid"],
                "From": sender,
                "To": self.credentials["sender_id"],
                "Body": body,
                "NumMedia": "0",
                "NumSegments": "1",
                "ApiVersion": "2010-04-01",
            }
            return self._twilio_request(url, params)
        if self.provider == "brevo":
            event = self._brevo_event(sender, "replied")
            event["reply"] = body
            return self._brevo_request(url, event)
        params = {"id": str(next(self._ids)), "sender": sender, "message": body, "datetime": _now_iso()}
        return Callback("GET", _with_query(url, params), {})

    def send_callback(self, sms: ReceivedSms, status: str, **options) -> int:
        return self.callback(sms, status, **options).send()

    def _twilio_request(self, url: str, params: dict[str, str]) -> Callback:
        signature = twilio_signature(self.credentials["auth_token"], url, params)
        return Callback(
            "POST",
            url,
            {"X-Twilio-Signature": signature},
            urlencode(params).encode(),
            "application/x-www-form-urlencoded",
        )

    def _brevo_event(self, phone: str, status: str) -> dict:
        now = time.time()
        return {
            "id": 4242,  # the webhook's id
            "to": phone.removeprefix("+"),
            "sms_count": 1,
            "credits_used": 1.0,
            "remaining_credit": 999.0,
            "msg_status": status,
            "date": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)),
            "type": "transactional",
            "tag": "acces-direct",
            "ts_event": int(now),
        }

    def _brevo_request(self, url: str, event: dict, *, bearer: bool = True) -> Callback:
        headers = {"Authorization": f"Bearer {self.webhook_secret}"} if bearer and self.webhook_secret else {}
        return Callback("POST", url, headers, json.dumps(event).encode(), "application/json")

    # --- answering --------------------------------------------------------------------

    def answer(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict, float]:
        """(status, JSON answer, delay in seconds) for one request."""
        with self._lock:
            self.requests += 1
            self.last_request = Request(method, path, dict(headers.items()), body)
            failure = self._failures.popleft() if self._failures else None
        if failure is not None:
            return failure, self._error_body(failure), 0.0
        handler = {"brevo": self._brevo, "ovh": self._ovh, "twilio": self._twilio}[self.provider]
        status, payload, accepted = handler(method, path, headers, body)
        delay = 0.0
        with self._lock:
            self._received.extend(accepted)
            if accepted and self._delay and self._delays_left != 0:
                delay = self._delay
                if self._delays_left is not None:
                    self._delays_left -= 1
        return status, payload, delay

    def _error_body(self, status: int) -> dict:
        reason = http.server.BaseHTTPRequestHandler.responses.get(status, ("Error",))[0]
        if self.provider == "brevo":
            codes = {401: "unauthorized", 402: "not_enough_credits", 429: "too_many_requests"}
            return {
                "code": codes.get(status, "internal_error" if status >= 500 else "bad_request"),
                "message": reason,
            }
        if self.provider == "ovh":
            body = {"message": reason, "httpCode": f"{status} {reason}"}
            if status in (401, 403):
                body["errorCode"] = "INVALID_CREDENTIAL"
            return body
        code = {401: 20003, 429: 20429}.get(status, 20000 + status)
        return {
            "code": code,
            "message": reason,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        }

    def _brevo(self, method, path, headers, body):
        if method != "POST" or path not in ("/v3/transactionalSMS/send", "/v3/transactionalSMS/sms"):
            return 404, {"code": "not_found", "message": "Invalid path"}, []
        if headers.get("api-key") != self.credentials["api_key"]:
            return 401, {"code": "unauthorized", "message": "Key not found"}, []
        data = _json_object(body)
        if data is None:
            return 400, {"code": "bad_request", "message": "Input must be a valid JSON object"}, []
        for field in ("sender", "recipient", "content"):
            if not data.get(field):
                return 400, {"code": "missing_parameter", "message": f"{field} is missing"}, []
        if not re.fullmatch(r"[A-Za-z0-9 ]{3,11}|\d{3,15}", str(data["sender"])):
            return 400, {"code": "invalid_parameter", "message": "sender is not valid"}, []
        recipient = str(data["recipient"])
        number = "+" + recipient.removeprefix("+")
        if not re.fullmatch(r"\+?\d{6,15}", recipient) or number in self.invalid_numbers:
            return 400, {"code": "invalid_parameter", "message": "Invalid phone number"}, []
        if data.get("type", "transactional") not in ("transactional", "marketing"):
            return 400, {"code": "invalid_parameter", "message": "type is not valid"}, []
        message_id = 1511882900000000 + next(self._ids)
        sms = ReceivedSms(
            str(message_id), number, data["content"], data["sender"], data.get("webUrl", ""), time.time()
        )
        answer = {"messageId": message_id}
        if path.endswith("/sms"):  # the deprecated path and its longer answer
            answer.update(
                reference=uuid.uuid4().hex[:19], smsCount=1, usedCredits=1.0, remainingCredits=999.0
            )
        return 201, answer, [sms]

    def _ovh(self, method, path, headers, body):
        match = re.fullmatch(r"/1\.0/sms/([^/]+)/jobs", path)
        if method != "POST" or match is None:
            return 404, {"message": "Got an invalid (or empty) URL"}, []
        credentials = self.credentials
        if headers.get("X-Ovh-Application") != credentials["application_key"]:
            return (
                403,
                {"errorCode": "INVALID_KEY", "httpCode": "403 Forbidden", "message": "Invalid key"},
                [],
            )
        if headers.get("X-Ovh-Consumer") != credentials["consumer_key"]:
            error = {"errorCode": "INVALID_CREDENTIAL", "httpCode": "403 Forbidden"}
            return 403, {**error, "message": "This credential does not exist"}, []
        timestamp = headers.get("X-Ovh-Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > OVH_CLOCK_TOLERANCE:
            return (
                400,
                {
                    "errorCode": "QUERY_TIME_OUT",
                    "httpCode": "400 Bad Request",
                    "message": "Query out of time",
                },
                [],
            )
        text = body.decode("utf-8")
        expected = ovh_signature(
            credentials["application_secret"],
            credentials["consumer_key"],
            method,
            f"http://{headers.get('Host', '')}{path}",
            text,
            timestamp,
        )
        if not hmac.compare_digest(headers.get("X-Ovh-Signature", ""), expected):
            return (
                400,
                {
                    "errorCode": "INVALID_SIGNATURE",
                    "httpCode": "400 Bad Request",
                    "message": "Invalid signature",
                },
                [],
            )
        if match.group(1) != credentials["service_name"]:
            return 404, {"message": f"This service does not exist: {match.group(1)}"}, []
        data = _json_object(body)
        if data is None:
            return 400, {"message": "Invalid JSON received"}, []
        if not data.get("message"):
            return 400, {"message": "Missing parameter(s): message"}, []
        receivers = data.get("receivers")
        if not isinstance(receivers, list) or not receivers:
            return 400, {"message": "Missing parameter(s): receivers"}, []
        sender = "" if data.get("senderForResponse") else str(data.get("sender", ""))
        valid, invalid, ids, accepted = [], [], [], []
        for receiver in receivers:
            number = "+" + str(receiver).removeprefix("+").removeprefix("00")
            if not _E164.fullmatch(number) or number in self.invalid_numbers:
                invalid.append(receiver)
                continue
            message_id = 10_000_000 + next(self._ids)
            valid.append(receiver)
            ids.append(message_id)
            accepted.append(
                ReceivedSms(
                    str(message_id), number, data["message"], sender, data.get("callBack", ""), time.time()
                )
            )
        answer = {
            "totalCreditsRemoved": len(ids),
            "invalidReceivers": invalid,
            "ids": ids,
            "validReceivers": valid,
        }
        return 200, {**answer, "tag": data.get("tag", "")}, accepted

    def _twilio(self, method, path, headers, body):
        sid = self.credentials["account_sid"]
        match = re.fullmatch(r"/2010-04-01/Accounts/([^/]+)/Messages\.json", path)
        if method != "POST" or match is None:
            return 404, {"code": 20404, "message": "The requested resource was not found", "status": 404}, []
        expected = "Basic " + base64.b64encode(f"{sid}:{self.credentials['auth_token']}".encode()).decode()
        if not hmac.compare_digest(headers.get("Authorization", ""), expected) or match.group(1) != sid:
            return 401, self._error_body(401) | {"message": "Authenticate"}, []
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        problems = [
            ("To" not in form, 21604, "A 'To' phone number is required."),
            (not form.get("Body"), 21602, "Message body is required."),
            (
                not form.get("From") and not form.get("MessagingServiceSid"),
                21603,
                "A 'From' phone number is required.",
            ),
        ]
        for failed, code, message in problems:
            if failed:
                return 400, {"code": code, "message": message, "status": 400}, []
        to = form["To"]
        if not _E164.fullmatch(to) or to in self.invalid_numbers:
            message = f"The 'To' number {to} is not a valid phone number."
            info = "https://www.twilio.com/docs/errors/21211"
            return 400, {"code": 21211, "message": message, "more_info": info, "status": 400}, []
        message_sid = "SM" + uuid.uuid4().hex
        sender = form.get("From") or form["MessagingServiceSid"]
        sms = ReceivedSms(message_sid, to, form["Body"], sender, form.get("StatusCallback", ""), time.time())
        answer = {
            "sid": message_sid,
            "account_sid": sid,
            "to": to,
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "body": form["Body"],
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "date_created": email.utils.formatdate(usegmt=True),
            "error_code": None,
            "error_message": None,
            "uri": f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}.json",
        }
        return 201, answer, [sms]


def _json_object(body: bytes) -> dict | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256
    fake: FakeProvider

    def handle_error(self, request, client_address):
        # A client that gave up (read timeout) before a delayed answer is expected here.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass

    def _serve(self):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        status, payload, delay = fake.answer(self.command, path, self.headers, body)
        if delay:
            fake._closing.wait(delay)
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    do_GET = _serve
    do_POST = _serve


def serve(provider: str = "brevo", port: int = 0, **options) -> FakeProvider:
    """Start a fake provider on 127.0.0.1 (port 0: any free port); use `.url`, `.received`,
    `.close()`, or use it as a context manager."""
    return FakeProvider(provider, port, **options)


def main(argv: list[str]) -> None:
    provider = argv[0] if argv else "brevo"
    fake = serve(provider, int(argv[1]) if len(argv) > 1 else 0)
    print(json.dumps({"provider": provider, "url": fake.url, **fake.credentials}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.close()


if __name__ == "__main__":
    main(sys.argv[1:])
