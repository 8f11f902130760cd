"""What travels with a region: the lines to call first and the region's listings, in the words
of one language. The pocket card and the widget both show this, each in its own shape."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.channels import Channel
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


def calls(x: Listing) -> list[tuple[Channel, str]]:
    """The listing's numbers one can call (its voice channels), each with its tel: target. A card
    on paper or a widget in a partner's page dials with tel:, which only a voice channel answers:
    a WhatsApp, Telegram or SMS number is not one to call."""
    return [(c, c.parsed.tel) for c in x.contacts.channels if c.kind == "voice" and c.parsed is not None]


def _line(x: Listing, lang: Lang) -> Line:
    channel, tel = calls(x)[0]
    # "free and 24/7" only when the listing says free and this very line answers round the clock
    # and costs nothing more than the service (its own cost is not the operator's rate).
    free_247 = x.fee == "free" and channel.hours == "24/7" and channel.cost != "operator"
    return Line(channel.display, tel, x.name(lang), x.id, free_247)


def _entry(x: Listing, renderer: Renderer) -> Entry:
    lang = renderer.lang
    return Entry(
        x.id,
        x.name(lang),
        x.city.name(lang) if x.city else "",
        tuple((c.display, tel) for c, tel in calls(x)),
        "" if x.hours == "unknown" else hours_text(x, renderer.t),
    )


def sheets(catalogue: Catalogue, lang: Lang) -> list[Sheet]:
    """One sheet per region (in the language's alphabetical order) and one for the country. Only
    help one can turn to: a card lives for months in a bag, a closed centre must not be on it."""
    renderer = Renderer(catalogue, lang)
    emergency = tuple(_line(x, lang) for x in renderer.emergency_lines()[:2] if calls(x))
    helplines = tuple(_line(x, lang) for x in renderer.helplines() if calls(x))

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
