"""The maintainers' tools (from-issue, audit-issue, fields, template) say what went wrong in the
language of the environment, from words/<lang>/tools.yaml, like the editors' tools: they printed
English from Python before ("cannot read …", "out of date")."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.data import catalogs

from ..conftest import run_cli_here

LOCALES = {"kk": "kk_KZ.UTF-8", "ru": "ru_RU.UTF-8", "en": "C.UTF-8"}


def run(args: list[str], lang: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` from the repository, LANG naming the language and LC_ALL empty,
    in this process (run_cli_here)."""
    return run_cli_here(*args, env={"LANG": LOCALES[lang], "LC_ALL": ""})


def opening(lang: str, key: str) -> str:
    """The words of a message before its first placeholder."""
    text = catalogs.table("tools")[lang][key]
    return text.split("{")[0] if not text.startswith("{") else text.split("}", 1)[1].split("{")[0]


@pytest.mark.parametrize("lang", LOCALES)
def test_from_issue_says_it_cannot_read_the_form_in_the_editors_language(lang: str, tmp_path: Path):
    missing = tmp_path / "no-such-issue.md"
    result = run(["from-issue", "--number", "1", str(missing)], lang)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert opening(lang, "tool.cannot-read").strip() in result.stderr
    assert str(missing) in result.stderr


@pytest.mark.parametrize("lang", LOCALES)
def test_audit_issue_says_it_cannot_read_the_issues_in_the_editors_language(lang: str, tmp_path: Path):
    result = run(["audit-issue", "--issues", str(tmp_path / "none.json"), "--findings", "1"], lang)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {opening(lang, 'audit.cannot-read-issues')}")


def test_the_messages_differ_by_language():
    words = catalogs.table("tools")
    keys = ("tool.updated", "tool.out-of-date", "tool.cannot-read", "from-issue.written", "audit.cannot-read-issues")
    for key in keys:
        assert len({words[lang][key] for lang in LOCALES}) == 3, key
