"""The pool that lends pages to the browser tests hands each test a clean page (conftest.PagePool)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from .conftest import PagePool, QuietHandler, serving


def test_a_page_comes_back_clean_with_the_size_asked_and_nothing_recorded(page_pool: PagePool, site_url: str):
    first = page_pool.lend(site_url, 1280, 800, True, {})
    first.goto(site_url + "about/")
    first.evaluate("() => { localStorage.setItem('kz-test', '1'); sessionStorage.setItem('kz-test', '1'); }")
    first.context.add_cookies([{"name": "kz", "value": "1", "url": site_url}])
    first.altered = False  # the cookie was set through the context on purpose: see what take_back clears
    page_pool.take_back(first)

    again = page_pool.lend(site_url, 320, 640, True, {})
    try:
        assert again is first, "a clean page is lent again"
        assert again.url == "about:blank"
        assert again.requests == [] and again.foreign == [] and again.console_errors == []
        assert again.viewport_size == {"width": 320, "height": 640}
        again.goto(site_url + "about/")
        assert again.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    finally:
        page_pool.take_back(again)


def test_a_page_a_test_changed_is_not_lent_again(page_pool: PagePool, site_url: str):
    changed = page_pool.lend(site_url, 1280, 800, True, {})
    changed.route("**/nowhere", lambda route: route.abort())
    changed.goto(site_url)
    page_pool.take_back(changed)
    assert changed.is_closed()

    other_kind = page_pool.lend(site_url, 1280, 800, False, {})
    try:
        assert other_kind is not changed
        assert other_kind.goto(site_url) is not None
        assert other_kind.evaluate("() => 1 + 1") == 2, "the test can still read a page without JavaScript"
    finally:
        page_pool.take_back(other_kind)


def test_a_lent_page_records_every_file_it_uses_from_the_cache_and_reaches_no_other_host(
    page_pool: PagePool, built_site: Path
):
    """Requests are recorded from events, not a route (conftest.RecordingPage), and the test server
    lets the browser keep the site's files (conftest.QuietHandler): a second visit takes them from
    the cache and still records every one the first did. A request to another host is recorded as
    foreign and not reached."""
    from playwright.sync_api import Error

    served: list[str] = []

    class Counting(QuietHandler):
        def do_GET(self) -> None:
            served.append(self.path)
            super().do_GET()

    with serving(built_site, Counting) as url:
        page = page_pool.lend(url, 1280, 800, True, {})
        try:
            response = page.goto(url + "find/", wait_until="networkidle")
            assert response is not None and response.headers["cache-control"] == "max-age=600"
            first, recorded = list(served), list(page.requests)
            assert len(first) >= 5 and sorted(recorded) == sorted(url.rstrip("/") + path for path in first)
            page.goto(url + "about/", wait_until="networkidle")  # the same styles and scripts
            served_before, recorded_before = len(served), len(page.requests)
            page.goto(url + "find/", wait_until="networkidle")
            assert served[served_before:] == [], "the second visit took every file from the cache"
            assert sorted(page.requests[recorded_before:]) == sorted(recorded), "and recorded each of them"
            assert page.foreign == []
            with pytest.raises(Error, match="ERR_NAME_NOT_RESOLVED"):
                page.goto("http://example.org/tiles/1.png")
            assert page.foreign == ["http://example.org/tiles/1.png"]
        finally:
            page_pool.take_back(page)


def test_a_stopped_server_keeps_its_port_so_no_later_one_can_take_it(tmp_path: Path):
    """The browser keeps files by their address: a later server at an earlier one's port would be
    given the earlier site's files from the cache. A stopped server's port stays taken."""
    with serving(tmp_path) as url:
        port = int(url.split(":")[2].split("/")[0])
    with socket.socket() as probe, pytest.raises(OSError, match="in use"):
        probe.bind(("127.0.0.1", port))
