import datetime
import json
import zoneinfo

import pytest

from accesdirect.messaging.providers.console import ConsoleProvider
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
