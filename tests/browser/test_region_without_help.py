"""Issue 16, item 8 in a real browser, both languages, 360 px and 1280 px: a region with no help
shows the nearest centres elsewhere with distances, the national lines and a way to tell us of
one. It failed before.

By late 2026 every real region has a listing one can turn to, so this builds the real data with
Ulytau's listing taken out and Kostanay's other listings marked closed: how a region looks when
its only centre stops."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site.render import ELIGIBILITY_WORDS

from ..conftest import DATA
from .conftest import serving

LANGS = {"kk": "", "ru": "ru/"}
WIDTHS = [(360, 740), (1280, 800)]
REMOVED = "satpayev-kamkor"  # Ulytau's only listing
CLOSED = "kostanay-"  # every Kostanay listing


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This module's pages (make_page uses them): the thinned data, built and served."""
    from generator.build import site

    root = tmp_path_factory.mktemp("thinned")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "centres" / f"{REMOVED}.yaml").unlink()
    closed = 0
    for path in sorted((data / "centres").glob(f"{CLOSED}*.yaml")):
        text = path.read_text(encoding="utf-8")
        for status in ("active", "unknown"):  # unknown counts as help one can turn to
            closed += f"\nstatus: {status}\n" in text
            text = text.replace(f"\nstatus: {status}\n", "\nstatus: closed\n")
        path.write_text(text, encoding="utf-8")
    assert closed, "Kostanay had an open listing to close"
    out = root / "site"
    site.build(Path(data), out, strict=True, parallel=False)  # quicker in a process that builds often
    with serving(out) as url:
        yield url


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("region", ["ulytau-region", "kostanay-region"])
def test_a_region_without_help_shows_the_nearest_the_lines_and_a_way_to_tell_us(
    make_page, site_url, lang, width, height, region
):
    words = ELIGIBILITY_WORDS[lang]
    page = make_page(width=width, height=height)
    response = page.goto(f"{site_url}{LANGS[lang]}regions/{region}/")
    assert response and response.ok
    nearest = page.locator(".kz-nearest")
    assert nearest.is_visible()
    items = nearest.locator("li")
    assert items.count() == 3
    kms = [int(re.search(r"≈ (\d+)", items.nth(i).inner_text()).group(1)) for i in range(3)]
    assert kms == sorted(kms) and kms[0] > 0
    for i in range(3):
        link = items.nth(i).locator('a[href*="centres/"]').first
        assert link.is_visible()
    for number in ("150", "111"):
        call = page.locator(f'.kz-national a[href="tel:{number}"]')
        assert call.count() == 1 and call.is_visible()
    tell = page.get_by_role("link", name=words["region_know_centre"])
    assert tell.is_visible()
    tell.click()
    page.wait_for_url(re.compile(r"/contribute/#issues$"))
    assert page.locator("#issues").is_visible()
