# ruff: noqa: E501  (whole sentences in STRINGS read better unbroken, as in generator/i18n.py)
"""The "Find help" pages: the form and the national lines, one page per region with its listings.

The find page (find.md, URL /find/ and /ru/find/) holds the filters, the national lines
(they answer anyone, anywhere) and a link to each region's find page (find/<region>/), which
lists that region's listings with their facts after the national lines. Without JavaScript
every listing is one link away; what a first visit downloads does not grow with the directory
(issue 20: the find page <= 150 KB at 1,000 and 4,000 listings).

find-help.js (an external file) then filters and sorts the list in place and keeps the filters
in the address, so a filtered link can be sent. It reads the listings' facts from the items on
the page; for a region it fetches that region's find page (the "shard": its items carry their
facts), and only for a question about the whole country (no region, a town with the nearest
elsewhere, near me) the compact filter index this module writes (find/index.json in each
language) and the region pages of the listings it shows.

"Unknown" is a real answer: the index carries it as the string "unknown", and
the script keeps such listings visible, marked "ask them", after the certain
matches. The rules live in find-help.js only (tests/features/test_finder.py runs that
same file in Node on this index), so the browser and the tests cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from generator.data import catalogs
from generator.data.hours import (  # noqa: F401  (the finder's tests read the schedule through here)
    DAY_MINUTES,
    DAYS,
    UTC_OFFSET_MINUTES,
    WEEK_MINUTES,
    Hours,
    all_day,
    any_answer,
    clock_minutes,
    open_at,
    week_spans,
)
from generator.data.model import NOT_WORKING, Catalogue, Lang, Listing, Region
from generator.site import csp
from generator.site.i18n import Words, collation_key
from generator.site.render import Page, Renderer, by_name, environment, front_matter, listing_key, plain
from generator.site.settings import Settings

INDEX_PATH = "find/index.json"
INDEX_VERSION = 1
KINDS_WITHOUT_ELIGIBILITY = ("helpline", "emergency")  # phone lines: the listing page shows no "who" either

# The filters, in the order the page explains why a listing was hidden.
FILTERS = (
    "status",
    "where",
    "need",
    "age",
    "gender",
    "pregnant",
    "kids",
    "hiv",
    "mental",
    "nopolice",
    "noreferral",
    "free",
    "open",
)

# The words live in words/<lang>/finder.yaml, where a translator edits them; those of the
# eligibility filters (gender, mental disorders, referral, children's ages) in eligibility.yaml.
ELIGIBILITY_STRINGS: dict[Lang, dict[str, str]] = catalogs.table("eligibility")
STRINGS: dict[Lang, dict[str, str]] = {
    lang: words | ELIGIBILITY_STRINGS[lang] for lang, words in catalogs.table("finder").items()
}


class FindWords(Words):
    """`w('key', n=3)` for this page's own strings."""

    def __init__(self, lang: Lang):
        super().__init__(lang, STRINGS)

    def for_script(self) -> dict[str, str]:
        """The strings find-help.js shows, keyed without their prefix where the script builds keys."""
        keys = [key for key in self.strings if key.startswith(("js_", "why_", "ask_"))] + ["age", "near", "no_index"]
        return {key: self.strings[key] for key in keys}


# ---------------------------------------------------------------- reading a schedule
# One reading of opening hours for the whole site lives in generator/data/hours.py; find-help.js
# reads a schedule the same way (weekSpans, openNow, allDay), and tests/features/test_finder.py
# checks that the two agree on many schedules and moments.


def reachable(listing: Listing, reading: Callable[[Hours], str]) -> str:
    """A schedule reading (open_at at a moment, all_day) over the listing's hours and each of its
    channels' hours, as find-help.js reads the index's `hours` and `reach`."""
    return any_answer([reading(listing_hours(listing))] + [reading(c.hours_list) for c in listing.contacts.channels])


def listing_hours(listing: Listing) -> Hours:
    """A listing's hours as the index gives them to find-help.js."""
    if isinstance(listing.hours, str):
        return listing.hours
    return [{"days": list(p.days), "opens": p.opens, "closes": p.closes} for p in listing.hours]


# ---------------------------------------------------------------- the index


