"""The map of centres by region (a feature: see generator/features.py).

Per language it adds:

* the page ``map.md`` (URL ``map/``): a short explanation, the map, and its text
  alternative — every region with its counts and a link to its page, the listings of each
  region, and the national lines;
* the map itself, ``map/map.html`` and its script ``map/map.js``, made with Folium by
  frame.py (no tiles by default, every script and stylesheet served by the
  site, no inline script, its own Content-Security-Policy).

Pages do not load that map on their own: it is about 100 KB of code, and drawing it would
hold a cheap phone's main thread (and its quick exit) for a quarter of a second. They show
a static map first (:func:`static_map`, templates/map_static.html): the 20 regions as an
inline ``<svg>`` made by generator/svg.py, each a link to its region's page, coloured as
the Folium map is, with its legend. Under ``html.js`` a button says what the interactive map
adds and how much it downloads; pressing it (kz-map-load.js) puts the map's iframe, kept
until then in a ``<template>``, in the static map's place and moves the focus to it.
Without JavaScript there is no button: the static map and the text list are the map.

Region pages show the same static map with their region marked (``aria-current="page"``)
and load the same file zoomed to their region (``map/map.html#KZ-75``). They are core pages
(templates/region.html includes templates/map_region.html), so this feature gives the core
templates :func:`core_globals`; the home page links here from templates/map_home.html.

Safety: a listing is placed at the coordinates of its *town* (data/cities.yaml), never
anywhere more precise; a listing's address is never read here. The static map has no
coordinate but the region shapes.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator import ROOT
from generator.data.model import Catalogue, Lang, Listing, Region
from generator.features.map import svg
from generator.features.map.facts import Facts, Words, facts, template_globals
from generator.site.render import (
    Page,
    Renderer,
    environment,
    front_matter,
    plain,
)

PAGE = "map.md"
FRAME = "map/map.html"
SCRIPT = "map/map.js"
ASSETS = ROOT / "overrides" / "assets"  # the theme's files, served at each language's assets/

# ---------------------------------------------------------------- the feature


def pages(renderer: Renderer) -> list[Page]:
    lang = renderer.lang
    w = Words(lang)
    built = _built_for(renderer.catalogue, lang)
    body = (
        environment()
        .get_template("map.html")
        .render(
            **template_globals(lang),
            facts=built.facts,
            static_map=static_map(built.facts, built.kb, root="../", frame=FRAME.split("/")[-1]),
            phone=first_phone,
        )
    )
    # Out of the search index every page downloads: it repeats every listing, which are indexed already.
    meta = front_matter(
        title=plain(w("page_title")), description=plain(w("page_description")), hide=["toc"], search={"exclude": True}
    )
    return [Page(PAGE, meta + body)]


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    return dict(_built_for(catalogue, lang).files)


@dataclass(frozen=True)
class _Built:
    """One language's map, made once per build: the facts, the map files, and what they download."""

    facts: Facts
    files: dict[str, str]
    kb: int


# The last catalogue's map per language: the map page, the region pages and files() all use it.
# A validated catalogue is not changed afterwards (as exports' cache also assumes).
_built: dict[Lang, tuple[Catalogue, _Built]] = {}


def _built_for(catalogue: Catalogue, lang: Lang) -> _Built:
    cached = _built.get(lang)
    if cached is None or cached[0] is not catalogue:
        from generator.features.map.frame import build

        f = facts(catalogue, lang)
        frame, script = build(f)
        made = {FRAME: frame, SCRIPT: script}
        cached = _built[lang] = (catalogue, _Built(f, made, _download_kb(made)))
    return cached[1]


def download_kb(catalogue: Catalogue, lang: Lang) -> int:
    """What pressing the button downloads, gzip (as GitHub Pages serves it), in tens of KB."""
    return _built_for(catalogue, lang).kb


def _download_kb(made: dict[str, str]) -> int:
    """The map file, its script and every script and stylesheet the file links to (Leaflet,
    markercluster, kz-map.js and their styles); a cached file would cost less, so this is
    the most it costs."""
    frame = made[FRAME]
    total = len(gzip.compress(frame.encode(), 6))
    for url in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', frame):
        path = url.split("?")[0]
        if path == SCRIPT.split("/")[-1]:
            data = made[SCRIPT].encode()
        else:
            assert path.startswith("../assets/"), url
            data = (ASSETS / path.removeprefix("../assets/")).read_bytes()
        total += len(gzip.compress(data, 6))
    return max(10, round(total / 10_000) * 10)


def static_map(f: Facts, kb: int, root: str, frame: str, current: Region | None = None) -> Markup:
    """The static map and its button (templates/map_static.html): ``root`` leads from the page to
    its language's root, ``frame`` to the map file; ``current`` is the region of a region page."""
    shapes = svg.shapes()
    # Drawn last, so that no neighbour covers their wide outline: the cities, then the current region.
    regions = sorted(f.regions, key=lambda r: (r.region == current, r.region.code in shapes.small))
    w = Words(f.lang)
    return Markup(
        environment()
        .get_template("map_static.html")
        .render(
            w=w,
            lang=f.lang,
            facts=f,
            shapes=shapes,
            regions=[(r, Markup(shapes.paths[r.region.code])) for r in regions],
            current=current,
            root=root,
            frame=frame,
            title=w("region_frame_title", region=current.name(f.lang)) if current else w("frame_title"),
            kb=kb,
        )
    )


def core_globals(catalogue: Catalogue, lang: Lang) -> dict[str, Callable[..., Markup]]:
    """What templates/map_region.html, a core template, calls: ``static_map(region)``."""
    built = _built_for(catalogue, lang)

    def region_map(region: Region) -> Markup:
        return static_map(built.facts, built.kb, root="../../", frame=f"../../{FRAME}#{region.code}", current=region)

    return {"static_map": region_map}


def first_phone(listing: Listing):
    return listing.contacts.phones[0] if listing.contacts.phones else None
