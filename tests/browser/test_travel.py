"""The pocket cards and the partners' widget in real Chromium (issue 21): each card prints on
one A6 page with nothing cut off, four fit one A4 page, the QR code scans to the region's page,
and the widget, framed by another site, opens links and quick exit in the whole window."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator

import pytest

from generator import ROOT
from generator.features import Settings, travel

from .conftest import PagePool, RecordingPage, lending, serving

LANGS = {"kk": "", "ru": "ru/"}
NO_ZBAR = "zbarimg is missing: scripts/install-test-deps.sh installs zbar-tools (in CI a missing tool fails)"
EXIT = "https://exit.example/"


@pytest.fixture(scope="module")
def cards_url(tmp_path_factory, catalogue) -> Iterator[str]:
    """The feature's files for both languages, served with the site's address set to where they
    are served, so that each QR code points at a page of this server."""
    folder = tmp_path_factory.mktemp("travel")
    with serving(folder) as url:
        for lang, prefix in LANGS.items():
            for asset in ("stylesheets/travel.css", "javascripts/kz-print.js"):  # MkDocs copies these
                (folder / prefix / "assets" / asset).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ROOT / "overrides" / "assets" / asset, folder / prefix / "assets" / asset)
            for path, content in travel.files(catalogue, lang, Settings(url, EXIT)).items():
                target = folder / prefix / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        yield url


@pytest.fixture
def new_page(page_pool: PagePool, cards_url: str) -> Iterator[Callable[..., RecordingPage]]:
    """new_page(width, height): a page for the cards' own server, lent from the pool (`lending`)."""
    with lending(page_pool, cards_url) as make:
        yield make


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_card_prints_on_one_a6_page_with_nothing_cut_off(new_page, cards_url, catalogue, lang) -> None:
    page = new_page(width=360, height=740)
    slugs = [r.slug for r in catalogue.regions.values()] + ["all"]
    for slug in slugs:
        page.goto(f"{cards_url}{LANGS[lang]}cards/{slug}/")
        page.emulate_media(media="print")
        heights = page.evaluate(
            "Array.from(document.querySelectorAll('.kz-pocket')).map(e => [e.scrollHeight, e.clientHeight])"
        )
        assert len(heights) == 1, slug
        assert heights[0][0] <= heights[0][1] + 1, f"{slug}: the card's text does not fit on A6"
        pdf = page.pdf(prefer_css_page_size=True)
        assert _pdf_pages(pdf) == 1, slug
        assert re.search(rb"/MediaBox\s*\[\s*0 0 29[0-9](?:\.\d+)? 4[12][0-9](?:\.\d+)?\s*\]", pdf), "A6: 105 x 148 mm"
        page.emulate_media(media="screen")
    assert page.console_errors == []


def test_four_cards_print_on_one_a4_page(new_page, cards_url) -> None:
    page = new_page()
    for lang in LANGS:
        page.goto(f"{cards_url}{LANGS[lang]}cards/almaty/a4.html")
        assert page.locator(".kz-pocket").count() == 4
        pdf = page.pdf(prefer_css_page_size=True)
        assert _pdf_pages(pdf) == 1
        assert re.search(rb"/MediaBox\s*\[\s*0 0 59[0-9](?:\.\d+)? 84[0-9](?:\.\d+)?\s*\]", pdf), "A4"


@pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) is installed by scripts/install-test-deps.sh"
)
@pytest.mark.parametrize(("lang", "slug"), [("kk", "almaty"), ("ru", "ulytau-region"), ("ru", "all")])
def test_the_qr_code_scans_to_the_regions_page(new_page, cards_url, tmp_path, lang, slug) -> None:
    page = new_page(width=360, height=740)
    page.goto(f"{cards_url}{LANGS[lang]}cards/{slug}/")
    shot = tmp_path / "qr.png"
    page.locator(".kz-pocket__qr svg").screenshot(path=str(shot))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True, check=True)
    expected = f"{cards_url}{LANGS[lang]}" + ("" if slug == "all" else f"regions/{slug}/")
    assert decoded.stdout.strip() == expected


@pytest.fixture
def partner(tmp_path, cards_url) -> Iterator[str]:
    """A partner's page on another origin, framing the widget as the partners' page says."""
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="ru"><title>Школа</title><h1>Сайт школы</h1>'
        f'<iframe src="{cards_url}ru/embed/almaty/" title="Помощь" width="100%" height="520"></iframe>',
        encoding="utf-8",
    )
    with serving(tmp_path) as url:
        yield url


