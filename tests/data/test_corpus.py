"""Every file of the invalid corpus produces exactly the problems EXPECTED.<lang>.txt names, in en, kk and ru."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import pytest

from generator.data.messages import in_lang
from generator.data.validate import validate

from ..conftest import CORPUS, make_data_dir

INVALID = CORPUS / "invalid"


LANGS = ("en", "kk", "ru")  # EXPECTED.<lang>.txt: what `validate --lang <lang>` prints


def _expected(lang: str) -> dict[str, set[str]]:
    expected: dict[str, set[str]] = defaultdict(set)
    for line in (INVALID / f"EXPECTED.{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            expected[line.split(":", 1)[0]].add(line)
    return expected


EXPECTED = {lang: _expected(lang) for lang in LANGS}
CASES = sorted(p for p in INVALID.iterdir() if not p.name.startswith("EXPECTED."))


@pytest.mark.parametrize("lang", LANGS)
def test_every_case_has_expectations_and_every_expectation_a_case(lang: str):
    assert {p.name for p in CASES} == set(EXPECTED[lang])
    assert len(CASES) >= 40


def test_each_language_says_the_same_problems_at_the_same_places():
    """The three files differ only in the words after `error:`: the same files, lines, columns and
    severities, and the Kazakh and Russian words are not the English ones."""
    where = {
        lang: sorted(line.split(": ", 2)[:2] for lines in EXPECTED[lang].values() for line in lines) for lang in LANGS
    }
    assert where["en"] and where["en"] == where["kk"] == where["ru"]
    english = {line for lines in EXPECTED["en"].values() for line in lines}
    for lang in ("kk", "ru"):
        said = [line for lines in EXPECTED[lang].values() for line in lines]
        assert said and not english & set(said), lang


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_invalid_listing_reports_its_problem(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One validation, printed in each language: what EXPECTED.<lang>.txt says."""
    data = make_data_dir(tmp_path / "data", [case])
    monkeypatch.chdir(data / "centres")  # paths print relative to the working folder
    report = validate(data)
    assert not report.ok
    for lang in LANGS:
        printed = {
            f"{p.path}:{p.line}:{p.col}: {p.severity.value}: {in_lang(p.message, lang)}" for p in report.problems
        }
        assert printed == EXPECTED[lang][case.name], lang
    assert all(p.hint for p in report.errors if "another listing" not in p.message), "every error has a hint"


def test_valid_base_passes(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    report = validate(data)
    assert report.ok, [p.as_text() for p in report.problems]
    assert [x.id for x in report.catalogue.listings] == ["almaty-corpus-base"]


def test_whole_corpus_at_once_reports_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One run lists the problems of every file, not just the first."""
    data = make_data_dir(tmp_path / "data", CASES)
    monkeypatch.chdir(data / "centres")
    report = validate(data)
    assert {p.path for p in report.errors} >= {c.name for c in CASES}


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data")
    huge = data / "centres" / "huge.yaml"
    huge.write_text("description: " + "а" * 400_000 + "\n", encoding="utf-8")
    monkeypatch.chdir(data / "centres")
    report = validate(data)
    [problem] = report.errors
    assert (problem.path, problem.line, problem.col) == ("huge.yaml", 1, 1)
    assert "KB; a listing must be under 256 KB" in problem.message


def test_wrong_extension_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "centre.yml").write_text("id: centre\n", encoding="utf-8")
    monkeypatch.chdir(data / "centres")
    [problem] = validate(data).errors
    assert problem.path == "centre.yml" and "must end in .yaml" in problem.message


def test_duplicate_phone_and_name_across_files_on_the_newer_naming_the_older(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Reported on the listing checked later (the one being added), naming the one already there,
    whichever name sorts first. Before, it was reported on whichever file name sorted later."""
    base = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "almaty-corpus-base.yaml").write_text(base, encoding="utf-8")
    newer = base.replace("id: almaty-corpus-base", "id: almaty-a-copy").replace("2026-11-01", "2026-11-20")
    (data / "centres" / "almaty-a-copy.yaml").write_text(newer, encoding="utf-8")
    monkeypatch.chdir(data / "centres")
    found = sorted((p.path, p.line, p.message) for p in validate(data, today=dt.date(2026, 12, 1)).errors)
    assert found == [
        ("almaty-a-copy.yaml", 7, "another listing in the same place has this name: almaty-corpus-base.yaml"),
        ("almaty-a-copy.yaml", 8, "another listing in the same place has this name: almaty-corpus-base.yaml"),
        ("almaty-a-copy.yaml", 43, "the number +7 701 123 4567 is also given by almaty-corpus-base.yaml"),
    ]


def test_duplicate_checked_the_same_day_is_reported_on_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """When it is not known which is newer, each names the other: never hidden on one file only."""
    base = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / "almaty-corpus-base.yaml").write_text(base, encoding="utf-8")
    (data / "centres" / "almaty-copy.yaml").write_text(
        base.replace("id: almaty-corpus-base", "id: almaty-copy"), encoding="utf-8"
    )
    monkeypatch.chdir(data / "centres")
    found = sorted((p.path, p.message) for p in validate(data, today=dt.date(2026, 12, 1)).errors)
    assert found == [
        ("almaty-copy.yaml", "another listing in the same place has this name: almaty-corpus-base.yaml"),
        ("almaty-copy.yaml", "another listing in the same place has this name: almaty-corpus-base.yaml"),
        ("almaty-copy.yaml", "the number +7 701 123 4567 is also given by almaty-corpus-base.yaml"),
        ("almaty-corpus-base.yaml", "another listing in the same place has this name: almaty-copy.yaml"),
        ("almaty-corpus-base.yaml", "another listing in the same place has this name: almaty-copy.yaml"),
        ("almaty-corpus-base.yaml", "the number +7 701 123 4567 is also given by almaty-copy.yaml"),
    ]


def test_stale_listing_is_a_warning_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    report = validate(data, today=dt.date(2028, 1, 1))
    assert report.ok
    [warning] = report.problems
    assert "more than 12 months ago" in warning.message and not warning.is_error


def test_paths_are_relative_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = make_data_dir(tmp_path / "data", [INVALID / "bad-kind.yaml"])
    monkeypatch.chdir(tmp_path)
    [problem] = validate(data).errors
    assert problem.path == "data/centres/bad-kind.yaml".replace("/", os.sep).replace(os.sep, "/")
