import pytest
from django.core.exceptions import ValidationError

from accesdirect.core.phones import normalize_mobile


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("07 81 23 45 67", "+33781234567"),
    ],
)
def test_a_metropolitan_mobile_is_stored_in_e164(raw, e164):
    assert normalize_mobile(raw) == e164


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+262 692 12 34 56", "+262692123456"),  # La Réunion
        ("0692 12 34 56", "+262692123456"),  # La Réunion, dialled as a national number
        ("0639 01 23 45", "+262639012345"),  # Mayotte
        ("+590 690 12 34 56", "+590690123456"),  # Guadeloupe
        ("0696 12 34 56", "+596696123456"),  # Martinique
        ("+594 694 12 34 56", "+594694123456"),  # Guyane
        ("+508 55 12 34", "+508551234"),  # Saint-Pierre-et-Miquelon
    ],
)
def test_an_overseas_mobile_is_accepted(raw, e164):
    assert normalize_mobile(raw) == e164


def test_a_landline_is_refused_because_sms_cannot_reach_it():
    with pytest.raises(ValidationError, match="pas un mobile"):
        normalize_mobile("05 59 12 34 56")


def test_a_foreign_mobile_is_refused():
    with pytest.raises(ValidationError, match="pas un mobile de France"):
        normalize_mobile("+32 470 12 34 56")


@pytest.mark.parametrize("raw", ["abc", "06 12", "12345678901234567"])
def test_something_that_is_not_a_phone_number_is_refused(raw):
    with pytest.raises(ValidationError, match="n'est pas un numéro"):
        normalize_mobile(raw)


def test_an_empty_number_is_refused():
    with pytest.raises(ValidationError, match="Indiquez"):
        normalize_mobile("  ")


def test_phone_numbers_are_shown_as_people_dial_them():
    from accesdirect.core.templatetags.formats import phone

    assert phone("+33612345678") == "06 12 34 56 78"
    assert phone("+262692123456") == "0692 12 34 56"
    assert phone("") == ""
    assert phone("pas un numéro") == "pas un numéro"
