"""The map in real headless Chromium (issue 4): loads under its own CSP with no console error and
no request to another origin, no tiles until the street map is switched on, regions and towns
work by mouse, touch and keyboard, a region's link leads to its page, 320 px, region pages.

Pages show the static map first and load nothing of the interactive one until its button is
pressed (by mouse, Enter or Space); the static map's regions are links; without JavaScript
there is no button."""

from __future__ import annotations

import re
import time

import pytest
import yaml

from generator.features.map.facts import Words

from ..conftest import ROOT

LANGS = {"kk": "", "ru": "ru/"}
OSM = "https://tile.openstreetmap.org/"
EXIT_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["extra"][
    "quick_exit_url"
]


def open_frame(make_page, site_url: str, lang: str, fragment: str = "", **options):
    """The map file on its own, its regions drawn. (Waiting for the network to be quiet as well
    added half a second of idling to each test; those that watch for late requests wait.)"""
    page = make_page(**options)
    response = page.goto(site_url + LANGS[lang] + "map/map.html" + fragment)
    assert response is not None and response.ok
    page.wait_for_function("() => document.querySelectorAll('path.kz-region[data-region]').length === 20")
    return page


def wait_until(page, condition, timeout_s: float = 15.0) -> None:
    """Let the page run until `condition()` holds (it reads what the recorder saw, in Python)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(25)


MAP_FILES = re.compile(r"/map/map\.(html|js)|/vendor/|leaflet|markercluster|/kz-map\.js|kz-map-frame\.css")


def press_load(page, how: str = "click") -> None:
    """Press the static map's button: by mouse, or focused and Enter or Space."""
    button = page.locator(".kz-map-load__button")
    button.scroll_into_view_if_needed()
    if how == "click":
        button.click()
    elif how == "tap":
        button.tap()
    else:
        button.focus()
        page.keyboard.press(how)


def open_map_page(make_page, site_url: str, lang: str, path: str = "map/", how: str = "click", **options):
    """The map page (or a region page), its button pressed and the map loaded; returns (page, frame)."""
    page = make_page(**options)
    page.goto(site_url + LANGS[lang] + path)  # loaded: the button's script has run
    press_load(page, how)
    frame = page.frame_locator("iframe.kz-map__frame")
    frame.locator("path.kz-region[data-region]").first.wait_for()
    return page, frame


def region_point(page, code: str) -> dict:
    """A point inside the region's shape, away from markers, in the page's coordinates: of the
    points 2 px apart in its box, the nearest to the box's middle where the region is hit there
    and 4 px around. The points are tried nearest first, so the first that fits is the answer
    (hit-testing every point of a large region cost 2 s of CPU at 1280 px; issue 15)."""
    return page.evaluate(
        """(code) => {
            const path = document.querySelector(`path.kz-region[data-region="${code}"]`);
            const box = path.getBoundingClientRect();
            const cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
            const points = [];
            for (let y = box.top + 2; y < box.bottom; y += 2) {
                for (let x = box.left + 2; x < box.right; x += 2) {
                    points.push({x, y, d: (x - cx) ** 2 + (y - cy) ** 2});
                }
            }
            points.sort((a, b) => a.d - b.d);  // stable: of equally near points, the first in reading order
            const around = [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]];
            const fits = ({x, y}) => around.every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === path);
            return points.find(fits) || null;
        }""",
        code,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_map_file_loads_with_its_csp_no_console_error_and_nothing_foreign(make_page, site_url, catalogue, lang):
    page = open_frame(make_page, site_url, lang)
    page.wait_for_timeout(400)
    assert page.foreign == []
    assert page.console_errors == []
    assert not [url for url in page.requests if "openstreetmap" in url], "no tile until the reader asks"
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert page.locator("path.kz-region").count() == 20
    codes = set(page.eval_on_selector_all("path.kz-region", "ps => ps.map(p => p.dataset.region)"))
    assert codes == set(catalogue.regions)
    assert page.locator(".kz-map-pin").count() >= 1
    assert page.locator("img.leaflet-tile").count() == 0
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_map_page_loads_the_map_with_no_console_error_and_nothing_foreign(make_page, site_url, lang):
    page, frame = open_map_page(make_page, site_url, lang)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)
    assert page.foreign == [] and page.console_errors == []
    assert any(url.endswith("/map/map.html") for url in page.requests)
    assert any("/map/map.js?v=" in url for url in page.requests)
    assert not [url for url in page.requests if "marker-icon" in url or "openstreetmap" in url]
    assert frame.locator("path.kz-region").count() == 20


