"""Search in both languages, on the BUILT site: the search worker the site ships
(assets/javascripts/kz-search.js) run in Node on each language's search/kz-index.json, as
the browser runs it when the reader types (the `search` fixture, tests/features/conftest.py).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from generator.data.model import LANGS
from generator.site.render import need_slug
from generator.site.search_text import RULES

PREFIX = {"kk": "", "ru": "ru/"}
BUDGET_GZIP = 60 * 1024  # per language, for the real data (loaded only when the reader searches)


def index_of(site: Path, lang: str) -> dict:
    return json.loads((site / PREFIX[lang] / "search" / "kz-index.json").read_text(encoding="utf-8"))


def pages_of(groups: list[list[str]]) -> list[str]:
    """Result groups as the page each group stands for."""
    return [group[0] for group in groups]


def finds(groups: list[list[str]], listing_id: str, top: int | None = None) -> bool:
    wanted = (f"centres/{listing_id}/", f"find/#f-{listing_id}")
    return any(location.startswith(wanted) for group in groups[:top] for location in group)


# ---------------------------------------------------------------- configuration


def test_pages_use_our_worker_and_fetch_only_a_stub(built_site: Path):
    for lang in LANGS:
        root = built_site / PREFIX[lang]
        page = (root / "about" / "index.html").read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1])
        assert config["search"] == "../assets/javascripts/kz-search.js", lang
        assert (root / "assets/javascripts/kz-search.js").exists()
        # The theme still fetches its index on every page: a stub of the same few bytes at any size.
        stub = (root / "search" / "search_index.json").read_bytes()
        assert len(stub) < 200 and json.loads(stub)["docs"] == []
        assert index_of(built_site, lang)["rules"] == RULES, "the query is read with the index's own rules"


def test_search_index_is_small_and_holds_every_listing_once(built_site: Path, catalogue):
    for lang in LANGS:
        path = built_site / PREFIX[lang] / "search" / "kz-index.json"
        assert len(gzip.compress(path.read_bytes(), 9)) < BUDGET_GZIP, lang
        locations = [d["l"] for d in index_of(built_site, lang)["docs"]]
        assert len(locations) == len(set(locations)), "one entry per page"
        for x in catalogue.listings:
            assert f"centres/{x.id}/" in locations
        assert not [loc for loc in locations if "#" in loc], "sections are folded into their page"
        for page in ("", "about/", "safety/", "find/", "regions/almaty/", "needs/shelter/"):
            assert page in locations, (lang, page)


@pytest.mark.parametrize(("lang", "page"), [("ru", "safety"), ("kk", "safety"), ("ru", "about"), ("kk", "about")])
def test_headings_get_cyrillic_anchors(built_site: Path, lang: str, page: str):
    markup = (built_site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[2-6] id="([^"]+)"', markup)
    assert len(ids) >= 3
    for anchor in ids:
        assert re.fullmatch(r"[0-9a-zа-яёәғқңөұүһі-]+", anchor), anchor
        assert re.search(r"[а-яёәғқңөұүһі]", anchor), anchor
        assert not re.fullmatch(r"_\d+", anchor)
    if lang == "kk":
        assert any(re.search(r"[әғқңөұүһі]", anchor) for anchor in ids), "Kazakh letters stay in anchors"


# ---------------------------------------------------------------- finding listings


def test_finds_every_listing_by_its_name_in_both_languages(search, catalogue):
    for lang in LANGS:
        other = "ru" if lang == "kk" else "kk"
        queries = [x.name(lang) for x in catalogue.listings] + [x.name(other) for x in catalogue.listings]
        results = search(lang, queries)
        n = len(catalogue.listings)
        for x, own, foreign in zip(catalogue.listings, results[:n], results[n:], strict=True):
            assert finds(own, x.id, top=5), (lang, x.id, pages_of(own)[:8])
            assert finds(foreign, x.id, top=5), (lang, "other language", x.id, pages_of(foreign)[:8])


def test_finds_listings_by_city(search, catalogue):
    local = [x for x in catalogue.listings if x.city]
    for lang in LANGS:
        cities = sorted({x.city.key for x in local})
        results = dict(zip(cities, search(lang, [catalogue.cities[c].name(lang) for c in cities]), strict=True))
        for x in local:
            assert finds(results[x.city.key], x.id), (lang, x.id, x.city.key)


def test_finds_listings_by_service(search, catalogue):
    needs = [s for s in catalogue.services.values() if s.need]
    for lang in LANGS:
        results = search(lang, [s.label(lang) for s in needs])
        for service, groups in zip(needs, results, strict=True):
            assert f"needs/{need_slug(service)}/" in pages_of(groups)[:3], (lang, service.key)
            for x in catalogue.listings:
                if service in x.services:
                    assert finds(groups, x.id), (lang, service.key, x.id)


def test_russian_stemming_finds_other_forms(search, catalogue):
    queries = {
        "приютов": "needs/shelter/",  # the label says "приют"
        "юридической": "needs/legal/",  # "Юридическая помощь"
        "Уральске": "centres/oral-crisis-centre/",  # the town is "Уральск"
        "беременных": "needs/maternity/",  # "Помощь беременным …"
        "детей": "needs/children/",  # "Помощь детям"
    }
    results = search("ru", list(queries))
    for (query, page), groups in zip(queries.items(), results, strict=True):
        assert page in pages_of(groups)[:5], (query, pages_of(groups)[:8])


def test_kazakh_words_are_found_whole_and_by_their_beginning(search, catalogue):
    results = search("kk", ["Үміт", "Қонаев", "Теміртау", "баспана", "Алмат"])
    assert pages_of(results[0])[0] in ("centres/astana-umit/", "find/#f-astana-umit")
    assert finds(results[1], "konaev-crisis-centre", top=2)
    assert finds(results[2], "temirtau-korgau", top=3)  # Temirtau has two listings now
    assert "needs/shelter/" in pages_of(results[3])[:5]  # "Уақытша баспана"
    assert "regions/almaty/" in pages_of(results[4])[:5]  # a prefix, as typed so far


def test_search_finds_numbers_and_latin_words(search):
    kk, ru = search("kk", ["150", "ARASHA"]), search("ru", ["150", "ARASHA"])
    for results in (kk, ru):
        assert finds(results[0], "national-150", top=2)
        assert finds(results[1], "almaty-arasha", top=2)
