"""What a mother and a volunteer hit on a phone (issue 16), in a real browser: both languages,
360 px and 1280 px. Each test failed before its fix."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from generator.features.finder import STRINGS as FIND
from generator.site.i18n import STRINGS

from ..conftest import PROJECT_SITE_URL
from . import every_page
from .conftest import QuietHandler, lending, serving

LANGS = {"kk": "", "ru": "ru/"}
WIDTHS = [(360, 740), (1280, 800)]
NO_PHONE = "astana-umit"  # a shelter with no published phone
CLOSED = "kostanay-dagdarys"  # closed; Kostanay Region has open listings beside it


def ready(page) -> None:
    """The finder has read its index and filtered the list."""
    page.wait_for_selector("#fh-form[data-ready]", state="attached")


# ---------------------------------------------------------------- 1. a listing without a phone


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_listing_without_a_phone_says_so_once_and_gives_the_numbers_to_call(make_page, site_url, lang, width, height):
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}centres/{NO_PHONE}/")
    text = page.locator("article").inner_text()
    # The listing's own words say there is no number; the site's sentence no longer repeats it.
    assert STRINGS[lang]["no_phone"] not in text
    said = {"kk": "телефон нөмірі табылмады", "ru": "номер телефона не найден"}[lang]
    assert text.lower().count(said) == 1
    assert STRINGS[lang]["no_address"] not in text, "no 'contact it by phone' when it has none"
    contact = page.locator(".kz-contact")
    for number in ("150", "111"):
        link = contact.locator(f'a[href="tel:{number}"]')
        assert link.count() == 1 and link.is_visible(), number


# ---------------------------------------------------------------- 4. Russian numbers, said once


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_official_totals_are_explained_once_in_good_grammar(make_page, site_url, lang, width, height):
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}regions/almaty/")
    caveat = page.locator(".kz-caveat").inner_text()
    assert len(re.findall(r"\b38\b", caveat)) == 1, caveat
    assert len(re.findall(r"\b32\b", caveat)) == 1, caveat
    assert not re.search(r"\b(2|3|4|22|32)\s+центров", caveat)


# ---------------------------------------------------------------- 5. the listing's layout
NOTES = "almaty-ana-uyi"  # a shelter with notes on its stay and on its cost


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_stay_is_said_once_and_each_note_stands_beside_its_field(make_page, site_url, catalogue, lang, width, height):
    listing = next(x for x in catalogue.listings if x.id == NOTES)
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}centres/{NOTES}/")
    section = page.locator("section[aria-labelledby=practical]")
    heading = section.locator("h2").inner_text().strip()
    assert heading != STRINGS[lang]["stay"], "the heading is not the label of its first field"
    assert section.inner_text().count(STRINGS[lang]["stay"]) == 1
    # Each note is read, and seen, between its own field and the next label.
    rows = section.evaluate("""s => [...s.querySelectorAll('dt')].map(dt => {
        const dd = dt.nextElementSibling, next = dd.nextElementSibling;
        return {label: dt.textContent.trim(), text: dd.textContent.replace(/\\s+/g, ' ').trim(),
                bottom: dd.getBoundingClientRect().bottom,
                nextTop: next ? next.getBoundingClientRect().top : Infinity};
    })""")
    by_label = {row["label"]: row for row in rows}
    for label, note in (
        (STRINGS[lang]["stay"], listing.stay.notes(lang)),
        (STRINGS[lang]["cost"], listing.cost_notes(lang)),
    ):
        row = by_label[label]
        assert " ".join(note.split()) in row["text"], label
        assert row["bottom"] <= row["nextTop"] + 1, label
    funding = by_label[STRINGS[lang]["funding"]]
    for note in (listing.stay.notes(lang), listing.cost_notes(lang)):
        assert " ".join(note.split()) not in funding["text"]
    # Nothing of the notes is left after the list, under "Funding".
    after = section.evaluate(
        "s => [...s.querySelector('dl').parentNode.children].filter(el => el.tagName === 'P').length"
    )
    assert after == 0


# ---------------------------------------------------------------- 6. no empty stub on the cards


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_find_cards_show_no_empty_match_note(make_page, site_url, lang, width, height):
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}find/")
    ready(page)
    shown = page.evaluate("""() => [...document.querySelectorAll('.fh-match')]
        .filter(el => el.getBoundingClientRect().height > 0).map(el => el.textContent)""")
    assert shown == [], "a hidden note takes no room"
    page.goto(f"{site_url}{LANGS[lang]}find/?need=shelter")
    ready(page)
    notes = page.evaluate("""() => [...document.querySelectorAll('.fh-item:not([hidden]) .fh-match')]
        .filter(el => el.getBoundingClientRect().height > 0).map(el => el.textContent.trim())""")
    assert notes and all(notes), "the 'ask them' notes still show, with their words"


# ---------------------------------------------------------------- 7. no result: the lines to call


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("javascript", [True, False])
def test_national_lines_stay_reachable_as_links_whatever_the_filters(
    make_page, site_url, lang, width, height, javascript
):
    page = make_page(width=width, height=height, javascript=javascript)
    page.goto(f"{site_url}{LANGS[lang]}find/?where=KZ-62&need=medical")  # Ulytau: nobody offers it
    if javascript:
        ready(page)
        summary = page.locator("#fh-summary").inner_text()
        assert summary.startswith(FIND[lang]["js_none"].split(".")[0]), summary
        assert not re.search(r"\b150\b|\b111\b", summary), "numbers are links, not words"
        assert page.locator(".fh-item:not([hidden])").count() == 0, "the lines are not counted as matches"
    results = page.locator(".fh-results")
    for number in ("150", "111"):
        link = results.locator(f'.fh-lines a[href="tel:{number}"]')
        assert link.count() == 1 and link.is_visible(), number
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, "big enough to tap"


# ---------------------------------------------------------------- 9. closed is not help


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_closed_centre_is_not_counted_as_help(make_page, site_url, catalogue, lang, width, height):
    in_region = catalogue.in_region("KZ-39")
    open_ = sum(1 for x in in_region if x.status not in ("closed", "suspended"))
    assert any(x.id == CLOSED and x.status == "closed" for x in in_region) and open_ < len(in_region)
    page = make_page(width=width, height=height)
    page.goto(site_url + LANGS[lang])
    item = page.locator(".kz-home .kz-links li", has=page.locator('a[href="regions/kostanay-region/"]'))
    assert item.locator(".kz-count").inner_text() == f"({open_})"
    page.goto(f"{site_url}{LANGS[lang]}find/")
    ready(page)
    option = page.locator('#fh-where option[value="KZ-39"]').inner_text()
    assert option.endswith(f"({open_})"), option
    page.goto(f"{site_url}{LANGS[lang]}regions/kostanay-region/")
    stopped = page.locator(".kz-stopped")
    assert stopped.locator(f'a[href="../../centres/{CLOSED}/"]').is_visible()
    assert STRINGS[lang]["status_closed"] in stopped.inner_text()
    page.goto(f"{site_url}{LANGS[lang]}centres/{CLOSED}/")
    assert page.locator(".kz-status").inner_text() == STRINGS[lang]["status_closed"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_draws_no_marker_for_a_closed_centre(make_page, site_url, catalogue, lang):
    page = make_page(width=360, height=740)
    page.goto(f"{site_url}{LANGS[lang]}map/map.html")
    page.wait_for_selector(".kz-map-pin, .marker-cluster")
    page.wait_for_timeout(300)
    # Every town marker, clustered or not, as Leaflet holds them.
    towns = page.evaluate("""() => {
        const names = [];
        document.querySelectorAll('.kz-map-pin .kz-vh, .marker-cluster .kz-vh')
            .forEach(el => names.push(el.textContent));
        return names;
    }""")
    assert towns, "the map shows its towns"
    # Kostanay's town marker counts its open listings only, never the closed one.
    town = {"kk": "Қостанай", "ru": "Костанай"}[lang]
    here = [x for x in catalogue.listings if x.city and x.city.key == "kostanay"]
    open_ = sum(1 for x in here if x.status not in ("closed", "suspended"))
    assert any(x.id == CLOSED for x in here) and open_ < len(here)
    (marker,) = [name for name in towns if name.startswith(town)] or [f"{town}: 0"]
    assert re.search(rf"\b{open_}\b", marker) and not re.search(rf"\b{len(here)}\b", marker), marker


# ---------------------------------------------------------------- 18. near me: lines first, no closed one
ORAL = {"latitude": 51.2345, "longitude": 51.3789}  # the reader's own location (Oral)


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".fh-item:not([hidden])", "items => items.map(li => li.dataset.id)")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("how", ["location", "town"])
def test_near_me_puts_the_national_lines_first_and_offers_no_closed_centre(
    make_page, site_url, catalogue, lang, width, height, how
):
    national = [x.id for x in catalogue.national if x.status == "active"]
    if how == "location":
        page = make_page(width=width, height=height, geolocation=ORAL, permissions=["geolocation"])
        page.goto(f"{site_url}{LANGS[lang]}find/")
        ready(page)
        before = page.text_content("#fh-summary")
        page.click("#fh-locate")
        page.wait_for_function("b => document.getElementById('fh-summary').textContent !== b", arg=before)
    else:
        page = make_page(width=width, height=height)
        page.goto(f"{site_url}{LANGS[lang]}find/?near=oral")
        ready(page)
    shown = visible_ids(page)
    assert sorted(shown[: len(national)]) == sorted(national), "the lines that answer anywhere come first"
    assert shown[len(national)].startswith("oral-"), "then the nearest centre, one of Oral's own"
    assert CLOSED not in shown, "a closed centre is not offered as help"
    assert not page.is_visible(f"#l-{CLOSED}")
    # And they are seen first: the first card on the screen is a national line.
    first = page.evaluate("""() => [...document.querySelectorAll('.fh-item:not([hidden])')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0].dataset.id""")
    assert first in national
    # The summary says one was left out, and why.
    summary = page.text_content("#fh-summary")
    assert FIND[lang]["why_status"] in summary, summary


# ---------------------------------------------------------------- 20. one reading of a schedule
WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SCHEDULES = {
    # Whole days in other forms than 24/7: "open now" read them right, "round the clock" hid them.
    "oral-crisis-centre": [{"days": WEEK, "opens": "09:00", "closes": "09:00"}],
    "semey-crisis-centre": [
        {"days": WEEK, "opens": "00:00", "closes": "12:00"},
        {"days": WEEK, "opens": "12:00", "closes": "24:00"},
    ],
    # Not round the clock: a minute's gap every day.
    "astana-umit": [
        {"days": WEEK, "opens": "00:00", "closes": "12:00"},
        {"days": WEEK, "opens": "12:01", "closes": "24:00"},
    ],
}


class _ScheduledHandler(QuietHandler):
    """The built site, with the schedules above in place of these listings' hours in each
    language's finder index. (A route did this before; a page a test routes is not lent again,
    and a new one costs Chromium 0.7 s of CPU: issue 15.)"""

    def send_head(self):
        path = self.path.split("?")[0]
        if not path.endswith("/find/index.json"):
            return super().send_head()
        index = json.loads((Path(self.directory) / path.lstrip("/")).read_text(encoding="utf-8"))
        for entry in index["listings"]:
            if entry["id"] in SCHEDULES:
                entry["hours"] = SCHEDULES[entry["id"]]
        body = json.dumps(index, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Test-Schedules", "1")  # what the test sees it was served
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def scheduled_site(built_site: Path) -> Iterator[str]:
    with serving(built_site, _ScheduledHandler) as url:
        yield url


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_round_the_clock_and_open_now_read_a_schedule_alike(page_pool, scheduled_site, lang, width, height):
    with lending(page_pool, scheduled_site) as make_page:
        page = make_page(width=width, height=height)
        for query in ("?open=247", "?open=now"):
            with page.expect_response(lambda r: r.url.endswith("/find/index.json")) as served:
                page.goto(f"{scheduled_site}{LANGS[lang]}find/{query}")
            ready(page)
            assert served.value.headers.get("x-test-schedules") == "1", "the finder read the index with these hours"
            for listing in ("oral-crisis-centre", "semey-crisis-centre"):
                item = page.locator(f"#l-{listing}")
                assert item.is_visible(), (query, listing)
                assert not item.evaluate("li => li.classList.contains('fh-item--ask')"), (query, listing)
            gap = page.locator("#l-astana-umit")
            # Open now at some moments of the day, but never round the clock.
            if query == "?open=247":
                assert not gap.is_visible()


# ---------------------------------------------------------------- 11. nothing under quick exit


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_end_of_a_short_filtered_list_clears_quick_exit(make_page, site_url, lang, width, height):
    """A find page filtered down to a few cards ends close to the strip. (Every page type, scrolled
    to its end, is checked in every_page.py.)"""
    page = make_page(width=width, height=height)
    page.goto(site_url + LANGS[lang] + "find/?where=KZ-62&need=shelter")
    assert page.evaluate(every_page.COVERED_AT_END) == []  # the check every page type gets


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_focus_is_never_under_quick_exit(make_page, site_url, lang, width, height):
    """Tab through the home page: each link it reaches is scrolled clear of the exit strip."""
    page = make_page(width=width, height=height)
    page.goto(site_url + LANGS[lang])
    hidden = []
    for _ in range(45):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el.closest('.kz-exit') || !el.closest('.md-main, .kz-footer')) return null;
            const r = el.getBoundingClientRect(), ex = document.querySelector('.kz-exit').getBoundingClientRect();
            return r.bottom > ex.top && r.top < ex.bottom && r.right > ex.left && r.left < ex.right
                ? el.textContent.trim().slice(0, 40) : null;
        }""")
        if state:
            hidden.append(state)
    assert hidden == []


