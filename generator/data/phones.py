"""Phone numbers: read as written, never rewritten into another number.

A listing's number is accepted in one of these forms, and no other:

- a national short number, as written: 101-104, 109, 111, 112, 150, 1414 (and the
  few others `phonenumbers` knows as short numbers in Kazakhstan);
- +7 followed by the ten digits of the national number: "+7 701 234 56 78";
- the trunk prefix 8 followed by those ten digits: "8 (7172) 12-34-56";
- 7 followed by the ten digits, as WhatsApp writes it ("77012345678"), or with the 7
  standing apart ("7 701 234 56 78").

The ten digits must be a Kazakhstan number (+7 7xx, an area or mobile code in use,
as `phonenumbers` knows them, or Kazakhstan's toll-free 8 800 080 …), unless the
listing says, beside the number, why a line outside Kazakhstan belongs in it
(`outside_kazakhstan_reason`): then a valid Russian +7 number is accepted too. The
canonical form is made from exactly those ten digits and is checked to hold them: a
digit is never added, dropped or changed, and the trunk 8 is never read as part of
the number. That was how "8 (7292) 20-30-4", one digit short, became +7 872 922-03-04, a number in Dagestan.

Everything else is refused with the reason and a hint (`check_phone`,
`phone_refusal`): one digit short or too many, a local number without its area
code, ten digits with no +7 or 8 in front (which digits are the code?), a Russian
number (+7 3xx, 4xx, 8xx, 9xx) with no reason given, another country, letters,
extensions, or two numbers in one entry.

+7 800 is toll-free in both countries. Kazakhstan's toll-free numbers are 8 800 080 …
(8 800 080 7777 is the e-government line 1414); `phonenumbers` files every +7 800
under Russia, so that range is recognised here, and any other 8 800 number is taken
to be Russia's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo

from generator.data.messages import say

# National short numbers in Kazakhstan (sources are on the listings that use them).
# phonenumbers knows 101-104 and 112 but not the national trust lines 111 and 150.
KZ_SHORT_NUMBERS = frozenset({"101", "102", "103", "104", "109", "111", "112", "150", "1414"})

# What may stand between the digits: spaces (also no-break ones), dashes, brackets, dots.
SEPARATORS = frozenset(" \u00a0\u202f\u2009-\u2010\u2011\u2012\u2013().")
_DIGITS = frozenset("0123456789")
NATIONAL_LENGTH = 10  # digits after +7 or 8

# Kazakhstan's toll-free range, the ten digits after +7 / 8 that start it.
KZ_TOLL_FREE_PREFIXES = ("800080",)

# The field of a phone entry that says why a number outside Kazakhstan is listed.
OUTSIDE_REASON_FIELD = "outside_kazakhstan_reason"


@dataclass(frozen=True)
class ParsedPhone:
    display: str  # how the site shows it: "150" or "+7 727 123 45 67"
    tel: str  # what goes into a tel: link: "150" or "+77271234567"
    key: str  # for finding duplicates


@dataclass(frozen=True)
class PhoneRefusal:
    message: str  # why the number is refused, e.g. "one digit short?"
    hint: str  # what to do about it


# Validation parses each number twice (rules, then the model), and phonenumbers
# takes ~0.07 ms a number; the answer is immutable, so it is kept.
@lru_cache(maxsize=16384)
def check_phone(raw: str, outside_kazakhstan: bool = False) -> ParsedPhone | PhoneRefusal:
    """The number in its canonical form, or why it is refused. `outside_kazakhstan`: the
    listing gives a reason for a number outside Kazakhstan, so a Russian +7 number is accepted."""
    text = raw.strip("".join(SEPARATORS - set("()")))
    if not text:
        return PhoneRefusal(say("phone.empty"), say("phone.empty.hint"))
    plus = text.startswith("+")
    body = text[1:] if plus else text
    if any(ch not in _DIGITS and ch not in SEPARATORS for ch in body):
        return PhoneRefusal(
            say("phone.not-digits"),
            say("phone.not-digits.hint"),
        )
    digits = "".join(ch for ch in body if ch in _DIGITS)
    if not digits:
        return PhoneRefusal(say("phone.no-digits"), say("phone.no-digits.hint"))

    if not plus and len(digits) <= 6:
        if digits in KZ_SHORT_NUMBERS or _known_short_number(digits):
            return ParsedPhone(display=digits, tel=digits, key=digits)
        if len(digits) >= 5:
            return PhoneRefusal(
                say("phone.local-without-code", digits=digits),
                say("phone.area-code.hint"),
            )
        return PhoneRefusal(
            say("phone.not-short", digits=digits),
            say("phone.not-short.hint"),
        )

    national = _national_digits(text, plus, digits)
    if isinstance(national, PhoneRefusal):
        return national
    number = phonenumbers.parse("+7" + national)
    if national.startswith(KZ_TOLL_FREE_PREFIXES):
        in_place = phonenumbers.is_valid_number_for_region(number, "KZ")
    elif not national.startswith("7"):
        if not outside_kazakhstan:
            return _not_kazakhstan(national, plus)
        if not phonenumbers.is_valid_number(number):
            return PhoneRefusal(
                f"+7 {national} is not a number in Russia or Kazakhstan",
                "Check the number against the source; nothing is added or removed for you.",
            )
        in_place = True
    else:
        in_place = phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "KZ"
    if not in_place:
        return PhoneRefusal(
            say("phone.no-such-code", national=national),
            say("phone.no-such-code.hint"),
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # Spaces only, as Kazakhstan's numbers are shown ("+7 800 080-77-77" would be the library's).
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL).replace("-", " ")
    # The promise of this module, checked rather than trusted: the same ten digits.
    if e164 != "+7" + national or "".join(ch for ch in display if ch in _DIGITS) != "7" + national:
        return PhoneRefusal(
            say("phone.digits-changed", national=national),
            say("phone.digits-changed.hint"),
        )
    return ParsedPhone(display=display, tel=e164, key=e164)


def parse_phone(raw: str, outside_kazakhstan: bool = False) -> ParsedPhone | None:
    """A valid number in a canonical form that dials the digits written, or None."""
    checked = check_phone(raw, outside_kazakhstan)
    return checked if isinstance(checked, ParsedPhone) else None


def phone_refusal(raw: str, outside_kazakhstan: bool = False) -> PhoneRefusal | None:
    """Why the number is refused and what to do, or None when it is accepted."""
    checked = check_phone(raw, outside_kazakhstan)
    return checked if isinstance(checked, PhoneRefusal) else None


def keeps_digits(raw: str, parsed: ParsedPhone) -> bool:
    """True when `parsed` dials the digits of `raw`: as written for a short number, else
    the same ten digits after +7 / 7 / 8. A second check for whoever recommends a form."""
    digits = "".join(ch for ch in raw if ch in _DIGITS)
    if not parsed.tel.startswith("+"):  # a short number: as written, without a country code
        return parsed.tel == digits and len(digits) <= 6 and "+" not in raw
    national = parsed.tel.removeprefix("+7")
    return len(national) == NATIONAL_LENGTH and digits in ("7" + national, "8" + national)


def _known_short_number(digits: str) -> bool:
    try:
        number = phonenumbers.parse(digits, "KZ")
    except phonenumbers.NumberParseException:
        return False
    return shortnumberinfo.is_valid_short_number_for_region(number, "KZ")


def _national_digits(text: str, plus: bool, digits: str) -> str | PhoneRefusal:
    """The digits after the country code or the trunk prefix, as written."""
    if plus:
        if not digits.startswith("7"):
            return PhoneRefusal(
                say("phone.country-code"),
                say("phone.country-code.hint"),
            )
        national = digits[1:]
        if national.startswith("8") and len(national) == NATIONAL_LENGTH + 1:
            return PhoneRefusal(
                say("phone.plus7-and-8"),
                say("phone.plus7-and-8.hint", rest=national[1:]),
            )
    elif digits.startswith("8") or _country_code_without_plus(text, digits):
        national = digits[1:]  # the trunk prefix 8, or the country code 7
    elif len(digits) == NATIONAL_LENGTH:
        return PhoneRefusal(
            say("phone.ten-without-prefix"),
            say("phone.ten-without-prefix.hint", digits=digits),
        )
    elif len(digits) <= 7:
        return PhoneRefusal(
            say("phone.local"),
            say("phone.area-code.hint"),
        )
    else:
        return PhoneRefusal(
            say("phone.digits-without-prefix", count=len(digits)),
            say("phone.digits-without-prefix.hint"),
        )
    if len(national) != NATIONAL_LENGTH:
        lead = "+7" if plus else digits[0]
        short = {NATIONAL_LENGTH - 1: "phone.one-short", NATIONAL_LENGTH + 1: "phone.one-too-many"}
        count = say(short.get(len(national), "phone.length"), lead=lead, count=len(national))
        return PhoneRefusal(count, say("phone.length.hint"))
    return national


def _country_code_without_plus(text: str, digits: str) -> bool:
    """`7 701 …` or `77012345678`: eleven digits whose leading 7 is the country code.

    `777 123 45 678` is not: there the 7 is written as part of the code, and the
    number is more likely the ten-digit 777 123 4567 with a digit too many.
    """
    if not (digits.startswith("7") and len(digits) == NATIONAL_LENGTH + 1):
        return False
    return all(ch in _DIGITS for ch in text) or (text[0] == "7" and text[1] in SEPARATORS)


def is_outside_kazakhstan(national_or_raw: str) -> bool:
    """Is this written +7 / 8 number one that needs a reason (not +7 7xx, not Kazakhstan's toll-free)?"""
    checked = check_phone(national_or_raw, True)
    if not isinstance(checked, ParsedPhone) or not checked.tel.startswith("+7"):
        return False
    national = checked.tel[2:]
    return not national.startswith("7") and not national.startswith(KZ_TOLL_FREE_PREFIXES)


def _not_kazakhstan(national: str, plus: bool) -> PhoneRefusal:
    written = ("+7 " if plus else "8 ") + national[:3]
    hint = say("phone.abroad.hint", field=OUTSIDE_REASON_FIELD)
    if national.startswith("800"):
        return PhoneRefusal(say("phone.toll-free", written=written, next=national[3:6]), hint)
    if national[0] in "3489":
        return PhoneRefusal(say("phone.russia", written=written), hint)
    return PhoneRefusal(say("phone.abroad", written=written), say("phone.abroad.elsewhere.hint"))
