"""Reaching a listing, in a real browser at 360 px, in both languages (issue 17): each channel's
link, the trace line, "answers now" at frozen clock times in Asia/Almaty, unknown hours, the
"reachable now" filter, and the plain-text hours without JavaScript."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.data import catalogs

from ..conftest import DATA, make_data_dir
from .conftest import PagePool, RecordingPage, forget_site_data, lending, serving

if TYPE_CHECKING:  # Playwright is imported only where a browser runs (conftest says why it may be missing)
    from playwright.sync_api import BrowserContext, Page

WORDS = catalogs.table("reach")
LANGS = {"kk": "", "ru": "ru/"}
ID = "almaty-reach-test"
WHO = {"anonymous": "unknown", "recorded": "unknown", "may_inform_police": "unknown"}
SOURCE = "https://example.kz/contacts"
WEEKDAYS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}]


def _channel(**fields: object) -> dict[str, object]:
    base = {"hours": "unknown", "languages": ["kk", "ru"], "cost": "unknown", "source": SOURCE, "who_hears": WHO}
    return base | fields


CHANNELS = [
    _channel(
        kind="voice",
        number="+7 701 234 5678",
        hours=WEEKDAYS,
        cost="free",
        who_hears={**WHO, "anonymous": {"answer": "yes", "source": SOURCE}},
    ),
    _channel(kind="sms", number="+7 701 234 5679"),
    _channel(kind="whatsapp", number="8 701 234 5678", hours="24/7"),
    _channel(kind="telegram", address="@reach_test_bot"),
    _channel(kind="web", address="https://example.kz/chat"),
    _channel(kind="email", address="help@example.kz"),
    _channel(kind="in_person", hours=WEEKDAYS),
]
# What each channel's button opens: links only, nothing loads until she taps.
HREFS = [
    "tel:+77012345678",
    "sms:+77012345679",
    "https://wa.me/77012345678",
    "https://t.me/reach_test_bot",
    "https://example.kz/chat",
    "mailto:help@example.kz",
    None,
]


def _listing() -> dict:
    data = yaml.safe_load((DATA / "centres" / "almaty-rodnik.yaml").read_text(encoding="utf-8"))
    data["id"] = ID
    data["status"] = "active"
    data["name"] = {"kk": "Байланыс сынағы", "ru": "Проверка связи"}
    data["location"]["address"] = {"kk": "Сынақ көшесі, 1", "ru": "ул. Проверочная, 1", "source": SOURCE}
    data["contacts"] = {"channels": CHANNELS}
    data["intake"] = {"arrival": "call_first", "pets": "no"}
    data["sources"].append({"title": "Контакты", "url": SOURCE, "date": "2026-11-01", "supports": "channels"})
    return data


@pytest.fixture(scope="module")
def reach_url(tmp_path_factory: pytest.TempPathFactory, catalogue) -> Iterator[str]:
    """The real lines that answer anywhere, the real listings of the test listing's region, and one
    listing with every kind of channel, built and served on loopback."""
    from generator.build import site

    folder = tmp_path_factory.mktemp("reach")
    region = next(x.region for x in catalogue.listings if x.id == "almaty-rodnik")
    kept = [DATA / "centres" / f"{x.id}.yaml" for x in catalogue.listings if x.region in (None, region)]
    data = make_data_dir(folder / "data", kept)
    (data / "centres" / f"{ID}.yaml").write_text(json.dumps(_listing(), ensure_ascii=False), encoding="utf-8")
    out = folder / "site"
    site.build(data, out, strict=True, parallel=False)
    with serving(out) as url:
        yield url


@pytest.fixture
def phone(page_pool: PagePool, reach_url: str) -> Iterator[Callable[..., RecordingPage]]:
    """phone(javascript=True) -> a 360 px page of this module's site, lent from the pool."""
    with lending(page_pool, reach_url) as make:
        yield functools.partial(make, 360, 740)


