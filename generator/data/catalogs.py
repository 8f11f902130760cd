"""The words people read, kept outside the code: `words/<lang>/<domain>.yaml`.

A translator edits one YAML file per part of the site (site, finder, map, exports,
maintainers, ...) in the GitHub web editor, without reading Python. Each file is a flat
mapping `key: text`; `{name}` placeholders are filled in by the code and "a|b|c" are the
plural forms of a word. A test checks that every language has the same keys and the same
placeholders, so a page can never fall back silently to another language.

The files are read with the same safe loader as listings (no tags, no aliases, size limit),
so a broken catalog stops the build with `path:line:col: message`, never a traceback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
TOOL_DOMAINS = frozenset({"validator", "tools"})


class CatalogError(Exception):
    """A catalog that cannot be used; `problems` say where and why, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.as_text() for p in problems))


def catalog_path(lang: str, domain: str, words_dir: Path = WORDS_DIR) -> Path:
    return words_dir / lang / f"{domain}.yaml"


def read_catalog(path: Path, display: str | None = None) -> tuple[dict[str, str], list[Problem]]:
    """One catalog file: its words, and every problem found in it (all at once)."""
    loaded = load_file(path, display or _display(path))
    if loaded.problems:
        return {}, loaded.problems
    data = loaded.data
    if not isinstance(data, dict):
        return {}, [Problem(loaded.display, 1, 1, "a catalog is a list of `key: text` lines", "", rule="catalog")]
    words: dict[str, str] = {}
    problems: list[Problem] = []
    for key, text in data.items():
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


@cache
def table(domain: str) -> dict[Lang, dict[str, str]]:
    """The words of one domain in every language it is written in, as {lang: {key: text}}:
    kk and ru for the reader's pages, also en for the editors' tools (TOOL_DOMAINS)."""
    result: dict[Lang, dict[str, str]] = {}
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
