import datetime
import zoneinfo

import pytest

from accesdirect.messaging.gsm import is_gsm7, segment_count, to_gsm7
from accesdirect.messaging.quiet_hours import next_send_time

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def test_french_typography_is_transliterated_to_gsm7():
    text = "« Cœur de métier » : l’entretien… à Pau — êtes-vous prêt·e ?"
    converted = to_gsm7(text)
    assert is_gsm7(converted)
    assert converted == '" Coeur de métier " : l\'entretien... à Pau - etes-vous pret?e ?'


def test_segments_are_counted_in_septets():
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3
    # The euro sign takes two septets.
    assert segment_count("€" * 80) == 1
    assert segment_count("€" * 81) == 2


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 11, 24, 10, 0), paris(2026, 11, 24, 10, 0)),  # Tuesday morning: now
        (paris(2026, 11, 24, 21, 0), paris(2026, 11, 25, 8, 0)),  # Tuesday 21:00 → Wednesday 08:00
        (paris(2026, 11, 25, 7, 59), paris(2026, 11, 25, 8, 0)),  # before opening
        (paris(2026, 11, 28, 19, 59), paris(2026, 11, 28, 19, 59)),  # Saturday evening: still open
        (paris(2026, 11, 28, 20, 0), paris(2026, 11, 30, 8, 0)),  # Saturday 20:00 → Monday
        (paris(2026, 12, 24, 22, 0), paris(2026, 12, 26, 8, 0)),  # Christmas day is a holiday
        (paris(2027, 5, 16, 12, 0), paris(2027, 5, 18, 8, 0)),  # Sunday then Whit Monday
    ],
)
def test_non_urgent_messages_wait_for_the_next_window(moment, expected):
    assert next_send_time(moment) == expected
