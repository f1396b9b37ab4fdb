"""The shared calendar: today in Paris whatever the server's zone, months as signed documents
read them, and the days on which SMS may go out."""

import datetime

import pytest

from accesdirect.core.calendar import add_months, is_sending_day, next_sending_day, paris_date, paris_today
from accesdirect.testing.clock import PARIS_TUESDAY_0030, SERVER_ZONES, frozen_now, server_time_zone


@pytest.mark.parametrize("zone", SERVER_ZONES)
def test_today_is_the_date_in_paris_whatever_the_servers_zone(monkeypatch, zone):
    frozen_now(monkeypatch, PARIS_TUESDAY_0030)
    with server_time_zone(zone):
        assert PARIS_TUESDAY_0030.astimezone().date() == datetime.date(2027, 3, 15)  # the server's day
        assert paris_today() == datetime.date(2027, 3, 16)


def test_a_moment_is_dated_in_paris():
    assert paris_date(datetime.datetime(2027, 7, 1, 22, 30, tzinfo=datetime.UTC)) == datetime.date(2027, 7, 2)
    assert paris_date(datetime.datetime(2027, 7, 1, 21, 30, tzinfo=datetime.UTC)) == datetime.date(2027, 7, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 12, 1), 2, datetime.date(2027, 2, 1)),
        (datetime.date(2026, 12, 31), 2, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 12, 31), 2, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 1, 31), -2, datetime.date(2026, 11, 30)),
        (datetime.date(2027, 5, 15), 12, datetime.date(2028, 5, 15)),
    ],
)
def test_months_are_added_clamped_to_the_end_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_sms_go_out_neither_on_sunday_nor_on_a_public_holiday():
    assert is_sending_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_sending_day(datetime.date(2026, 11, 29))  # Sunday
    assert not is_sending_day(datetime.date(2026, 12, 25))  # Christmas
    assert next_sending_day(datetime.date(2026, 11, 28)) == datetime.date(2026, 11, 30)
    # Christmas Eve (Thursday) → Christmas (holiday) → Saturday 26.
    assert next_sending_day(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 26)
