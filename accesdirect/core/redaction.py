"""Secrets that travel in URLs are masked before a log line is written.

Some secrets can only travel in a URL: the SMS providers' callbacks that cannot send a header
carry the webhook secret as a path segment (/webhooks/ovh/receipts/<secret>/), and a password
reset link carries its token (/mot-de-passe/reinitialiser/<uid>/<token>/). Request lines and
Django's "Forbidden: <path>" warnings would write them to the logs, which are read by more
people and kept longer than the secrets deserve.

`RedactSecretsFilter` is attached to the handlers in settings.LOGGING; `redact_secrets(text)`
serves any other log writer (a web server's access log).
"""

import logging
import re

MASK = "***"

_PATTERNS = (
    # /webhooks/<provider>/<endpoint>/<secret>
    re.compile(r"(/webhooks/[\w-]+/[\w-]+/)[^/?#\s\"']+"),
    # /mot-de-passe/reinitialiser/<uidb64>/<token>
    re.compile(r"(/mot-de-passe/reinitialiser/[\w-]+/)[^/?#\s\"']+"),
    # ?token=… &secret=… in a query string, from an old URL still configured somewhere.
    re.compile(r"([?&](?:token|secret|password|api_key|key|signature)=)[^&#\s\"']+", re.IGNORECASE),
)


def redact_secrets(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Masks the URL secrets of a record's message (formatted with its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed record is logging's business, not ours
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
