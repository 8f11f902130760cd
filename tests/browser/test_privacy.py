"""In a real browser, no page asks anything of another origin (issue: safety and privacy)."""

from __future__ import annotations

import pytest

from .conftest import PAGE_TYPES


@pytest.mark.parametrize("lang", ["", "ru/"], ids=["kk", "ru"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_loads_nothing_from_another_origin(make_page, site_url: str, lang: str, path: str):
    page = make_page()
    response = page.goto(site_url + lang + path, wait_until="networkidle")
    assert response is not None and response.ok
    page.wait_for_timeout(300)  # late requests from scripts after load
    assert page.foreign == []
    assert len(page.requests) >= 2, "the recorder saw the page and its assets"
    assert page.console_errors == []
