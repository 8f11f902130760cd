"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, on the built site.

The site is served from 127.0.0.1. Every request the page makes is recorded;
requests to any other origin are aborted (this machine has no network anyway)
and listed in `browser_page.foreign`, so a test can fail on them.

Locally, without Chromium, these tests skip and say why; in CI (CI=true) a
missing browser is an error, because CI must run them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on loopback; yields its base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordingPage:
    """A Playwright page plus what it asked for: all requests, foreign ones, console errors."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin.rstrip("/")
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def __getattr__(self, name: str):
        return getattr(self.page, name)


@pytest.fixture
def make_page(browser, site_url: str):
    """make_page(width=320, height=640, javascript=True) -> RecordingPage in a fresh context."""
    contexts = []

    def make(width: int = 1280, height: int = 800, javascript: bool = True, **options) -> RecordingPage:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            service_workers="block",
            **options,
        )
        contexts.append(context)
        return RecordingPage(context.new_page(), site_url)

    yield make
    for context in contexts:
        context.close()