# ---------------------------------------------------------------- 12. quick exit in each language


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_goes_to_a_neutral_page_in_the_same_language(make_page, site_url, lang):
    page = make_page(width=360, height=740)
    page.goto(f"{site_url}{LANGS[lang]}needs/shelter/")
    href = page.locator("[data-kz-exit]").get_attribute("href")
    assert f"hl={lang}" in href
    query = {"kk": "%D0%B0%D1%83%D0%B0+%D1%80%D0%B0%D0%B9%D1%8B", "ru": "%D0%BF%D0%BE%D0%B3%D0%BE%D0%B4%D0%B0"}
    assert f"q={query[lang]}" in href, "'ауа райы' in Kazakh, 'погода' in Russian"


# ---------------------------------------------------------------- 13. the 404 page


class _PagesHandler(SimpleHTTPRequestHandler):
    """Like GitHub Pages under a project path: the site under `prefix`, and the root 404.html
    (status 404) for every address that has no file."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):
        path = self.path.split("?")[0]
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        rel = path[len(self.prefix) :]
        target = Path(self.directory) / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or ".." in rel:
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        self.path = "/" + rel
        return super().send_head()


def _serve(folder: Path, prefix: str) -> AbstractContextManager[str]:
    return serving(folder, type("Handler", (_PagesHandler,), {"prefix": prefix}), prefix)


@pytest.fixture(scope="module")
def project_site(project_built_site: Path) -> Iterator[str]:
    """The site built for GitHub Pages under a project path (/kz/), served as Pages serves it."""
    assert PROJECT_SITE_URL.endswith("/kz/")
    with _serve(project_built_site, "/kz/") as url:
        yield url


@pytest.fixture(scope="module")
def root_site(built_site: Path) -> Iterator[str]:
    """The local build (no site_url), served from the root as Pages would, missing pages included."""
    with _serve(built_site, "/") as url:
        yield url


def _check_not_found(page, start: str, lang: str, root: str, status: int = 404) -> None:
    """On the 404 page at `start`: every link leads to a page that exists, home and the other
    language included; the Russian site is offered in Russian; no stray dot."""
    response = page.goto(start)
    assert response.status == status
    assert page.locator("h1").inner_text() == {"kk": "Бет табылмады", "ru": "Страница не найдена"}[lang]
    hrefs = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .map(a => [a.getAttribute('href'), a.href])
        .filter(([raw]) => !/^(tel:|https:\\/\\/www\\.google|#)/.test(raw))""")
    for raw, absolute in hrefs:
        assert not raw.startswith("//"), raw
        assert absolute.startswith(root), (raw, absolute)
        status = page.request.get(absolute).status
        assert status == 200, (raw, absolute, status)
    home = page.locator("article a", has_text={"kk": "Басты бетке", "ru": "Вернуться на главную"}[lang])
    assert home.get_attribute("href") and page.evaluate("(a) => a.href", home.element_handle()) == root + LANGS[lang]
    other = "ru" if lang == "kk" else "kk"
    switch = page.locator(".kz-lang")
    assert page.evaluate("(a) => a.href", switch.element_handle()) == root + LANGS[other]
    if lang == "kk":
        offer = page.locator('article [lang="ru"] a')
        assert page.evaluate("(a) => a.href", offer.element_handle()) == root + "ru/"
    text = page.locator("article").inner_text()
    assert not re.search(r"^\s*\.\s*$", text, re.M) and not re.search(r"\d\s*\.\s*$", text, re.M), text


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_not_found_under_a_project_path_links_to_real_pages(make_page, project_site, width, height):
    page = make_page(width=width, height=height)
    # GitHub Pages answers every missing address, Russian ones too, with the root 404.html.
    _check_not_found(page, project_site + "ru/no-such-page/", "kk", project_site)
    # Hosts that look for a 404 page in each folder find the Russian one.
    _check_not_found(page, project_site + "ru/404.html", "ru", project_site, status=200)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_not_found_locally_links_to_real_pages(make_page, root_site, width, height):
    page = make_page(width=width, height=height)
    _check_not_found(page, root_site + "centres/no-such-centre/", "kk", root_site)
    _check_not_found(page, root_site + "ru/404.html", "ru", root_site, status=200)


