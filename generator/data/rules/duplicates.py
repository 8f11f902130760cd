"""Names (in one place) and phone numbers given by more than one listing.

Such a problem is reported on the newer listing and names the older one. Newer
means checked later: a larger `verification.last_checked`, which a new listing
sets to the day its sources were read, while the one already published keeps
its earlier date. This needs no git history (CI's checkout has none) and gives
the same answer on every machine. When it cannot tell (the same day, or a date
that is missing or not real), it reports on each of them, each naming another:
a problem is never hidden on the wrong file only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator

from generator.data.messages import say
from generator.data.problems import Problem
from generator.data.rules.base import CatalogueRule, Claim, Claims, Example, ListingView
from generator.data.rules.contacts import first_of_each_number
from generator.data.yamlload import JsonPath

_TEXT_OF = {"kk": "#/$defs/text/properties/kk", "ru": "#/$defs/text/properties/ru"}


def _names(listing: ListingView) -> Iterator[tuple[Hashable, JsonPath]]:
    """Each name, by place and language, as words in lower case."""
    data = listing.data
    location = data.get("location")
    if "location" not in data:
        place = "national"
    elif isinstance(location, dict) and listing.fits("#/properties/location/properties/city", location.get("city")):
        place = location["city"]
    else:
        return  # the place is not known, so neither is what a name could be confused with
    name = data.get("name")
    if not isinstance(name, dict):
        return
    for lang, pointer in _TEXT_OF.items():
        if listing.fits(pointer, name.get(lang)):
            yield (place, lang, " ".join(name[lang].lower().split())), ("name", lang)


def _numbers(listing: ListingView) -> Iterator[tuple[Hashable, JsonPath]]:
    """Each valid number, once, where the listing first gives it; its key and how it is shown."""
    for path, parsed in first_of_each_number(listing):
        yield (parsed.key, parsed.display), path


def _duplicate_names(claims: Claims) -> Iterator[Problem]:
    for _, claimed in sorted(claims.items()):  # type: ignore[type-var]
        yield from _on_newer(
            claimed,
            lambda other: say("duplicate.name", other=other),
            say("duplicate.name.hint"),
        )


def _duplicate_numbers(claims: Claims) -> Iterator[Problem]:
    for (_, shown), claimed in sorted(claims.items()):  # type: ignore[type-var, misc]
        yield from _on_newer(
            claimed,
            lambda other, shown=shown: say("duplicate.phone", number=shown, other=other),
            say("duplicate.phone.hint"),
        )


def _on_newer(claims: list[Claim], message: Callable[[str], str], hint: str) -> list[Problem]:
    """The problems of one name or number claimed by several listings (see above)."""
    claims = list({claim.display: claim for claim in reversed(claims)}.values())  # the first claim of each file
    if len(claims) < 2:
        return []
    oldest = min(claim.checked for claim in claims)
    first = sorted(claim for claim in claims if claim.checked == oldest)
    problems = []
    for checked, display, line, col in claims:
        if checked > oldest:
            other = first[0].display
            why = say("duplicate.here-because-newer")
        elif len(first) > 1:
            other = next(c.display for c in first if c.display != display)
            why = say("duplicate.on-each")
        else:
            continue  # the older listing
        problems.append(Problem(display, line, col, message(other), say("two-sentences", first=hint, second=why)))
    return problems


# The second listing of each example: another centre in the same town, checked later.
_OTHER = {
    "name": {"kk": "Басқа орталық", "ru": "Другой центр"},
    "contacts.phones.0.number": "+7 727 250 00 00",
    "verification.last_checked": "2026-01-12",
}

DUPLICATE_NAME = CatalogueRule(
    id="duplicate-name",
    claims=_names,
    check=_duplicate_names,
    example=Example({}, others=({**_OTHER, "name": {"kk": "Сынақ орталығы", "ru": "Другой центр"}},)),
)

DUPLICATE_PHONE = CatalogueRule(
    id="duplicate-phone",
    claims=_numbers,
    check=_duplicate_numbers,
    example=Example({}, others=({**_OTHER, "contacts.phones.0.number": "8 701 123 45 67"},)),
)
