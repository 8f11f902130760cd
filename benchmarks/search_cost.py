"""What search costs a reader, at the real size and at N synthetic listings.

    python benchmarks/search_cost.py [--sizes 100 1000 4000] [--keep DIR]

For the real data and each N (listings of map_weight.synthetic_data: random names from the
real ones, every town), it builds the whole site (timed, as `python -m generator build`) and,
in headless Chromium (Debian's /usr/bin/chromium via Playwright, a fresh browser for each
measurement, 360 × 740 px), for each language:

- **listing**: everything a listing page loads on a first visit (every same-origin response,
  gzip level 6, summed), and whether it fetched the search index (it must not);
- **find**: the same for the find page (find/), and whether it fetched its filter index
  (find/index.json: it must not, since issue 20 split the find page by region);
- **region find**: the same for the largest region's find page (find/<region>/: the national
  lines and that region's listings);
- **country query**: what the find page loads for a question about the whole country
  (find/?need=shelter: the filter index, then the find pages of the regions it shows): paid
  only by the reader who asks it;
- **index**: search/kz-index.json, gzip level 6: what the first letter typed fetches;
- **first / next ms**: with the CPU slowed four times (CDP Emulation.setCPUThrottlingRate),
  the time from a query's keyup in the search box to its results in the list: the first
  query (the index fetched, parsed and its keys put in order) and the next one;
- **other origins**: requests to any other origin (they are blocked and counted: must be 0).

KB = 1000 bytes. Data and sites go to a temporary folder (or --keep), never into data/.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import logging
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from map_weight import DATA, synthetic_data  # noqa: E402

from generator.build import site  # noqa: E402
from generator.data.validate import validate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LANGS = {"kk": "", "ru": "ru/"}
QUERIES = {"kk": ["Шымкентте", "Qostanai дағдарыс"], "ru": ["Уральске", "кризисный центр Семей"]}
LISTING_BUDGET = 100_000
FIND_BUDGET = 150_000
SEARCH_BUDGET_MS = 300


@dataclass
class Result:
    listing: int = 0
    listing_fetched_index: bool = False
    find: int = 0
    find_fetched_index: bool = False
    region_find: int = 0
    country_query: int = 0
    index: int = 0
    first_ms: float = 0.0
    next_ms: float = 0.0
    foreign: int = 0


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def served_size(site_dir: Path, urls: list[str]) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        path = unquote(urlparse(url).path).lstrip("/")
        file = site_dir / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            total += gz(file.read_bytes())
    return total


# Sets the query and waits for the list to show results for it; returns milliseconds.
TIME_QUERY = """async (query) => {
  const input = document.querySelector("[data-md-component=search-query]");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const before = meta.textContent + list.innerHTML;
  const start = performance.now();
  const done = new Promise((resolve) => {
    // A new answer: the count or the results changed (two queries may both give 200 results).
    const check = () => list.children.length > 0 && meta.textContent + list.innerHTML !== before;
    const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
    const options = { childList: true, subtree: true, characterData: true };
    observer.observe(document.querySelector(".md-search-result"), options);
  });
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", { key: query.slice(-1) }));
  await done;
  return performance.now() - start;
}"""


def largest_region(site_dir: Path, lang: str) -> str:
    """The region whose find page is the largest (the most listings)."""
    pages = (site_dir / LANGS[lang] / "find").glob("*/index.html")
    return max(pages, key=lambda f: f.stat().st_size).parent.name


def measure(site_dir: Path, lang: str, listing_id: str, p) -> Result:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = Result(index=gz((site_dir / LANGS[lang] / "search" / "kz-index.json").read_bytes()))
    try:
        paths = {
            "listing": f"centres/{listing_id}/",
            "find": "find/",
            "region": f"find/{largest_region(site_dir, lang)}/",
            "query": "find/?need=shelter",
        }
        for what, path in paths.items():
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
            try:
                context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
                page = context.new_page()
                seen: list[str] = []

                def route(r, _request=None, seen=seen) -> None:
                    if r.request.url.startswith(base):
                        seen.append(r.request.url)
                        r.continue_()
                    else:
                        result.foreign += 1
                        r.abort()

                page.route("**/*", route)
                page.goto(base + LANGS[lang] + path, wait_until="networkidle")
                if what != "listing":
                    page.wait_for_selector("#fh-form[data-ready]")
                page.wait_for_timeout(700)
                size = served_size(site_dir, seen)
                if what == "find":
                    result.find = size
                    result.find_fetched_index = any(url.endswith("find/index.json") for url in seen)
                if what == "region":
                    result.region_find = size
                if what == "query":
                    result.country_query = size
                if what != "listing":
                    continue
                result.listing = size
                result.listing_fetched_index = any("kz-index" in url for url in seen)
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.click("label.md-header__button[for=__search]") if page.is_visible(
                    "label.md-header__button[for=__search]"
                ) else page.focus("[data-md-component=search-query]")
                first, second = QUERIES[lang]
                result.first_ms = page.evaluate(TIME_QUERY, first)
                result.next_ms = page.evaluate(TIME_QUERY, second)
            finally:
                browser.close()
    finally:
        server.shutdown()
    return result


def exactly(folder: Path, n: int) -> Path:
    """map_weight's synthetic listings, n of them, all valid: its random names now and then read
    as a house number in words to the location rule; those are dropped (from n + 20 made)."""
    synthetic_data(folder, n + 20)
    bad = {Path(p.path).name for p in validate(folder).errors}
    files = sorted(f for f in (folder / "centres").glob("*.yaml") if f.name not in bad)
    for f in (folder / "centres").glob("*.yaml"):
        if f.name in bad or f not in files[:n]:
            f.unlink()
    return folder


def build(data_dir: Path, site_dir: Path) -> float:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    start = time.monotonic()
    site.build(data_dir, site_dir, strict=False)
    return time.monotonic() - start


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 4000])
    parser.add_argument("--keep", type=Path, help="folder for the data and sites (default: a temporary one)")
    parser.add_argument("--no-real", action="store_true", help="skip the real data")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[str, Path]] = [] if args.no_real else [("real", DATA)]
    for n in args.sizes:
        folder = work / f"data-{n}"
        if folder.exists():
            shutil.rmtree(folder)
        runs.append((str(n), exactly(folder, n)))
    rows = []
    with sync_playwright() as p:
        for name, data_dir in runs:
            site_dir = work / f"site-{name}"
            if site_dir.exists():
                shutil.rmtree(site_dir)
            seconds = build(data_dir, site_dir)
            ids = sorted(f.stem for f in (data_dir / "centres").glob("*.yaml"))
            print(f"built {name} ({len(ids)} listings) in {seconds:.1f} s", file=sys.stderr)
            listing = "shymkent-komek" if name == "real" else ids[len(ids) // 2]
            for lang in LANGS:
                rows.append((name, len(ids), seconds, lang, measure(site_dir, lang, listing, p)))
                print(rows[-1], file=sys.stderr, flush=True)
    print(
        "| data | listings | build s | lang | listing page KB | index before search | find page KB "
        "| find index at load | largest region's find page KB | country query KB "
        "| index KB | first search ms | next search ms | other origins |"
    )
    print("| --- | ---: | ---: | --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, count, seconds, lang, r in rows:
        print(
            f"| {name} | {count} | {seconds:.1f} | {lang} | {kb(r.listing)} "
            f"| {'yes' if r.listing_fetched_index else 'no'} "
            f"| {kb(r.find)} | {'yes' if r.find_fetched_index else 'no'} | {kb(r.region_find)} "
            f"| {kb(r.country_query)} | {kb(r.index)} | {r.first_ms:.0f} | {r.next_ms:.0f} | {r.foreign} |"
        )
    worst = {
        "listing": max(r.listing for *_, r in rows),
        "find": max(r.find for *_, r in rows),
        "search": max(max(r.first_ms, r.next_ms) for *_, r in rows),
    }
    print(
        f"\nworst: listing {kb(worst['listing'])} KB (budget {kb(LISTING_BUDGET)}), find {kb(worst['find'])} KB "
        f"(budget {kb(FIND_BUDGET)}), search {worst['search']:.0f} ms (budget {SEARCH_BUDGET_MS})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
