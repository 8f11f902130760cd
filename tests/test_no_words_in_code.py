"""No reader-visible words in Python: every Kazakh or Russian text lives in words/<lang>/*.yaml,
where a translator edits it without reading code (issue 19).

The test reads the source of every module in PACKAGES and fails on a string literal (an f-string's
parts too) that holds a Cyrillic letter. Comments and docstrings may quote the words they explain.
To cover another package, add its folder to PACKAGES.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import ROOT

PACKAGES = [
    "generator/site",
    "generator/features",
]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def cyrillic_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal with a Cyrillic letter that is not a docstring."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CYRILLIC.search(node.value)
    ]


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_the_packages_exist_and_hold_modules() -> None:
    for package in PACKAGES:
        assert list((ROOT / package).rglob("*.py")), package


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_kazakh_or_russian_string_in_code(path: Path) -> None:
    found = cyrillic_literals(path.read_text(encoding="utf-8"))
    where = [f"{path.relative_to(ROOT).as_posix()}:{line}: {text[:60]!r}" for line, text in found]
    assert not where, "move these words to words/<lang>/<domain>.yaml:\n" + "\n".join(where)


def test_the_check_finds_words_and_spares_comments_and_docstrings() -> None:
    source = '''"""Модуль: a docstring may quote «сөздер»."""
# a comment: «Тез шығу»
LABEL = "Быстрый выход"


def f():
    """Функция."""
    return f"{1} орталық"
'''
    assert [line for line, _ in cyrillic_literals(source)] == [3, 8]
