"""Rules the schema cannot express: across files, across fields, and about meaning.

Each rule is a small object in its own place (like mdn/browser-compat-data's
linters): its id, a one-sentence description in kk, ru and en, its scope (one
listing, or across listings), its check and a small bad example. registry.py lists
them in the order they run; runner.py runs them on every listing; each Problem they
report carries its rule's id.
"""

from __future__ import annotations

from generator.data.location_text import location_forms
from generator.data.rules.base import (
    CatalogueRule,
    Example,
    Finding,
    ListingView,
    Rule,
    Scope,
    houses_people,
    strings_of,
)
from generator.data.rules.example import messages as example_messages
from generator.data.rules.registry import OTHER_SOURCES, RULES, rule
from generator.data.rules.runner import ListingRules

__all__ = [
    "OTHER_SOURCES",
    "RULES",
    "CatalogueRule",
    "Example",
    "Finding",
    "ListingRules",
    "ListingView",
    "Rule",
    "Scope",
    "address_forms",
    "example_messages",
    "houses_people",
    "rule",
    "strings_of",
]


def address_forms() -> list[str]:
    """The labels of the location forms the validator knows (generator/data/location_text.py)."""
    return location_forms()