def test_street_map_loads_tiles_only_when_switched_on_with_an_origin_referrer(make_page, site_url):
    page = open_frame(make_page, site_url, "ru")
    referrers: list[str | None] = []
    page.on("request", lambda r: r.url.startswith(OSM) and referrers.append(r.headers.get("referer")))
    page.wait_for_timeout(300)
    assert page.foreign == []
    switch = page.get_by_role("checkbox", name=re.compile("OpenStreetMap"))
    assert Words("ru")("streets") in page.locator(".leaflet-control-layers").inner_text()
    switch.check()
    wait_until(page, lambda: any(url.startswith(OSM) for url in page.foreign))  # a fixed 800 ms was short when busy
    tiles = [url for url in page.foreign if url.startswith(OSM)]
    assert tiles, "switching the street map on asks OpenStreetMap for tiles (aborted by the recorder)"
    assert all(re.match(r"^https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$", url) for url in tiles)
    assert set(page.foreign) == set(tiles)
    # OSM wants a Referer: the site's origin and nothing more (the site otherwise sends none).
    assert referrers and all(ref == site_url for ref in referrers), referrers
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


@pytest.mark.parametrize("lang", LANGS)
def test_clicking_a_region_then_its_link_opens_the_region_page(make_page, site_url, catalogue, lang):
    page, frame = open_map_page(make_page, site_url, lang)
    region = catalogue.regions["KZ-62"]  # Ulytau: one listing, in Satpayev, far from the region's middle
    inner = page.frames[1]
    point = region_point(inner, region.code)
    assert point, "the region is drawn"
    box = page.locator("iframe.kz-map__frame").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = frame.locator(".leaflet-tooltip", has_text=region.name(lang))  # the pointer came from the button
    tooltip.wait_for()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    link = frame.locator(".leaflet-popup a.kz-pop__go")
    assert link.inner_text() == Words(lang)("region_link")
    assert region.name(lang) in frame.locator(".leaflet-popup").inner_text()
    link.click()
    page.wait_for_url(site_url + LANGS[lang] + f"regions/{region.slug}/")
    assert region.name(lang) in page.locator("h1").inner_text()
    assert page.foreign == [] and page.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_region_by_keyboard(make_page, site_url, catalogue, lang):
    page = open_frame(make_page, site_url, lang)
    region = catalogue.regions["KZ-39"]
    path = page.locator(f'path.kz-region[data-region="{region.code}"]')
    assert path.get_attribute("tabindex") == "0" and path.get_attribute("role") == "button"
    assert region.name(lang) in path.get_attribute("aria-label")
    # Tab reaches the regions from the map.
    page.locator(".leaflet-container").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('path.kz-region')")
    path.focus()
    tooltip = page.locator("#" + path.get_attribute("aria-describedby"))
    assert region.name(lang) in tooltip.inner_text() and tooltip.is_visible()
    page.keyboard.press("Enter")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["kz-pop__go", f"../regions/{region.slug}/"]
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.dataset.region") == region.code, "focus returns to the region"
    page.keyboard.press(" ")
    assert page.locator(".leaflet-popup a.kz-pop__go").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + LANGS[lang] + f"regions/{region.slug}/")


@pytest.mark.parametrize("lang", LANGS)
def test_a_town_marker_lists_its_listings_and_links_to_them(make_page, site_url, catalogue, lang):
    page = open_frame(make_page, site_url, lang, fragment="#KZ-75")  # zoomed in: Almaty is a marker, no group
    almaty = [x for x in catalogue.listings if x.city and x.city.key == "almaty"]
    pin = page.locator(".kz-map-pin").filter(has_text=catalogue.cities["almaty"].name(lang))
    assert pin.count() == 1
    assert pin.get_attribute("role") == "button"
    pin.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("a").count() == len(almaty)
    close = page.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == Words(lang)("close")
    for x in almaty:
        assert x.name(lang) in popup.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("../centres/")
    first = popup.locator("a").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url(site_url + LANGS[lang] + "centres/" + target.split("/")[-2] + "/")