# ---------------------------------------------------------------- 14. a useful footer


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_footer_gives_the_numbers_and_the_pages_about_the_site(make_page, site_url, lang, width, height):
    page = make_page(width=width, height=height)
    page.goto(f"{site_url}{LANGS[lang]}centres/{NO_PHONE}/")
    footer = page.locator("footer")
    footer.scroll_into_view_if_needed()
    assert footer.is_visible() and footer.inner_text().strip()
    for number in ("112", "102", "150", "111"):
        assert footer.locator(f'a[href="tel:{number}"]').is_visible(), number
    for key in ("find", "safety", "contribute", "data", "about"):
        link = footer.get_by_role("link", name=STRINGS[lang][f"footer_{key}"], exact=True)
        assert link.is_visible(), key
        assert page.request.get(page.evaluate("(a) => a.href", link.element_handle())).status == 200, key
    assert page.locator(".md-footer-meta").count() == 0, "no empty dark bar"


# ---------------------------------------------------------------- 15. no jargon


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("javascript", [True, False])
def test_find_page_speaks_plainly_about_its_simple_version(make_page, site_url, lang, width, height, javascript):
    page = make_page(width=width, height=height, javascript=javascript)
    page.goto(f"{site_url}{LANGS[lang]}find/")
    assert "JavaScript" not in page.locator("body").inner_text()
    skip = page.locator(".fh-skip a")
    assert skip.inner_text() == FIND[lang]["plain_skip"]
    assert skip.inner_text().startswith({"kk": "Қарапайым нұсқа", "ru": "Простая версия страницы"}[lang])
