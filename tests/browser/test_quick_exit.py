"""Quick exit in a real browser: click, Shift x3, no way back, nothing covers it."""

from __future__ import annotations

import pytest
import yaml

from ..conftest import ROOT


def _exit_url(config: str) -> str | None:
    return yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["extra"].get("quick_exit_url")


# Each language exits to a neutral page in its own language (mkdocs.ru.yml sets the Russian one).
EXIT_URLS = {"kk": _exit_url("mkdocs.yml"), "ru": _exit_url("mkdocs.ru.yml") or _exit_url("mkdocs.yml")}
EXIT_URL = EXIT_URLS["kk"]
NEUTRAL = "<!doctype html><title>Weather</title><p id=neutral>Weather</p>"
LANGS = {"kk": ("", "Тез шығу"), "ru": ("ru/", "Быстрый выход")}  # words/<lang>/theme.yaml exit_label


def fake_destination(page) -> list[dict]:
    """Serve the configured neutral pages locally; record the headers they were asked with."""
    seen: list[dict] = []

    def handle(route):
        seen.append(dict(route.request.headers))
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL)

    for url in set(EXIT_URLS.values()):
        page.route(url, handle)
    return seen


@pytest.mark.parametrize("lang", LANGS)
def test_exit_url_is_configured_and_neutral(lang):
    url = EXIT_URLS[lang]
    assert url.startswith("https://") and "crisis" not in url.lower()


def test_each_language_exits_to_its_own_neutral_page():
    assert EXIT_URLS["kk"] != EXIT_URLS["ru"]
    assert "hl=kk" in EXIT_URLS["kk"] and "hl=ru" in EXIT_URLS["ru"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("how", ["click", "shift3"])
def test_exit_goes_to_the_neutral_page_and_back_does_not_return(make_page, site_url, lang, how):
    page = make_page()
    seen = fake_destination(page)
    start = site_url + LANGS[lang][0] + "centres/almaty-zhan-saya/"
    page.goto("about:blank")
    page.goto(start)
    button = page.locator("[data-kz-exit]")
    assert LANGS[lang][1] in button.inner_text()
    if how == "click":
        button.click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URLS[lang])
    assert page.locator("#neutral").is_visible()
    assert seen and "referer" not in {k.lower() for k in seen[0]}, "no referrer is sent"
    page.go_back()
    assert not page.url.startswith(site_url), f"Back returned to the site: {page.url}"


def test_two_shifts_then_a_pause_do_not_exit(make_page, site_url):
    page = make_page()
    fake_destination(page)
    page.goto(site_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(1200)
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == site_url


def test_page_is_blanked_at_once_before_the_destination_answers(make_page, site_url):
    """Point the exit at an in-page #hash before quick-exit.js reads it, so the page
    stays to be looked at after the exit ran (a real exit unloads it at once)."""
    page = make_page()
    page.add_init_script("""new MutationObserver(() => {
        const link = document.querySelector('[data-kz-exit]');
        if (link && link.getAttribute('href') !== '#exit-test') link.setAttribute('href', '#exit-test');
    }).observe(document, {subtree: true, childList: true});""")
    page.goto(site_url + "centres/national-150/")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    page.locator("[data-kz-exit]").click()
    page.wait_for_url("**#exit-test")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "hidden"
    assert page.evaluate("document.title") == ""


def test_restored_from_back_forward_cache_the_page_is_visible_again(make_page, site_url):
    page = make_page()
    page.goto(site_url)
    page.evaluate("document.documentElement.classList.add('kz-exiting')")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"


def test_without_javascript_it_is_a_plain_link_with_no_referrer(make_page, site_url):
    page = make_page(javascript=False)
    seen = fake_destination(page)
    page.goto(site_url + "ru/regions/almaty/")
    link = page.locator("[data-kz-exit]")
    assert link.get_attribute("href") == EXIT_URLS["ru"] and "noreferrer" in link.get_attribute("rel")
    link.click()
    page.wait_for_url(EXIT_URLS["ru"])
    assert "referer" not in {k.lower() for k in seen[0]}


@pytest.mark.parametrize(("width", "height"), [(320, 640), (1280, 800)])
@pytest.mark.parametrize("path", ["", "ru/centres/almaty-zhan-saya/", "ru/safety/"])
def test_button_is_visible_and_not_covered(make_page, site_url, width, height, path):
    page = make_page(width=width, height=height)
    page.goto(site_url + path)

    def uncovered() -> bool:
        return page.evaluate("""() => {
            const b = document.querySelector('[data-kz-exit]').getBoundingClientRect();
            if (b.width < 24 || b.height < 24) return false;
            if (b.left < 0 || b.top < 0 || b.right > innerWidth || b.bottom > innerHeight) return false;
            const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
            return !!hit && !!hit.closest('[data-kz-exit]');
        }""")

    assert uncovered()
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(200)
    assert uncovered(), "still there after scrolling"
    page.keyboard.press("/")  # Material opens search with '/'
    page.wait_for_timeout(300)
    assert uncovered(), "the search overlay does not cover it"
    safety = page.locator(".kz-exit__safety")
    assert safety.is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_exit_is_reached_first_from_the_keyboard(make_page, site_url, lang):
    page = make_page()
    page.goto(site_url + LANGS[lang][0] + "needs/shelter/")
    for _ in range(2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-kz-exit]')"):
            return
    pytest.fail("quick exit is not among the first two keyboard stops")
