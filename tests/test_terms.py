"""One term list (words/terms.yaml) that the catalogs, templates, theme, hand-written pages, issue
forms and the listings' texts follow: no avoided variant anywhere, and every chosen word in use."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator import ROOT

TERMS = yaml.safe_load((ROOT / "words" / "terms.yaml").read_text(encoding="utf-8"))["terms"]
LANGS = ("kk", "ru")
# A listing's names and its sources' titles stay as published, avoided words and all.
AS_PUBLISHED = {"name", "alternate_name", "organization", "sources"}
JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)


def pattern(variant: str) -> re.Pattern[str]:
    """A whole-word, case-blind pattern; "*" is any letters at the end of a word."""
    body = r"\w*".join(re.escape(part) for part in variant.split("*"))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.I)


def _strings(value: object, lang: str | None, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str | None]]:
    if isinstance(value, str):
        yield value, lang
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from _strings(item, key if key in LANGS else lang, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, lang, skip)


def _values(path: Path) -> object:
    """A YAML file's values (libyaml's safe loader: these files are read at every test run)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def texts() -> Iterator[tuple[str, str | None, bool, str]]:
    """(where, language or None for either, is it data, text) of everything the list governs."""
    for path in sorted((ROOT / "words").glob("*/*.yaml")):
        # values only: comments may quote what to avoid
        for text, _ in _strings(_values(path), None):
            yield path.relative_to(ROOT).as_posix(), path.parent.name, False, text
    templates = [*(ROOT / "generator" / "site" / "templates").glob("*.html"), *(ROOT / "overrides").glob("*.html")]
    templates += (ROOT / "overrides" / "partials").rglob("*.html")
    for path in sorted(templates):
        text = JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
        yield path.relative_to(ROOT).as_posix(), None, False, text
    for lang in LANGS:
        for path in sorted((ROOT / "docs" / lang).glob("*.md")):
            yield path.relative_to(ROOT).as_posix(), lang, False, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*-*.yml")):
        lang = path.stem.rsplit("-", 1)[1]
        for text, _ in _strings(_values(path), lang):
            yield path.relative_to(ROOT).as_posix(), lang, False, text
    data = [
        *(ROOT / "data" / "centres").glob("*.yaml"),
        ROOT / "data" / "services.yaml",
        ROOT / "data" / "regions.yaml",
    ]
    for path in sorted(data):
        for text, lang in _strings(_values(path), None, frozenset(AS_PUBLISHED)):
            yield path.relative_to(ROOT).as_posix(), lang, True, text


@functools.cache
def everything() -> list[tuple[str, str | None, bool, str]]:
    """texts(), read once, when a test first asks (not while pytest collects, in every worker)."""
    return list(texts())


def test_the_list_reads_everything_it_governs() -> None:
    places = {where.split("/")[0] for where, *_ in everything()}
    assert {"words", "generator", "overrides", "docs", ".github", "data"} <= places
    assert len(TERMS) >= 10 and all(t["kk"]["use"] and t["ru"]["use"] for t in TERMS)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["means"][:40])
def test_no_avoided_variant_is_used(term: dict) -> None:
    found = []
    for lang in LANGS:
        for variant in term[lang].get("avoid", []):
            match = pattern(variant).search
            for where, text_lang, is_data, text in everything():
                if text_lang in (lang, None) and not (is_data and term.get("data") is False) and match(text):
                    found.append(f"{where}: «{match(text).group()}» ({lang}: use {term[lang]['use'][0]})")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["means"][:40])
def test_every_chosen_word_is_in_use(term: dict) -> None:
    for lang in LANGS:
        for word in term[lang]["use"]:
            found = pattern(word).search
            used = any(text_lang in (lang, None) and found(text) for _, text_lang, _, text in everything())
            assert used, (lang, word)


def test_the_patterns_match_whole_words_with_endings() -> None:
    assert pattern("домашн* насили*").search("от Домашнего насилия")
    assert not pattern("анықтама").search("анықтамалықты жүргізетіндерге")
    assert pattern("«Шығу»").search("«Шығу» батырмасы") and not pattern("«Шығу»").search("«Тез шығу»")
    assert not pattern("пана").search("баспана")
    assert not pattern("жертв*").search("пожертвования")
    assert not pattern("жертв").search("жертвователи")


def test_a_listing_text_with_an_avoided_word_is_found(tmp_path: Path) -> None:
    listing = {"name": {"ru": "Центр для жертв насилия"}, "description": {"ru": "Помощь при домашнем насилии."}}
    strings = list(_strings(listing, None, frozenset(AS_PUBLISHED)))
    assert strings == [("Помощь при домашнем насилии.", "ru")], "names are left as published"
    assert pattern("домашн* насили*").search(strings[0][0])
