"""The validator's rules as a registry (issue 15): each is a small object with a stable id,
a one-sentence description in kk, ru and en, a scope, a check, and a small bad example that
triggers that rule and no other; every problem names the rule, or the step, that found it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data.problems import Problem
from generator.data.rules import OTHER_SOURCES, RULES, CatalogueRule, Example, Rule, Scope, rule
from generator.data.rules import example as examples
from generator.data.validate import validate

from ..conftest import CORPUS, make_data_dir

KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)


def test_ids_are_unique_kebab_case_and_stable():
    ids = [each.id for each in RULES]
    assert len(ids) == len(set(ids))
    assert all(KEBAB.match(each) for each in ids), ids
    assert not set(ids) & set(OTHER_SOURCES)
    # Every message prints its id and the maintainers' page links it (#rule-<id>), so an id is
    # renamed or dropped on purpose, here; a new rule adds its id.
    assert ids == [
        "id-matches-file",
        "known-region",
        "known-city",
        "city-in-region",
        "known-service",
        "valid-phone",
        "phone-listed-once",
        "way-to-reach",
        "line-has-phone",
        "real-date",
        "date-not-in-future",
        "checked-within-a-year",
        "status-history-agrees",
        "stay-in-order",
        "ages-in-order",
        "no-address-where-people-stay",
        "no-map-link",
        "no-html",
        "no-location-in-text",
        "duplicate-name",
        "duplicate-phone",
    ]


@pytest.mark.parametrize("each", RULES, ids=[each.id for each in RULES])
def test_every_rule_has_a_description_in_kk_ru_and_en_a_scope_and_a_check(each: Rule | CatalogueRule):
    assert set(each.description) == {"kk", "ru", "en"}
    for lang, text in each.description.items():
        assert text.strip() and text.endswith("."), (lang, text)
        assert "\n" not in text
    assert CYRILLIC.search(each.description["kk"]) and CYRILLIC.search(each.description["ru"])
    assert KAZAKH_ONLY.search(each.description["kk"]), "the kk description is in Kazakh"
    assert not KAZAKH_ONLY.search(each.description["ru"]) and not CYRILLIC.search(each.description["en"])
    assert callable(each.check)
    if isinstance(each, CatalogueRule):
        assert each.scope is Scope.CATALOGUE and callable(each.claims)
        assert each.example.others, "a rule across listings needs a second listing in its example"
    else:
        assert each.scope is Scope.LISTING
    assert rule(each.id) is each


def test_the_listing_the_examples_change_is_valid():
    assert examples.run(Example({})) == []
    assert examples.run(Example({}, others=({"name": {"kk": "Басқа", "ru": "Другой"}},))) != []  # a shared number
    assert (
        examples.run(
            Example({}, others=({"name": {"kk": "Басқа", "ru": "Другой"}, "contacts.phones.0.number": "150"},))
        )
        == []
    )


@pytest.mark.parametrize("each", RULES, ids=[each.id for each in RULES])
def test_each_example_triggers_its_rule_and_no_other(each: Rule | CatalogueRule):
    """On the otherwise valid listing: neither the schema nor another rule finds anything."""
    problems = examples.run(each.example)
    assert problems, f"the example of {each.id} finds nothing"
    assert {p.rule for p in problems} == {each.id}, [p.as_text() for p in problems]
    assert examples.messages(each) == [p.message for p in problems]


def test_every_problem_of_the_invalid_corpus_names_its_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cases = sorted(p for p in (CORPUS / "invalid").iterdir() if not p.name.startswith("EXPECTED."))
    data = make_data_dir(tmp_path / "data", cases)
    monkeypatch.chdir(data / "centres")
    problems = validate(data).problems
    known = {each.id for each in RULES} | set(OTHER_SOURCES)
    assert len(problems) >= len(cases)
    assert [p.as_text() for p in problems if p.rule not in known] == []
    found = {p.rule for p in problems}
    assert {"yaml", "schema", "known-region", "no-html", "no-location-in-text", "duplicate-phone"} <= found


def test_a_missing_data_file_and_a_stray_entry_name_the_file_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data")
    (data / "services.yaml").unlink()
    (data / "centres" / "notes.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(data)
    problems = validate(data).problems
    assert problems and {p.rule for p in problems} <= {"file", "reference"}, [p.as_text() for p in problems]


def test_the_rule_id_follows_the_message_in_text_and_in_annotations():
    problem = Problem("a.yaml", 17, 11, "unknown region `KZ-99`", "Use an ISO code.", rule="known-region")
    assert problem.as_text() == "a.yaml:17:11: error: unknown region `KZ-99` [known-region]\n    hint: Use an ISO code."
    assert problem.as_github() == (
        "::error file=a.yaml,line=17,col=11,title=Listing check::unknown region `KZ-99` [known-region] "
        "Hint: Use an ISO code."
    )
    assert Problem("a.yaml", 1, 1, "no rule").as_text() == "a.yaml:1:1: error: no rule"


def test_status_history_out_of_order_or_in_the_future_is_found():
    steps = [
        {"status": "suspended", "date": "2025-06", "source": "https://example.kz/a"},
        {"status": "active", "date": "2025-02", "source": "https://example.kz/b"},
        {"status": "active", "date": "2027", "source": "https://example.kz/c"},
    ]
    found = [p.message for p in examples.run(Example({"status_history": steps})) if p.rule == "status-history-agrees"]
    assert found == ["the date 2025-02 is before the step above it", "the date 2027 is in the future"]
    good = examples.run(Example({"status_history": steps[:1] + [{**steps[1], "date": "2025-10"}]}))
    assert good == []
