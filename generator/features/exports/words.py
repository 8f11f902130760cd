"""The words of the Data page, in Kazakh and Russian (a test checks both have the same keys).

Whole sentences read better unbroken, hence the long lines.
"""

# ruff: noqa: E501

from __future__ import annotations

from generator.data import catalogs
from generator.data.model import Lang

# The words live in words/kk/exports.yaml and words/ru/exports.yaml, where a translator edits them.
STRINGS: dict[Lang, dict[str, catalogs.Text]] = catalogs.table("exports")

# The fields of the open-data files (words/<lang>/datafiles.yaml): the Data page lists them and
# the HSDS files carry them.
FIELD_WORDS: dict[Lang, dict[str, catalogs.Text]] = catalogs.table("datafiles")


def doc(key: str) -> dict[str, str]:
    """One entry of datafiles.yaml in every language, {"kk": ..., "ru": ...}."""
    return {lang: str(FIELD_WORDS[lang][key]) for lang in catalogs.LANGS}
