"""The map (issue 4): files per language, every listing and region named, nothing from another
origin, no coordinate more precise than a town, Folium's CDN links replaced, text alternative;
the static map pages show first (region links, colours, shapes only, size) and its button."""

from __future__ import annotations

import dataclasses
import gzip
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from generator import features
from generator.data.model import Text
from generator.features.map import facts as mapfacts
from generator.features.map import frame as mapframe
from generator.features.map import svg as mapsvg
from generator.features.map import view as mapview
from generator.features.map.facts import STRINGS, Words, shades, who_text
from generator.site.render import Renderer, offers_help

from ..conftest import ROOT, missing_tool

LANGS = {"kk": "", "ru": "ru/"}
GEO = json.loads((ROOT / "data" / "geo" / "kz-regions.geojson").read_text(encoding="utf-8"))
VENDOR = ROOT / "overrides" / "assets" / "vendor"


def read(site: Path, lang: str, path: str) -> str:
    return (site / LANGS[lang] / path).read_text(encoding="utf-8")


def region_data(script: str) -> dict:
    """The GeoJSON Folium embeds: the argument of geo_json_N_add(...)."""
    match = re.search(r"^geo_json_\d+_add\((\{.*\})\);$", script, re.M)
    assert match, "the map script holds the region shapes"
    return json.loads(match.group(1))


def bound_strings(script: str, method: str) -> list[tuple[str, str]]:
    """(layer variable, decoded HTML) of every marker.bindPopup/bindTooltip("…", …) call."""
    out = []
    for match in re.finditer(rf'^(\w+)\.{method}\(("(?:[^"\\]|\\.)*"),', script, re.M):
        out.append((match.group(1), json.loads(match.group(2))))
    return out


def markers(script: str) -> dict[str, tuple[float, float]]:
    """Marker variable -> [lat, lon] of every L.marker(...)."""
    found = re.findall(r"^var (marker_\d+) = L\.marker\(\n\[(-?[\d.]+), (-?[\d.]+)\],", script, re.M)
    return {name: (float(lat), float(lon)) for name, lat, lon in found}


