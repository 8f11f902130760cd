"""Help that travels (generator/features/travel): the pocket cards, the partners' widget and the
partners' page, read as the files the feature writes."""

from __future__ import annotations

import dataclasses
import gzip
from html.parser import HTMLParser

import pytest

from generator.data.model import Text
from generator.features import Settings, travel
from generator.features.travel.sheet import ALL, sheets

SITE = "https://example.github.io/kz-crisis-directory/"
EXIT = {"kk": "https://exit.example/kk", "ru": "https://exit.example/ru"}


@pytest.fixture(scope="module")
def written(catalogue) -> dict[str, dict[str, str]]:
    return {lang: travel.files(catalogue, lang, Settings(SITE, EXIT[lang])) for lang in ("kk", "ru")}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.base: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        elif tag == "script":
            self.scripts.append(dict(attrs))
        elif tag == "base":
            self.base = dict(attrs)


def parsed(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def test_every_region_and_the_country_get_a_card_an_a4_sheet_and_a_widget(catalogue, written) -> None:
    slugs = [r.slug for r in catalogue.regions.values()] + [ALL]
    assert len(slugs) == 21
    for lang, files in written.items():
        for slug in slugs:
            for page in (f"cards/{slug}/index.html", f"cards/{slug}/a4.html", f"embed/{slug}/index.html"):
                html = files[page]
                assert f'<html lang="{lang}">' in html, page
                assert html.index('http-equiv="Content-Security-Policy"') < html.index("<title>"), page


def test_a_card_lists_only_help_one_can_turn_to_with_its_qr_code(catalogue, written) -> None:
    closed = [x for x in catalogue.listings if x.status in ("closed", "suspended")]
    assert closed, "the data has a closed centre (Kostanay) to check against"
    for x in closed:
        if x.region:
            for lang in ("kk", "ru"):
                assert x.name(lang) not in written[lang][f"cards/{x.region.slug}/index.html"]
                assert x.name(lang) not in written[lang][f"embed/{x.region.slug}/index.html"]
    almaty = written["ru"]["cards/almaty/index.html"]
    shown = [x for x in catalogue.in_region("KZ-75") if x.status == "active"]
    assert shown and all(x.name("ru").replace("«", "&laquo;") in almaty or x.name("ru") in almaty for x in shown)
    assert almaty.count("<svg") == 1 and 'aria-label="' in almaty
    unknown_hours = [x for x in shown if x.hours == "unknown"]
    assert unknown_hours and travel.STRINGS["ru"]["card_hours_unknown"] in almaty  # unknown is said, not left out
    assert f"{SITE}ru/regions/almaty/" in almaty
    assert f"{SITE}regions/almaty/" in written["kk"]["cards/almaty/index.html"]


def test_nothing_on_a_card_or_widget_says_where_anyone_is(catalogue) -> None:
    # An office that publishes its address (allowed for a centre where nobody lives): even
    # then the card and the widget show only the town.
    office = next(x for x in catalogue.listings if x.kind == "centre" and x.status == "unknown" and x.region)
    with_address = dataclasses.replace(office, address=Text("Тұлпар көшесі, 987", "ул. Тулпарская, 987"))
    listings = [with_address if x is office else x for x in catalogue.listings]
    changed = dataclasses.replace(catalogue, listings=listings)
    for lang in ("kk", "ru"):
        files = travel.files(changed, lang, Settings(SITE, EXIT[lang]))
        assert office.name(lang) in files[f"cards/{office.region.slug}/index.html"]
        for html in files.values():
            assert "987" not in html, "no house number"
            assert "Тұлпар" not in html and "Тулпар" not in html


def test_without_the_sites_address_a_card_says_so_instead_of_a_wrong_qr_code(catalogue) -> None:
    files = travel.files(catalogue, "ru", Settings("", EXIT["ru"]))
    card = files["cards/almaty/index.html"]
    assert "<svg" not in card and travel.STRINGS["ru"]["card_qr_missing"] in card


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_widget_is_small_works_without_scripts_and_every_link_leaves_the_frame(catalogue, written, lang) -> None:
    pages = {path: html for path, html in written[lang].items() if path.startswith("embed/")}
    assert len(pages) == 21
    for path, html in pages.items():
        assert len(gzip.compress(html.encode(), 9)) <= 15 * 1024, path
        page = parsed(html)
        assert page.scripts == [] and page.base == {"target": "_top"}, path
        assert page.links, path
        for link in page.links:
            href = link["href"] or ""
            assert link.get("target") in (None, "_top"), path  # <base target="_top"> for the rest
            if not href.startswith("tel:"):
                assert set((link.get("rel") or "").split()) >= {"noopener", "noreferrer"}, (path, href)
        exits = [a for a in page.links if a["href"] == EXIT[lang]]
        assert len(exits) == 1, path
        lines = [a["href"] for a in page.links if (a["href"] or "").startswith("tel:")]
        assert lines[:2] == ["tel:112", "tel:102"], path  # the lines first
        assert {"tel:150", "tel:111"} <= set(lines), path


def test_the_partners_page_gives_every_region_its_code_to_copy(catalogue) -> None:
    from generator.site.render import Renderer

    for lang in ("kk", "ru"):
        page, shortlist = travel.pages(Renderer(catalogue, lang), Settings(SITE, EXIT[lang]))
        assert (page.path, shortlist.path) == ("partners.md", "list.md")
        root = SITE if lang == "kk" else f"{SITE}ru/"
        for sheet in sheets(catalogue, lang):
            assert f'&lt;iframe src="{root}embed/{sheet.slug}/"' in page.content, sheet.slug
            assert f'href="../cards/{sheet.slug}/"' in page.content
        assert '<iframe class="kz-partners__preview" src="../embed/all/"' in page.content
