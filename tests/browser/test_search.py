"""Search in Chromium: the index waits for the reader to search, then finds what she typed,
however she typed it, in both languages (issue 20)."""

from __future__ import annotations

import pytest

from .conftest import load_all

LANGS = {"kk": "", "ru": "ru/"}


def index_requests(page) -> list[str]:
    return [url for url in page.requests if "kz-index.json" in url]


@pytest.mark.parametrize(
    ("lang", "query", "target"),
    [
        ("kk", "Шымкентте", "regions/shymkent/"),  # a Kazakh case ending: the town (four listings)
        ("kk", "Qostanai", "regions/kostanay-region/"),  # informal Latin: the town (three listings)
        ("kk", "Усть-Каменогорск", "regions/east-kazakhstan-region/"),  # the Russian, old name
        ("ru", "Уральске", "centres/oral-crisis-centre/"),  # a Russian ending
        ("ru", "комек шымкент", "centres/shymkent-komek/"),  # Kazakh typed on a Russian keyboard
        ("ru", "Ümit", "centres/astana-umit/"),  # 2021 Latin
    ],
)
def test_the_index_loads_when_the_reader_searches_and_finds_what_she_typed(make_page, site_url, lang, query, target):
    page = make_page(width=360, height=740)
    load_all(page, f"{site_url}{LANGS[lang]}centres/almaty-zhan-saya/")
    assert index_requests(page) == [], "a listing page fetches no search index before the search"
    assert any(url.endswith("search/search_index.json") for url in page.requests), "the theme's stub only"
    page.click("label.md-header__button[for=__search]")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material reads the query on key events
    found = "t => Array.from(document.querySelectorAll('.md-search-result__link')).some(a => a.href.includes(t))"
    try:
        page.wait_for_function(found, arg=target, timeout=15000)
    finally:
        hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert any(target in href for href in hrefs[:3]), hrefs[:8]
    assert len(index_requests(page)) == 1, "fetched once"
    assert index_requests(page)[0].endswith(f"/{LANGS[lang]}search/kz-index.json")
    assert page.foreign == [] and page.console_errors == []  # no other origin, nothing the CSP blocked
