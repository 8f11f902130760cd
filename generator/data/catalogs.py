"""The words people read, kept outside the code: `words/<lang>/<domain>.yaml`.

A translator edits one YAML file per part of the site (site, finder, map, exports,
maintainers, ...) in the GitHub web editor, without reading Python. Each file is a flat
mapping `key: text`; `{name}` placeholders are filled in by the code. A word that changes
with a number is a mapping of CLDR plural categories, the ones the language has (Babel's
list: Russian one/few/many/other, Kazakh one/other), for example

    word_centre: {one: центр, few: центра, many: центров, other: центра}

and a plain text means one form for every number (Kazakh nouns do not change after a
numeral). A test checks that every language has the same keys and the same placeholders,
so a page can never fall back silently to another language.

The files are read with the same safe loader as listings (no tags, no aliases, size limit),
so a broken catalog stops the build with `path:line:col: message`, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from generator import ROOT
from generator.data import messages
from generator.data.model import Lang
from generator.data.problems import Problem
from generator.data.yamlload import load_file

WORDS_DIR = ROOT / "words"
LANGS: tuple[Lang, ...] = ("kk", "ru")
# The editors' tools (validate, new, fix, audit, check-pr) also speak English, for maintainers
# and for the tools that parse their output; the reader's pages never do.
TOOL_LANGS: tuple[str, ...] = ("en", "kk", "ru")
TOOL_DOMAINS = frozenset({"validator", "tools", "help"})

# A catalog entry: one text, or the forms of a word by CLDR plural category ("one", "few", ...).
Text = str | dict[str, str]


def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories of a language, as Babel knows them: {"one", "other"} for
    Kazakh, {"one", "few", "many", "other"} for Russian."""
    return frozenset(Locale.parse(lang).plural_form.tags) | {"other"}


class CatalogError(Exception):
    """A catalog that cannot be used; `problems` say where and why, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.as_text() for p in problems))


def catalog_path(lang: str, domain: str, words_dir: Path = WORDS_DIR) -> Path:
    return words_dir / lang / f"{domain}.yaml"


def read_catalog(path: Path, display: str | None = None) -> tuple[dict[str, Text], list[Problem]]:
    """One catalog file: its words, and every problem found in it (all at once). The language
    (for the plural categories) is the name of the file's folder."""
    loaded = load_file(path, display or _display(path))
    if loaded.problems:
        return {}, loaded.problems
    data = loaded.data
    if not isinstance(data, dict):
        return {}, [Problem(loaded.display, 1, 1, "a catalog is a list of `key: text` lines", "", rule="catalog")]
    words: dict[str, Text] = {}
    problems: list[Problem] = []
    for key, text in data.items():
        if isinstance(key, str) and isinstance(text, dict):
            forms, problem = _plural_forms(key, text, path.parent.name)
            if problem:
                line, col = loaded.positions.of_value((key,))
                problems.append(Problem(loaded.display, line, col, problem[0], problem[1], rule="catalog"))
            else:
                words[key] = forms
            continue
        if not isinstance(key, str) or not isinstance(text, str):
            line, col = loaded.positions.of_value((key,))
            problems.append(
                Problem(
                    loaded.display, line, col, f"`{key}` must be text", 'write it in quotes: key: "…"', rule="catalog"
                )
            )
            continue
        words[key] = text
    return words, problems


def _plural_forms(key: str, forms: dict, lang: str) -> tuple[dict[str, str], tuple[str, str] | None]:
    """A plural entry checked against the language's CLDR categories: (forms, None) or ({}, (message, hint))."""
    try:
        wanted = plural_categories(lang)
    except (ValueError, UnknownLocaleError):  # a folder that is not a language: any CLDR category
        wanted = frozenset(("zero", "one", "two", "few", "many", "other"))
    names = ", ".join(sorted(wanted))
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items()):
        return {}, (f"`{key}`: every form must be text", f"write one line per form: {names}")
    if set(forms) != wanted:
        return {}, (f"`{key}` has the forms {', '.join(sorted(forms))}", f"this language's forms are: {names}")
    return dict(forms), None


@cache
def table(domain: str) -> dict[Lang, dict[str, Text]]:
    """The words of one domain in every language it is written in, as {lang: {key: text or forms}}:
    kk and ru for the reader's pages, also en for the editors' tools (TOOL_DOMAINS)."""
    result: dict[Lang, dict[str, Text]] = {}
    problems: list[Problem] = []
    for lang in TOOL_LANGS if domain in TOOL_DOMAINS else LANGS:
        words, found = read_catalog(catalog_path(lang, domain))
        result[lang] = words
        problems.extend(found)
    if problems:
        raise CatalogError(problems)
    return result


def _display(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


messages.use(table)  # the editors' tools say their messages with these words


REVIEW_FILE = WORDS_DIR / "review.yaml"


@dataclass(frozen=True)
class ReviewEntry:
    """A catalog entry whose wording waits for a native speaker's check (words/review.yaml)."""

    lang: Lang
    file: str  # words/kk/site.yaml
    key: str
    text: str  # its words today; the forms of a plural entry joined by " / "


@cache
def needs_review() -> tuple[ReviewEntry, ...]:
    """Every entry listed in words/review.yaml, with its words today. A name there that is not
    in its catalog stops the build, like any broken catalog."""
    loaded = load_file(REVIEW_FILE, _display(REVIEW_FILE))
    if loaded.problems:
        raise CatalogError(loaded.problems)
    data = loaded.data or {}
    entries: list[ReviewEntry] = []
    problems: list[Problem] = []
    for lang in LANGS:
        for i, name in enumerate(data.get(lang) or []):
            domain, _, key = str(name).partition(".")
            words = table(domain)[lang] if catalog_path(lang, domain).is_file() else {}
            if key not in words:
                line, col = loaded.positions.of_value((lang, i))
                message = f"`{name}` is not in words/{lang}/"
                problems.append(Problem(loaded.display, line, col, message, "write domain.key", rule="catalog"))
                continue
            entry = words[key]
            text = entry if isinstance(entry, str) else " / ".join(entry.values())
            entries.append(ReviewEntry(lang, catalog_path(lang, domain).relative_to(ROOT).as_posix(), key, text))
    if problems:
        raise CatalogError(problems)
    return tuple(entries)
