"""The command line, run as NGO staff and CI run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.problems import Problem

from .conftest import CORPUS, DATA, ROOT, make_data_dir


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_real_data_is_valid():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr


def test_invalid_corpus_exits_1_with_every_problem_and_no_traceback(tmp_path: Path):
    cases = [p for p in (CORPUS / "invalid").iterdir() if p.suffix == ".yaml"]
    data = make_data_dir(tmp_path / "data", cases)
    result = run("validate", "--data", str(data), cwd=data / "centres")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    problem_lines = [ln for ln in result.stdout.splitlines() if not ln.startswith("    hint: ")]
    assert len(problem_lines) >= len(cases)
    for line in problem_lines:
        path, lineno, col, rest = line.split(":", 3)
        assert path.endswith(".yaml") and lineno.isdigit() and col.isdigit() and rest.startswith(" error: ")
    assert result.stdout.count("    hint: ") >= len(cases)


def test_github_format(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "invalid" / "bad-kind.yaml"])
    result = run("validate", "--data", str(data), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    line = result.stdout.strip()
    assert line.startswith("::error file=data/centres/bad-kind.yaml,line=4,col=7,title=Listing check::")
    assert "`kind` is `hostel`" in line


def test_github_escaping_of_properties_and_message():
    problem = Problem("a,b:c%.yaml", 3, 1, "50% bad\nnext line", "use a, b: c")
    assert problem.as_github() == (
        "::error file=a%2Cb%3Ac%25.yaml,line=3,col=1,title=Listing check::50%25 bad%0Anext line Hint: use a, b: c"
    )


FORGED = "x.yaml:1:1: error: forged"


@pytest.mark.parametrize("char", ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_a_line_break_in_a_path_message_or_hint_never_starts_a_line_of_its_own(char: str):
    # Values are quoted in messages, and file names are printed: a line break in either used to
    # print a forged `path:line:col: error:` line (or a forged GitHub command).
    problem = Problem(f"a{char}{FORGED}.yaml", 1, 1, f"`{char}{FORGED}`", f"hint{char}{FORGED}")
    text = problem.as_text()
    assert len(text.splitlines()) == 2 and text.splitlines()[1].startswith("    hint: ")
    assert len(problem.as_github().splitlines()) == 1
    assert FORGED in text and "\\" in text  # still shown, as an escape


def test_invisible_characters_are_printed_as_escapes():
    problem = Problem("a\u202eb.yaml", 2, 3, "`x\u202ey\x1b[31m\u2066`", "\x00")
    assert problem.as_text() == "a\\u202eb.yaml:2:3: error: `x\\u202ey\\x1b[31m\\u2066`\n    hint: \\x00"
    assert "\\u202e" in problem.as_github() and "\x1b" not in problem.as_github()
    assert (
        Problem("алматы.yaml", 1, 1, "Қазақ «тілі» ok\ttab").as_text()
        == "алматы.yaml:1:1: error: Қазақ «тілі» ok\\ttab"
    )


def test_wrong_usage_exits_2(tmp_path: Path):
    assert main(["validate", "--format", "xml"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["validate", "--data", str(tmp_path / "missing")]) == 2


def test_build_stops_on_invalid_data_with_the_same_report(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "invalid" / "bad-kind.yaml"])
    result = run("build", "--data", str(data), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 1
    assert "data/centres/bad-kind.yaml:4:7: error: `kind` is `hostel`" in result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_bug_is_reported_in_one_line_without_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys):
    def broken(data_dir):
        raise ValueError("Exceeds the limit (4300 digits)\nforged.yaml:1:1: error: x")

    monkeypatch.setattr("generator.cli.validate", broken)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "internal error (ValueError: Exceeds the limit" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and " at test_cli.py:" in err  # where it was raised


@pytest.mark.slow  # builds through MkDocs, which conftest's check for site.build( misses
def test_a_build_that_fails_midway_says_so_in_plain_words_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    from generator.site import search_index

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("<p>published</p>", encoding="utf-8")

    def crash(site_dir: Path) -> None:
        raise RuntimeError("a bug in a feature")

    monkeypatch.setattr(search_index, "index_pages", crash)
    few = make_data_dir(tmp_path / "data", [DATA / "centres" / "national-150.yaml"])  # a whole build, quicker
    assert main(["build", "--data", str(few), "--site-dir", str(site_dir)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error (RuntimeError: a bug in a feature)" in err
    assert f"The site in {site_dir} was not changed." in err
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "<p>published</p>"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["data", "site"]


def test_a_data_folder_that_is_not_a_folder_is_named_so(tmp_path: Path, capsys):
    import os

    fifo = tmp_path / "data"
    os.mkfifo(fifo)
    assert main(["validate", "--data", str(fifo)]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main(["validate", "--data", str(tmp_path / "nothing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_build_into_the_checkout_is_refused_in_plain_words(capsys):
    """Before: `build --site-dir .` replaced the checkout with the site and exited 0."""
    before = sorted(p.name for p in ROOT.iterdir())
    assert main(["build", "--site-dir", str(ROOT)]) == 1
    err = capsys.readouterr().err
    assert "would replace" in err and "was not changed" in err and "Traceback" not in err
    assert sorted(p.name for p in ROOT.iterdir()) == before
