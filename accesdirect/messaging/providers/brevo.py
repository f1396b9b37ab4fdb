"""Brevo (formerly Sendinblue) transactional SMS.

What this follows (Brevo developer documentation, "Send transactional SMS", and the changelog
entry that deprecates POST /v3/transactionalSMS/sms in favour of POST /v3/transactionalSMS/send):
- POST {base_url}/v3/transactionalSMS/send with the header `api-key` and a JSON body
  {sender (at most 11 alphanumeric characters), recipient (the number with its country code,
  "33612345678"), content, type "transactional", tag, webUrl (called for every event of this
  message: sent, delivered, bounces, replies)};
- 201 {"messageId": 1511882900176220} (the deprecated path also answered reference, smsCount,
  usedCredits and remainingCredits);
- errors {"code": "invalid_parameter" | "missing_parameter" | "unauthorized" |
  "not_enough_credits" | "permission_denied" | ..., "message": "..."} with 400 (bad request),
  401 (key), 402 (not enough credit), 403 (permission denied), 429 (rate limit).

Not enough credit (402) or a refused account (401/403) is our problem, not the message's: the
outcome is transient, so the failover chain hands the message to the next provider.
"""

import json

from .base import Outcome, OutgoingSms, SendResult
from .transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    http_error,
    outcome_for_status,
    send_and_classify,
    with_query,
)

SEND_PATH = "/v3/transactionalSMS/send"
# Error codes that describe our account rather than the message.
ACCOUNT_ERRORS = frozenset(
    {"unauthorized", "not_enough_credits", "permission_denied", "account_under_validation"}
)


class BrevoProvider:
    name = "brevo"
    label = "Brevo"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = "https://api.brevo.com",
        web_url: str = "",
        tag: str = "acces-direct",
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
    ):
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.web_url = web_url
        self.tag = tag
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout

    def payload(self, sms: OutgoingSms) -> dict:
        payload = {
            "sender": sms.sender,
            "recipient": sms.to.removeprefix("+"),
            "content": sms.body,
            "type": "transactional",
            "tag": self.tag,
        }
        if self.web_url:
            # Our reference rides along so that a receipt can be matched even when the
            # answer to this request was lost (an "uncertain" message).
            payload["webUrl"] = with_query(self.web_url, ref=sms.reference)
        return payload

    def send(self, sms: OutgoingSms) -> SendResult:
        response = send_and_classify(
            self,
            self.label,
            "POST",
            self.base_url + SEND_PATH,
            body=json.dumps(self.payload(sms)).encode(),
            headers={
                "api-key": self.api_key,
                "content-type": "application/json",
                "accept": "application/json",
            },
        )
        if isinstance(response, SendResult):
            return response
        data = response.json()
        data = data if isinstance(data, dict) else {}
        outcome = outcome_for_status(response.status)
        if outcome is Outcome.ACCEPTED:
            message_id = data.get("messageId")
            if message_id in (None, ""):
                return SendResult(
                    Outcome.ACCEPTED, self.name, error="Brevo a accepté le SMS sans donner son identifiant."
                )
            return SendResult(Outcome.ACCEPTED, self.name, str(message_id))
        code = str(data.get("code", ""))
        if response.status == 402 or code in ACCOUNT_ERRORS:
            outcome = Outcome.TRANSIENT
        detail = f"{code} {data.get('message', '')}".strip() or response.text()
        return SendResult(outcome, self.name, error=http_error(self.label, response, detail))