def entry(listing: Listing) -> dict[str, Any]:
    """One listing's facts as the script filters on them. Unknown stays the string 'unknown';
    ages are numbers, 'unknown', 'none' (no limit) or None (not given)."""
    e = listing.eligibility
    hours = listing_hours(listing)
    return {
        "id": listing.id,
        "kind": listing.kind,
        "status": listing.status,
        "region": listing.region.code if listing.region else None,
        "city": listing.city.key if listing.city else None,
        "services": [s.key for s in listing.services],
        "age": [e.age_min, e.age_max],
        "children": e.with_children,
        "boys": e.boys_age_max,
        "girls": e.girls_age_max,
        "pregnant": e.pregnant,
        "hiv": e.hiv,
        "police": e.police_report_required,
        "fee": listing.fee,
        "hours": hours,
        # Each channel's own hours where they differ from the place's: "reachable now" if the
        # place or any one channel answers (None, and no key in the index, when none differs).
        "reach": _other_hours(listing, hours),
        "phone_line": listing.kind in KINDS_WITHOUT_ELIGIBILITY,
        # Who else is accepted (issue 16, item 16), after the facts other filters read.
        "gender": e.gender,
        "mental": e.mental_disorders,
        "referral": e.referral_required,
        # Does "up to 11" include 11? (issue 16, item 19)
        "children_inclusive": e.children_age_inclusive,
    }


def page_order(catalogue: Catalogue, lang: Lang) -> list[Listing]:
    """Every listing, in the order of the page without filters: the national lines first (they
    answer anyone, anywhere), then by region, town and name; working ones before the others."""
    kind_rank = {"helpline": 0, "emergency": 1}

    def key(x: Listing) -> tuple:
        if x.is_national:
            return (0, kind_rank.get(x.kind, 2), (), (), *listing_key(x, lang), x.id)
        return (
            1,
            0,
            collation_key(x.region.name(lang), lang) if x.region else (),
            collation_key(x.city.name(lang), lang) if x.city else (),
            *listing_key(x, lang),
            x.id,
        )

    return sorted(catalogue.listings, key=key)


def places(catalogue: Catalogue, lang: Lang) -> dict[str, Any]:
    """What the filters choose from: regions, towns (with their centre, for distances) and needs."""
    return {
        "version": INDEX_VERSION,
        "utc_offset_minutes": UTC_OFFSET_MINUTES,
        "regions": {r.code: r.name(lang) for r in catalogue.regions.values()},
        "cities": {
            c.key: {"region": c.region, "lat": c.lat, "lon": c.lon, "name": c.name(lang)}
            for c in catalogue.cities.values()
        },
        "needs": [s.key for s in catalogue.services.values() if s.need],
    }


def _other_hours(listing: Listing, own: Hours) -> list[Hours] | None:
    """The channels' hours that are not the place's own, each once (the same hours twice answer
    the same), or None: most channels keep the listing's hours, and the index stays small."""
    other: list[Hours] = []
    for channel in listing.contacts.channels:
        if channel.hours_list != own and channel.hours_list not in other:
            other.append(channel.hours_list)
    return other or None


def listed(catalogue: Catalogue) -> dict[str, list[int]]:
    """Each region's listings as [working or unknown, closed or suspended]: what a region's find page
    says the others hide without loading them (the "where" and "status" reasons of its summary)."""
    counts = {code: [0, 0] for code in catalogue.regions}
    for x in catalogue.listings:
        if x.region is not None:
            counts.setdefault(x.region.code, [0, 0])[1 if x.status in NOT_WORKING else 0] += 1
    return counts


def build_index(catalogue: Catalogue, lang: Lang = "kk", ordered: list[Listing] | None = None) -> dict[str, Any]:
    """The filter index: the places and needs, and every listing's facts in page order (`ordered`
    when the caller has it already: ordering thousands of names by collation is not free). `reach`
    is left out where it is None (find-help.js reads a missing one as no other hours)."""
    ordered = page_order(catalogue, lang) if ordered is None else ordered
    listings = []
    for x in ordered:
        facts = entry(x)
        if facts["reach"] is None:
            del facts["reach"]
        listings.append(facts)
    return places(catalogue, lang) | {"listings": listings}


# ---------------------------------------------------------------- the feature


