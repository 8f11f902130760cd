#!/usr/bin/env python3
"""How much the map page weighs, compressed, with everything it loads (issue 4, budget).

For the real data and for 40, 400 and 4000 synthetic listings, it builds the whole site
(both languages) into a temporary folder, opens the map page of each language in headless
Chromium (Debian's /usr/bin/chromium, via Playwright), presses the button that loads the
interactive map (the page shows a static map until then, and loads none of the map file),
and records every request the page makes. Each requested file is then gzipped (level 6, what
web servers commonly use; GitHub Pages serves gzip) and summed:

* ``page``     the map page's own HTML (map/index.html: the static map, and the text alternative
               that grows with the data)
* ``map``      the map file and its script (map/map.html, map/map.js: regions, towns, popups)
* ``libs``     Leaflet, markercluster, kz-map.js, the button's kz-map-load.js and the map's
               stylesheets (fixed size)
* ``search``   what Material's search fetches on every page of the site: its worker, lunr and
               the search index, which grows with every page of the site (not a cost of the map)
* ``theme``    everything else the page loads: Material's CSS and JS, the site's own scripts

A last table gives what the page loads before the button is pressed (every reader's cost;
the map's is only for those who ask for it), from the same visit.

The budget: the real data's total under 250 KB, and each added listing adding no more than
about 300 bytes. The second table gives the slope between the smallest and the largest
synthetic size, for what the map adds (``page`` + ``map``) and for the whole load.

Synthetic listings are made OUTSIDE data/, in a temporary folder: copies of a real listing
(data/centres/taraz-zhambyl-centre.yaml) with a new id, a name in both languages made of
random words of the real listings' names (so that they compress no better than real ones),
varied eligibility, a town taken in turn from data/cities.yaml (so every region has some),
and alternating kind and status. The reference files are the real ones.

Usage (from the repository root; building 4000 listings takes a few minutes)::

    python benchmarks/map_weight.py                  # real, 40, 400, 4000
    python benchmarks/map_weight.py --sizes 40 400   # fewer
    python benchmarks/map_weight.py --keep /tmp/mw   # keep the data and sites there
"""

from __future__ import annotations

import argparse
import functools
import gzip
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import site  # noqa: E402
from generator.data.validate import validate  # noqa: E402

DATA = ROOT / "data"
TEMPLATE = DATA / "centres" / "taraz-zhambyl-centre.yaml"
REFERENCE = ("regions.yaml", "cities.yaml", "services.yaml")
CHROMIUM = "/usr/bin/chromium"
LANGS = {"kk": "", "ru": "ru/"}
BUDGET_TOTAL = 250_000
BUDGET_PER_LISTING = 300


# ---------------------------------------------------------------- synthetic data


def synthetic_data(target: Path, n: int) -> Path:
    """A data folder with the real reference files and n listings made from one real listing.

    So that gzip does not find them more alike than real listings are, names are drawn at
    random (seeded) from the words of the real listings' names and organisations, and who
    each one takes varies."""
    target.mkdir(parents=True)
    for name in REFERENCE:
        shutil.copy(DATA / name, target / name)
    (target / "centres").mkdir()
    report = validate(DATA)
    assert report.catalogue is not None, "the real data must be valid"
    catalogue = report.catalogue
    cities = catalogue.cities
    keys = sorted(cities)
    words = {
        lang: sorted(
            {
                w
                for x in catalogue.listings
                for t in (x.name, x.organization)
                for w in re.findall(r"[^\W\d]{3,}", t(lang))
            }
        )
        for lang in ("kk", "ru")
    }
    latin = sorted({part for x in catalogue.listings for part in x.id.split("-") if part.isalpha()})
    rng = random.Random(n)
    template = TEMPLATE.read_text(encoding="utf-8")
    for i in range(n):
        key = keys[i % len(keys)]
        city = cities[key]
        kind = "shelter" if i % 3 else "centre"
        status = "active" if i % 4 else "unknown"
        listing_id = f"{key}-{rng.choice(latin)}-{rng.choice(latin)}-{i}"
        name_kk = " ".join(rng.sample(words["kk"], rng.randint(4, 9))).capitalize()
        name_ru = " ".join(rng.sample(words["ru"], rng.randint(4, 9))).capitalize()
        low = rng.choice(["unknown", 14, 16, 18])
        high = rng.choice(["unknown", 35, 45, 60]) if low != "unknown" else "unknown"
        text = template
        replacements = {
            r"^id: .*$": f"id: {listing_id}",
            r"^kind: .*$": f"kind: {kind}",
            r"^status: .*$": f"status: {status}",
            r"^name:\n  kk: .*\n  ru: .*$": (
                f'name:\n  kk: "{name_kk} ({city.name.kk})"\n  ru: "{name_ru} ({city.name.ru})"'
            ),
            r"^  region: .*$": f"  region: {city.region}",
            r"^  city: .*$": f"  city: {key}",
            r"^  gender: .*$": f"  gender: {rng.choice(['women', 'any', 'unknown'])}",
            r"^  age_min: .*$": f"  age_min: {low}",
            r"^  age_max: .*$": f"  age_max: {high}",
            r"^  with_children: .*$": f"  with_children: {rng.choice(['yes', 'no', 'unknown'])}",
            r"^  pregnant: .*$": f"  pregnant: {rng.choice(['yes', 'no', 'unknown'])}",
        }
        for pattern, value in replacements.items():
            text, count = re.subn(pattern, value, text, count=1, flags=re.M)
            assert count == 1, pattern
        if kind == "centre":
            text = text.replace("services: [shelter, ", "services: [")
        (target / "centres" / f"{listing_id}.yaml").write_text(text, encoding="utf-8")
    return target


