"""Issue 16, items 2 and 3 in a real browser, both languages, 360 px and 1280 px: sources named
as a reader would (no English notes, no "002"). Each failed before. Item 8 (a region with no
help) is in test_region_without_help.py, on a build where such regions exist."""

from __future__ import annotations

import re

import pytest

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
