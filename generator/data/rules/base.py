"""What a rule is, and what it is given: one listing, or the claims of every listing.

A rule is a small object (like mdn/browser-compat-data's linters): a stable `id`
(kebab-case; printed after each message, and the name to look it up by), a
one-sentence `description` in kk, ru and en (words/<lang>/validator.yaml, `rule.<id>`),
a `scope` and a `check`. Each keeps a small bad `example` beside it, which the tests run
(it must trigger that rule and no other) and the maintainers' page shows with the message it really produces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

from generator.data.messages import RuleWords
from generator.data.problems import Problem, Severity
from generator.data.schema_check import fits
from generator.data.yamlload import JsonPath, Positions


class Scope(StrEnum):
    LISTING = "listing"  # one listing against the reference data and today's date
    CATALOGUE = "catalogue"  # across listings: known once every listing is read


@dataclass(frozen=True)
class Reference:
    """What a listing is checked against: the reference data and the day."""

    regions: Mapping[str, Any]
    cities: Mapping[str, Any]
    services: Mapping[str, Any]
    today: dt.date


class Finding(NamedTuple):
    """A problem a listing rule found, at a path of the listing; the runner places it and names the rule."""

    path: JsonPath
    message: str
    hint: str = ""
    key: bool = False  # at the `field:` that names the path, not at its value
    severity: Severity = Severity.ERROR


class Claim(NamedTuple):
    """A name or number claimed by a listing: when it was last checked (date.max if that is not
    known), the file, and the line and column of the claim."""

    checked: dt.date
    display: str
    line: int
    col: int


class ListingView:
    """One listing as the rules see it.

    The rules also run on a listing the schema refused, so that one run reports every
    problem: a rule uses a field only if `fits` says the schema's own part for that field
    passes it. Then the field has the shape the rule expects, and a value the schema
    refused is not reported a second time. `shape_checked`: the schema passed the whole
    listing, so every field has its shape and nothing needs to be checked again.
    """

    def __init__(
        self,
        data: dict[str, Any],
        stem: str,
        display: str,
        positions: Positions,
        reference: Reference,
        *,
        shape_checked: bool = True,
    ):
        self.data, self.stem, self.display, self.positions = data, stem, display, positions
        self.reference, self.shape_checked = reference, shape_checked

    def fits(self, pointer: str, value: Any) -> bool:
        return self.shape_checked or fits(pointer, value)

    @cached_property
    def text_data(self) -> dict[str, Any]:
        """The listing as the text rules read it: a `kind` the schema refused reads as none."""
        if self.fits("#/properties/kind", self.data.get("kind")):
            return self.data
        return {**self.data, "kind": None}

    @cached_property
    def last_checked(self) -> dt.date:
        """verification.last_checked, or date.max when it is missing or not a real date."""
        verification = self.data.get("verification")
        if isinstance(verification, dict) and self.fits("#/$defs/date", verification.get("last_checked")):
            return parse_date(verification["last_checked"]) or dt.date.max
        return dt.date.max

    @cached_property
    def strings(self) -> Strings:
        """Every string of text_data, in document order (see strings_of)."""
        return strings_of(self.text_data)

    @cached_property
    def houses_people(self) -> bool:
        return houses_people(self.text_data)

    def claim_at(self, path: JsonPath) -> Claim:
        return Claim(self.last_checked, self.display, *self.positions.of_value(path))


# What is not free text: codes, links, dates and numbers. Everything else a listing
# holds is published (names, organisation, notes, phone descriptions, sources'
# titles, documents and `supports`), so a place that houses people is checked in all of
# it for where it is. Links are checked for maps separately (rules/text.py); `location`
# holds codes, and an office's address, which such a place may not have at all.
_NOT_FREE_TEXT = frozenset(
    {
        "location",
        "contacts.website",
        "contacts.social",
        "contacts.email",
        "contacts.phones.number",
        "sources.url",
        "sources.date",
        "verification.last_checked",
        "verification.verified_on",
    }
)

Strings = list[tuple[JsonPath, str, bool]]


def strings_of(
    value: Any, path: JsonPath = (), dotted: str = "", free: bool = True, found: Strings | None = None
) -> Strings:
    """Every string in `value`: its path, the text, and whether it is free text a reader sees
    (not a code, link, date or number), in document order (a list: nested generators cost more)."""
    found = [] if found is None else found
    if isinstance(value, str):
        found.append((path, value, free))
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{dotted}.{key}" if dotted else str(key)
            strings_of(item, (*path, key), inner, free and inner not in _NOT_FREE_TEXT, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            strings_of(item, (*path, index), dotted, free, found)
    return found


def houses_people(data: dict[str, Any]) -> bool:
    """Does the listing house people? Then where it is is never published, whatever its `kind`."""
    services = data.get("services")
    return (
        data.get("kind") == "shelter"
        or (isinstance(services, list) and "shelter" in services)
        or "places" in data
        or "stay" in data
    )


def parse_date(text: str) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY (the first day of it), or None if it is not a real date."""
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts] + [1, 1]
        return dt.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


# An example changes the valid listing of rules/example.py: a dotted path ("location.region";
# a list item by its index, "contacts.phones.0.number") and the value it gets there.
Changes = Mapping[str, Any]


@dataclass(frozen=True)
class Example:
    """A small bad example, kept with its rule: changes to the valid listing of rules/example.py,
    in a file `example.yaml`. A rule across listings adds `others`, the changes that make each
    further listing (in `example-2.yaml`, ...; its id follows its file name unless changed)."""

    changes: Changes
    others: tuple[Changes, ...] = ()


ListingCheck = Callable[[ListingView], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule on one listing: `check` yields what it finds, never raises, and reads a field
    only when `listing.fits` passes it."""

    id: str
    check: ListingCheck
    example: Example
    scope: Scope = Scope.LISTING
    # kk, ru and en: one plain sentence, `rule.<id>` in words/<lang>/validator.yaml
    description: Mapping[str, str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.description is None:
            object.__setattr__(self, "description", RuleWords(self.id))


# A rule across listings: `claims` says what each listing claims (a key, and the path of
# the claim); `check` is asked once every listing is read, with the claims of each key.
Claims = Mapping[Hashable, list[Claim]]


@dataclass(frozen=True)
class CatalogueRule:
    id: str
    claims: Callable[[ListingView], Iterable[tuple[Hashable, JsonPath]]]
    check: Callable[[Claims], Iterable[Problem]]
    example: Example
    scope: Scope = Scope.CATALOGUE
    description: Mapping[str, str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.description is None:
            object.__setattr__(self, "description", RuleWords(self.id))


AnyRule = Rule | CatalogueRule
