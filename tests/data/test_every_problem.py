"""One run reports every problem of a listing, each once (issue 14, section 5).

Before, the rules across fields and files ran only on listings the schema
passed: with three mistakes in one file, two were reported, and the third
appeared only after they were fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from generator.data.rules import ListingRules
from generator.data.schema_check import schema_problems
from generator.data.validate import validate
from generator.data.yamlload import LoadedFile, Positions

from ..conftest import CORPUS, DATA, base_listing, make_data_dir
from .test_schema_fastpath import SEEDS, VARIANTS, _mutants, _seed

BASE = base_listing()
TODAY = dt.date(2026, 12, 1)


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> set[str]:
    data = make_data_dir(tmp_path / "data")
    for name, text in files.items():
        (data / "centres" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(data / "centres")
    report = validate(data, today=TODAY)
    return {f"{p.path}:{p.line}:{p.col}: {p.message}" for p in report.problems}


def test_schema_mistakes_and_rule_mistakes_are_reported_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = base_listing(
        ("kind: shelter", "kind: hostel"),  # the schema
        ("city: almaty", "city: atlantis"),  # a rule: the reference data
        ("[shelter, psychological]", "[shelter, massage]"),  # a rule: the reference data
        ("age_min: 18\n  age_max: unknown", "age_min: 18\n  age_max: 16"),  # a rule across fields
        ("date: 2024-05-01", "date: 2099-05-01"),  # a rule: today
        ("  ru: Временный приют", "  ru: <b>Временный</b> приют"),  # a rule: the text
        ("places: 20", "places: many"),  # the schema
    )
    assert _run(tmp_path, monkeypatch, {"almaty-corpus-base.yaml": text}) == {
        "almaty-corpus-base.yaml:4:7: `kind` is `hostel`; it must be one of: shelter, centre, helpline, emergency",
        "almaty-corpus-base.yaml:37:9: `places` has a value that is not allowed: `many`",
        "almaty-corpus-base.yaml:18:9: unknown city `atlantis`",
        "almaty-corpus-base.yaml:19:21: unknown service `massage`",
        "almaty-corpus-base.yaml:23:12: age_max (16) is below age_min (18)",
        "almaty-corpus-base.yaml:50:11: the date 2099-05-01 is in the future",
        "almaty-corpus-base.yaml:14:7: HTML is not allowed in a listing",
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("region: KZ-75", "region: KZ-7"), "17:11: `location.region` has a value that does not fit: `KZ-7`"),
        (
            ("city: almaty", "city: Almaty"),
            "18:9: `location.city` has a value that does not fit: `Almaty` (write it in small letters: `almaty`)",
        ),
        (("id: almaty-corpus-base", "id: Almaty Base"), "3:5: `id` has a value that does not fit: `Almaty Base`"),
        (
            ("[shelter, psychological]", "[shelter, Massage]"),
            "19:21: `services[2]` has a value that does not fit: `Massage` (write it in small letters: `massage`)",
        ),
        (
            ("last_checked: 2026-11-01", "last_checked: 01.11.2026"),
            "54:17: `verification.last_checked` has a value that does not fit: `01.11.2026`",
        ),
        (("date: 2024-05-01", "date: 2024-5-1"), "50:11: `sources[1].date` has a value that does not fit: `2024-5-1`"),
        (("max: 6 months", "max: half a year"), "35:8: `stay.max` has a value that does not fit: `half a year`"),
        (("age_min: 18", "age_min: 180"), "22:12: `eligibility.age_min` has a value that is not allowed: `180`"),
        (
            ('number: "+7 701 123 4567"', 'number: "+7"'),
            "43:15: `contacts.phones[1].number` is shorter than 3 characters",
        ),
        (
            ('  phones:\n    - number: "+7 701 123 4567"\n      type: voice\n', "  email: a@b.kz\n"),
            "41:1: contacts needs `channels`: the ways to reach them, or `[]` with `how_to_reach`",
        ),
    ],
)
def test_a_value_the_schema_refused_is_not_reported_again_by_a_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, str], expected: str
):
    """An unknown region that does not even look like a code is the schema's to report, once."""
    assert _run(tmp_path, monkeypatch, {"almaty-corpus-base.yaml": base_listing(change)}) == {
        f"almaty-corpus-base.yaml:{expected}"
    }


def test_a_listing_the_schema_refused_still_counts_for_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    newer = base_listing(
        ("id: almaty-corpus-base", "id: almaty-new"),
        ("last_checked: 2026-11-01", "last_checked: 2026-11-25"),
        ("status: active", "status: open"),
        ("  kk: Сынақ баспанасы", "  kk: Басқа атау"),
    )
    assert _run(tmp_path, monkeypatch, {"almaty-corpus-base.yaml": BASE, "almaty-new.yaml": newer}) == {
        "almaty-new.yaml:5:9: `status` is `open`; it must be one of: active, suspended, closed, unknown",
        "almaty-new.yaml:8:7: another listing in the same place has this name: almaty-corpus-base.yaml",
        "almaty-new.yaml:43:15: the number +7 701 123 4567 is also given by almaty-corpus-base.yaml",
    }


