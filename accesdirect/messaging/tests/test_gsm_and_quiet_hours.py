import datetime
import zoneinfo

import pytest

from accesdirect.core.calendar import METROPOLE, territory_of_departement
from accesdirect.messaging.gsm import is_gsm7, segment_count, to_gsm7
from accesdirect.messaging.quiet_hours import next_send_time

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def test_french_typography_is_transliterated_to_gsm7():
    text = "« Cœur de métier » : l’entretien… à Pau — êtes-vous prêt·e ?"
    converted = to_gsm7(text)
    assert is_gsm7(converted)
    assert converted == '" Coeur de métier " : l\'entretien... à Pau - etes-vous pret.e ?'


@pytest.mark.parametrize(
    "text",
    [
        "Aide à domicile à Pau",
        "Prévenez-nous si vous ne pouvez pas venir.",
        "Répondez OUI ou NON.",
        "Où ? Là. Très bien, Élodie.",
        # The whole basic table's letters and the extension table.
        "àéèùìòÇØøÅåÄÖÑÜ§¿ÉÆæßñüäö¡£$¥@ΔΦΓΛΩΠΨΣΘΞ¤",
        "{}[]~\\|^€",
    ],
)
def test_what_gsm7_carries_is_kept_as_written(text):
    assert is_gsm7(text)
    assert to_gsm7(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("âge, fête, hôtel, août, naïf, Noël", "age, fete, hotel, aout, naif, Noel"),
        ("ça, reçu, garçon", "ca, recu, garcon"),  # GSM-7 has Ç, not ç
        ("Ça reste Ça", "Ça reste Ça"),
        ("œuvre, Œuf", "oeuvre, OEuf"),
        ("l’offre « CDI » …", 'l\'offre " CDI " ...'),
        ("À 9h, Ève et Ô", "A 9h, Eve et O"),
        ("10\u00a0€\u202f!", "10 € !"),
    ],
)
def test_only_what_gsm7_lacks_is_replaced_by_its_closest_letter(text, expected):
    assert to_gsm7(text) == expected


def test_segments_are_counted_in_septets():
    assert segment_count("") == 0
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3
    # Accented letters of the basic table take one septet, like any letter.
    assert segment_count("é" * 160) == 1
    # The extension table ({}[]~\\|^€) takes two septets.
    assert segment_count("€" * 80) == 1
    assert segment_count("€" * 81) == 2
    assert segment_count("[" + "a" * 159) == 2


def test_a_text_outside_gsm7_is_counted_in_ucs2():
    assert segment_count("ê" * 70) == 1
    assert segment_count("ê" * 71) == 2
    assert segment_count("ê" * 134) == 2
    assert segment_count("ê" * 135) == 3
    assert segment_count("🙂" * 35) == 1  # two UTF-16 units each
    assert segment_count("🙂" * 36) == 2


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
    assert next_send_time(moment, territory=METROPOLE) == expected


GUADELOUPE = territory_of_departement("971")
REUNION = territory_of_departement("974")


def guadeloupe(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=GUADELOUPE.zone)


def test_quiet_hours_are_read_in_the_territorys_time_zone():
    # 08:00 in Paris is 03:00 in Guadeloupe: the SMS waits for 08:00 there (13:00 in Paris).
    assert next_send_time(paris(2026, 11, 24, 8, 0), territory=GUADELOUPE) == guadeloupe(2026, 11, 24, 8, 0)
    assert guadeloupe(2026, 11, 24, 8, 0) == paris(2026, 11, 24, 13, 0)
    # 21:00 in Paris is 16:00 in Guadeloupe: still open there, closed in Paris.
    assert next_send_time(paris(2026, 11, 24, 21, 0), territory=GUADELOUPE) == paris(2026, 11, 24, 21, 0)
    # 19:59 on Saturday in Guadeloupe (Sunday 00:59 in Paris) is open; 20:00 waits for Monday.
    assert next_send_time(guadeloupe(2026, 11, 28, 19, 59), territory=GUADELOUPE) == guadeloupe(
        2026, 11, 28, 19, 59
    )
    assert next_send_time(guadeloupe(2026, 11, 28, 20, 0), territory=GUADELOUPE) == guadeloupe(
        2026, 11, 30, 8, 0
    )


def test_a_holiday_of_la_reunion_waits_there_but_not_in_pau():
    monday = datetime.datetime(
        2027, 12, 20, 12, 0, tzinfo=REUNION.zone
    )  # abolition of slavery; 9:00 in Paris
    assert next_send_time(monday, territory=METROPOLE) == monday
    assert next_send_time(monday, territory=REUNION) == datetime.datetime(
        2027, 12, 21, 8, 0, tzinfo=REUNION.zone
    )
