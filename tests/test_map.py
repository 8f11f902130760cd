"""The map (issue 4): files per language, every listing and region named, nothing from another
origin, no coordinate more precise than a town, Folium's CDN links replaced, text alternative."""

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

from generator import mapframe, mapview
from generator.mapview import STRINGS, Words, shades, who_text
from generator.model import Text
from generator.render import Renderer

from .conftest import ROOT

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
    assert mapview.files(catalogue, "kk") == mapview.files(catalogue, "kk")


def test_core_templates_include_words_that_match_the_module(catalogue):
    for lang in LANGS:
        w = Words(lang)
        renderer = Renderer(catalogue, lang)
        region = catalogue.regions["KZ-75"]
        page = renderer.region(region).content
        title = w("region_frame_title", region=region.name(lang))
        assert f'title="{html.escape(title)}"' in page
        assert f'src="../../map/map.html#{region.code}"' in page and 'loading="lazy"' in page
        assert w("open_map") in page
        home = renderer.home().content
        assert f'<a href="map/">{w("map_link")}</a>' in home


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
        assert p["n"] == len(catalogue.in_region(region.code))
        assert str(p["n"]) in p["counts"] or p["n"] == 0
    popups = " ".join(words_of(content) for _, content in bound_strings(script, "bindPopup"))
    links = re.findall(r'href="([^"]+)"', " ".join(c for _, c in bound_strings(script, "bindPopup")) + frame)
    for x in catalogue.listings:
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
    local = [x for x in catalogue.listings if x.city]
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
    iframe = re.search(r"<iframe [^>]+>", page).group(0)
    assert 'src="map.html"' in iframe and 'loading="lazy"' in iframe
    assert f'title="{html.escape(w("frame_title"))}"' in iframe
    listing = page[page.index('id="map-list"') :]
    text = words_of(listing)
    for region in catalogue.regions.values():
        assert f'href="../regions/{region.slug}/"' in listing, region.code
        n = len(catalogue.in_region(region.code))
        assert region.name(lang) in text
        shelters = sum(1 for x in catalogue.in_region(region.code) if x.has_shelter)
        assert (w("counts", n=n, s=shelters) if n else w("counts_none")) in text
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
            assert f'src="../../map/map.html#{region.code}"' in page, (lang, region.code)


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


# ---------------------------------------------------------------- vendored files


def test_vendored_files_have_their_licences():
    for package in ("leaflet", "leaflet.markercluster"):
        licence = (VENDOR / package / "LICENSE").read_text(encoding="utf-8")
        assert "Permission" in licence or "Redistribution" in licence
    assert (VENDOR / "leaflet" / "leaflet.js").read_bytes().startswith(b"/* @preserve\n * Leaflet 1.9.4")
    for js in VENDOR.rglob("*.js"):
        assert b"sourceMappingURL" not in js.read_bytes(), js


@pytest.mark.skipif(not (ROOT / "node_modules" / "leaflet").is_dir(), reason="node_modules/ not installed (npm ci)")
def test_vendored_files_are_the_npm_files():
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "vendor_js.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
