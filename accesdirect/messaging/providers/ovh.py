"""OVHcloud SMS API.

What this follows (OVHcloud API console for /sms and its "API SMS cookbook" and "first steps
with the OVHcloud API" guides):
- POST {base_url}/1.0/sms/{serviceName}/jobs, signed with the application's keys:
  X-Ovh-Application (application key), X-Ovh-Consumer (consumer key), X-Ovh-Timestamp (Unix
  time), X-Ovh-Signature = "$1$" + sha1_hex(application secret + "+" + consumer key + "+" +
  METHOD + "+" + full URL + "+" + body + "+" + timestamp);
- JSON body {message, receivers ["+33612345678"], sender (a validated alphanumeric sender) or
  senderForResponse true (a short number that people can answer), noStopClause true (not
  marketing: no "STOP 36111" mention, sent at any hour), priority, class "phoneDisplay",
  coding "7bit", charset "UTF-8", validityPeriod (minutes), callBack (URL called with the
  delivery reports), tag};
- 200 {"totalCreditsRemoved": 1, "invalidReceivers": [], "ids": [123456], "validReceivers":
  ["+33612345678"], "tag": "..."}: a refused number comes back in invalidReceivers, without id;
- errors {"message": "...", "errorCode": "INVALID_SIGNATURE" | "INVALID_CREDENTIAL" |
  "INVALID_KEY" | "QUERY_TIME_OUT" | ..., "httpCode": "400 Bad Request"}. An errorCode is about
  our keys, our clock or our account, not about the message: transient, the next provider
  takes over. So is a refusal that mentions credits.

The timestamp comes from the local clock: OVH's own client first asks /1.0/auth/time to correct
a drift; our hosts are NTP-synchronised, and a drift would show as QUERY_TIME_OUT (transient).
"""

import hashlib
import json
import time

from .base import Outcome, OutgoingSms, SendResult
from .transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    http_error,
    outcome_for_status,
    send_and_classify,
    with_query,
)


def signature(
    *, application_secret: str, consumer_key: str, method: str, url: str, body: str, timestamp: str
):
    raw = "+".join([application_secret, consumer_key, method, url, body, timestamp])
    return "$1$" + hashlib.sha1(raw.encode("utf-8")).hexdigest()  # noqa: S324 - OVH's documented scheme


class OvhProvider:
    name = "ovh"
    label = "OVH"

    def __init__(
        self,
        *,
        application_key: str,
        application_secret: str,
        consumer_key: str,
        service_name: str,
        base_url: str = "https://eu.api.ovh.com",
        callback_url: str = "",
        sender_for_response: bool = False,
        validity_minutes: int = 2880,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        clock=time.time,
    ):
        self.application_key = application_key
        self.application_secret = application_secret
        self.consumer_key = consumer_key
        self.service_name = service_name
        self.base_url = base_url.rstrip("/")
        self.callback_url = callback_url
        self.sender_for_response = sender_for_response
        self.validity_minutes = validity_minutes
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.clock = clock

    @property
    def jobs_url(self) -> str:
        return f"{self.base_url}/1.0/sms/{self.service_name}/jobs"

    def payload(self, sms: OutgoingSms) -> dict:
        payload = {
            "message": sms.body,
            "receivers": [sms.to],
            "noStopClause": True,
            "priority": "high",
            "class": "phoneDisplay",
            "coding": "7bit",
            "charset": "UTF-8",
            "validityPeriod": self.validity_minutes,
        }
        if self.sender_for_response:
            # A short number replaces the sender's name, so that people can answer OUI/NON.
            payload["senderForResponse"] = True
        else:
            payload["sender"] = sms.sender
        if self.callback_url:
            payload["callBack"] = with_query(self.callback_url, ref=sms.reference)
        return payload

    def headers(self, *, method: str, url: str, body: str) -> dict[str, str]:
        timestamp = str(int(self.clock()))
        return {
            "X-Ovh-Application": self.application_key,
            "X-Ovh-Consumer": self.consumer_key,
            "X-Ovh-Timestamp": timestamp,
            "X-Ovh-Signature": signature(
                application_secret=self.application_secret,
                consumer_key=self.consumer_key,
                method=method,
                url=url,
                body=body,
                timestamp=timestamp,
            ),
            "Content-Type": "application/json",
        }

    def send(self, sms: OutgoingSms) -> SendResult:
        body = json.dumps(self.payload(sms))
        url = self.jobs_url
        response = send_and_classify(
            self,
            self.label,
            "POST",
            url,
            body=body.encode(),
            headers=self.headers(method="POST", url=url, body=body),
        )
        if isinstance(response, SendResult):
            return response
        data = response.json()
        data = data if isinstance(data, dict) else {}
        outcome = outcome_for_status(response.status)
        if outcome is Outcome.ACCEPTED:
            ids = data.get("ids") or []
            if ids:
                return SendResult(Outcome.ACCEPTED, self.name, str(ids[0]))
            if data.get("invalidReceivers"):
                return SendResult(
                    Outcome.PERMANENT,
                    self.name,
                    error=f"OVH refuse le numéro {sms.to} (destinataire invalide).",
                )
            return SendResult(
                Outcome.ACCEPTED, self.name, error="OVH a accepté le SMS sans donner son identifiant."
            )
        message = str(data.get("message", "")) or response.text()
        error_code = str(data.get("errorCode", ""))
        if error_code or "credit" in message.lower():
            outcome = Outcome.TRANSIENT
        detail = f"{error_code} {message}".strip()
        return SendResult(outcome, self.name, error=http_error(self.label, response, detail))
