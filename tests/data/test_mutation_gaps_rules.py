"""The data rules where a deliberate small change went unnoticed (issue 23, the mutation run).

Each test fails on the broken rule it names: who is checked for an address in their text (only
a place that houses people, only in the text a reader sees), a range whose ends are equal, the
twelve months of "checked within a year" counted in days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.data.location_text import location_label, may_hold_location
from generator.data.validate import validate

from ..conftest import base_listing, make_data_dir

TODAY = dt.date(2026, 12, 1)
STREET = "ул. Абая, 15"  # what the address detector calls a street address
LOOKS_LIKE = "looks like a street address"


def _problems(tmp_path: Path, text: str, today: dt.date = TODAY) -> list[str]:
    data = make_data_dir(tmp_path / f"data{len(list(tmp_path.iterdir()))}")
    (data / "centres" / "almaty-corpus-base.yaml").write_text(text, encoding="utf-8")
    report = validate(data, today=today)
    return [f"{p.line}:{p.col}: {p.message} [{p.rule}]" for p in report.problems]


def _office(*changes: tuple[str, str]) -> str:
    """The corpus listing as an office: no stay, no places, no shelter service."""
    stay = "stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\nplaces: 20\n"
    return base_listing(
        ("kind: shelter", "kind: centre"), ("[shelter, psychological]", "[psychological, legal]"), (stay, ""), *changes
    )


def test_the_street_is_found_in_a_shelters_text(tmp_path: Path):
    """The control of the two tests below: the same words on a shelter are refused."""
    assert location_label(STREET)
    text = base_listing(("ru: Временный приют для", f"ru: Временный приют ({STREET}) для"))
    assert any(LOOKS_LIKE in p for p in _problems(tmp_path, text))


def test_a_place_that_houses_no_one_may_say_where_it_is(tmp_path: Path):
    """An office (no stay, no places, no shelter service) may say its street; only a place
    where people stay must not. The rule returns early for it."""
    text = _office(("ru: Временный приют для", f"ru: Консультации ({STREET}) для"))
    assert _problems(tmp_path, text) == []


def test_only_the_text_a_reader_sees_is_read_for_an_address(tmp_path: Path):
    """A shelter's links (website, social pages, a source's address) are not text: they are
    checked for maps by their own rule. An address-like link is not refused as text."""
    link = "https://example.kz/мкр-Самал-2-дом-5"
    assert location_label(link), "the link alone would be read as a place"
    text = base_listing(
        ("languages: [kk, ru]", f"  website: {link}\n  social: [{link}/x]\nlanguages: [kk, ru]"),
        ("url: https://example.kz/article", f"url: {link}/y"),
        ("ru: Временный приют для", "ru: Временный приют (домашнее насилие) для"),
    )
    assert may_hold_location("домашнее насилие"), "the free text passes the cheap filter, so every field is read"
    assert _problems(tmp_path, text) == []


@pytest.mark.parametrize(
    ("low", "high", "refused"),
    [("3 months", "3 months", False), ("3 months", "2 months", True), ("1 day", "24 hours", False)],
)
def test_a_stay_may_be_as_long_at_least_as_at_most(tmp_path: Path, low: str, high: str, refused: bool):
    text = base_listing(("min: 2 hours\n  max: 6 months", f"min: {low}\n  max: {high}"))
    found = [p for p in _problems(tmp_path, text) if "[stay-in-order]" in p]
    assert bool(found) == refused, found


def test_the_exceptional_maximum_may_equal_the_maximum(tmp_path: Path):
    assert _problems(tmp_path, base_listing(("exceptional_max: 9 months", "exceptional_max: 6 months"))) == []
    refused = _problems(tmp_path, base_listing(("exceptional_max: 9 months", "exceptional_max: 5 months")))
    assert [p for p in refused if "[stay-in-order]" in p and "stay.exceptional_max" in p], refused


@pytest.mark.parametrize(("low", "high", "refused"), [(18, 18, False), (18, 17, True), (0, 0, False)])
def test_one_age_only_is_an_age_range(tmp_path: Path, low: int, high: int, refused: bool):
    text = base_listing(("age_min: 18\n  age_max: unknown", f"age_min: {low}\n  age_max: {high}"))
    found = [p for p in _problems(tmp_path, text) if "[ages-in-order]" in p]
    assert bool(found) == refused, found


@pytest.mark.parametrize(("today", "warned"), [("2026-01-10", False), ("2026-01-11", True)])
def test_checked_within_a_year_is_365_days(tmp_path: Path, today: str, warned: bool):
    """Checked on 2025-01-10: a year later to the day is still in time, the day after is not
    (the days written out here, not taken from the constant the rule uses)."""
    text = base_listing(("last_checked: 2026-11-01", "last_checked: 2025-01-10"))
    found = _problems(tmp_path, text, dt.date.fromisoformat(today))
    assert found == (
        ["54:17: the listing was last checked on 2025-01-10, more than 12 months ago [checked-within-a-year]"]
        if warned
        else []
    )


def test_a_month_or_a_year_is_read_as_its_first_day():
    from generator.data.rules.base import parse_date

    assert parse_date("2026-05") == dt.date(2026, 5, 1)
    assert parse_date("2026") == dt.date(2026, 1, 1)
    assert parse_date("2026-05-31") == dt.date(2026, 5, 31)
    assert parse_date("2026-02-30") is None and parse_date("2026-13") is None


def test_a_source_of_this_month_is_not_in_the_future(tmp_path: Path):
    """Read as its first day, December 2026 has begun on 2026-12-01."""
    assert _problems(tmp_path, base_listing(("date: 2024-05-01", "date: 2026-12"))) == []
    assert _problems(tmp_path, base_listing(("date: 2024-05-01", 'date: "2027"'))) == [
        "50:11: the date 2027 is in the future [date-not-in-future]"
    ]