def words_of(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def static_svg(page: str) -> str:
    """The static map's <svg> (the region links) in a page."""
    found = re.findall(r'<svg class="kz-smap__map".*?</svg>', page, re.S)
    assert len(found) == 1, "one static map"
    return found[0]


LINK = re.compile(
    r'<a href="(?P<href>[^"]+)"(?P<current> aria-current="page")?><title>(?P<name>[^<]*)</title>'
    r'<path d="(?P<d>[^"]+)" fill="(?P<fill>#[0-9a-f]{6})"(?: class="kz-smap__small")?/></a>'
)


def static_links(svg: str) -> list[dict]:
    """Every region link of the static map: href, name (decoded), path data, fill, current."""
    links = [
        {**m.groupdict(), "name": html.unescape(m["name"]), "current": bool(m["current"])} for m in LINK.finditer(svg)
    ]
    assert len(links) == svg.count("<a "), "every link has the one expected form"
    return links


def path_points(d: str) -> list[list[tuple[int, int]]]:
    """The rings of a path written as M x y l dx dy … z (what mapsvg writes, nothing else)."""
    rings = []
    for ring in re.findall(r"M([^z]*)z", d):
        start, _, moves = ring.partition("l")
        x, y = (int(v) for v in start.split())
        points = [(x, y)]
        numbers = [int(v) for v in re.findall(r"-?\d+", moves)]
        assert len(numbers) % 2 == 0
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        rings.append(points)
    assert re.fullmatch(r"(?:M\d+ \d+l[-\d ]+z)+", d), "only absolute moves, relative lines and closes"
    return rings


# ---------------------------------------------------------------- unit


def test_both_languages_have_the_same_words():
    assert STRINGS["kk"].keys() == STRINGS["ru"].keys()
    for lang in STRINGS:
        for key, text in STRINGS[lang].items():
            assert text.strip(), (lang, key)
        assert STRINGS[lang]["page_title"] != STRINGS["ru" if lang == "kk" else "kk"]["page_title"]


@pytest.mark.parametrize("counts", [[], [0, 0], [0, 1], [0, 1, 8, 3, 2], [0, 5, 200, 17, 1, 64], list(range(40))])
def test_every_count_falls_in_exactly_one_legend_class(counts):
    classes = shades(counts)
    assert classes[0].low == classes[0].high == 0
    for n in set(counts) | {0, max(counts, default=0)}:
        assert sum(c.holds(n) for c in classes) == 1, (n, classes)
    assert len({c.colour for c in classes}) == len(classes) <= 5


def test_who_it_is_for_says_only_what_is_known_and_ask_otherwise(catalogue):
    x = next(x for x in catalogue.listings if x.id == "almaty-zhan-saya")
    unknown = dataclasses.replace(
        x.eligibility,
        gender="unknown",
        age_min="unknown",
        age_max="unknown",
        with_children="unknown",
        pregnant="unknown",
    )
    for lang in LANGS:
        assert who_text(dataclasses.replace(x, eligibility=unknown), lang) == Words(lang)("who_unknown")
    known = dataclasses.replace(unknown, gender="women", age_min=18, age_max=35, with_children="yes", pregnant="yes")
    assert who_text(dataclasses.replace(x, eligibility=known), "ru") == "женщины, 18–35 лет, с детьми, беременные"
    no = dataclasses.replace(unknown, with_children="no", pregnant="no")
    assert who_text(dataclasses.replace(x, eligibility=no), "kk") == Words("kk")("who_unknown"), (
        "no is not shown as yes"
    )
    for listing in catalogue.listings:
        for lang in LANGS:
            assert who_text(listing, lang), listing.id


def test_map_files_are_the_same_for_the_same_data(catalogue):
    from generator.features.map import frame as mapframe

    # Built twice for real: mapview.files keeps the last build, so comparing it with itself proves nothing.
    first, second = (mapframe.build(mapfacts.facts(catalogue, "kk")) for _ in range(2))
    assert first == second
    assert mapview.files(catalogue, "kk") == {mapview.FRAME: first[0], mapview.SCRIPT: first[1]}


def region_page(catalogue, lang: str, region) -> str:
    """A region page as the build makes it: the renderer with what the features give core templates."""
    return Renderer(catalogue, lang, feature_globals=features.core_globals(catalogue, lang)).region(region).content


def test_core_templates_include_words_that_match_the_module(catalogue):
    for lang in LANGS:
        w = Words(lang)
        region = catalogue.regions["KZ-75"]
        page = region_page(catalogue, lang, region)
        later = re.search(r'<template class="kz-map__later">(.*?)</template>', page, re.S).group(1)
        title = w("region_frame_title", region=region.name(lang))
        assert f'title="{html.escape(title)}"' in later
        assert f'src="../../map/map.html#{region.code}"' in later
        assert w("open_map") in page
        kb = mapview.download_kb(catalogue, lang)
        assert f">{html.escape(w('load_map', kb=kb))}</button>" in page
        home = Renderer(catalogue, lang).home().content
        assert f'<a href="map/">{w("map_link")}</a>' in home
    # Without the map feature (a bare renderer), a region page has no map and no error.
    bare = Renderer(catalogue, "ru").region(catalogue.regions["KZ-75"]).content
    assert "kz-map" not in bare and "<svg" not in bare


def test_text_from_the_data_is_escaped_in_the_map(catalogue):
    """Validation rejects HTML in listings; the map escapes anyway (a listing that slipped through)."""
    hostile = "<img src=x onerror=alert(1)>`${alert(2)}` & \"q\" 'a' </script>"
    text = Text(kk=hostile, ru=hostile)
    x = next(x for x in catalogue.listings if x.id == "taraz-zhambyl-centre")
    city = dataclasses.replace(x.city, name=text)
    region = dataclasses.replace(x.region, name=text)
    bad = dataclasses.replace(x, name=text, city=city, region=region)
    national = next(x for x in catalogue.listings if x.id == "national-150")
    listings = [bad, dataclasses.replace(national, name=text)]
    hostile_catalogue = dataclasses.replace(
        catalogue,
        listings=listings,
        regions={**catalogue.regions, region.code: region},
        cities={**catalogue.cities, city.key: city},
    )
    escaped = str(escape(hostile))
    for lang in LANGS:
        files = mapview.files(hostile_catalogue, lang)
        script, frame = files[mapview.SCRIPT], files[mapview.FRAME]
        assert "<img" not in script and "</script" not in script and "<img" not in frame
        popups = [content for _, content in bound_strings(script, "bindPopup")]
        assert any(escaped in content for content in popups)
        tooltips = [content for _, content in bound_strings(script, "bindTooltip")]
        assert any(escaped in content for content in tooltips)
        assert escaped in frame  # the national list
        assert any(f["properties"]["name"] == hostile for f in region_data(script)["features"])  # set as text
        page = mapview.pages(Renderer(hostile_catalogue, lang))[0].content
        assert "<img" not in page and escaped in page
        still = static_svg(page)
        assert f"<title>{escaped} — " in still and "<img" not in still  # the static map's link names
        region_html = region_page(hostile_catalogue, lang, region)
        assert f"<title>{escaped} — " in static_svg(region_html) and "<img" not in region_html


# ---------------------------------------------------------------- the built site


@pytest.mark.parametrize("lang", LANGS)
def test_map_files_exist_for_each_language(built_site: Path, lang: str):
    for path in ("map/index.html", "map/map.html", "map/map.js"):
        assert (built_site / LANGS[lang] / path).is_file(), path
    frame = read(built_site, lang, "map/map.html")
    assert f'<html lang="{lang}">' in frame
    assert f"<title>{html.escape(Words(lang)('frame_title'))}</title>" in frame


@pytest.mark.parametrize("lang", LANGS)
def test_map_names_every_listing_and_every_region(built_site: Path, catalogue, lang: str):
    script, frame = read(built_site, lang, "map/map.js"), read(built_site, lang, "map/map.html")
    data = region_data(script)
    props = {f["properties"]["iso"]: f["properties"] for f in data["features"]}
    assert len(props) == 20 == len(catalogue.regions)
    for region in catalogue.regions.values():
        p = props[region.code]
        assert p["name"] == region.name(lang)
        assert p["href"] == f"../regions/{region.slug}/"
        assert p["n"] == len([x for x in catalogue.in_region(region.code) if offers_help(x)])
        assert str(p["n"]) in p["counts"] or p["n"] == 0
    popups = " ".join(words_of(content) for _, content in bound_strings(script, "bindPopup"))
    links = re.findall(r'href="([^"]+)"', " ".join(c for _, c in bound_strings(script, "bindPopup")) + frame)
    for x in catalogue.listings:
        if x.city and not offers_help(x):  # closed or suspended: no marker of help (issue 16)
            assert f"../centres/{x.id}/" not in links, x.id
            continue
        assert f"../centres/{x.id}/" in links, x.id
        where = popups if x.city else words_of(frame)
        assert x.name(lang) in where, x.id


@pytest.mark.parametrize("lang", LANGS)
def test_map_holds_no_url_to_another_origin(built_site: Path, lang: str):
    site = built_site / LANGS[lang]
    texts = {
        "map.html": read(built_site, lang, "map/map.html"),
        "map.js": read(built_site, lang, "map/map.js"),
        "kz-map.js": (site / "assets/javascripts/kz-map.js").read_text(encoding="utf-8"),
        "kz-map-frame.css": (site / "assets/stylesheets/kz-map-frame.css").read_text(encoding="utf-8"),
        "leaflet.css": (site / "assets/vendor/leaflet/leaflet.css").read_text(encoding="utf-8"),
        "MarkerCluster.css": (site / "assets/vendor/leaflet.markercluster/MarkerCluster.css").read_text(),
    }
    allowed = {
        "map.js": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],  # the optional street map, off by default
        "map.html": ["https://tile.openstreetmap.org;"],  # its origin in the CSP's img-src
    }
    for name, text in texts.items():
        if name.endswith(".css"):
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # comments cite bug trackers; they load nothing
        urls = re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*", text)
        assert sorted(urls) == sorted(allowed.get(name, [])), (name, urls)
    for name in ("map.html",):
        for url in re.findall(r'(?:src|href)="([^"]*)"', texts[name]):
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url) or url.startswith(("tel:", "data:,")), url
    for name in ("map.html", "map.js"):
        for word in ("bootstrap", "jquery", "font-awesome", "fontawesome", "awesome-markers", "glyphicon", "cdn"):
            assert word not in texts[name].lower(), (name, word)


