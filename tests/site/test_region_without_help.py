"""Issue 16, item 8: a region with no listing to turn to (Ulytau and others) showed nothing useful.
Its page now shows the nearest centres elsewhere with their distance from the region's towns,
the national lines, and a way to tell us of a centre there. It failed before."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.data.model import LANGS
from generator.site.render import ELIGIBILITY_WORDS, distance_km, nearest_elsewhere, offers_help, render_pages

# By late 2026 every region has a listing one can turn to, so the empty regions are made here:
# Ulytau loses its listings and Kostanay's are closed, as a region looks when its only centre stops.
EMPTIED, CLOSED = "KZ-62", "KZ-39"


@pytest.fixture(scope="module")
def thinned(catalogue):
    listings = [
        dataclasses.replace(x, status="closed") if x.region and x.region.code == CLOSED else x
        for x in catalogue.listings
        if not (x.region and x.region.code == EMPTIED)
    ]
    assert len(listings) < len(catalogue.listings)
    return dataclasses.replace(catalogue, listings=listings)


@pytest.fixture(scope="module")
def pages(thinned):
    return {lang: {p.path: p.content for p in render_pages(thinned, lang)} for lang in LANGS}


def test_nearest_elsewhere_for_ulytau(catalogue):
    near = nearest_elsewhere(catalogue, EMPTIED)
    assert len(near) == 3
    assert all(n.listing.region.code != "KZ-62" and offers_help(n.listing) for n in near)
    assert all(n.town.region == "KZ-62" for n in near)
    assert [n.km for n in near] == sorted(n.km for n in near)
    # Nothing nearer was left out: every other listing one can turn to is at least as far.
    towns = [c for c in catalogue.cities.values() if c.region == "KZ-62"]
    chosen = {n.listing.id for n in near}
    rest = [
        min(distance_km(t, x.city) for t in towns)
        for x in catalogue.listings
        if x.city and x.region.code != "KZ-62" and offers_help(x) and x.id not in chosen
    ]
    assert rest and near[-1].km <= min(rest)


@pytest.mark.parametrize("lang", LANGS)
def test_every_region_without_help_shows_the_nearest_the_lines_and_a_way_to_tell_us(pages, thinned, lang):
    catalogue = thinned
    words = ELIGIBILITY_WORDS[lang]
    empty = [r for r in catalogue.regions.values() if not any(offers_help(x) for x in catalogue.in_region(r.code))]
    assert any(r.code == "KZ-62" for r in empty) and any(r.code == "KZ-39" for r in empty)  # Ulytau; Kostanay (closed)
    for region in empty:
        page = pages[lang][f"regions/{region.slug}.md"]
        assert words["region_nearest_title"] in page, region.code
        section = page[page.index('class="kz-nearest"') : page.index("</section>", page.index('class="kz-nearest"'))]
        assert len(re.findall(r'href="\.\./\.\./centres/', section)) == 3
        assert re.search(r"≈ \d+ (км|km)", section), section
        assert 'href="tel:150"' in page and 'href="tel:111"' in page
        assert f'<a href="../../contribute/#issues">{words["region_know_centre"]}</a>' in page
    with_help = [r for r in catalogue.regions.values() if r not in empty]
    assert with_help
    for region in with_help:
        assert words["region_nearest_title"] not in pages[lang][f"regions/{region.slug}.md"]
