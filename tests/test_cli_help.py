"""`python -m generator … --help`, and argparse's word on a wrong command line, speak Kazakh,
Russian or English (issue 19): the language of --lang, else of LC_ALL/LANG, else English, as
every tool's messages; the words are in words/<lang>/help.yaml (their key parity is
tests/test_no_words_in_code_tools.py's)."""

from __future__ import annotations

import argparse
import inspect
import os
import re
import subprocess
import sys

import pytest

from generator.cli import _parser, main
from generator.data.cli_help import argparse_message, help_lang

from .conftest import ROOT

# Latin words a Kazakh or Russian help keeps on purpose, after the option and command names,
# the `{choices}`, `code` and file names are taken out: names of products and formats, the
# words GitHub's own pages show (editors meet them there in English), what an editor types
# (languages, the listing's enum values, an example id, the Enter key), the date pattern.
KEPT = {
    *("GitHub", "MkDocs", "Markdown", "JSON", "CI", "WhatsApp", "Telegram", "SMS", "LANG"),
    *("issue", "pull", "request", "workflow", "annotations", "job", "summary", "git", "gh", "list"),
    *("unified", "diff", "modeline", "pipe"),
    *("kk", "ru", "en", "Enter", "YYYY", "MM", "DD", "id", "almaty", "almaty-dom-dlya-mamy", "unknown"),
    *("shelter", "centre", "helpline", "emergency", "active", "suspended", "closed", "local", "national"),
}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def _typed(commands: dict[str, argparse.ArgumentParser]) -> set[str]:
    """What an editor types after `python -m generator`: the commands and the options' values."""
    values = {str(choice) for command in commands.values() for a in command._actions for choice in a.choices or ()}
    return set(commands) | values


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The help of `argv` (a command and its --lang); the top one's --lang after --help, as
    only the commands take --lang."""
    assert main(["--help", *argv] if not argv or argv[0].startswith("-") else [*argv, "--help"]) == 0
    out, err = capsys.readouterr()
    assert not err
    return out


def _english_words(text: str, typed: set[str]) -> set[str]:
    """The Latin words of a help text that are not the ones it has to keep."""
    text = re.sub(r"`[^`]*`|\{[^}]*\}|python -m generator", " ", text)
    words = set()
    for token in text.split():
        token = token.strip("()[],;:«»")
        if token in typed or token in KEPT or token.startswith("-") or re.search(r"[/.$=<:_*]", token):
            continue  # a command or option the editor types, a path, a variable, an address
        words.update(re.findall(r"[A-Za-z]+", token))
    return words - KEPT


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_help_page_speaks_the_language_of_lang(lang: str, capsys: pytest.CaptureFixture[str]):
    commands = _commands()
    assert len(commands) >= 10
    pages = {"": _help(capsys, "--lang", lang)} | {name: _help(capsys, name, "--lang", lang) for name in commands}
    for name, page in pages.items():
        assert CYRILLIC.search(page.splitlines()[0]), (name, page)  # "қолданылуы:" / "использование:"
        assert _english_words(page, _typed(commands)) == set(), (name, page)
    usage = {"kk": "қолданылуы: python -m generator", "ru": "использование: python -m generator"}[lang]
    assert all(page.startswith(usage) for page in pages.values())
    described = {"kk": "деректер қалтасы (әдепкісі: data/)", "ru": "папка данных (по умолчанию: data/)"}[lang]
    assert described in pages["validate"]


def test_the_check_for_english_finds_an_untranslated_line():
    """The check itself: a line left in English is found; names, options and paths are not."""
    line = "  --data ПАПКА  data folder for GitHub (default: data/); see `gh issue list`, fix"
    assert _english_words(line, {"fix"}) == {"data", "folder", "for", "default", "see"}


def test_the_top_help_lists_every_command_with_its_line(capsys: pytest.CaptureFixture[str]):
    lines = {"kk": "барлық жазбаны тексеріп", "ru": "проверить все записи", "en": "check every listing"}
    for lang, line in lines.items():
        page = _help(capsys, "--lang", lang)
        assert line in page
        for name in _commands():
            described = re.search(rf"^    {re.escape(name)}(\s+|\n\s+)(\S.*)$", page, re.M)
            assert described, (lang, name)
            assert not described.group(2).startswith("-"), (lang, name)


def test_every_command_and_option_is_described():
    commands = _commands()
    options = 0
    for name, command in commands.items():
        assert command.description, name
        for action in command._actions:
            if action.help != argparse.SUPPRESS:
                assert action.help, (name, action.option_strings or action.dest)
                options += 1
    assert options > 60


def test_the_environment_chooses_the_language_and_lang_wins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert "показать эту справку и выйти" in _help(capsys, "fix")
    assert "осы көмек мәтінін көрсетіп" in _help(capsys, "fix", "--lang", "kk")
    monkeypatch.setenv("LANG", "C.UTF-8")
    english = _help(capsys, "fix")
    assert english.startswith("usage: python -m generator fix")
    assert re.search(r"--data FOLDER +data folder \(default: data/\)", english)


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["validate", "--lang", "ru", "--help"], "ru"),
        (["--help", "--lang=kk"], "kk"),
        (["check-pr", "--lang", "kk+ru"], "kk"),  # several: the first
        (["validate", "--lang", "de", "--help"], "en"),  # not spoken: argparse says so, in English
        (["validate", "--", "--lang", "ru"], "en"),
        (["validate", "--lang"], "en"),
    ],
)
def test_the_help_language_is_read_from_the_command_line_first(
    argv: list[str], lang: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    assert help_lang(argv) == lang


def test_python_m_generator_help_in_kazakh_from_the_environment():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "kk_KZ.UTF-8", "LC_ALL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("қолданылуы: python -m generator [-h] ПӘРМЕН ...")
    assert "осы көмек мәтінін көрсетіп, жұмысты аяқтау" in result.stdout


# argparse's messages about a wrong command line, with values as argparse gives them.
ARGPARSE_MESSAGES = {
    "the following arguments are required: %s": ("--number",),
    "unrecognized arguments: %s": ("--sity",),
    "argument %(argument_name)s: %(message)s": {"argument_name": "--format", "message": "..."},
    "invalid choice: %(value)r (choose from %(choices)s)": {"value": "xml", "choices": "'text', 'github'"},
    "invalid %(type)s value: %(value)r": {"type": "fromisoformat", "value": "2026-13-01"},
    "expected one argument": {},
    "ambiguous option: %(option)s could match %(matches)s": {"option": "--d", "matches": "--data, --diff"},
    "ignored explicit argument %r": ("yes",),
}


def test_argparse_says_each_of_its_messages_in_kazakh_and_russian():
    source = inspect.getsource(argparse)
    for message, values in ARGPARSE_MESSAGES.items():
        assert repr(message) in source, message  # this Python's argparse still says it so
        for lang in ("kk", "ru"):
            said = argparse_message(message, lang) % values
            assert CYRILLIC.search(said) and not re.search(r"\b(argument|invalid|choose|expected)\b", said), said
        assert argparse_message(message, "en") % values  # English too, from the catalog
    assert argparse_message("some other message %s", "kk") == "some other message %s"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["validate", "--format", "xml", "--lang", "kk"],
            "python -m generator validate: error: --format аргументі: рұқсат етілмеген мән: 'xml' "
            "(мыналардың бірін таңдаңыз: 'text', 'github')",
        ),
        (["validate", "--lang", "ru", "--sity"], "python -m generator: error: нераспознанные аргументы: --sity"),
        (["fix", "--lang", "ru", "--check=yes"], "error: аргумент --check: этот параметр не принимает значения: 'yes'"),
        (
            ["new", "--checked", "2026-13-01", "--lang", "ru"],
            "error: аргумент --checked: неверное значение: '2026-13-01'",
        ),
        (
            ["validate", "--format", "xml", "--lang", "en"],
            "error: argument --format: invalid choice: 'xml' (choose from 'text', 'github')",
        ),
    ],
)
def test_a_wrong_command_line_is_told_in_the_editors_language(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err, err
    lang = argv[argv.index("--lang") + 1]
    assert err.startswith({"kk": "қолданылуы: ", "ru": "использование: ", "en": "usage: "}[lang])


def test_a_missing_argument_is_named_by_its_words(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert main(["from-issue", "--number", "1"]) == 2
    assert "error: не указаны обязательные аргументы: ФАЙЛ" in capsys.readouterr().err
    assert main(["from-issue", "x"]) == 2
    assert "error: не указаны обязательные аргументы: --number" in capsys.readouterr().err
    assert argparse._("unrecognized arguments: %s") == "unrecognized arguments: %s"  # argparse's own again