@pytest.mark.parametrize("lang", LANGS)
def test_map_loads_only_vendored_and_own_files_that_exist(built_site: Path, lang: str):
    frame = read(built_site, lang, "map/map.html")
    scripts = re.findall(r'<script src="([^"]+)"></script>', frame)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)">', frame)
    assert scripts[:2] == [url for _, url in mapframe.LEAFLET_JS + mapframe.CLUSTER_JS]
    assert styles[:2] == [url for _, url in mapframe.LEAFLET_CSS + mapframe.CLUSTER_CSS]
    assert scripts[2] == mapframe.OWN_JS and scripts[3].startswith("map.js?v=")
    for url in scripts + styles:
        assert (built_site / LANGS[lang] / "map" / url.split("?")[0]).resolve().is_file(), url
    for package in ("leaflet", "leaflet.markercluster"):
        assert (built_site / LANGS[lang] / "assets/vendor" / package / "LICENSE").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_map_file_has_no_inline_script_or_style_and_a_strict_policy(built_site: Path, lang: str):
    frame = read(built_site, lang, "map/map.html")
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", frame) == []
    assert "<style" not in frame and " style=" not in frame
    assert re.search(r"\son\w+=", frame) is None and "javascript:" not in frame
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', frame)
    assert policy and frame.index(policy.group(0)) < frame.index("<link")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'self'" and rules["script-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert '<meta name="referrer" content="no-referrer">' in frame
    script = read(built_site, lang, "map/map.js")
    assert '"referrerPolicy": "strict-origin-when-cross-origin"' in script


