"""What travels with a region: the lines to call first and the region's listings, in the words
of one language. The pocket card and the widget both show this, each in its own shape."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.model import Catalogue, Lang, Listing, Region
from generator.site.render import Renderer, by_name, hours_text, listing_key, offers_help

ALL = "all"  # the sheet of the whole country: its slug in /cards/all/ and /embed/all/


@dataclass(frozen=True)
class Line:
    number: str  # as shown: "150"
    tel: str  # for the tel: link
    name: str
    listing_id: str
    free_247: bool  # its listing says free and 24/7: only then may the card say so


@dataclass(frozen=True)
class Entry:
    listing_id: str
    name: str
    town: str
    phones: tuple[tuple[str, str], ...]  # (shown, tel)
    hours: str  # "" when unknown: the card has no room for "ask them" on every line


@dataclass(frozen=True)
class Sheet:
    slug: str  # the region's slug, or ALL
    title_region: str  # the region's name, "" for the whole country
    emergency: tuple[Line, ...]
    helplines: tuple[Line, ...]
    entries: tuple[Entry, ...]


def _line(x: Listing, lang: Lang) -> Line:
    phone = x.contacts.phones[0]
    return Line(phone.display, phone.tel, x.name(lang), x.id, x.fee == "free" and x.hours == "24/7")


def _entry(x: Listing, renderer: Renderer) -> Entry:
    lang = renderer.lang
    return Entry(
        x.id,
        x.name(lang),
        x.city.name(lang) if x.city else "",
        tuple((p.display, p.tel) for p in x.contacts.phones),
        "" if x.hours == "unknown" else hours_text(x, renderer.t),
    )


def sheets(catalogue: Catalogue, lang: Lang) -> list[Sheet]:
    """One sheet per region (in the language's alphabetical order) and one for the country. Only
    help one can turn to: a card lives for months in a bag, a closed centre must not be on it."""
    renderer = Renderer(catalogue, lang)
    emergency = tuple(_line(x, lang) for x in renderer.emergency_lines()[:2] if x.contacts.phones)
    helplines = tuple(_line(x, lang) for x in renderer.helplines() if x.contacts.phones)

    def entries(listings: list[Listing]) -> tuple[Entry, ...]:
        usable = sorted(
            (x for x in listings if offers_help(x) and not x.is_national), key=lambda x: listing_key(x, lang)
        )
        return tuple(_entry(x, renderer) for x in usable)

    out = [Sheet(ALL, "", emergency, helplines, entries(catalogue.listings))]
    region: Region
    for region in by_name(catalogue.regions.values(), lang):
        out.append(
            Sheet(region.slug, region.name(lang), emergency, helplines, entries(catalogue.in_region(region.code)))
        )
    return out
