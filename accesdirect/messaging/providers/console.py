"""The demo and development provider: prints the SMS (and appends it to a file if asked).

The outbox itself is what the "Messages envoyés" page shows, so nothing is lost."""

import json
import sys
import uuid
from pathlib import Path

from .base import Outcome, OutgoingSms, SendResult


class ConsoleProvider:
    name = "console"

    def __init__(self, path: str | None = None, stream=None):
        self.path = Path(path) if path else None
        self.stream = stream

    def send(self, sms: OutgoingSms) -> SendResult:
        provider_message_id = f"console-{uuid.uuid4().hex[:16]}"
        line = json.dumps(
            {"id": provider_message_id, "to": sms.to, "from": sms.sender, "body": sms.body},
            ensure_ascii=False,
        )
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        else:
            print(f"[SMS] {line}", file=self.stream or sys.stdout, flush=True)
        return SendResult(Outcome.ACCEPTED, self.name, provider_message_id)
