"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, on the built site.

The site is served from 127.0.0.1. Every request the page makes is recorded;
requests to any other origin are listed in `browser_page.foreign`, so a test can fail on
them, and never reach the network: Chromium resolves no host name but 127.0.0.1.

Locally, without Chromium, these tests skip and say why; in CI (CI=true) a
missing browser is an error, because CI must run them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Every kind of page the site has, as paths under a language's root: the browser
# tests that must hold everywhere (privacy, accessibility) walk this one list.
PAGE_TYPES = [
    "",
    "find/",
    "regions/",
    "regions/almaty/",
    "regions/ulytau-region/",
    "needs/",
    "needs/shelter/",
    "centres/almaty-zhan-saya/",
    "centres/national-150/",
    "map/",
    "data/",
    "safety/",
    "about/",
    "contribute/",
    "maintainers/",
    "partners/",
    "list/",
    "cards/almaty/",
    "embed/almaty/",
    "404.html",
]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # No request leaves the machine, whatever its network: every host name but loopback fails to
    # resolve. (A route on every request did this before, at a third of each page load's CPU.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium is not installed at {CHROMIUM} (run scripts/install-test-deps.sh)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (run scripts/install-test-deps.sh)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    reason = _browser_missing_reason()
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                if os.environ.get("CI"):
                    item.add_marker(
                        pytest.mark.xfail(reason=f"CI must run browser tests: {reason}", run=False, strict=True)
                    )
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site, silently, and lets the browser keep its files for ten minutes, as
    GitHub Pages does (max-age=600). A page lent again takes the site's styles and scripts from its
    context's cache instead of asking the server for each again: a quarter of a page load's CPU, the
    server's answers and the browser's handling of them (issue 15; it was `no-cache`, so that every
    file came back as a 304). Every file a visit uses is still recorded: Chromium reports a file it
    takes from its cache as a request, like one it fetches (test_page_pool.py checks it)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


# The browser keeps files by their address, so no server may ever take a port that an earlier one
# of the run had: a page would be given the earlier site's file from the cache. Each stopped server
# keeps its socket (and so its port) until the process ends.
_STOPPED: list[ThreadingHTTPServer] = []


@contextmanager
def serving(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler, path: str = "/") -> Iterator[str]:
    """`folder` served on loopback by `handler` while the block runs; its URL, ending in `path`, at a
    port no other server of this run has had."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        _STOPPED.append(server)  # not server_close(): its port stays taken


def load_all(page, url: str) -> None:
    """`url` loaded with all it asks for: the theme fetches its (stub) search index after the load,
    so that answer is waited for, then for the network to be quiet for 500 ms. (A fixed half second
    more after that was idle time; issue 15. Not `response.finished()`, which has no time limit and
    never returned for an index the browser took from its cache.)"""
    with page.expect_response(
        lambda response: response.url.endswith("/search/search_index.json") and response.frame.url == url
    ):  # this page's index: not one the page before asked for late
        page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on loopback; yields its base URL ending in '/'."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordingPage:
    """A Playwright page plus what it asked for: all requests, foreign ones, console errors.

    Requests are read from the page's events, not routed: a route on every request sends each one
    through Playwright's driver and this process and back, which cost a third of the CPU of a page
    load (issue 15). A file the browser takes from its cache is reported as a request too, so a
    page lent again still records everything it uses, as with a route."""

    # What a test changes on the page itself (its own routes and listeners, scripts run before each
    # document, a frozen clock, print media, its context, its history) would reach the next test:
    # a page a test reached through any of these is closed after it instead of lent again.
    ALTERING = frozenset(
        {
            "route",
            "unroute",
            "route_from_har",
            "on",
            "once",
            "add_init_script",
            "expose_function",
            "expose_binding",
            "clock",
            "emulate_media",
            "set_extra_http_headers",
            "set_default_timeout",
            "set_default_navigation_timeout",
            "add_locator_handler",
            "context",
            "go_back",
            "go_forward",
        }
    )

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin.rstrip("/")
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        self.altered = False
        self.kind = ""  # the pool's key: its context's options
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("request", self._record)

    def forget(self) -> None:
        """Start a test's records afresh."""
        self.requests, self.foreign, self.console_errors = [], [], []

    def _record(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def __getattr__(self, name: str):
        if name in self.ALTERING:
            self.altered = True
        return getattr(self.page, name)


def forget_site_data(page) -> None:
    """What the site may have kept in the browser for a reader: its storage and cookies."""
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.context.clear_cookies()


class PagePool:
    """Pages lent to one test at a time and taken back clean.

    Opening a page costs Chromium about 0.7 s of CPU more than going to another address in one
    that is open (a new renderer, its scripts compiled afresh): with some 500 browser tests that
    was most of the suite's time (issue 15). A page goes back to the pool only if the test left
    nothing of its own on it (RecordingPage.ALTERING), opened no other page, and stayed on the
    site; then its cookies and storage are cleared and it waits on about:blank, as a new page
    does. Pages are kept apart by the options of their context (JavaScript, CSP, touch, ...)."""

    def __init__(self, browser):
        self.browser = browser
        self.free: dict[str, list[RecordingPage]] = {}

    def lend(self, site_url: str, width: int, height: int, javascript: bool, options: dict) -> RecordingPage:
        kind = repr((javascript, sorted(options.items())))
        free = self.free.setdefault(kind, [])
        if free:
            page = free.pop()
            page.page.set_viewport_size({"width": width, "height": height})
        else:
            context = self.browser.new_context(
                viewport={"width": width, "height": height},
                java_script_enabled=javascript,
                service_workers="block",
                **options,
            )
            page = RecordingPage(context.new_page(), site_url)
            page.kind = kind
        page.origin = site_url.rstrip("/")  # a module may serve a site of its own
        page.forget()
        return page

    def take_back(self, page: RecordingPage) -> None:
        context = page.page.context
        clean = (
            not page.altered
            and not page.page.is_closed()
            and len(context.pages) == 1
            and page.page.url.startswith(page.origin + "/")
        )
        if clean:
            try:
                forget_site_data(page.page)
                page.page.mouse.move(0, 0)  # where a new page's pointer is: nothing left hovered
                page.page.goto("about:blank")
            except Exception:  # noqa: BLE001 - a page in a state we did not foresee is not lent again
                clean = False
        if clean:
            self.free[page.kind].append(page)
        else:
            context.close()

    def close(self) -> None:
        for pages in self.free.values():
            for page in pages:
                page.page.context.close()


@pytest.fixture(scope="session")
def page_pool(browser) -> Iterator[PagePool]:
    pool = PagePool(browser)
    yield pool
    pool.close()


@contextmanager
def lending(pool: PagePool, site_url: str) -> Iterator[Callable[..., RecordingPage]]:
    """make(width=1280, height=800, javascript=True, **context_options) -> RecordingPage, clean: as
    a new page in a new context would be, lent from the pool for the site at `site_url`; every
    page made is taken back when the block ends."""
    lent: list[RecordingPage] = []

    def make(width: int = 1280, height: int = 800, javascript: bool = True, **options) -> RecordingPage:
        page = pool.lend(site_url, width, height, javascript, options)
        lent.append(page)
        return page

    try:
        yield make
    finally:
        for page in lent:
            pool.take_back(page)


@pytest.fixture
def make_page(page_pool: PagePool, site_url: str) -> Iterator[Callable[..., RecordingPage]]:
    """make_page(width=1280, height=800, javascript=True, **context_options): a page of the built
    site, lent from the pool (`lending`)."""
    with lending(page_pool, site_url) as make:
        yield make
