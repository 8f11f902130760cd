"""Every rule, in the order they run (and the maintainers' page lists them).

A new rule: a small module here (or a place in the module of its close group) with
its id, a description in kk, ru and en, its check and a bad example; then its line
below. tests/data/test_rule_registry.py runs the example.
"""

from __future__ import annotations

from generator.data.rules.base import AnyRule, CatalogueRule, Rule
from generator.data.rules.contacts import LINE_HAS_PHONE, PHONE_LISTED_ONCE, VALID_PHONE, WAY_TO_REACH
from generator.data.rules.dates import CHECKED_WITHIN_A_YEAR, NOT_IN_FUTURE, REAL_DATE
from generator.data.rules.duplicates import DUPLICATE_NAME, DUPLICATE_PHONE
from generator.data.rules.history import STATUS_HISTORY_AGREES
from generator.data.rules.identity import ID_MATCHES_FILE
from generator.data.rules.location import CITY_IN_REGION, KNOWN_CITY, KNOWN_REGION
from generator.data.rules.ranges import AGES_IN_ORDER, STAY_IN_ORDER
from generator.data.rules.services import KNOWN_SERVICE
from generator.data.rules.text import NO_ADDRESS_WHERE_PEOPLE_STAY, NO_HTML, NO_LOCATION_IN_TEXT, NO_MAP_LINK

# The rules of one listing that read only its fields.
FIELD_RULES: tuple[Rule, ...] = (
    ID_MATCHES_FILE,
    KNOWN_REGION,
    KNOWN_CITY,
    CITY_IN_REGION,
    KNOWN_SERVICE,
    VALID_PHONE,
    PHONE_LISTED_ONCE,
    WAY_TO_REACH,
    LINE_HAS_PHONE,
    REAL_DATE,
    NOT_IN_FUTURE,
    CHECKED_WITHIN_A_YEAR,
    STATUS_HISTORY_AGREES,
    STAY_IN_ORDER,
    AGES_IN_ORDER,
)
# The rules of one listing that read all its published text (rules/text.py).
TEXT_RULES: tuple[Rule, ...] = (NO_ADDRESS_WHERE_PEOPLE_STAY, NO_MAP_LINK, NO_HTML, NO_LOCATION_IN_TEXT)
# The rules across listings, asked once every listing is read.
CATALOGUE_RULES: tuple[CatalogueRule, ...] = (DUPLICATE_NAME, DUPLICATE_PHONE)

RULES: tuple[AnyRule, ...] = (*FIELD_RULES, *TEXT_RULES, *CATALOGUE_RULES)

# Problems that come from elsewhere carry these ids instead of a rule's.
OTHER_SOURCES = ("yaml", "file", "schema", "reference", "reference-no-html", "reference-no-location", "boundaries")


def rule(rule_id: str) -> AnyRule:
    """The rule with this id (KeyError if there is none)."""
    for each in RULES:
        if each.id == rule_id:
            return each
    raise KeyError(rule_id)
