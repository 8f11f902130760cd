"""Phone numbers: parsed and formatted with `phonenumbers`, plus Kazakhstan's short numbers.

phonenumbers knows 101-104 and 112 as short numbers but not the national trust
lines 111 and 150, so the short numbers the directory accepts are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo

# National short numbers in Kazakhstan (sources are on the listings that use them).
KZ_SHORT_NUMBERS = frozenset({"101", "102", "103", "104", "109", "111", "112", "150", "1414"})


@dataclass(frozen=True)
class ParsedPhone:
    display: str  # how the site shows it: "150" or "+7 727 123 45 67"
    tel: str  # what goes into a tel: link: "150" or "+77271234567"
    key: str  # for finding duplicates


# Validation parses each number twice (rules, then the model), and phonenumbers
# takes ~0.07 ms a number; the answer is immutable, so it is kept.
@lru_cache(maxsize=16384)
def parse_phone(raw: str) -> ParsedPhone | None:
    """A valid number in a canonical form, or None if it is not a real number."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not raw.strip().startswith("+") and digits in KZ_SHORT_NUMBERS:
        return ParsedPhone(display=digits, tel=digits, key=digits)
    try:
        number = phonenumbers.parse(raw, "KZ")
    except phonenumbers.NumberParseException:
        return None
    if len(digits) <= 6 and shortnumberinfo.is_valid_short_number_for_region(number, "KZ"):
        return ParsedPhone(display=digits, tel=digits, key=digits)
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return ParsedPhone(display=display, tel=e164, key=e164)
