"""The editors' tools keep their words in the catalogs (words/<lang>/validator.yaml, tools.yaml, help.yaml):

- no Kazakh or Russian text in generator/data or generator/tools outside them, except what is data,
  not words (the example listings of the rules, the location detector's patterns);
- every key the code says exists in en, kk and ru, with the placeholders the code fills in;
- the three languages have the same keys and the same placeholders, and no key is unused.
"""

from __future__ import annotations

import ast
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import ROOT
from generator.data import catalogs
from generator.data.location_text import location_forms
from generator.data.rules.registry import RULES
from generator.tools import template_doc

CYRILLIC = re.compile("[\u0400-\u04ff]")
CODE = [ROOT / "generator" / "cli.py", *sorted((ROOT / "generator" / "data").rglob("*.py"))]
CODE += sorted((ROOT / "generator" / "tools").rglob("*.py"))
# Files whose Kazakh and Russian text is data, not words a person reads as a message.
DATA_NOT_WORDS = {
    "generator/data/location_text.py": "the address words the location detector looks for",
    "generator/data/rules/example.py": "the valid example listing every rule's example changes",
    "generator/tools/transliterate.py": "the Cyrillic letters that become Latin ones in a new listing's id",
}
# Module-level names that hold example listing data (used in an Example(...)).
EXAMPLE_DATA = {("generator/data/rules/duplicates.py", "_OTHER")}
DOMAINS = {"say": "validator", "tell": "tools", "helptext": "help"}
LANGS = catalogs.TOOL_LANGS


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _cyrillic_literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = _tree(path)
    allowed: set[int] = set()  # ids of the constants inside example data
    for node in ast.walk(tree):
        inside = (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Example") or (
            isinstance(node, ast.Assign)
            and any((_relative(path), getattr(t, "id", None)) in EXAMPLE_DATA for t in node.targets)
        )
        if inside:
            allowed.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed
        if is_text and CYRILLIC.search(node.value) and not _is_docstring(tree, node):
            yield node.lineno, node.value


def _is_docstring(tree: ast.Module, constant: ast.Constant) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and first.value is constant:
                return True
    return False


def test_no_kazakh_or_russian_words_in_the_tools_code() -> None:
    checked = [path for path in CODE if _relative(path) not in DATA_NOT_WORDS]
    assert len(checked) > 20
    found = [f"{_relative(path)}:{line}: {text[:60]!r}" for path in checked for line, text in _cyrillic_literals(path)]
    assert not found, "move these words to words/<lang>/validator.yaml or tools.yaml:\n" + "\n".join(found)


def test_the_check_finds_words_where_they_are(tmp_path: Path) -> None:
    """The check itself: a Russian message in code is found; a docstring and an example are not."""
    sample = ROOT / "generator" / "data" / "_sample_for_test.py"
    sample.write_text(
        '"""Модуль."""\nMESSAGE = "номер пустой"\nEXAMPLE = Example({"name": "Центр"})\n', encoding="utf-8"
    )
    try:
        assert [line for line, _ in _cyrillic_literals(sample)] == [2]
    finally:
        sample.unlink()


def _table(domain: str) -> dict[str, dict[str, str]]:
    return catalogs.table(domain)  # type: ignore[return-value]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _said_keys() -> Iterator[tuple[str, str, ast.Call, str]]:
    """Each say("key", ...) / tell("key", ...) in the code: its domain, key, the call, and where."""
    for path in CODE:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in DOMAINS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield DOMAINS[node.func.id], node.args[0].value, node, f"{_relative(path)}:{node.lineno}"


def test_every_key_the_code_says_is_in_every_language_with_the_values_it_is_given() -> None:
    calls = list(_said_keys())
    assert len(calls) > 100
    for domain, key, call, where in calls:
        table = _table(domain)
        for lang in LANGS:
            assert key in table[lang], f"{where}: {key} is not in words/{lang}/{domain}.yaml"
        if not any(keyword.arg is None for keyword in call.keywords):  # no **values: the names are all here
            given = {keyword.arg for keyword in call.keywords}
            assert _placeholders(table["en"][key]) == given, f"{where}: {key} is given {sorted(given)}"


@pytest.mark.parametrize("domain", sorted(catalogs.TOOL_DOMAINS))
def test_every_language_has_the_same_keys_and_placeholders(domain: str) -> None:
    table = _table(domain)
    assert table["en"]
    for lang in LANGS:
        assert table[lang].keys() == table["en"].keys(), lang
        for key, text in table[lang].items():
            assert text.strip(), (lang, key)
            assert _placeholders(text) == _placeholders(table["en"][key]), (lang, key)
            text.format_map({name: "x" for name in _placeholders(text)})  # braces that format


def _literals() -> set[str]:
    return {
        node.value
        for path in CODE
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_no_catalog_key_is_unused() -> None:
    """A key is used when the code names it, or it belongs to a family the code builds a key of:
    `rule.<id>` (each rule), `x-hint.<field>` (the schema's hints), `location-label.<label>`
    (the detector's labels), `schema.<keyword>` and `schema.type.<type>` (jsonschema's words),
    `template.<n>` (each prose comment of schema/template.yaml), `template.value.<name>` (a free-text
    example value the template quotes)."""
    literals = _literals()
    rules = {rule.id for rule in RULES}
    hints = set(_schema_hints())
    labels = set(location_forms())
    template_text = template_doc.TEMPLATE.read_text(encoding="utf-8")
    template = {found.text for found in template_doc.prose(template_text.splitlines())}
    template |= {json.loads(quoted) for quoted in template_doc.example_values("en") if quoted in template_text}
    built = {"schema.minLength", "schema.maxLength", "schema.minimum", "schema.maximum"}
    built |= {f"schema.type.{name}" for name in ("string", "object", "array", "integer", "number", "boolean")}
    unused = []
    for domain in sorted(catalogs.TOOL_DOMAINS):
        for key, text in _table(domain)["en"].items():
            family, _, rest = key.partition(".")
            used = (
                key in literals
                or key in built
                or (family == "rule" and rest in rules)
                or (family == "x-hint" and text in hints)
                or (family == "location-label" and rest in labels)
                or (family == "template" and text in template)
            )
            if not used:
                unused.append(f"{domain}: {key}")
    assert not unused, unused
    assert {f"rule.{rule}" for rule in rules} <= set(_table("validator")["en"])


def _schema_hints() -> Iterator[str]:
    stack = [json.loads((ROOT / "schema" / "centre.schema.json").read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("x-hint"), str):
                yield node["x-hint"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def test_every_schema_hint_is_in_the_catalogs_word_for_word() -> None:
    """The English x-hint is the schema's own text; the catalogs say it in kk and ru."""
    english = {text for key, text in _table("validator")["en"].items() if key.startswith("x-hint.")}
    hints = set(_schema_hints())
    assert len(hints) > 30
    assert hints == english


def test_kazakh_keys_marked_for_review_are_real_keys() -> None:
    """`# review: kk` stands on the line above a key that a native speaker still has to check."""
    marked = 0
    for domain in sorted(catalogs.TOOL_DOMAINS):
        lines = catalogs.catalog_path("kk", domain).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.strip() == "# review: kk":
                marked += 1
                key = lines[number + 1].split(":", 1)[0]
                assert key in _table(domain)["kk"], f"words/kk/{domain}.yaml:{number + 2}"
    assert marked
