"""What the map shows in one language, the same for its every view: the static map, the
interactive one and the map page. Its words, the colours of the regions by how many
listings they have, the towns with listings, the national lines.

The interactive map (frame.py) and the pages (view.py) both take these from here, so neither
imports the other.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from generator.data import catalogs
from generator.data.model import Catalogue, City, Lang, Listing, Region
from generator.site.i18n import Words as CoreWords
from generator.site.render import EMERGENCY_ORDER, age_text, by_name, listing_key, offers_help

# The words live in words/kk/map.yaml and words/ru/map.yaml, where a translator edits them.
STRINGS: dict[Lang, dict[str, str]] = catalogs.table("map")

# Fill colours, lightest for "none listed", then darker as more are listed (the site's purple).
NONE_COLOUR = "#f3f0f6"
COLOURS = ("#ddc9ee", "#b48fd6", "#8455b4", "#4e2378")


class Words(CoreWords):
    """This feature's own strings."""

    def __init__(self, lang: Lang):
        super().__init__(lang, STRINGS)


# ---------------------------------------------------------------- the facts the map shows


@dataclass(frozen=True)
class Shade:
    low: int
    high: int | None  # None: and more
    colour: str

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def holds(self, n: int) -> bool:
        return n >= self.low and (self.high is None or n <= self.high)


def shades(counts: list[int]) -> list[Shade]:
    """Classes of the legend: 0 on its own, then up to four classes growing geometrically to the maximum."""
    top = max(counts, default=0)
    lows = sorted({1, *(math.ceil(top ** (k / 4)) for k in (1, 2, 3))}) if top > 0 else []
    lows = [low for low in lows if low <= top]
    out = [Shade(0, 0, NONE_COLOUR)]
    for i, low in enumerate(lows):
        last = i == len(lows) - 1
        high = None if last and low < top else (top if last else lows[i + 1] - 1)
        out.append(Shade(low, high, COLOURS[i]))
    return out


@dataclass(frozen=True)
class RegionFacts:
    region: Region
    listings: tuple[Listing, ...]  # every listing of the region, closed ones last (the text version)
    shade: Shade
    counts: str  # "can turn to: 8, with shelter: 7" in the page's language

    @property
    def n(self) -> int:
        """How many one can turn to: closed and suspended listings are not help, nor shaded as such."""
        return sum(1 for x in self.listings if offers_help(x))


@dataclass(frozen=True)
class CityFacts:
    city: City
    listings: tuple[Listing, ...]


@dataclass(frozen=True)
class Facts:
    lang: Lang
    regions: tuple[RegionFacts, ...]  # by name in the language
    cities: tuple[CityFacts, ...]  # every town with a local listing one can turn to, by key; only those
    national: tuple[Listing, ...]
    shades: tuple[Shade, ...]


def sort_key(listing: Listing, lang: Lang) -> tuple[int, tuple]:
    return listing_key(listing, lang)


def national_key(listing: Listing, lang: Lang) -> tuple[bool, int, tuple[int, tuple]]:
    """Helplines first, then emergency numbers in the order the home page gives them."""
    tel = listing.contacts.phones[0].tel if listing.contacts.phones else ""
    emergency = EMERGENCY_ORDER.index(tel) if tel in EMERGENCY_ORDER else len(EMERGENCY_ORDER)
    return (listing.kind == "emergency", emergency, sort_key(listing, lang))


def facts(catalogue: Catalogue, lang: Lang) -> Facts:
    w = Words(lang)
    by_region: dict[str, list[Listing]] = defaultdict(list)
    by_city: dict[str, list[Listing]] = defaultdict(list)
    for x in catalogue.listings:
        if x.region is not None:
            by_region[x.region.code].append(x)
        if x.city is not None and offers_help(x):  # a closed centre is no marker of help
            by_city[x.city.key].append(x)
    classes = shades([sum(1 for x in by_region[code] if offers_help(x)) for code in catalogue.regions])
    regions = []
    for region in by_name(catalogue.regions.values(), lang):
        listed = sorted(by_region[region.code], key=lambda x: sort_key(x, lang))
        working = [x for x in listed if offers_help(x)]
        n, s, stopped = len(working), sum(1 for x in working if x.has_shelter), len(listed) - len(working)
        counts = w("counts", n=n, s=s) if n else w("counts_none")
        if stopped:
            counts += w("counts_stopped", n=stopped)
        shade = next(c for c in classes if c.holds(n))
        regions.append(RegionFacts(region, tuple(listed), shade, counts))
    cities = [
        CityFacts(catalogue.cities[key], tuple(sorted(listed, key=lambda x: sort_key(x, lang))))
        for key, listed in sorted(by_city.items())
    ]
    national = tuple(sorted(catalogue.national, key=lambda x: national_key(x, lang)))
    return Facts(lang, tuple(regions), tuple(cities), national, tuple(classes))


def who_text(listing: Listing, lang: Lang) -> str:
    """Who it is for, in a few words; only what is known ("ask them" when nothing is)."""
    t, w, e = CoreWords(lang), Words(lang), listing.eligibility
    parts = []
    if e.gender in ("women", "men", "any"):
        parts.append(w(f"gender_{e.gender}"))
    if isinstance(e.age_min, int | float) or isinstance(e.age_max, int | float):
        age = age_text(listing, t)
        if age != t("age_any"):
            parts.append(age)
    if e.with_children == "yes":
        parts.append(w("with_children"))
    if e.pregnant == "yes":
        parts.append(w("pregnant"))
    return ", ".join(parts) if parts else w("who_unknown")


def status_text(listing: Listing, lang: Lang) -> str | None:
    return None if listing.status == "active" else Words(lang)(f"status_{listing.status}")


# ---------------------------------------------------------------- templates


def template_globals(lang: Lang) -> dict[str, object]:
    return {
        "w": Words(lang),
        "lang": lang,
        "who": lambda x: who_text(x, lang),
        "status": lambda x: status_text(x, lang),
    }
