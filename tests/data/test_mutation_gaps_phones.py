"""Phone numbers where a deliberate small change went unnoticed (issue 23, the mutation run):
each short number the site lists, the short numbers only the library knows, a number the
library cannot even parse, and the boundaries between the reasons a number is refused."""

from __future__ import annotations

import pytest

from generator.data.phones import (
    ParsedPhone,
    PhoneRefusal,
    check_phone,
    is_outside_kazakhstan,
    parse_phone,
    phone_refusal,
)

# Every national short number the module promises (its docstring and its hint list them).
OURS = ["101", "102", "103", "104", "109", "111", "112", "150", "1414"]
# Short numbers in Kazakhstan that only phonenumbers' short-number data knows.
LIBRARY_ONLY = ["2121", "4040", "30400"]


@pytest.mark.parametrize("digits", OURS + LIBRARY_ONLY)
def test_each_short_number_is_dialled_as_written(digits: str):
    assert check_phone(digits) == ParsedPhone(display=digits, tel=digits, key=digits)
    assert check_phone(f" {digits} ") == ParsedPhone(display=digits, tel=digits, key=digits)


@pytest.mark.parametrize("digits", ["1", "9", "0"])
def test_a_number_the_library_cannot_parse_is_refused_not_a_crash(digits: str):
    """phonenumbers raises on one digit; the validator must still answer with a reason."""
    assert check_phone(digits) == PhoneRefusal(
        f"{digits} is not a short number in Kazakhstan",
        "The short numbers are 101-104, 109, 111, 112, 150 and 1414; otherwise write the full number.",
    )
    assert parse_phone(digits) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("call us", "a phone number holds only digits, with spaces, dashes or brackets between them"),
        ("+7 (", "a number in Kazakhstan has 10 digits after +7, this one has 0"),
        ("1234", "1234 is not a short number in Kazakhstan"),
        ("12345", "12345 is not a short number in Kazakhstan, and a local number needs its area code"),
        ("123456", "123456 is not a short number in Kazakhstan, and a local number needs its area code"),
        ("1234567", "a local number needs its area code"),
        ("12345678", "the number has 8 digits and no +7 or 8 in front"),
        ("8 727 12 34", "a number in Kazakhstan has 10 digits after 8, this one has 7"),
        ("8 727 123 45", "a number in Kazakhstan has 10 digits after 8, this one has 8"),
        ("8 727 123 456", "one digit short? A number in Kazakhstan has 10 digits after 8, this one has 9"),
        ("+7 727 123 456", "one digit short? A number in Kazakhstan has 10 digits after +7, this one has 9"),
        ("8 727 123 45 678", "one digit too many? A number in Kazakhstan has 10 digits after 8, this one has 11"),
        ("+7 727 123 4567 8", "one digit too many? A number in Kazakhstan has 10 digits after +7, this one has 11"),
        ("8 727 123 45 6789", "a number in Kazakhstan has 10 digits after 8, this one has 12"),
    ],
)
def test_each_refusal_gives_its_own_reason(raw: str, message: str):
    refusal = phone_refusal(raw)
    assert refusal is not None and refusal.message == message, refusal


@pytest.mark.parametrize("text", ["112", "1414", "150", "call us", "+44 20 7946 0958"])
def test_only_a_plus_seven_number_can_be_outside_kazakhstan(text: str):
    # A short number is Kazakhstan's own, and what is not a +7 number (refused for its own
    # reason) never also asks for a reason to list a number abroad.
    assert is_outside_kazakhstan(text) is False


def test_a_plus_seven_number_of_another_country_is_outside_kazakhstan():
    assert is_outside_kazakhstan("+7 495 123 45 67") is True
    assert is_outside_kazakhstan("+7 701 123 4567") is False
    assert is_outside_kazakhstan("8 800 080 7777") is False
