"""Where a listing is: a known region and city, and the city in that region."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from generator.data.messages import ByLang, Said, did_you_mean, say
from generator.data.rules.base import Example, Finding, ListingView, Rule
from generator.data.schema_check import show_value

_REGION = "#/properties/location/properties/region"
_CITY = "#/properties/location/properties/city"


def _known_region(listing: ListingView) -> Iterator[Finding]:
    location = listing.data.get("location")
    if not isinstance(location, dict):
        return
    region = location.get("region")
    if listing.fits(_REGION, region) and region not in listing.reference.regions:
        yield Finding(("location", "region"), say("region.unknown", region=region), _region_hint(region, listing))


def _did_you_mean(value: str, known: list[str]) -> Said | str:
    close = difflib.get_close_matches(value.lower(), known, n=3, cutoff=0.6)
    return did_you_mean([f"`{c}`" for c in close])


def _region_hint(region: str, listing: ListingView) -> Said:
    """The closest codes first, then every code with its name: an editor need not open a file."""
    regions = listing.reference.regions
    named = {
        code: ByLang({lang: f"{code} ({_name(regions[code], lang)})" for lang in ("kk", "ru")})
        for code in sorted(regions)
    }
    number = re.fullmatch(r"KZ-([0-9]{2})", region.upper())
    if number:  # the nearest numbers: a slip of one digit, e.g. KZ-32 for KZ-31 or KZ-33
        distance = {code: abs(int(code[3:]) - int(number[1])) for code in named if code[3:].isdigit()}
        nearest = min(distance.values(), default=99)
        close = [code for code, d in distance.items() if d == nearest and d <= 5]
    else:
        close = difflib.get_close_matches(region.upper(), list(named), n=2, cutoff=0.75)
    first = did_you_mean([named[c] for c in close])  # type: ignore[misc]
    codes = ByLang({lang: ", ".join(name[lang] for name in named.values()) for lang in ("kk", "ru")})
    return say("region.unknown.hint", first=first, codes=codes)


def _name(region: Any, lang: str) -> str:
    name = getattr(region, "name", None)
    return name(lang) if callable(name) else str(region)


def _known_city(listing: ListingView) -> Iterator[Finding]:
    location = listing.data.get("location")
    if not isinstance(location, dict):
        return
    city = location.get("city")
    if listing.fits(_CITY, city) and city not in listing.reference.cities:
        yield Finding(
            ("location", "city"),
            say("city.unknown", city=show_value(city)),
            say("city.unknown.hint", first=_did_you_mean(city, list(listing.reference.cities))),
        )


def _city_in_region(listing: ListingView) -> Iterator[Finding]:
    location = listing.data.get("location")
    if not isinstance(location, dict):
        return
    region, city = location.get("region"), location.get("city")
    regions, cities = listing.reference.regions, listing.reference.cities
    if not (listing.fits(_CITY, city) and city in cities):
        return  # an unknown city is known-city's to report
    if listing.fits(_REGION, region) and region in regions and cities[city].region != region:
        yield Finding(
            ("location", "region"),
            say("city.other-region", city=city, its_region=cities[city].region, region=region),
            say("city.other-region.hint"),
        )


KNOWN_REGION = Rule(
    id="known-region",
    check=_known_region,
    example=Example({"location.region": "KZ-99"}),
)

KNOWN_CITY = Rule(
    id="known-city",
    check=_known_city,
    example=Example({"location.city": "atlantis"}),
)

CITY_IN_REGION = Rule(
    id="city-in-region",
    check=_city_in_region,
    example=Example({"location.region": "KZ-71"}),
)
