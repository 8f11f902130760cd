"""Issue 16, items 2 and 3: readers see each source as they would cite it (title, publisher,
year, link), in their language; the English `supports` notes and internal names ("002",
"table citing …") stay in the YAML for maintainers. Each test failed before the fix."""

from __future__ import annotations

import html
import re

import pytest

from generator.data.model import LANGS
from generator.site.render import latin_only, render_pages, source_publisher

INTERNAL = re.compile(r"\b002\b|table citing|Statistics Committee|supports:")


@pytest.fixture(scope="module")
def pages(catalogue):
    return {lang: {p.path: p.content for p in render_pages(catalogue, lang)} for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_listing_pages_name_sources_as_a_reader_would(pages, catalogue, lang):
    checked = 0
    for x in catalogue.listings:
        page = pages[lang][f"centres/{x.id}.md"]
        sources = page[page.index('class="kz-sources"') :]
        sources = sources[: sources.index("</ol>")]
        for s in x.sources:
            assert s.supports not in sources, (x.id, s.supports)
            if s.url:
                assert f'href="{html.escape(s.url)}"' in sources
            year = s.date[:4] if s.date != "unknown" else None
            if year:
                assert year in sources
            checked += 1
        assert not INTERNAL.search(sources), (x.id, INTERNAL.search(sources))
    assert checked > len(catalogue.listings)


@pytest.mark.parametrize("lang", LANGS)
def test_no_public_page_shows_internal_source_names(pages, lang):
    shown = 0
    for path, content in pages[lang].items():
        text = re.sub(r"<[^>]+>", " ", content)
        text = re.sub(r"https?://\S+", " ", text)
        assert not INTERNAL.search(text), (path, INTERNAL.search(text))
        shown += 1
    assert shown > 10


def test_a_source_without_a_publisher_is_named_by_its_site(catalogue):
    from generator.data.model import Source

    assert source_publisher(Source("T", "https://www.tengrinews.kz/a/b", None, "2023", "x")) == "tengrinews.kz"
    assert source_publisher(Source("T", "https://tengrinews.kz/a", None, "2023", "x", "Tengrinews")) == "Tengrinews"
    assert source_publisher(Source("T", None, "Автор, «Название», ҚазҰУ", "2023", "x")) == "Автор, «Название», ҚазҰУ"
    assert latin_only("Emergency number 112") and not latin_only("Телефон 150")
