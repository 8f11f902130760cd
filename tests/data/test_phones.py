"""Phone numbers are never rewritten into other numbers.

A number is accepted only when its canonical form dials the very digits that were
written after the country code (+7) or the trunk prefix (8), and those digits are
a Kazakhstan area or mobile code; anything else is refused with a hint. Short
national numbers stay as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.data import phones
from generator.data.phones import check_phone, parse_phone, phone_refusal
from generator.data.validate import validate

from ..conftest import CORPUS, make_data_dir

# ---------------------------------------------------------------- the reported cases


def test_one_digit_short_after_the_8_is_refused_not_moved_to_dagestan():
    """Issue 14: `8 (7292) 20-30-4` became +7 872 922-03-04 and `8 (7262) 43-21-0` became
    +7 872 624-32-10: the trunk 8 was read as the first digit of a Russian number."""
    for raw in ("8 (7292) 20-30-4", "8 (7262) 43-21-0"):
        assert parse_phone(raw) is None, raw
        refusal = phone_refusal(raw)
        assert refusal is not None and "one digit short" in refusal.message, raw


@pytest.mark.parametrize("raw", ["8 (7292) 20-30-4", "8 (7262) 43-21-0", "+7 872 922-03-04", "+7 495 123 45 67"])
def test_validate_refuses_numbers_that_would_be_rewritten_or_are_not_in_kazakhstan(raw: str, tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    path = data / "centres" / "almaty-corpus-base.yaml"
    text = path.read_text(encoding="utf-8")
    assert '- number: "+7 701 123 4567"' in text
    path.write_text(text.replace('- number: "+7 701 123 4567"', f'- number: "{raw}"'), encoding="utf-8")
    report = validate(data)
    assert not report.ok
    [problem] = report.errors
    assert problem.message.startswith(f"`{raw}` is not a valid phone number: ")
    assert problem.message.endswith(phone_refusal(raw).message) and problem.hint == phone_refusal(raw).hint


def test_a_short_number_with_a_country_code_is_not_turned_into_another_number():
    # "+7 112" used to become "7112", a number with a digit nobody wrote.
    assert parse_phone("+7 112") is None
    assert parse_phone("+7 (150)") is None


@pytest.mark.parametrize(
    ("raw", "display"),
    [
        ("8 701 234 56 78", "+7 701 234 5678"),
        ("8 (701) 234-56-78", "+7 701 234 5678"),
        ("87771234567", "+7 777 123 4567"),
        ("+77012345678", "+7 701 234 5678"),
        ("+7 (701) 234-56-78", "+7 701 234 5678"),
        ("7 701 234 5678", "+7 701 234 5678"),
        ("77012345678", "+7 701 234 5678"),  # as WhatsApp writes it
        ("8 (7262) 43-21-05", "+7 7262 43 21 05"),
        ("+7 7172 12 34 56", "+7 7172 12 34 56"),
        ("8 (7172) 123456", "+7 7172 12 34 56"),
        ("+7 (717) 212-34-56", "+7 7172 12 34 56"),
        ("8.701.234.56.78", "+7 701 234 5678"),
        ("8\u00a0701\u00a0234\u201356\u201378", "+7 701 234 5678"),
    ],
)
def test_kazakhstan_numbers_are_normalised_with_their_digits(raw: str, display: str):
    parsed = parse_phone(raw)
    assert parsed is not None, phone_refusal(raw)
    assert parsed.display == display
    assert parsed.tel == parsed.key == "+" + re.sub(r"\D", "", display)
    assert parse_phone(parsed.display) == parsed  # the canonical form is accepted as it is


@pytest.mark.parametrize("raw", sorted(phones.KZ_SHORT_NUMBERS))
def test_short_numbers_stay_as_they_are(raw: str):
    parsed = parse_phone(raw)
    assert parsed is not None and parsed.display == parsed.tel == parsed.key == raw


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("8 (7292) 20-30-4", "one digit short"),
        ("+7 701 234 56 789", "one digit too many"),
        ("8 (7172) 12-34", "digits after"),
        ("+7 495 123 45 67", "Russia"),
        ("8 (495) 123-45-67", "Russia"),
        ("+7 812 123 45 67", "Russia"),
        ("+7 940 123 45 67", "Russia"),
        ("+7 343 123 45 67", "Russia"),
        ("8 800 200 01 22", "toll-free"),
        ("8 800 200 01 22", "outside_kazakhstan_reason"),
        ("+7 916 123 45 67", "outside_kazakhstan_reason"),
        ("+7 600 123 45 67", "Kazakhstan"),
        ("+7 799 123 45 67", "no area or mobile code"),
        ("+996 312 123 456", "Kazakhstan"),
        ("701 234 56 78", "+7 or 8"),
        ("2-34-56", "area code"),
        ("8 727 123 45 67 доб. 12", "only digits"),
        ("8 701 CALL NOW", "only digits"),
        ("8 701 234 56 78, 8 702 234 56 78", "only digits"),
        ("+7 8 701 234 56 78", "8 after +7"),
        ("８ ７０１ ２３４ ５６ ７８", "only digits"),  # full-width digits
        ("12345", "short number"),
        ("", "empty"),
    ],
)
def test_refusals_say_why_and_how(raw: str, words: str):
    assert parse_phone(raw) is None
    refusal = phone_refusal(raw)
    assert refusal is not None and refusal.hint
    assert words in refusal.message + " " + refusal.hint, refusal


def test_check_phone_is_one_answer_or_the_other():
    assert isinstance(check_phone("150"), phones.ParsedPhone)
    assert isinstance(check_phone("+7 872 922 03 04"), phones.PhoneRefusal)
    assert phone_refusal("150") is None


# ---------------------------------------------------------------- the digits never change

KZ_CODES = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
AREA_CODES = ["7172", "7212", "7222", "7232", "7242", "7252", "7262", "7272", "7282", "7292", "7112", "7132"]


def _written_national_digits(raw: str) -> str | None:
    """The digits written after +7, after the trunk 8, or after a bare 7 of an 11-digit number."""
    digits = re.sub(r"[^0-9]", "", raw)
    if raw.strip().startswith("+"):
        return digits[1:] if digits.startswith("7") else None
    if digits.startswith("8"):
        return digits[1:]
    if digits.startswith("7") and len(digits) == 11:
        return digits[1:]
    return None


separators = st.sampled_from([" ", "", "-", " - ", ".", "\u00a0", "\u2013"])


@st.composite
def written(draw: st.DrawFn, national: st.SearchStrategy[str]) -> str:
    """A national significant number written the way people write them."""
    nsn = draw(national)
    prefix = draw(st.sampled_from(["+7", "+7 ", "8", "8 ", "8-", "7 ", "+7(", "8 ("]))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(nsn) - 1)), max_size=5)))
    parts = [nsn[a:b] for a, b in zip([0, *cuts], [*cuts, len(nsn)], strict=True)]
    if prefix.endswith("(") and len(parts) > 1:
        parts[0] += ")"
    elif prefix.endswith("("):
        prefix = prefix[:-1]
    text = prefix
    for index, part in enumerate(parts):
        text += (draw(separators) if index else "") + part
    return text


mobile = st.builds(lambda code, rest: code + rest, st.sampled_from(KZ_CODES), st.from_regex(r"\A[0-9]{7}\Z"))
landline = st.builds(lambda code, rest: code + rest, st.sampled_from(AREA_CODES), st.from_regex(r"\A[2-9][0-9]{5}\Z"))
any_national = st.from_regex(r"\A[0-9]{7,12}\Z")


# No deadline: these check which numbers are accepted, not speed, and a shared machine is slow at times.
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(written(st.one_of(mobile, landline)))
@example("8 (7292) 20-30-40")
def test_kazakhstan_numbers_in_any_format_keep_their_digits(raw: str):
    parsed = parse_phone(raw)
    assert parsed is not None, (raw, phone_refusal(raw))
    assert parsed.tel == "+7" + _written_national_digits(raw)
    assert re.sub(r"\D", "", parsed.display) == "7" + _written_national_digits(raw)


# No deadline, as above.
@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(written(any_national), written(st.one_of(mobile, landline)).map(lambda s: s[:-1]), st.text()))
@example("8 (7292) 20-30-4")
@example("8 (7262) 43-21-0")
@example("+7 112")
@example("8 800 080 77 77")
def test_any_accepted_number_dials_the_digits_written(raw: str):
    parsed = parse_phone(raw)
    if parsed is None:
        refusal = phone_refusal(raw)
        assert refusal is not None and refusal.message and refusal.hint
        return
    digits = re.sub(r"[^0-9]", "", raw)
    if parsed.tel == digits:  # a short number, as written
        assert not raw.strip().startswith("+")
        return
    national = _written_national_digits(raw)
    assert national is not None and parsed.tel == "+7" + national, raw
    assert national.startswith(("7", *phones.KZ_TOLL_FREE_PREFIXES)), raw  # Kazakhstan only
    assert re.sub(r"\D", "", parsed.display) == "7" + national
    assert parse_phone(parsed.display) == parsed


def test_keeps_digits_is_a_second_check_on_any_recommended_form():
    ok = parse_phone("8 (7262) 43-21-05")
    assert ok is not None and phones.keeps_digits("8 (7262) 43-21-05", ok)
    assert phones.keeps_digits("150", phones.ParsedPhone("150", "150", "150"))
    dagestan = phones.ParsedPhone("+7 872 624-32-10", "+78726243210", "+78726243210")
    assert not phones.keeps_digits("8 (7262) 43-21-0", dagestan)
    assert not phones.keeps_digits("+7 112", phones.ParsedPhone("7112", "7112", "7112"))


# ---------------------------------------------------------------- +7 outside Kazakhstan, with a reason


def _listing_with_phone(tmp_path: Path, entry: str) -> tuple[Path, Path]:
    """The valid base listing, its one phone entry replaced by `entry` (YAML lines at the item's indent)."""
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    path = data / "centres" / "almaty-corpus-base.yaml"
    text = path.read_text(encoding="utf-8")
    old = '    - number: "+7 701 123 4567"\n      type: voice\n'
    assert old in text
    path.write_text(text.replace(old, entry), encoding="utf-8")
    return data, path


REASON = 'outside_kazakhstan_reason: "The foundation\'s only line; it takes calls from Kazakhstan."'


@pytest.mark.parametrize("raw", ["+7 916 123 45 67", "8 (495) 123-45-67", "8 800 200 01 22"])
def test_a_russian_number_is_accepted_with_a_reason_and_keeps_its_digits(raw: str, tmp_path: Path):
    assert parse_phone(raw) is None
    parsed = parse_phone(raw, outside_kazakhstan=True)
    assert parsed is not None
    national = re.sub(r"\D", "", raw)[1:]
    assert parsed.tel == parsed.key == "+7" + national
    assert re.sub(r"\D", "", parsed.display) == "7" + national  # never rewritten into another number
    assert parse_phone(parsed.display, outside_kazakhstan=True) == parsed

    data, _ = _listing_with_phone(tmp_path, f'    - number: "{raw}"\n      type: voice\n      {REASON}\n')
    report = validate(data)
    assert report.ok, [p.as_text() for p in report.problems]
    [listing] = report.catalogue.listings
    [phone] = listing.contacts.phones
    assert phone.number == raw and phone.tel == parsed.tel
    assert phone.outside_kazakhstan_reason and phone.outside_kazakhstan_reason.startswith("The foundation")


def test_fix_never_rewrites_a_number_given_with_a_reason(tmp_path: Path):
    from generator.tools import fix

    entry = f'    - number: "8 (916) 123-45-67"\n      type: voice\n      {REASON}\n'
    _, path = _listing_with_phone(tmp_path, entry)
    fixed, _ = fix.fix_text(path.read_text(encoding="utf-8"))
    assert '- number: "8 (916) 123-45-67"' in fixed and REASON in fixed


def test_a_russian_number_without_a_reason_is_refused_naming_the_field(tmp_path: Path):
    data, _ = _listing_with_phone(tmp_path, '    - number: "+7 916 123 45 67"\n      type: voice\n')
    [problem] = validate(data).errors
    assert "is a number in Russia" in problem.message
    assert "`outside_kazakhstan_reason: ...`" in problem.hint


@pytest.mark.parametrize("raw", ["8 800 080 77 77", "+7 800 080 7777", "88000807777"])
def test_kazakhstan_toll_free_numbers_need_no_reason(raw: str, tmp_path: Path):
    """8 800 080 … is Kazakhstan's toll-free range (8 800 080 7777 is the e-government line 1414);
    phonenumbers files every +7 800 under Russia."""
    parsed = parse_phone(raw)
    assert parsed is not None and parsed.tel == "+78000807777" and parsed.display == "+7 800 080 77 77"
    assert not phones.is_outside_kazakhstan(raw)
    data, _ = _listing_with_phone(tmp_path, f'    - number: "{raw}"\n      type: voice\n')
    assert validate(data).ok


def test_a_reason_on_a_kazakhstan_number_is_refused(tmp_path: Path):
    data, _ = _listing_with_phone(tmp_path, f'    - number: "+7 701 123 4567"\n      type: voice\n      {REASON}\n')
    [problem] = validate(data).errors
    assert (problem.line, problem.col) == (45, 34)  # the reason itself
    assert "is a number in Kazakhstan" in problem.message and "outside_kazakhstan_reason" in problem.hint


def test_a_reason_does_not_make_an_invalid_number_valid(tmp_path: Path):
    for raw in ("+7 916 123 45 6", "+7 600 123 45 67", "+996 312 123 456"):
        assert parse_phone(raw, outside_kazakhstan=True) is None, raw
    data, _ = _listing_with_phone(tmp_path, f'    - number: "+7 600 123 45 67"\n      type: voice\n      {REASON}\n')
    [problem] = validate(data).errors
    assert "is not a valid phone number" in problem.message


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ('"Their office is at ул. Абая, 10, кв. 5."', "street address or location"),
        ('"See <b>here</b>"', "HTML"),
        ('"two\\nlines"', "has a value that does not fit"),
    ],
)
def test_the_reason_goes_through_the_text_rules(reason: str, words: str, tmp_path: Path):
    """The listing houses people: its reason is free text like any other, checked for where it is."""
    data, _ = _listing_with_phone(
        tmp_path,
        f'    - number: "+7 916 123 45 67"\n      type: voice\n      outside_kazakhstan_reason: {reason}\n',
    )
    errors = validate(data).errors
    assert errors and any(words in p.message for p in errors), [p.as_text() for p in errors]
    assert all(p.path.endswith(".yaml") and p.line == 45 for p in errors), [p.as_text() for p in errors]
