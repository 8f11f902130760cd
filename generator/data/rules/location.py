"""Where a listing is: a known region and city, and the city in that region."""

from __future__ import annotations

from collections.abc import Iterator

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
        yield Finding(
            ("location", "region"),
            f"unknown region `{region}`",
            "Use an ISO code from data/regions.yaml, e.g. KZ-75 for Almaty city.",
        )


def _known_city(listing: ListingView) -> Iterator[Finding]:
    location = listing.data.get("location")
    if not isinstance(location, dict):
        return
    city = location.get("city")
    if listing.fits(_CITY, city) and city not in listing.reference.cities:
        yield Finding(
            ("location", "city"),
            f"unknown city `{show_value(city)}`",
            "Use a key from data/cities.yaml, or add the town there (names and town-centre coordinates).",
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
            f"the city `{city}` is in {cities[city].region}, not in {region}",
            "Check the region code of the city in data/cities.yaml.",
        )


KNOWN_REGION = Rule(
    id="known-region",
    description={
        "kk": "`location.region` өрісінде data/regions.yaml файлындағы өңір коды тұрады.",
        "ru": "В поле `location.region` стоит код региона из файла data/regions.yaml.",
        "en": "`location.region` is a region code from data/regions.yaml.",
    },
    check=_known_region,
    example=Example({"location.region": "KZ-99"}),
)

KNOWN_CITY = Rule(
    id="known-city",
    description={
        "kk": "`location.city` өрісінде data/cities.yaml файлындағы қала кілті тұрады.",
        "ru": "В поле `location.city` стоит ключ города из файла data/cities.yaml.",
        "en": "`location.city` is a town's key from data/cities.yaml.",
    },
    check=_known_city,
    example=Example({"location.city": "atlantis"}),
)

CITY_IN_REGION = Rule(
    id="city-in-region",
    description={
        "kk": "data/cities.yaml бойынша `location.city` қаласы `location.region` өңірінде орналасқан.",
        "ru": "По data/cities.yaml город `location.city` находится в регионе `location.region`.",
        "en": "By data/cities.yaml, the city `location.city` lies in the region `location.region`.",
    },
    check=_city_in_region,
    example=Example({"location.region": "KZ-71"}),
)
