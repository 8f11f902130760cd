"""Issue 16, items 2, 3 and 8 in a real browser, both languages, 360 px and 1280 px: sources named
as a reader would (no English notes, no "002"), and a region with no help showing the nearest
centres with distances, the national lines and a way to tell us of one. Each failed before."""

from __future__ import annotations

import re

import pytest

from generator.site.render import ELIGIBILITY_WORDS

LANGS = {"kk": "", "ru": "ru/"}
WIDTHS = [(360, 740), (1280, 800)]
INTERNAL = re.compile(r"\b002\b|table citing|Statistics Committee|supports")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("listing", ["almaty-ubezhishche", "astana-umit", "national-150"])
def test_sources_show_title_publisher_year_and_link_only(make_page, site_url, catalogue, lang, width, height, listing):
    x = next(x for x in catalogue.listings if x.id == listing)
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}centres/{listing}/")
    sources = page.locator(".kz-sources li")
    assert sources.count() == len(x.sources)
    text = page.locator(".kz-sources").inner_text()
    assert not INTERNAL.search(text), text
    for s in x.sources:
        assert s.supports not in text
        if s.url:
            assert page.locator(f'.kz-sources a[href="{s.url}"]').count() >= 1
    # No English words of our own: what is Latin is a source's own title (marked lang="en") or a site name.
    own = page.evaluate("""() => [...document.querySelectorAll('.kz-sources li')].map(li => {
        const copy = li.cloneNode(true);
        copy.querySelectorAll('[lang=en]').forEach(el => el.remove());
        return copy.textContent;
    }).join(' ')""")
    words = re.findall(r"\b[A-Za-z]{4,}\b", re.sub(r"\b[\w.-]+\.(kz|org|gov|com|ru|asia|media)\b", " ", own))
    assert words == [], words


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_region_pages_name_the_statistics_source_as_a_reader_would(make_page, site_url, lang, width, height):
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}regions/almaty/")
    text = page.locator(".kz-official").inner_text()
    assert not INTERNAL.search(text), text


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