# ---------------------------------------------------------------- measuring


@dataclass
class Weight:
    listings: int
    parts: dict[str, int] = field(default_factory=lambda: {"page": 0, "map": 0, "libs": 0, "search": 0, "theme": 0})
    files: list[tuple[str, int]] = field(default_factory=list)
    before: int = 0  # everything loaded before the button was pressed, gzip

    @property
    def total(self) -> int:
        return sum(self.parts.values())

    @property
    def mapped(self) -> int:
        return self.parts["page"] + self.parts["map"]


def part_of(path: str, lang_root: str) -> str:
    local = path[len(lang_root) :] if path.startswith(lang_root) else path
    if local in ("map/", "map/index.html"):
        return "page"
    if local.startswith("map/"):
        return "map"
    if local.startswith("assets/vendor/") or re.match(r"assets/(javascripts|stylesheets)/kz-map", local):
        return "libs"
    if local.startswith(("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")):
        return "search"
    return "theme"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def measure(site_dir: Path, lang: str, listings: int, browser) -> Weight:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    seen: list[str] = []
    foreign: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(base):
            seen.append(r.request.url)
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(base + LANGS[lang] + "map/", wait_until="networkidle")
        button = page.locator(".kz-map-load__button")
        button.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        before = list(seen)
        button.click()
        page.frame_locator("iframe.kz-map__frame").locator("path.kz-region").first.wait_for()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    finally:
        context.close()
        server.shutdown()
    if foreign:
        raise SystemExit(f"the map page asked another origin: {foreign}")
    weight = Weight(listings)
    for url in dict.fromkeys(seen):
        path = urlparse(url).path.lstrip("/")
        file = site_dir / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        size = gz(file.read_bytes())
        weight.parts[part_of(path, LANGS[lang])] += size
        weight.files.append((path or "/", size))
        if url in before:
            weight.before += size
    return weight


def build(data_dir: Path, site_dir: Path) -> float:
    start = time.monotonic()
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    site.build(data_dir, site_dir, strict=False)
    return time.monotonic() - start


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[40, 400, 4000])
    parser.add_argument("--keep", type=Path, help="folder for the data and sites (default: a temporary one)")
    parser.add_argument("--files", action="store_true", help="also list every file of the real-data page")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="map-weight-"))
    work.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[str, Path]] = [("real", DATA)]
    for n in args.sizes:
        runs.append((str(n), synthetic_data(work / f"data-{n}", n)))
    built = []
    for name, data_dir in runs:
        site_dir = work / f"site-{name}"
        if site_dir.exists():
            shutil.rmtree(site_dir)
        seconds = build(data_dir, site_dir)
        count = len(list((data_dir / "centres").glob("*.yaml")))
        print(f"built {name} ({count} listings) in {seconds:.0f} s", file=sys.stderr)
        built.append((name, site_dir, count))
    results: dict[str, dict[str, Weight]] = {}
    with sync_playwright() as p:
        for name, site_dir, count in built:
            results[name] = {}
            for lang in LANGS:  # a fresh browser each time: nothing cached between measurements
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
                try:
                    results[name][lang] = measure(site_dir, lang, count, browser)
                finally:
                    browser.close()

    print("Map page and everything it loads, gzip level 6, KB (1 KB = 1000 bytes)\n")
    print("| data | lang | listings | page | map | libs | search | theme | total | map-specific (page + map) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, by_lang in results.items():
        for lang, w in by_lang.items():
            p = w.parts
            print(
                f"| {name} | {lang} | {w.listings} | {kb(p['page'])} | {kb(p['map'])} | {kb(p['libs'])} "
                f"| {kb(p['search'])} | {kb(p['theme'])} | **{kb(w.total)}** | {kb(w.mapped)} |"
            )
    synthetic = [name for name in results if name != "real"]
    if len(synthetic) >= 2:
        low, high = synthetic[0], synthetic[-1]
        print("\nBytes added per listing (slope between", low, "and", high, "synthetic listings):\n")
        print("| lang | page | map | page + map | search | total |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for lang in LANGS:
            a, b = results[low][lang], results[high][lang]
            n = b.listings - a.listings
            per = {k: (b.parts[k] - a.parts[k]) / n for k in b.parts}
            print(
                f"| {lang} | {per['page']:.0f} | {per['map']:.0f} | **{(b.mapped - a.mapped) / n:.0f}** "
                f"| {per['search']:.0f} | {(b.total - a.total) / n:.0f} |"
            )
    print("\nBefore the button is pressed (what every reader of the map page loads), KB:\n")
    print("| data | lang | listings | total before | total after |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, by_lang in results.items():
        for lang, w in by_lang.items():
            print(f"| {name} | {lang} | {w.listings} | **{kb(w.before)}** | {kb(w.total)} |")
    if args.files:
        print("\nFiles of the real-data map page (kk):\n")
        for path, size in results["real"]["kk"].files:
            print(f"- {path}: {size} B")
    real = max(w.total for w in results["real"].values())
    verdict = "within" if real <= BUDGET_TOTAL else "OVER"
    print(f"\nReal data: {kb(real)} KB, {verdict} the {kb(BUDGET_TOTAL)} KB budget.")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if real <= BUDGET_TOTAL else 1


if __name__ == "__main__":
    sys.exit(main())
