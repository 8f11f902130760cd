"""The words of the Data page, in Kazakh and Russian (a test checks both have the same keys).

Whole sentences read better unbroken, hence the long lines.
"""

# ruff: noqa: E501

from __future__ import annotations

from generator.data import catalogs
from generator.data.model import Lang

# The words live in words/kk/exports.yaml and words/ru/exports.yaml, where a translator edits them.
STRINGS: dict[Lang, dict[str, str]] = catalogs.table("exports")