@pytest.mark.parametrize("lang", LANGS)
def test_map_has_no_tiles_by_default(built_site: Path, lang: str):
    script = read(built_site, lang, "map/map.js")
    tiles = re.findall(r"var (tile_layer_\d+) = L\.tileLayer\(", script)
    assert len(tiles) == 1
    assert f"{tiles[0]}.addTo(" not in script, "the street map is off until the reader switches it on"
    assert html.escape(Words(lang)("streets")) in json.loads(
        '"' + re.search(r'overlays :  \{\n"((?:[^"\\]|\\.)*)" : ' + tiles[0], script).group(1) + '"'
    )


@pytest.mark.parametrize("lang", LANGS)
def test_map_holds_no_coordinate_of_a_shelter_beyond_its_town(built_site: Path, catalogue, lang: str):
    script = read(built_site, lang, "map/map.js")
    data = region_data(script)
    # The region shapes are data/geo/kz-regions.geojson, unchanged.
    assert [f["geometry"] for f in data["features"]] == [f["geometry"] for f in GEO["features"]]
    rest = script.replace(re.search(r"^geo_json_\d+_add\(.*\);$", script, re.M).group(0), "")
    towns = {(c.lat, c.lon): c for c in catalogue.cities.values()}
    placed = markers(rest)
    assert placed, "the map has town markers"
    popups = dict(bound_strings(rest, "bindPopup"))
    for name, where in placed.items():
        assert where in towns, f"{name} at {where} is not a town centre from data/cities.yaml"
        town = towns[where]
        ids = re.findall(r'href="\.\./centres/([^/"]+)/"', popups[name])
        assert ids, name
        for listing_id in ids:
            x = next(x for x in catalogue.listings if x.id == listing_id)
            assert x.city is not None and x.city.key == town.key, (listing_id, town.key)
    local = [x for x in catalogue.listings if x.city and offers_help(x)]
    assert sum(len(re.findall(r"\.\./centres/", popups[n])) for n in placed) == len(local)
    # Any other latitude or longitude in the script is one of the view's coarse constants.
    view = {v for pair in mapframe.KZ_BOUNDS for v in pair} | set(mapframe.CENTRE) | set(mapframe.MAX_BOUNDS.values())
    town_values = {v for pair in towns for v in pair}
    for number in re.findall(r"(?<![\w.])-?\d+\.\d+", rest):
        value = float(number)
        if 35 <= value <= 95:
            assert value in town_values or value in view, number
    for x in catalogue.listings:
        if x.address:
            for lang_ in LANGS:
                assert x.address(lang_) not in script


