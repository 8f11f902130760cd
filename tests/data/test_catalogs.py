"""The words catalogs (words/<lang>/<domain>.yaml): same keys and placeholders in every
language, plural forms by the language's CLDR categories, no empty text, the entries marked for
a native speaker's check exist, and a broken catalog is reported as path:line:col, never a traceback."""

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
        forms = _forms(kk[key]) + _forms(ru[key])
        assert all(text.strip() for text in forms), key
        # Every form of every language fills in the same values.
        assert len({tuple(_names(text)) for text in forms}) == 1, key


def _forms(entry: catalogs.Text) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def _names(text: str) -> list[str]:
    # "{rows_word}" is the plural form of a noun: Russian needs it after a number, Kazakh
    # (whose nouns do not change after numerals) may leave it out. Every other name must match.
    return sorted(name for name in PLACEHOLDER.findall(text) if not name.endswith("_word"))


def test_plural_entries_have_exactly_the_languages_cldr_forms() -> None:
    assert catalogs.plural_categories("ru") == {"one", "few", "many", "other"}
    assert catalogs.plural_categories("kk") == {"one", "other"}
    plurals = 0
    for domain in DOMAINS:
        for lang, words in catalogs.table(domain).items():
            for key, entry in words.items():
                if isinstance(entry, dict):
                    plurals += 1
                    assert set(entry) == catalogs.plural_categories(lang), (domain, lang, key)
    assert plurals, "no plural entries found"


def test_a_plural_entry_with_the_wrong_forms_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "ru"
    folder.mkdir()
    bad = folder / "x.yaml"
    bad.write_text("ok: text\nword:\n  one: центр\n  many: центров\n", encoding="utf-8")
    words, problems = catalogs.read_catalog(bad, "words/ru/x.yaml")
    assert words == {"ok": "text"}
    assert [(p.line, p.message) for p in problems] == [(3, "`word` has the forms many, one")]
    assert "few, many, one, other" in problems[0].hint


def test_russian_forms_follow_the_number() -> None:
    from generator.site.i18n import Words

    t = Words("ru")
    assert [t("up_to_years", count=n, n=str(n)) for n in (1, 3, 5, 11, 21, 1.5)] == [
        "до 1 года",
        "до 3 лет",
        "до 5 лет",
        "до 11 лет",
        "до 21 года",
        "до 1.5 года",
    ]
    with pytest.raises(KeyError, match="plural forms"):
        t["up_to_years"]


def test_entries_marked_for_review_exist_and_are_listed() -> None:
    entries = catalogs.needs_review()
    assert entries, "words/review.yaml lists nothing: delete the test's expectation only with the file"
    for entry in entries:
        domain = entry.file.split("/")[2].removesuffix(".yaml")
        assert entry.text == _text(catalogs.table(domain)[entry.lang][entry.key])


def _text(entry: catalogs.Text) -> str:
    return entry if isinstance(entry, str) else " / ".join(entry.values())


def test_a_review_mark_for_a_missing_entry_stops_the_build(tmp_path: Path, monkeypatch) -> None:
    review = tmp_path / "review.yaml"
    review.write_text("kk:\n  - site.no_such_key\n", encoding="utf-8")
    monkeypatch.setattr(catalogs, "REVIEW_FILE", review)
    catalogs.needs_review.cache_clear()
    try:
        with pytest.raises(catalogs.CatalogError) as caught:
            catalogs.needs_review()
        assert caught.value.problems[0].line == 2
        assert "site.no_such_key" in caught.value.problems[0].message
    finally:
        catalogs.needs_review.cache_clear()


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