def test_touch_on_a_phone_320px(make_page, site_url, catalogue):
    page, frame = open_map_page(
        make_page, site_url, "ru", how="tap", width=320, height=640, has_touch=True, is_mobile=True
    )
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    box = page.locator("iframe.kz-map__frame").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] >= 300
    inner = page.frames[1]
    assert inner.evaluate("document.scrollingElement.scrollWidth") <= box["width"] + 1
    for selector in (".leaflet-control-zoom", ".leaflet-control-layers", ".kz-map-national", ".kz-map-bar"):
        control = inner.locator(selector).bounding_box()  # in the page's coordinates, like the iframe's box
        assert box["x"] <= control["x"] and control["x"] + control["width"] <= box["x"] + box["width"] + 1, selector
    region = catalogue.regions["KZ-62"]
    point = region_point(inner, region.code)
    page.touchscreen.tap(box["x"] + point["x"], box["y"] + point["y"])
    link = frame.locator(".leaflet-popup a.kz-pop__go")
    link.wait_for()
    assert region.name("ru") in frame.locator(".leaflet-popup").inner_text()
    page.wait_for_timeout(400)  # the map pans the popup into view
    link.tap()
    page.wait_for_url(site_url + f"ru/regions/{region.slug}/")
    assert page.foreign == [] and page.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_region_page_shows_its_region_zoomed_in(make_page, site_url, catalogue, lang):
    region = catalogue.regions["KZ-19"]
    page, frame = open_map_page(make_page, site_url, lang, path=f"regions/{region.slug}/")
    iframe = page.locator("iframe.kz-map__frame")
    assert region.name(lang) in iframe.get_attribute("title")
    inner = page.frames[1]
    inner.wait_for_function("() => document.documentElement.classList.contains('kz-map--focus')")
    assert inner.evaluate("location.hash") == f"#{region.code}"
    assert frame.locator(".kz-map-national").is_hidden(), "the region page lists the national lines itself"
    # Zoomed to the region: it fills much of the frame.
    path = inner.locator(f'path.kz-region[data-region="{region.code}"]').bounding_box()
    frame_box = iframe.bounding_box()
    assert path["width"] > frame_box["width"] * 0.4 or path["height"] > frame_box["height"] * 0.4
    assert page.foreign == [] and page.console_errors == []
    page.emulate_media(media="print")
    assert iframe.is_hidden(), "the map is not printed"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_text_alternative_has_everything(make_page, site_url, catalogue, lang):
    page = make_page(javascript=False)
    page.goto(site_url + LANGS[lang] + "map/")
    text = page.locator("#map-list").inner_text()
    for region in catalogue.regions.values():
        assert region.name(lang) in text
    for x in catalogue.listings:
        assert x.name(lang) in text
    # The static map is there, its regions links; the button is not, nor anything of the map file.
    assert page.locator("svg.kz-smap__map").is_visible()
    assert page.locator("svg.kz-smap__map a").count() == 20
    assert page.locator(".kz-smap__legend").is_visible()
    assert page.locator(".kz-map-load__button").is_hidden()
    # Nor the words about the interactive map (its towns, its street map): they would point to nothing.
    assert page.locator("figcaption .kz-map-js").is_hidden()
    assert page.locator("figcaption").is_visible()
    assert page.locator("iframe").count() == 0
    assert not [url for url in page.requests if MAP_FILES.search(url)]
    with_js = make_page()
    with_js.goto(site_url + LANGS[lang] + "map/")
    assert with_js.locator("figcaption .kz-map-js").is_visible()
    frame = make_page(javascript=False)
    frame.goto(site_url + LANGS[lang] + "map/map.html")
    assert frame.locator(".kz-map-nojs").is_visible()
    assert frame.locator(".kz-map-nojs a").get_attribute("href") == "./#map-list"
    assert frame.locator(".folium-map").is_hidden()


def test_quick_exit_from_inside_the_map(make_page, site_url):
    page, frame = open_map_page(make_page, site_url, "kk")
    page.route(EXIT_URL, lambda route: route.fulfill(status=200, content_type="text/html", body="<p>ok</p>"))
    frame.locator(".leaflet-container").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


# ---------------------------------------------------------------- the static map and its button


