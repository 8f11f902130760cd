"""The editors' tools speak Kazakh, Russian or English (--lang, else LC_ALL/LANG, else English),
and `path:line:col: error:` and `[rule-id]` stay the same in every language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.messages import env_lang

from .conftest import CORPUS, make_data_dir, run_cli_here


def _validate(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m generator validate --data DATA ARGS` from the data's parent folder, LC_ALL and
    LANG unset unless `env` gives them, in this process (run_cli_here)."""
    return run_cli_here(
        "validate", "--data", str(data), *args, cwd=data.parent, env={"LC_ALL": None, "LANG": None, **(env or {})}
    )


@pytest.fixture
def bad_kind(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data", [CORPUS / "invalid" / "bad-kind.yaml"])


def test_each_language_says_the_problem_after_the_same_prefix_and_before_the_same_rule(bad_kind: Path):
    said = {lang: _validate(bad_kind, "--lang", lang) for lang in ("en", "kk", "ru")}
    assert all(result.returncode == 1 for result in said.values())
    first = {lang: result.stdout.splitlines()[0] for lang, result in said.items()}
    prefix = "data/centres/bad-kind.yaml:4:7: error: "
    assert all(line.startswith(prefix) and line.endswith(" [schema]") for line in first.values()), first
    assert (
        first["en"] == prefix + "`kind` is `hostel`; it must be one of: shelter, centre, helpline, emergency [schema]"
    )
    assert (
        first["kk"]
        == prefix + "`kind` — `hostel`; рұқсат етілген мәндер: shelter, centre, helpline, emergency [schema]"
    )
    assert (
        first["ru"] == prefix + "`kind` — `hostel`; допустимые значения: shelter, centre, helpline, emergency [schema]"
    )
    assert said["kk"].stdout.splitlines()[1].startswith("    кеңес: ")
    assert said["ru"].stdout.splitlines()[1].startswith("    подсказка: ")
    assert said["en"].stdout.splitlines()[1].startswith("    hint: ")
    assert "Проверено файлов: 4. Ошибок: 1, предупреждений: 0." in said["ru"].stderr
    assert "Тексерілген файл: 4. Қате: 1, ескерту: 0." in said["kk"].stderr


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "kk_KZ"}, "kk"),
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": "kk_KZ.UTF-8"}, "kk"),  # LC_ALL first
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language the tools do not speak
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(env: dict[str, str], lang: str):
    assert env_lang(env) == lang


def test_the_command_line_follows_the_environment_and_lang_wins(bad_kind: Path):
    russian = _validate(bad_kind, env={"LANG": "ru_RU.UTF-8"})
    assert "допустимые значения" in russian.stdout
    chosen = _validate(bad_kind, "--lang", "en", env={"LANG": "ru_RU.UTF-8"})
    assert "it must be one of" in chosen.stdout


def test_an_annotation_for_a_team_says_it_in_kazakh_then_russian_on_one_line(bad_kind: Path):
    result = _validate(bad_kind, "--format", "github", "--lang", "kk+ru")
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=data/centres/bad-kind.yaml,line=4,col=7,title=Listing check::")
    kazakh, russian = line.split("::", 2)[2].split("%0A")
    assert kazakh.startswith("`kind` — `hostel`; рұқсат етілген мәндер:") and "[schema] Кеңес: " in kazakh
    assert russian.startswith("`kind` — `hostel`; допустимые значения:") and "[schema] Подсказка: " in russian


def test_a_language_the_tools_do_not_speak_is_wrong_usage(capsys: pytest.CaptureFixture[str]):
    assert main(["validate", "--lang", "de"]) == 2
    assert "--lang" in capsys.readouterr().err
