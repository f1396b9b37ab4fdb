"""Twilio Programmable Messaging.

What this follows (Twilio's Message resource and error dictionary, and its webhook security
page):
- POST {base_url}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic authentication
  (AccountSid:AuthToken), form-encoded To, From (a number, an alphanumeric sender ID, or a
  Messaging Service "MG..." sent as MessagingServiceSid), Body, StatusCallback (the URL that
  receives every status change of this message);
- 201 {"sid": "SM...", "status": "queued", ...};
- errors {"code": 21211, "message": "...", "more_info": "...", "status": 400}. Codes about the
  message (21211 invalid To, 21614 not a mobile, 21610 the person answered STOP to Twilio,
  21602 empty body, 21617 body too long) are permanent; codes about our account, sender or
  region permissions (20003, 20005, 21212, 21408, 21603, 21606, 21612, 20429) are not the
  message's fault: transient, the next provider takes over.
"""

import base64
from urllib.parse import urlencode

from .base import Outcome, OutgoingSms, SendResult
from .transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    http_error,
    outcome_for_status,
    send_and_classify,
    with_query,
)

ACCOUNT_ERRORS = frozenset({20003, 20005, 20404, 20429, 21212, 21408, 21603, 21606, 21611, 21612, 14107})


class TwilioProvider:
    name = "twilio"
    label = "Twilio"

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        sender_id: str,
        base_url: str = "https://api.twilio.com",
        status_callback: str = "",
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
    ):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.sender_id = sender_id
        self.base_url = base_url.rstrip("/")
        self.status_callback = status_callback
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout

    @property
    def messages_url(self) -> str:
        return f"{self.base_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"

    def form(self, sms: OutgoingSms) -> dict[str, str]:
        form = {"To": sms.to, "Body": sms.body}
        if self.sender_id.startswith("MG"):
            form["MessagingServiceSid"] = self.sender_id
        else:
            form["From"] = self.sender_id
        if self.status_callback:
            form["StatusCallback"] = with_query(self.status_callback, ref=sms.reference)
        return form

    def send(self, sms: OutgoingSms) -> SendResult:
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        response = send_and_classify(
            self,
            self.label,
            "POST",
            self.messages_url,
            body=urlencode(self.form(sms)).encode(),
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        if isinstance(response, SendResult):
            return response
        data = response.json()
        data = data if isinstance(data, dict) else {}
        outcome = outcome_for_status(response.status)
        if outcome is Outcome.ACCEPTED:
            sid = str(data.get("sid") or "")
            error = "" if sid else "Twilio a accepté le SMS sans donner son identifiant."
            return SendResult(Outcome.ACCEPTED, self.name, sid, error=error)
        code = data.get("code")
        if code in ACCOUNT_ERRORS:
            outcome = Outcome.TRANSIENT
        detail = f"{code or ''} {data.get('message', '')}".strip() or response.text()
        return SendResult(outcome, self.name, error=http_error(self.label, response, detail))
