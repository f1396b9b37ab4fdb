"""The demo's quick reading of French mobiles agrees with phonenumbers, which the outbox uses."""

import random

import phonenumbers

from accesdirect.demo.generator.context import PhoneBook, _is_mobile


def test_the_quick_check_agrees_with_phonenumbers_on_random_french_numbers():
    rng = random.Random(7)
    for _ in range(3000):
        number = f"+33{rng.choice('0123456789')}{rng.randint(0, 99_999_999):08d}"
        parsed = phonenumbers.parse(number)
        expected = phonenumbers.is_valid_number(parsed) and (
            phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
        )
        assert _is_mobile(number) == expected, number


def test_the_phone_book_never_gives_the_same_number_twice():
    book = PhoneBook(random.Random(3))
    numbers = [book.mobile() for _ in range(500)]
    assert len(set(numbers)) == len(numbers)
    assert all(number.startswith(("+336", "+337")) for number in numbers)