def test_a_listing_whose_check_date_is_not_known_is_taken_as_the_newer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """It cannot be older than one checked on a known day; and it is the one with a problem already."""
    unknown = base_listing(
        ("id: almaty-corpus-base", "id: almaty-a"), ("last_checked: 2026-11-01", "last_checked: 2026-02-30")
    )
    problems = _run(tmp_path, monkeypatch, {"almaty-corpus-base.yaml": BASE, "almaty-a.yaml": unknown})
    assert {p.split(":")[0] for p in problems} == {"almaty-a.yaml"}
    assert "almaty-a.yaml:43:15: the number +7 701 123 4567 is also given by almaty-corpus-base.yaml" in problems


def test_three_listings_with_one_number_each_name_the_oldest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = {"almaty-corpus-base.yaml": BASE}
    for name, day, city, region in (
        ("a-first", "2026-11-10", "astana", "KZ-71"),
        ("z-last", "2026-11-20", "shymkent", "KZ-79"),
    ):
        files[f"{name}.yaml"] = base_listing(
            ("id: almaty-corpus-base", f"id: {name}"),
            ("last_checked: 2026-11-01", f"last_checked: {day}"),
            ("region: KZ-75\n  city: almaty", f"region: {region}\n  city: {city}"),
        )
    assert _run(tmp_path, monkeypatch, files) == {
        "a-first.yaml:43:15: the number +7 701 123 4567 is also given by almaty-corpus-base.yaml",
        "z-last.yaml:43:15: the number +7 701 123 4567 is also given by almaty-corpus-base.yaml",
    }


def test_a_number_given_twice_in_one_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = base_listing(
        ("      type: voice\n", '      type: voice\n    - number: "8 701 123 45 67"\n      type: voice\n')
    )
    assert _run(tmp_path, monkeypatch, {"almaty-corpus-base.yaml": text}) == {
        "almaty-corpus-base.yaml:45:15: the number +7 701 123 4567 is given twice in this listing"
    }


@functools.cache
def _reference() -> Any:
    catalogue = validate(DATA).catalogue
    assert catalogue is not None
    return catalogue


def _rules() -> ListingRules:
    catalogue = _reference()
    return ListingRules(catalogue.regions, catalogue.cities, catalogue.services, TODAY)


@pytest.mark.parametrize("name", [*SEEDS, *VARIANTS])
def test_rules_never_raise_on_what_the_schema_refused(name: str):
    """Every value of the listing replaced (wrong types, edge values), deleted, doubled; fields added.
    Where the schema passes the result, the rules say the same with and without shape_checked."""
    rules, data = _rules(), _seed(name)
    refused = 0
    for index, what in enumerate(_mutants(data)):
        if index % 3:  # a third of them keeps this under a few seconds a seed
            continue
        loaded = LoadedFile(Path(f"{name}.yaml"), f"{name}.yaml", data, Positions())
        schema_found = schema_problems(data, loaded.positions, loaded.display)
        try:
            found = rules.check(loaded, name, shape_checked=not schema_found)
            if not schema_found:
                assert found == rules.check(loaded, name, shape_checked=False), what
        except Exception as exc:  # pragma: no cover - the message says which change
            raise AssertionError(f"{name}: {what}: {exc!r}") from exc
        refused += bool(schema_found)
        assert all(p.line >= 1 and p.col >= 1 for p in found)
    rules.duplicates()
    assert refused > 300


def test_rules_skip_a_listing_that_is_not_a_group_of_fields():
    rules = _rules()
    for data in (None, 1, "text", [], [{"id": "x"}]):
        loaded: Any = LoadedFile(Path("x.yaml"), "x.yaml", data, Positions())
        assert rules.check(loaded, "x", shape_checked=False) == []


def test_a_misspelt_scope_is_one_problem_not_a_false_one_about_national_listings(tmp_path: Path):
    """Before: `scope: lokal` also said 'a national listing has no location' at the file's top,
    from the schema's else branch, which took any scope but local for national."""
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    path = data / "centres" / "almaty-corpus-base.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("scope: local", "scope: lokal"), encoding="utf-8")
    messages = [p.message for p in validate(data).problems]
    assert messages == ["`scope` is `lokal`; it must be one of: local, national"]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("region: KZ-75", "region: KZ-32", ["Did you mean KZ-31 (Жамбыл облысы) or KZ-33 (Жетісу облысы)?", "KZ-75"]),
        ("region: KZ-75", "region: KZ-99", ["The codes: KZ-10 (Абай облысы)", "KZ-79 (Шымкент"]),
        ("city: almaty", "city: almatty", ["Did you mean `almaty`?"]),
        ("city: almaty", "city: Taraz", ["write it in small letters: `taraz`"]),
    ],
)
def test_an_unknown_region_or_city_gets_a_hint_a_volunteer_can_act_on(tmp_path: Path, old: str, new: str, words):
    """Issue 16, item 21: before, the hint named data/regions.yaml and one example code only."""
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    path = data / "centres" / "almaty-corpus-base.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    [problem] = validate(data).errors
    said = problem.message + " " + problem.hint
    assert all(word in said for word in words), said