@pytest.mark.parametrize("lang", LANGS)
def test_map_page_embeds_the_map_and_its_text_alternative(built_site: Path, catalogue, lang: str):
    page = read(built_site, lang, "map/index.html")
    w = Words(lang)
    later = re.search(r'<template class="kz-map__later">(.*?)</template>', page, re.S).group(1)
    iframe = re.search(r"<iframe [^>]+>", later).group(0)
    assert 'src="map.html"' in iframe
    assert f'title="{html.escape(w("frame_title"))}"' in iframe
    assert len(re.findall(r"<iframe", page)) == 1, "the only iframe is the one the button puts in"
    listing = page[page.index('id="map-list"') :]
    text = words_of(listing)
    for region in catalogue.regions.values():
        assert f'href="../regions/{region.slug}/"' in listing, region.code
        # Each region's own counts, next to its name: help that works, then what is closed or
        # suspended (issue 16). A bare count anywhere in the text could be another region's.
        listed = [x for x in catalogue.in_region(region.code) if offers_help(x)]
        stopped = len(catalogue.in_region(region.code)) - len(listed)
        shelters = sum(1 for x in listed if x.has_shelter)
        counts = w("counts", n=len(listed), s=shelters) if listed else w("counts_none")
        if stopped:
            counts += w("counts_stopped", n=stopped)
        assert f"{region.name(lang)} — {counts}" in text, region.code
    for x in catalogue.listings:
        assert f'href="../centres/{x.id}/"' in listing, x.id
        assert x.name(lang) in text
    for x in catalogue.national:
        assert x.name(lang) in text[text.index(w("national_title")) :]
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', page, re.S).group(0)
    assert w("page_title") in words_of(nav)


def test_every_region_page_shows_its_region_on_the_map(built_site: Path, catalogue):
    for lang in LANGS:
        for region in catalogue.regions.values():
            page = read(built_site, lang, f"regions/{region.slug}/index.html")
            later = re.search(r'<template class="kz-map__later">(.*?)</template>', page, re.S).group(1)
            assert f'src="../../map/map.html#{region.code}"' in later, (lang, region.code)
            links = static_links(static_svg(page))
            current = [link for link in links if link["current"]]
            assert [link["href"] for link in current] == [f"../../regions/{region.slug}/"], (lang, region.code)
            assert links[-1] is current[0], "the region is drawn last, so no neighbour covers its outline"


def test_home_page_links_to_the_map(built_site: Path):
    for lang in LANGS:
        assert 'href="map/"' in read(built_site, lang, "index.html")


