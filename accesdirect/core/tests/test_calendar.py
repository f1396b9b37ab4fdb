"""The shared calendar: today in Paris whatever the server's zone, months as signed documents
read them, and the days on which SMS may go out."""

import datetime

import pytest

from accesdirect.core.calendar import (
    METROPOLE,
    PARIS,
    add_months,
    is_sending_day,
    next_sending_day,
    paris_date,
    paris_today,
    territory_of_departement,
)
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
    assert is_sending_day(datetime.date(2026, 11, 28), territory=METROPOLE)  # Saturday
    assert not is_sending_day(datetime.date(2026, 11, 29), territory=METROPOLE)  # Sunday
    assert not is_sending_day(datetime.date(2026, 12, 25), territory=METROPOLE)  # Christmas
    assert next_sending_day(datetime.date(2026, 11, 28), territory=METROPOLE) == datetime.date(2026, 11, 30)
    # Christmas Eve (Thursday) → Christmas (holiday) → Saturday 26.
    assert next_sending_day(datetime.date(2026, 12, 24), territory=METROPOLE) == datetime.date(2026, 12, 26)


@pytest.mark.parametrize(
    ("departement", "name", "zone"),
    [
        ("971", "Guadeloupe", "America/Guadeloupe"),
        ("972", "Martinique", "America/Martinique"),
        ("973", "Guyane", "America/Cayenne"),
        ("974", "La Réunion", "Indian/Reunion"),
        ("976", "Mayotte", "Indian/Mayotte"),
        ("57", "Moselle", "Europe/Paris"),
        ("67", "Alsace", "Europe/Paris"),
        ("68", "Alsace", "Europe/Paris"),
        ("64", "France métropolitaine", "Europe/Paris"),
        ("2A", "France métropolitaine", "Europe/Paris"),
        ("", "France métropolitaine", "Europe/Paris"),
        (None, "France métropolitaine", "Europe/Paris"),
    ],
)
def test_the_territory_follows_the_departement(departement, name, zone):
    territory = territory_of_departement(departement)
    assert (territory.name, territory.zone.key) == (name, zone)


@pytest.mark.parametrize(
    ("departement", "day"),
    [
        ("971", datetime.date(2027, 5, 27)),  # Guadeloupe: abolition of slavery (Thursday)
        ("972", datetime.date(2027, 5, 22)),  # Martinique: abolition of slavery (Saturday)
        ("973", datetime.date(2027, 6, 10)),  # Guyane: abolition of slavery (Thursday)
        ("974", datetime.date(2027, 12, 20)),  # La Réunion: abolition of slavery (Monday)
        ("976", datetime.date(2027, 4, 27)),  # Mayotte: abolition of slavery (Tuesday)
        ("57", datetime.date(2027, 3, 26)),  # Moselle: Good Friday
        ("67", datetime.date(2027, 3, 26)),  # Alsace: Good Friday
        ("68", datetime.date(2026, 12, 26)),  # Alsace: 26 December (Saturday)
    ],
)
def test_each_territory_rests_on_its_own_holidays(departement, day):
    territory = territory_of_departement(departement)
    assert not is_sending_day(day, territory=territory)
    assert is_sending_day(day, territory=METROPOLE)


def test_the_next_sending_day_skips_the_territorys_holiday():
    saturday = datetime.date(2027, 12, 18)
    # Monday 20 December rests in La Réunion, not in Pau.
    assert next_sending_day(saturday, territory=territory_of_departement("974")) == datetime.date(
        2027, 12, 21
    )
    assert next_sending_day(saturday, territory=territory_of_departement("64")) == datetime.date(2027, 12, 20)


def test_a_moment_is_dated_in_the_territorys_zone():
    guadeloupe = territory_of_departement("971")
    # 01:30 in Paris on Thursday is still Wednesday evening in Guadeloupe.
    moment = datetime.datetime(2026, 11, 26, 1, 30, tzinfo=PARIS)
    assert guadeloupe.date(moment) == datetime.date(2026, 11, 25)
    assert guadeloupe.day_start(datetime.date(2026, 11, 25)) == datetime.datetime(
        2026, 11, 25, 4, 0, tzinfo=datetime.UTC
    )
