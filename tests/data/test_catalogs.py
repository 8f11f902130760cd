"""The words catalogs (words/<lang>/<domain>.yaml): same keys and placeholders in every
language, no empty text, and a broken catalog reported as path:line:col, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data import catalogs

DOMAINS = sorted(p.stem for p in (catalogs.WORDS_DIR / "kk").glob("*.yaml"))
PLACEHOLDER = re.compile(r"{(\w*)}")


def test_every_domain_exists_in_every_language() -> None:
    assert DOMAINS, "no catalogs found"
    for lang in catalogs.LANGS:
        assert sorted(p.stem for p in (catalogs.WORDS_DIR / lang).glob("*.yaml")) == DOMAINS, lang


@pytest.mark.parametrize("domain", DOMAINS)
def test_languages_have_the_same_keys_and_placeholders(domain: str) -> None:
    table = catalogs.table(domain)
    kk, ru = table["kk"], table["ru"]
    assert kk, domain
    assert kk.keys() == ru.keys()
    for key in kk:
        assert kk[key].strip() and ru[key].strip(), key
        assert _names(kk[key]) == _names(ru[key]), key


def _names(text: str) -> list[str]:
    # "{rows_word}" is the plural form of a noun: Russian needs it after a number, Kazakh
    # (whose nouns do not change after numerals) may leave it out. Every other name must match.
    return sorted(name for name in PLACEHOLDER.findall(text) if not name.endswith("_word"))


def test_a_broken_catalog_is_reported_where_it_is_broken(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text('title: "ok"\nlead: [not, text]\nnote: !!python/object x\n', encoding="utf-8")
    words, problems = catalogs.read_catalog(bad, "words/kk/x.yaml")
    assert words == {}
    assert problems and problems[0].path == "words/kk/x.yaml" and problems[0].line == 3


def test_a_value_that_is_not_text_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("title: ok\ncount: 3\n", encoding="utf-8")
    words, problems = catalogs.read_catalog(bad, "words/ru/x.yaml")
    assert words == {"title": "ok"}
    assert [(p.line, p.message) for p in problems] == [(2, "`count` must be text")]


def test_the_cli_reports_a_broken_catalog_without_a_bug_report(monkeypatch, capsys) -> None:
    from generator import cli
    from generator.data.problems import Problem

    def broken(argv):
        raise catalogs.CatalogError([Problem("words/ru/map.yaml", 54, 6, "`bad` must be text", rule="catalog")])

    monkeypatch.setattr(cli, "_main", broken)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("words/ru/map.yaml:54:6: error: `bad` must be text")
    assert "bug" not in err