@pytest.fixture(scope="module")
def _clock_context(browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def clocked(_clock_context: BrowserContext) -> Iterator[Page]:
    """A 360 px page whose clock the test sets. Its context is this module's alone: a clock once
    installed stays with its context, so it never joins the pool; the clock tests share its page
    (cleared of storage and cookies after each, and opened again if a test left it closed)
    instead of opening a context each (0.7 s of CPU each time; issue 15)."""
    page = next((p for p in _clock_context.pages if not p.is_closed()), None) or _clock_context.new_page()
    yield page
    try:
        forget_site_data(page)
    except Exception:  # noqa: BLE001 - closed, or in a state we did not foresee: not used again
        page.close()
        _clock_context.clear_cookies()


def _almaty(day: int, clock: str) -> dt.datetime:
    """A moment in Asia/Almaty (UTC+5) on 2026-12-`day` (the 7th is a Monday), as UTC."""
    hours, minutes = map(int, clock.split(":"))
    return dt.datetime(2026, 12, day, hours, minutes, tzinfo=dt.timezone(dt.timedelta(hours=5)))


@pytest.mark.parametrize("lang", LANGS)
def test_each_channel_is_a_link_with_its_trace_and_who_hears(phone, reach_url: str, lang: str):
    w = WORDS[lang]
    page = phone()
    page.goto(f"{reach_url}{LANGS[lang]}centres/{ID}/")
    items = page.locator(".kz-channel")
    assert items.count() == len(CHANNELS) == len(HREFS)
    for index, (channel, want) in enumerate(zip(CHANNELS, HREFS, strict=True)):
        item = items.nth(index)
        link = item.locator("a.kz-call")
        if want is None:
            assert link.count() == 0
            assert "ул. Проверочная, 1" in item.inner_text() or "Сынақ көшесі, 1" in item.inner_text()
            continue
        assert link.get_attribute("href") == want
        assert link.is_visible()
        assert link.inner_text().startswith(w[f"kind_{channel['kind']}"])
        trace = item.locator(".kz-channel__trace")
        assert trace.inner_text().startswith(w[f"trace_{channel['kind']}"])
        assert trace.locator("a").get_attribute("href") == "../../safety/"
    voice = items.nth(0).locator(".kz-channel__who").inner_text()
    assert w["anonymous_yes"] in voice and w["recorded_unknown"] in voice and w["may_inform_police_unknown"] in voice
    # Nothing was asked of another origin, and no channel loaded anything.
    assert all(url.startswith(reach_url) for url in page.requests), page.requests
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The safety page the trace links to exists in this language.
    page.locator(".kz-channel__trace a").first.click()
    assert page.url == f"{reach_url}{LANGS[lang]}safety/"


# (day of December 2026, Almaty clock) -> what the weekday 09:00-18:00 voice line says.
MOMENTS = {
    (7, "02:00"): ("now_opens", "mon", "09:00"),
    (7, "09:30"): ("now_open", None, None),
    (7, "23:59"): ("now_opens", "tue", "09:00"),
    (11, "23:59"): ("now_opens", "mon", "09:00"),  # Friday night: Monday next
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("moment", MOMENTS, ids=[f"{d}-{c}" for d, c in MOMENTS])
def test_answers_now_at_a_frozen_clock(clocked, reach_url: str, lang: str, moment: tuple[int, str]):
    w = WORDS[lang]
    key, day, time = MOMENTS[moment]
    want = w[key].format(day=w[f"day_{day}"], time=time) if day else w[key]
    page = clocked
    page.clock.set_fixed_time(_almaty(*moment))
    page.goto(f"{reach_url}{LANGS[lang]}centres/{ID}/")
    now = page.locator(".kz-channel [data-kz-now]")
    assert now.nth(0).inner_text() == want
    assert now.nth(2).inner_text() == w["now_247"]  # WhatsApp, 24/7
    assert now.nth(1).inner_text() == w["now_unknown"]  # SMS, hours unknown
    # A national line the data says is 24/7, and one whose hours no source gives.
    page.goto(f"{reach_url}{LANGS[lang]}centres/national-150/")
    assert page.locator(".kz-channel [data-kz-now]").first.inner_text() == w["now_247"]
    page.goto(f"{reach_url}{LANGS[lang]}centres/emergency-101/")
    assert page.locator(".kz-channel [data-kz-now]").first.inner_text() == w["now_unknown"]


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_hours_are_plain_text(phone, reach_url: str, lang: str):
    w = WORDS[lang]
    page = phone(javascript=False)
    page.goto(f"{reach_url}{LANGS[lang]}centres/{ID}/")
    first = page.locator(".kz-channel").first
    assert not first.locator("[data-kz-now]").is_visible()
    hours = first.locator(".kz-channel__hours").inner_text()
    assert "09:00–18:00" in hours and w["hours_tz"] in hours
    assert w["hours_unknown"] in page.locator(".kz-channel").nth(1).inner_text()
    assert w["hours_247"] in page.locator(".kz-channel").nth(2).inner_text()
    # Intake: what a source says, and "ask them" for the rest.
    intake = page.locator(".kz-intake").inner_text()
    assert w["intake_arrival_call_first"] in intake and w["intake_pets_no"] in intake
    assert intake.count(w["ask_them"]) == 3  # documents, what to bring, and the boys' age
    checked = _listing()["verification"]["last_checked"]
    assert page.locator(".kz-checked").inner_text() == w["checked_top"].format(date=checked)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("lang", LANGS)
def test_the_reachable_now_filter_counts_each_channel(clocked, reach_url: str, lang: str):
    """At 02:00 on a Monday: the test listing's own hours are unknown and its voice line is closed,
    but its WhatsApp answers round the clock, so it is a certain match; a line with no known
    hours stays, marked "ask them"; nothing is hidden for lack of hours being known."""
    page = clocked
    page.clock.set_fixed_time(_almaty(7, "02:00"))
    page.goto(f"{reach_url}{LANGS[lang]}find/?open=now")
    # A question about the whole country: the regions' items arrive after the page (issue 20),
    # so wait until the list is no longer loading and holds the test listing.
    page.wait_for_function(
        """id => window.KzFind && document.querySelector(`.fh-item[data-id="${id}"]`)
            && !document.getElementById('fh-list').hasAttribute('aria-busy')""",
        arg=ID,
    )
    ours = page.locator(f'.fh-item[data-id="{ID}"]')
    assert ours.is_visible() and "fh-item--ask" not in (ours.get_attribute("class") or "")
    line = page.locator('.fh-item[data-id="emergency-101"]')
    assert line.is_visible() and "fh-item--ask" in (line.get_attribute("class") or "")
    assert page.locator('.fh-item[data-id="national-150"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