def layout_shift(page) -> float:
    """The page's layout shift so far (what CLS adds up), from the browser's own entries."""
    return page.evaluate(
        """() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => resolve(total), 300);
        })"""
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["map/", "regions/almaty/"])
def test_nothing_of_the_map_loads_until_the_button_is_pressed(make_page, site_url, lang, path):
    page = make_page(width=360, height=740)
    page.goto(site_url + LANGS[lang] + path, wait_until="networkidle")
    figure = page.locator("figure.kz-map")
    figure.scroll_into_view_if_needed()  # where the lazy iframe used to start loading
    page.wait_for_timeout(500)
    assert page.locator("svg.kz-smap__map").is_visible()
    assert page.locator("iframe").count() == 0
    assert not [url for url in page.requests if MAP_FILES.search(url)], "nothing of the map before the press"
    assert any(url.endswith("/assets/javascripts/kz-map-load.js") for url in page.requests)
    assert layout_shift(page) == 0, "the button is there from the first paint"
    button = page.locator(".kz-map-load__button")
    label = button.inner_text()
    assert button.is_visible() and label == Words(lang)("load_map", kb=re.search(r"\d+", label).group(0))
    press_load(page)
    frame = page.frame_locator("iframe.kz-map__frame")
    frame.locator("path.kz-region[data-region]").first.wait_for(state="attached")  # zoomed in: maybe out of view
    page.wait_for_load_state("networkidle")
    loaded = [url for url in page.requests if MAP_FILES.search(url)]
    assert any(url.endswith("/map/map.html") for url in loaded)
    assert any("/map/map.js?v=" in url for url in loaded)
    assert any(url.endswith("/leaflet/leaflet.js") for url in loaded)
    assert page.foreign == [] and page.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_button_by_keyboard_loads_the_map_and_moves_the_focus_to_it(make_page, site_url, catalogue, lang, key):
    page, frame = open_map_page(make_page, site_url, lang, how=key)
    assert frame.locator("path.kz-region").count() == 20
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.title]")
    assert focused == ["IFRAME", Words(lang)("frame_title")]
    assert page.locator(".kz-map-load__button").count() == 0, "the button has done its work"
    assert page.locator("svg.kz-smap__map").count() == 0, "the interactive map takes the static one's place"
    assert page.locator("iframe.kz-map__frame").count() == 1
    # Tab goes on inside the map.
    page.keyboard.press("Tab")
    assert page.frames[1].evaluate("document.activeElement !== document.body")
    assert page.foreign == [] and page.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_static_map_regions_are_links_reached_by_tab_with_their_names(make_page, site_url, catalogue, lang):
    page = make_page()
    page.goto(site_url + LANGS[lang] + "map/")
    page.locator(".kz-map-load__button").focus()
    names = []
    for _ in range(20):
        page.keyboard.press("Tab")
        names.append(
            page.evaluate("""() => {
                const a = document.activeElement;
                return a.closest('svg.kz-smap__map') && a.tagName === 'a' ? a.querySelector('title').textContent : null;
            }""")
        )
    assert None not in names and len(set(names)) == 20
    w = Words(lang)
    for region in catalogue.regions.values():
        assert any(name.startswith(region.name(lang) + " — ") for name in names), region.code
    # The name a screen reader gets is the region's name and counts.
    snapshot = page.locator("svg.kz-smap__map").aria_snapshot()
    empty = [r for r in catalogue.regions.values() if not catalogue.in_region(r.code)]
    for region in empty:  # none since late 2026: every region has a local listing
        assert f"{region.name(lang)} — {w('counts_none')}" in snapshot
    assert f"{catalogue.regions['KZ-62'].name(lang)} — " in snapshot
    # Focus is visible: the focused region is filled another colour.
    link = page.locator("svg.kz-smap__map a").last
    link.focus()
    fill = link.locator("path").evaluate("p => getComputedStyle(p).fill")
    page.locator(".kz-map-load__button").focus()
    assert link.locator("path").evaluate("p => getComputedStyle(p).fill") != fill
    # Enter follows the link.
    target = catalogue.regions["KZ-39"]
    page.locator(f'svg.kz-smap__map a[href="../regions/{target.slug}/"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + LANGS[lang] + f"regions/{target.slug}/")
    # There, that region is the current one, drawn last.
    current = page.locator('svg.kz-smap__map a[aria-current="page"]')
    assert current.count() == 1 and current.get_attribute("href") == f"../../regions/{target.slug}/"
    assert page.locator("svg.kz-smap__map a").last.get_attribute("aria-current") == "page"


def test_clicking_a_static_region_opens_its_page(make_page, site_url, catalogue):
    page = make_page(width=320, height=640, has_touch=True, is_mobile=True)
    page.goto(site_url + "map/")
    region = catalogue.regions["KZ-35"]  # Karaganda: large, in the middle
    link = page.locator(f'svg.kz-smap__map a[href="../regions/{region.slug}/"]')
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    point = page.evaluate(
        """([sel, box]) => {
            const a = document.querySelector(sel);
            for (let y = box.y + 2; y < box.y + box.height; y += 2)
                for (let x = box.x + 2; x < box.x + box.width; x += 2)
                    if (a.contains(document.elementFromPoint(x, y))) return {x, y};
            return null;
        }""",
        [f'svg.kz-smap__map a[href="../regions/{region.slug}/"]', box],
    )
    assert point, "the region is drawn"
    page.touchscreen.tap(point["x"], point["y"])
    page.wait_for_url(site_url + f"regions/{region.slug}/")
    assert region.name("kk") in page.locator("h1").inner_text()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["map/", "regions/astana/"])
def test_static_map_at_320px_no_sideways_scroll_and_printed_without_map(make_page, site_url, lang, path):
    page = make_page(width=320, height=640)
    page.goto(site_url + LANGS[lang] + path)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    svg = page.locator("svg.kz-smap__map").bounding_box()
    assert svg["x"] >= 0 and svg["x"] + svg["width"] <= 320 and svg["height"] > 100
    button = page.locator(".kz-map-load__button").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 320
    page.emulate_media(media="print")
    for selector in ("svg.kz-smap__map", ".kz-smap__legend", ".kz-map-load__button"):
        assert page.locator(selector).is_hidden(), f"{selector} is not printed"
    if path == "map/":
        assert page.locator("#map-list").is_visible(), "the text alternative is printed"