@pytest.mark.parametrize("width", [360, 1280])
def test_in_a_partners_frame_quick_exit_leaves_the_partners_page_too(new_page, partner, width) -> None:
    page = new_page(width=width, height=740)
    page.route(EXIT, lambda route: route.fulfill(status=200, content_type="text/html", body="<p>weather</p>"))
    page.goto(partner)
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name=re.compile("Быстрый выход")).click()
    page.wait_for_url(EXIT)
    assert page.url == EXIT


def test_in_a_partners_frame_a_listing_opens_in_the_whole_window(new_page, partner, cards_url) -> None:
    page = new_page(width=360, height=740)
    page.goto(partner)
    link = page.frame_locator("iframe").locator(".kz-embed__list a").first
    href = link.get_attribute("href")
    assert href and href.startswith("../../centres/")
    link.click()
    page.wait_for_url(re.compile(re.escape(cards_url) + r"ru/centres/"))
    assert page.url.startswith(cards_url + "ru/centres/")


# ---------------------------------------------------------------- sharing and the shortlist

SITE_LANGS = {"kk": "", "ru": "ru/"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_share_copies_the_pages_link_where_there_is_no_share_sheet(make_page, site_url, lang) -> None:
    page = make_page(width=360, height=740, permissions=["clipboard-read", "clipboard-write"])
    url = f"{site_url}{SITE_LANGS[lang]}centres/almaty-zhan-saya/"
    page.goto(url)
    page.evaluate("delete Navigator.prototype.share")  # as on most desktop browsers
    words = travel.STRINGS[lang]
    page.get_by_role("button", name=words["share_button"]).click()
    page.get_by_role("status").filter(has_text=words["share_copied"]).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.foreign == [] and page.console_errors == []


@pytest.mark.parametrize(("lang", "width"), [("kk", 360), ("ru", 1280)])
def test_a_shortlist_picked_on_the_find_page_opens_as_one_page(make_page, site_url, lang, width) -> None:
    words = travel.STRINGS[lang]
    page = make_page(width=width, height=800)
    page.goto(f"{site_url}{SITE_LANGS[lang]}find/")
    adds = page.get_by_role("button", name=words["list_add"])
    assert adds.count() > 3
    first, third = page.locator("article.kz-card").nth(0), page.locator("article.kz-card").nth(2)
    ids = [a.get_attribute("aria-labelledby").split("-", 1)[1] for a in (third, first)]
    third.get_by_role("button", name=words["list_add"]).click()
    first.get_by_role("button", name=words["list_add"]).click()
    assert third.get_by_role("button", name=words["list_remove"]).get_attribute("aria-pressed") == "true"
    link = page.get_by_role("link", name=words["list_open"].format(n=2))
    assert link.get_attribute("href").endswith(f"list/?ids={ids[0]},{ids[1]}")
    link.click()
    page.wait_for_url(re.compile(r"/list/\?ids="))
    shown = page.locator("[data-kz-list] [data-id]:visible")
    assert [shown.nth(i).get_attribute("data-id") for i in range(shown.count())] == ids
    assert page.get_by_role("button", name=words["list_print"]).is_visible()
    assert page.foreign == [] and page.console_errors == []


def test_a_shortlist_without_ids_or_with_strange_ones_says_it_is_empty(make_page, site_url) -> None:
    page = make_page(width=360, height=740)
    page.goto(f"{site_url}ru/list/?ids=%3Cscript%3E,nope,..%2F..%2Fx")
    assert page.locator("[data-kz-list] [data-id]:visible").count() == 0
    assert page.get_by_text(travel.STRINGS["ru"]["list_empty"]).is_visible()
    assert page.console_errors == []


def test_without_javascript_the_shortlist_page_lists_everything(make_page, site_url, catalogue) -> None:
    page = make_page(width=360, height=740, javascript=False)
    page.goto(f"{site_url}ru/list/?ids=almaty-zhan-saya")
    usable = [x for x in catalogue.listings if x.status not in ("closed", "suspended")]
    assert page.locator("[data-kz-list] [data-id]:visible").count() == len(usable)
    assert page.get_by_text(travel.STRINGS["ru"]["list_nojs"]).is_visible()
