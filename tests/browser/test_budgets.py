"""In Chromium: page weight on first and repeat visits. (Nothing render-blocking that a page does not
use: every_page.py, which reads it on every page type's one visit.)"""

from __future__ import annotations

import gzip
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from .conftest import load_all, serving

FIRST_VISIT = 100 * 1024  # everything a listing page loads on a first visit, compressed
REPEAT_VISIT = 15 * 1024  # on a repeat visit, with the site's files cached


class _PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves like GitHub Pages for caching (max-age=600) and notes what it served."""

    served: list[tuple[str, bytes]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():  # a folder's address without its slash is only a redirect
            path = path / "index.html" if self.path.split("?")[0].endswith("/") else path
        if path.is_file():  # noted before the answer goes out, so a test that has it finds it noted
            self.served.append((self.path, path.read_bytes()))
        return super().send_head()


@pytest.fixture(scope="module")
def pages_like_url(built_site: Path):
    with serving(built_site, _PagesLikeHandler) as url:
        yield url


def compressed(served: list[tuple[str, bytes]]) -> int:
    return sum(len(gzip.compress(body, 6)) for _, body in served)


@pytest.mark.parametrize("lang", ["", "ru/"], ids=["kk", "ru"])
@pytest.mark.parametrize("listing", ["almaty-zhan-saya", "national-150", "kostanay-dagdarys"])
def test_listing_page_weight_first_and_repeat_visit(browser, pages_like_url, lang, listing):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    url = f"{pages_like_url}{lang}centres/{listing}/"
    _PagesLikeHandler.served.clear()
    load_all(page, url)
    first = list(_PagesLikeHandler.served)
    assert any(path.endswith("search_index.json") for path, _ in first), "the theme's stub index is counted"
    assert not any("kz-index" in path for path, _ in first), "the search index waits for the reader to search"
    assert compressed(first) <= FIRST_VISIT, [(p, len(gzip.compress(b))) for p, b in first]
    _PagesLikeHandler.served.clear()
    page.goto(pages_like_url + lang + "regions/")  # another page, then back, as a reader would
    load_all(page, url)
    repeat = [(p, b) for p, b in _PagesLikeHandler.served if not p.rstrip("/").endswith("regions")]
    assert compressed(repeat) <= REPEAT_VISIT, [(p, len(gzip.compress(b))) for p, b in repeat]
    context.close()


FIND_FIRST_VISIT = 150_000  # issue 20: the find page's first visit, compressed, at any size of the directory


@pytest.mark.parametrize("lang", ["", "ru/"], ids=["kk", "ru"])
def test_find_page_first_visit_holds_nothing_that_grows_with_the_directory(browser, pages_like_url, lang, catalogue):
    """The find page lists the lines that answer anywhere (no region) and links to the regions' find
    pages; its first visit fetches neither the filter index nor any region's items."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    _PagesLikeHandler.served.clear()
    page.goto(f"{pages_like_url}{lang}find/", wait_until="networkidle")
    page.wait_for_selector("#fh-form[data-ready]")
    page.wait_for_timeout(500)
    first = list(_PagesLikeHandler.served)
    assert any(path.endswith("find-help.js") for path, _ in first), "the finder's script is counted"
    assert not [p for p, _ in first if p.endswith(("find/index.json", "items.html"))]
    items = page.eval_on_selector_all(".fh-item", "items => items.map(li => li.dataset.id)")
    assert items and sorted(items) == sorted(x.id for x in catalogue.listings if x.region is None)
    assert page.locator("#fh-regions a").count() == len(catalogue.regions)
    assert compressed(first) <= FIND_FIRST_VISIT, [(p, len(gzip.compress(b))) for p, b in first]
    context.close()