def files(catalogue: Catalogue, lang: Lang, settings: Settings | None = None) -> dict[str, str | bytes]:
    """The filter index, and each region's items alone (fetched by a find page that shows them).
    An items file is not a page for readers, but whoever opens one finds a quick exit on it."""
    ordered = page_order(catalogue, lang)
    index = build_index(catalogue, lang, ordered)
    out: dict[str, str | bytes] = {INDEX_PATH: json.dumps(index, ensure_ascii=False, separators=(",", ":"))}
    exit_url = (settings or Settings()).exit_url
    shared = context(Renderer(catalogue, lang)) | {"root": "../../", "exit_url": exit_url}
    template = environment().get_template("find_items.html")
    _, regional = by_region(catalogue, lang, ordered)
    for region in shared["regions"]:
        items = template.render(**shared, region=region, listings=regional[region.code])
        out[region_items_path(region)] = csp.add_policy(items)  # a file, not a page: the build's pass skips it
    return out


# Facts that are not plain strings are JSON in their data attribute (find-help.js knows the same list).
JSON_FACTS = ("services", "age", "boys", "girls", "hours", "reach", "phone_line")


def facts_attrs(x: Listing) -> dict[str, str]:
    """The same facts as data attributes on each item, so the page carries them even without the
    index: strings as they are, the others as JSON; a missing fact (None) has no attribute."""
    attrs = {}
    for key, value in entry(x).items():
        if value is None:
            continue
        text = json.dumps(value, ensure_ascii=False) if key in JSON_FACTS else str(value)
        attrs[f"data-{key.replace('_', '-')}"] = text
    return attrs


def facts_html(x: Listing) -> Markup:
    """facts_attrs as the item's attributes, escaped: one join instead of a template loop per fact."""
    return Markup("".join(f' {key}="{escape(value)}"' for key, value in facts_attrs(x).items()))


def region_page_path(region: Region) -> str:
    """A region's find page, relative to the docs folder (URL find/<slug>/)."""
    return f"find/{region.slug}.md"


def region_items_path(region: Region) -> str:
    """A region's items alone (find_items.html), beside its find page: what find-help.js fetches."""
    return f"find/{region.slug}/items.html"


def by_region(
    catalogue: Catalogue, lang: Lang, ordered: list[Listing] | None = None
) -> tuple[list[Listing], dict[str, list[Listing]]]:
    """Page order, split: the listings every find page holds (those without a region: find-help.js
    reads them as everywhere), and each region's own."""
    national: list[Listing] = []
    regional: dict[str, list[Listing]] = {code: [] for code in catalogue.regions}
    for x in page_order(catalogue, lang) if ordered is None else ordered:
        if x.region is None:
            national.append(x)
        else:
            regional.setdefault(x.region.code, []).append(x)
    return national, regional


def context(renderer: Renderer) -> dict[str, Any]:
    """What every find page's template and the regions' item files read."""
    cat, lang = renderer.catalogue, renderer.lang
    w = FindWords(lang)
    return {
        **renderer.globals,
        "w": w,
        "other": "ru" if lang == "kk" else "kk",
        "regions": by_name(cat.regions.values(), lang),
        "facts_html": facts_html,
        "phone_kinds": KINDS_WITHOUT_ELIGIBILITY,
        "in_region": lambda code: renderer.open_in_region.get(code, 0),  # closed ones are not help
    }


def pages(renderer: Renderer) -> list[Page]:
    """The find page (national lines only) and one find page per region (its listings after them)."""
    cat, lang = renderer.catalogue, renderer.lang
    shared = context(renderer)
    w, regions = shared["w"], shared["regions"]
    shared |= {
        "cities": by_name(cat.cities.values(), lang),
        "needs": [s for s in cat.services.values() if s.need],
        "script_words": json.dumps(w.for_script(), ensure_ascii=False),
        # The pages' own places also count every region's listings and all of them (not in the index).
        "places_json": json.dumps(
            places(cat, lang) | {"listed": listed(cat), "total": len(cat.listings)},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        "total": len(cat.listings),
    }

    def shards(prefix: str) -> str:
        urls = {r.code: prefix + region_items_path(r).removeprefix("find/") for r in regions}
        return json.dumps(urls, separators=(",", ":"))

    national, regional = by_region(cat, lang)
    template = environment().get_template("find.html")
    main = template.render(**shared, region=None, root="../", find_root="", listings=national, shards=shards(""))
    meta = {"title": plain(w("title")), "description": plain(w("description")), "hide": ["toc"]}
    out = [Page("find.md", front_matter(**meta) + main)]
    for region in regions:
        body = template.render(
            **shared,
            region=region,
            root="../../",
            find_root="../",
            listings=national + regional[region.code],
            shards=shards("../"),
        )
        title = f"{w('title')}: {region.name(lang)}"
        out.append(Page(region_page_path(region), front_matter(title=plain(title), hide=["toc"]) + body))
    return out
