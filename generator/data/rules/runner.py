"""Run the registry on every listing, then across them; each problem names its rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable
from typing import Any

from generator.data.problems import Problem
from generator.data.rules.base import Claim, ListingView, Reference, Rule
from generator.data.rules.registry import CATALOGUE_RULES, FIELD_RULES, TEXT_RULES
from generator.data.yamlload import LoadedFile


class ListingRules:
    """Checks each listing against the reference data (check), then all of them against
    each other (duplicates, once every listing is checked)."""

    def __init__(
        self,
        regions: dict[str, Any],
        cities: dict[str, Any],
        services: dict[str, Any],
        today: dt.date,
    ):
        self.reference = Reference(regions, cities, services, today)
        # What each listing claims (names, numbers), kept for the rules across listings.
        self._claims: dict[str, dict[Hashable, list[Claim]]] = {rule.id: {} for rule in CATALOGUE_RULES}

    def check(self, loaded: LoadedFile, stem: str, *, shape_checked: bool = True) -> list[Problem]:
        """The problems of one listing. `shape_checked`: the schema passed the whole listing,
        so every field has its shape and nothing needs to be checked again."""
        if not isinstance(loaded.data, dict):
            return []
        listing = ListingView(
            loaded.data, stem, loaded.display, loaded.positions, self.reference, shape_checked=shape_checked
        )
        problems: list[Problem] = []
        for rule in FIELD_RULES:
            _run(rule, listing, problems)
        for across in CATALOGUE_RULES:
            claims = self._claims[across.id]
            for key, path in across.claims(listing):
                claims.setdefault(key, []).append(listing.claim_at(path))
        self._check_text(listing, problems)
        return problems

    def _check_text(self, listing: ListingView, problems: list[Problem]) -> None:
        """The rules that read all of a listing's published text (rules/text.py): HTML and where it is.
        (One step, so that a test can leave them out and see what the site makes of such text.)"""
        for rule in TEXT_RULES:
            _run(rule, listing, problems)

    def duplicates(self) -> list[Problem]:
        """The problems across listings (names in one place, phone numbers); asked once every
        listing has been checked. See rules/duplicates.py for which listing they are reported on."""
        return [
            dataclasses.replace(problem, rule=rule.id)
            for rule in CATALOGUE_RULES
            for problem in rule.check(self._claims[rule.id])
        ]


def _run(rule: Rule, listing: ListingView, problems: list[Problem]) -> None:
    positions = listing.positions
    for path, message, hint, key, severity in rule.check(listing):
        line, col = positions.of_key(path) if key else positions.of_value(path)
        problems.append(Problem(listing.display, line, col, message, hint, severity, rule.id))