def test_map_weight_stays_small(built_site: Path):
    """The map file with everything it loads, gzip: far under the 250 KB budget (benchmarks/map_weight.py)."""
    site = built_site
    frame = (site / "map/map.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:src|href)="((?:\.\./assets|map\.js)[^"]*)"', frame)
    total = len(gzip.compress(frame.encode(), 9))
    for url in urls:
        total += len(gzip.compress((site / "map" / url.split("?")[0]).resolve().read_bytes(), 9))
    assert total < 150_000, total


# ---------------------------------------------------------------- the static map


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["map/index.html", "regions/ulytau-region/index.html"])
def test_static_map_links_every_region_by_its_name_and_counts(built_site: Path, catalogue, lang: str, where: str):
    page = read(built_site, lang, where)
    links = static_links(static_svg(page))
    w = Words(lang)
    root = "../" if where.startswith("map/") else "../../"
    by_href = {link["href"]: link for link in links}
    assert len(links) == len(by_href) == 20 == len(catalogue.regions)
    listing = words_of(page[page.index('id="map-list"') :]) if where.startswith("map/") else None
    for region in catalogue.regions.values():
        link = by_href[f"{root}regions/{region.slug}/"]
        listed = [x for x in catalogue.in_region(region.code) if offers_help(x)]
        stopped = len(catalogue.in_region(region.code)) - len(listed)
        shelters = sum(1 for x in listed if x.has_shelter)
        counts = w("counts", n=len(listed), s=shelters) if listed else w("counts_none")
        if stopped:
            counts += w("counts_stopped", n=stopped)
        assert link["name"] == f"{region.name(lang)} — {counts}"
        if listing is not None:
            assert f"{region.name(lang)} — {counts}" in listing, "the same words as the text alternative"
    assert 'role="group"' in static_svg(page) and f'aria-label="{w["static_label"]}"' in static_svg(page)


@pytest.mark.parametrize("lang", LANGS)
def test_static_map_colours_are_the_legend_shades_of_the_counts(built_site: Path, catalogue, lang: str):
    page = read(built_site, lang, "map/index.html")
    counts = {code: len([x for x in catalogue.in_region(code) if offers_help(x)]) for code in catalogue.regions}
    classes = shades(list(counts.values()))
    slug_code = {r.slug: r.code for r in catalogue.regions.values()}
    for link in static_links(static_svg(page)):
        n = counts[slug_code[link["href"].split("/")[-2]]]
        (shade,) = [c for c in classes if c.holds(n)]
        assert link["fill"] == shade.colour, (link["href"], n)
    legend = re.search(r'<div class="kz-smap__legend">(.*?)</div>', page, re.S).group(1)
    found = re.findall(r'<rect width="1" height="1" fill="(#[0-9a-f]{6})"/></svg>([^<]+)</li>', legend)
    assert found == [(c.colour, c.label) for c in classes]
    assert words_of(legend).strip().startswith(Words(lang)("legend_title") + ":")
    # The interactive map colours the regions the same way.
    f = mapfacts.facts(catalogue, lang)
    assert {r.region.code: r.shade.colour for r in f.regions} == {
        code: next(c.colour for c in classes if c.holds(n)) for code, n in counts.items()
    }


def test_static_map_has_nothing_but_the_region_shapes(built_site: Path, catalogue):
    shapes = mapsvg.shapes()
    for lang in LANGS:
        for where in ("map/index.html", "regions/almaty/index.html"):
            svg = static_svg(read(built_site, lang, where))
            # Only these elements and attributes: no marker, label, image or reference to anything.
            assert set(re.findall(r"<(\w+)", svg)) == {"svg", "a", "title", "path"}
            attributes = set(re.findall(r'\s([\w:-]+)="', svg))
            assert attributes == {
                "class", "viewBox", "width", "height", "role", "aria-label", "fill-rule", "href", "d", "fill"
            } | ({"aria-current"} if where.startswith("regions/") else set())  # fmt: skip
            links = static_links(svg)
            assert {link["d"] for link in links} == set(shapes.paths.values()), "the 20 region paths and no other"
            # Every number outside the paths is the view box's size; in them, points inside it.
            rest = re.sub(r' (?:d|fill|href)="[^"]+"', "", re.sub(r"<title>[^<]*</title>", "", svg))
            assert set(re.findall(r"\d+(?:\.\d+)?", rest)) <= {"0", "1", str(shapes.width), str(shapes.height)}
            for link in links:
                for ring in path_points(link["d"]):
                    assert len(ring) >= 3
                    assert all(0 <= x <= shapes.width and 0 <= y <= shapes.height for x, y in ring)
    # The shapes are made from the boundary file alone: towns are not read (nor anything else).
    towns = {(round(c.lon, 3), round(c.lat, 3)) for c in catalogue.cities.values()}
    vertices = {tuple(p) for f in GEO["features"] for poly in mapsvg._rings(f["geometry"]) for r in poly for p in r}
    assert mapsvg.shapes.__wrapped__(mapsvg.GEOJSON) == shapes
    assert towns - vertices == towns, "no town is a vertex of the boundaries, so none can come through them"


def test_static_map_shapes_are_simplified_projected_and_deterministic():
    shapes = mapsvg.shapes()
    again = mapsvg.shapes.__wrapped__(mapsvg.GEOJSON)
    assert again == shapes and again is not shapes
    assert set(shapes.paths) == {f["properties"]["iso"] for f in GEO["features"]}
    # Kazakhstan is about 1.8 times as wide as it is high on a map (3,000 km by 1,650 km).
    assert 1.7 < shapes.width / shapes.height < 1.95
    points = sum(len(ring) for d in shapes.paths.values() for ring in path_points(d))
    original = sum(len(r) - 1 for f in GEO["features"] for poly in mapsvg._rings(f["geometry"]) for r in poly)
    assert points < original / 2, (points, original)
    # Neighbours keep the same border: each segment is drawn by two regions or lies on the country's edge.
    edges: dict[frozenset, int] = {}
    for d in shapes.paths.values():
        for ring in path_points(d):
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                edges[frozenset((a, b))] = edges.get(frozenset((a, b)), 0) + 1
    assert max(edges.values()) <= 2
    assert sum(1 for n in edges.values() if n == 2) > len(edges) / 4, "shared borders are shared exactly"
    assert shapes.small == {"KZ-71", "KZ-75", "KZ-79"}, "the three cities are the small ones"


def test_static_map_pages_are_the_same_for_the_same_data(catalogue):
    """Made twice from the same data, byte for byte the same; from other data, not (so the
    comparison is of real pages, not of two empty ones)."""
    pages = {}
    for lang in LANGS:
        first = mapview.pages(Renderer(catalogue, lang))[0].content
        assert "<svg" in first and first == mapview.pages(Renderer(catalogue, lang))[0].content
        region = catalogue.regions["KZ-19"]
        page = region_page(catalogue, lang, region)
        assert "<svg" in page and region.name(lang) in page
        assert page == region_page(catalogue, lang, region)
        assert page != region_page(catalogue, lang, catalogue.regions["KZ-75"])
        pages[lang] = first
    assert pages["kk"] != pages["ru"]


@pytest.mark.parametrize("lang", LANGS)
def test_static_map_is_small(built_site: Path, lang: str):
    for where in ("map/index.html", "regions/almaty/index.html"):
        svg = static_svg(read(built_site, lang, where)).encode()
        assert len(gzip.compress(svg, 6)) < 8_000, len(gzip.compress(svg, 6))


@pytest.mark.parametrize("lang", LANGS)
def test_button_says_what_the_interactive_map_downloads(built_site: Path, catalogue, lang: str):
    """Its size is the map file and everything it loads, gzip, to the nearest 10 KB; the button
    and its script exist on the map page and region pages, the script deferred."""
    site = built_site / LANGS[lang]
    frame = read(built_site, lang, "map/map.html")
    total = len(gzip.compress(frame.encode(), 6))
    for url in re.findall(r'(?:src|href)="((?:\.\./assets|map\.js)[^"]*)"', frame):
        total += len(gzip.compress((site / "map" / url.split("?")[0]).resolve().read_bytes(), 6))
    kb = mapview.download_kb(catalogue, lang)
    assert abs(kb * 1000 - total) <= 5_000, (kb, total)
    label = html.escape(Words(lang)("load_map", kb=kb))
    for where in ("map/index.html", "regions/almaty/index.html"):
        page = read(built_site, lang, where)
        assert f'<button type="button" class="md-button kz-map-load__button">{label}</button>' in page
        root = "../" if where.startswith("map/") else "../../"
        assert f'<script src="{root}assets/javascripts/kz-map-load.js" defer></script>' in page
    assert (site / "assets/javascripts/kz-map-load.js").is_file()


# ---------------------------------------------------------------- vendored files


def test_vendored_files_have_their_licences():
    for package in ("leaflet", "leaflet.markercluster"):
        licence = (VENDOR / package / "LICENSE").read_text(encoding="utf-8")
        assert "Permission" in licence or "Redistribution" in licence
    assert (VENDOR / "leaflet" / "leaflet.js").read_bytes().startswith(b"/* @preserve\n * Leaflet 1.9.4")
    for js in VENDOR.rglob("*.js"):
        assert b"sourceMappingURL" not in js.read_bytes(), js


def test_vendored_files_are_the_npm_files():
    if not (ROOT / "node_modules" / "leaflet").is_dir():
        missing_tool("node_modules/ is not installed (npm ci)")
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "vendor_js.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_closed_and_suspended_listings_are_no_marker_and_no_shade_of_help(catalogue):
    """Issue 16: Kostanay's one listing is closed; the map drew it as a town of help."""
    import dataclasses

    # Kostanay as it was then, with its closed centre alone (the real data now lists open ones there too).
    listings = [x for x in catalogue.listings if x.region is None or x.region.code != "KZ-39"]
    listings += [x for x in catalogue.listings if x.id == "kostanay-dagdarys"]
    catalogue = dataclasses.replace(catalogue, listings=listings)
    for lang in LANGS:
        f = mapfacts.facts(catalogue, lang)
        drawn = [x for c in f.cities for x in c.listings]
        assert drawn and all(offers_help(x) for x in drawn)
        assert "kostanay" not in {c.city.key for c in f.cities}
        kostanay = next(r for r in f.regions if r.region.code == "KZ-39")
        assert kostanay.n == 0 and kostanay.shade.low == 0
        assert [x.id for x in kostanay.listings] == ["kostanay-dagdarys"], "still in the text version"
        assert kostanay.counts == Words(lang)("counts_none") + Words(lang)("counts_stopped", n=1)
