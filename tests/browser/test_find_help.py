"""Find help in real Chromium: filters in place, unknowns marked, the address, geolocation,
no JavaScript, print, 320 px, and search in both languages."""

from __future__ import annotations

import re

import pytest

from generator.features import finder

LANGS = {"kk": "", "ru": "ru/"}
ASK = {"kk": "Белгісіз — сұраңыз", "ru": "Неизвестно — уточните у них"}


def open_find(make_page, site_url: str, lang: str, query: str = "", **options):
    page = make_page(**options)
    response = page.goto(f"{site_url}{LANGS[lang]}find/{query}")
    assert response is not None and response.ok
    page.wait_for_selector("#fh-form[data-ready]")
    return page


def visible_ids(page) -> list[str]:
    page.wait_for_selector("#fh-list:not([aria-busy])", state="attached")  # no region's page still on its way
    return page.eval_on_selector_all(".fh-item:not([hidden])", "items => items.map(li => li.dataset.id)")


def match_texts(page) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            ".fh-item:not([hidden])",
            "items => items.map(li => [li.dataset.id, li.querySelector('.fh-match').hidden ? '' :"
            " li.querySelector('.fh-match').textContent])",
        )
    )


def wait_summary_change(page, before: str) -> str:
    page.wait_for_function("before => document.getElementById('fh-summary').textContent !== before", arg=before)
    return page.text_content("#fh-summary")


def clean(page) -> None:
    assert page.foreign == []
    assert page.console_errors == []


def expected(catalogue, lang: str, keep, answer) -> list[str]:
    """Shown ids in order: certain matches, then 'ask them', each in page order (computed here)."""
    status = {"active": "yes", "unknown": "unknown"}
    rows = []
    for x in finder.page_order(catalogue, lang):
        if x.status not in status or not keep(x):
            continue
        value = answer(x)
        if value == "no":
            continue
        rows.append((x.id, "yes" if status[x.status] == "yes" and value == "yes" else "unknown"))
    return [i for i, r in rows if r == "yes"] + [i for i, r in rows if r == "unknown"]


# ---------------------------------------------------------------- filters


def national_ids(catalogue, lang: str) -> list[str]:
    """What the find page lists before any filter (issue 20): the lines that answer anywhere."""
    return [x.id for x in finder.page_order(catalogue, lang) if x.region is None]


def test_choose_filters_and_see_the_right_listings_with_unknowns_marked(make_page, site_url, catalogue):
    page = open_find(make_page, site_url, "ru")
    assert visible_ids(page) == national_ids(catalogue, "ru")
    assert page.text_content("#fh-summary").startswith(f"Всего записей: {len(catalogue.listings)}.")
    before = page.text_content("#fh-summary")
    page.select_option("#fh-need", "shelter")
    page.check("#fh-pregnant")
    summary = wait_summary_change(page, before)
    page.wait_for_function("() => location.search.includes('pregnant=1')")

    shelter = catalogue.services["shelter"]
    want = expected(catalogue, "ru", lambda x: shelter in x.services, lambda x: x.eligibility.pregnant)
    assert visible_ids(page) == want
    texts = match_texts(page)
    for x in catalogue.listings:
        if x.id not in want:
            continue
        certain = x.status == "active" and x.eligibility.pregnant == "yes"
        if certain:
            assert texts[x.id] == "", x.id
        else:
            assert texts[x.id].startswith(ASK["ru"]), x.id
            if x.eligibility.pregnant == "unknown":
                assert "беременные" in texts[x.id]
    hidden = len(catalogue.listings) - len(want)
    assert f"Скрыто: {hidden} (" in summary
    assert "не оказывают эту помощь" in summary
    assert page.get_attribute("#fh-summary", "aria-live") == "polite"
    assert page.url.endswith("/ru/find/?need=shelter&pregnant=1")
    clean(page)


def test_children_ages_typed(make_page, site_url, catalogue):
    page = open_find(make_page, site_url, "ru", "?need=shelter")
    assert "almaty-ubezhishche" in visible_ids(page)  # takes boys up to 11
    before = page.text_content("#fh-summary")
    page.fill("#fh-boys", "12")
    summary = wait_summary_change(page, before)
    assert "almaty-ubezhishche" not in visible_ids(page)
    assert "не принимают детей" in summary
    assert page.is_checked("#fh-kids")
    page.wait_for_function("() => location.search.includes('boys=12')")
    texts = match_texts(page)
    assert all(text.startswith(ASK["ru"]) and "дети" in text for text in texts.values())
    clean(page)


def test_open_now_keeps_unknown_hours_visible(make_page, site_url, catalogue):
    page = open_find(make_page, site_url, "kk")
    before = page.text_content("#fh-summary")
    page.check("#fh-open-now")
    wait_summary_change(page, before)
    want = expected(catalogue, "kk", lambda x: True, lambda x: "yes" if x.hours == "24/7" else "unknown")
    assert visible_ids(page) == want
    texts = match_texts(page)
    assert any("жұмыс уақыты" in text for text in texts.values())
    assert page.url.endswith("/find/?open=now")
    clean(page)


def test_url_state_round_trips(make_page, site_url, catalogue):
    query = "?where=KZ-75&need=shelter&age=19&kids=1&boys=3&open=247&near=almaty"
    page = open_find(make_page, site_url, "kk", query)
    assert page.input_value("#fh-where") == "KZ-75"
    assert page.input_value("#fh-need") == "shelter"
    assert page.input_value("#fh-age") == "19"
    assert page.is_checked("#fh-kids") and page.input_value("#fh-boys") == "3"
    assert page.is_checked("#fh-open-247") and page.input_value("#fh-near") == "almaty"
    assert not page.is_checked("#fh-pregnant")
    first = visible_ids(page)
    assert first and all(i.startswith("almaty-") for i in first)

    before = page.text_content("#fh-summary")
    page.check("#fh-hiv")
    wait_summary_change(page, before)
    page.wait_for_function("() => location.search.includes('hiv=1')")
    sent = page.url
    assert sent.endswith("/find/?where=KZ-75&need=shelter&age=19&kids=1&boys=3&hiv=1&open=247&near=almaty")
    after = visible_ids(page)
    summary = page.text_content("#fh-summary")

    other = open_find(make_page, site_url, "kk", sent[sent.index("?") :])
    assert other.is_checked("#fh-hiv") and other.input_value("#fh-where") == "KZ-75"
    assert visible_ids(other) == after
    assert other.text_content("#fh-summary") == summary
    assert other.url == sent
    # Clearing the filters clears the address too.
    other.click("#fh-clear")
    other.wait_for_function("() => location.search === ''")
    assert visible_ids(other) == national_ids(catalogue, "kk")
    clean(page)
    clean(other)


def test_filters_work_from_the_page_when_the_index_cannot_be_read(make_page, site_url, catalogue):
    page = make_page()
    page.route("**/find/index.json", lambda route: route.abort())
    page.goto(f"{site_url}ru/find/?where=KZ-79")
    page.wait_for_selector("#fh-form[data-ready]")
    shown = set(visible_ids(page))
    assert shown == {x.id for x in catalogue.listings if x.is_national or x.region.code == "KZ-79"} - {
        x.id for x in catalogue.listings if x.status in ("closed", "suspended")
    }
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []


# ---------------------------------------------------------------- nearest


def test_nearest_to_me_with_geolocation(make_page, site_url, catalogue):
    page = open_find(
        make_page,
        site_url,
        "ru",
        geolocation={"latitude": 51.2345, "longitude": 51.3789},  # Oral (Uralsk)
        permissions=["geolocation"],
    )
    assert "никуда не отправляется" in page.text_content(".fh-privacy")
    before = page.text_content("#fh-summary")
    page.click("#fh-locate")
    summary = wait_summary_change(page, before)
    assert "Отсортировано по расстоянию от вашего места" in summary
    shown = visible_ids(page)
    national = [i for i in shown if not catalogue_by_id(catalogue)[i].city]
    assert shown[: len(national)] == national, "the lines that answer anywhere first (issue 16, item 18)"
    assert shown[len(national)].startswith("oral-"), "then the nearest, one of Oral's own"
    distance = page.text_content("#l-oral-crisis-centre .fh-distance")
    assert re.fullmatch(r"≈ \d+ км|≈ < 1 км", distance), distance
    assert page.text_content("#l-national-150 .fh-distance") == "по всему Казахстану"
    # The location stays on the device: not in the address, not in any request.
    assert "51.2" not in page.url and "51,2" not in page.url
    assert not [u for u in page.requests if "51.23" in u or "51.37" in u]
    clean(page)


def test_nearest_without_permission_then_my_city(make_page, site_url, catalogue):
    page = open_find(make_page, site_url, "kk")
    # The reader says no to the browser's question.
    cdp = page.context.new_cdp_session(page.page)
    cdp.send(
        "Browser.setPermission",
        {"permission": {"name": "geolocation"}, "setting": "denied", "origin": site_url.rstrip("/")},
    )
    page.click("#fh-locate")
    page.wait_for_function("() => document.getElementById('fh-geo-status').textContent.includes('Қалаңызды')")
    assert page.evaluate("document.activeElement.id") == "fh-near"
    before = page.text_content("#fh-summary")
    page.select_option("#fh-near", "semey")
    summary = wait_summary_change(page, before)
    assert "Семей" in summary
    shown = visible_ids(page)
    national = [x.id for x in catalogue.national if x.status == "active"]
    assert sorted(shown[: len(national)]) == sorted(national), "the lines that answer anywhere first"
    assert shown[len(national)] == "semey-crisis-centre"
    assert page.text_content("#l-semey-crisis-centre .fh-distance") == "осы қалада"
    stopped = {x.id for x in catalogue.listings if x.status in ("closed", "suspended")}
    assert set(shown) == {x.id for x in catalogue.listings} - stopped, "sorting hides only what does not work"
    page.wait_for_function("() => location.search === '?near=semey'")
    clean(page)


def catalogue_by_id(catalogue):
    return {x.id: x for x in catalogue.listings}


# ---------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_plain_pages_list_everything(make_page, site_url, catalogue, lang):
    """Nothing lost (issue 20): the find page lists the lines that answer anywhere and links to each
    region's find page, which lists that region's listings; together, every listing, all visible.
    (That each region's and each need's page holds its own cards is read from the built HTML by
    tests/build/test_build.py: without JavaScript, those pages are their HTML.)"""
    page = make_page(javascript=False)
    page.goto(f"{site_url}{LANGS[lang]}find/")
    national = national_ids(catalogue, lang)
    assert page.eval_on_selector_all(".fh-item:visible", "items => items.map(li => li.dataset.id)") == national
    assert not page.is_visible("#fh-form"), "filters need JavaScript; without it they are not shown"
    links = page.eval_on_selector_all("#fh-regions a", "links => links.map(a => a.href)")
    assert sorted(links) == sorted(f"{site_url}{LANGS[lang]}find/{r.slug}/" for r in catalogue.regions.values())
    for region in catalogue.regions.values():
        assert page.locator(f'#fh-plain a[href="../regions/{region.slug}/"]').count() == 1
    needs = [s for s in catalogue.services.values() if s.need]
    for service in needs:
        assert page.locator(f'#fh-plain a[href="../needs/{service.key.replace("_", "-")}/"]').count() == 1
    seen = set(national)
    for region in catalogue.regions.values():
        page.goto(f"{site_url}{LANGS[lang]}find/{region.slug}/")  # where its link above goes
        shown = page.eval_on_selector_all(".fh-item:visible", "items => items.map(li => li.dataset.id)")
        own = [x.id for x in finder.page_order(catalogue, lang) if x.region is region]
        assert shown == national + own, region.code
        assert not page.is_visible("#fh-form")
        for listing_id in own:
            assert page.get_attribute(f"#f-{listing_id} a", "href") == f"../../centres/{listing_id}/"
        seen.update(own)
    assert seen == {x.id for x in catalogue.listings}
    clean(page)


# ---------------------------------------------------------------- 320 px, labels


@pytest.mark.parametrize("lang", LANGS)
def test_usable_at_320_px_with_labelled_controls(make_page, site_url, lang):
    page = open_find(make_page, site_url, lang, "?need=shelter&kids=1&boys=3", width=320, height=640)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    unlabelled = page.evaluate(
        """() => Array.from(document.getElementById('fh-form').elements)
             .filter(e => !['fieldset', 'button', 'reset', 'submit'].includes(e.type))
             .filter(e => !(e.labels && e.labels.length && e.labels[0].textContent.trim()))
             .map(e => e.id || e.name)"""
    )
    assert unlabelled == []
    buttons = page.eval_on_selector_all("#fh-form button", "bs => bs.map(b => b.textContent.trim())")
    assert buttons and all(buttons)
    assert page.get_attribute("#fh-summary", "role") == "status"
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('#fh-form select, #fh-form input, #fh-form button'))
             .filter(e => e.type !== 'checkbox' && e.type !== 'radio')
             .filter(e => e.getBoundingClientRect().height < 44).map(e => e.id)"""
    )
    assert small == [], "touch targets"
    right = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('#fh-form *'))"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= 320
    clean(page)


# ---------------------------------------------------------------- print

NOT_ON_PAPER = [".md-header", ".kz-exit", ".md-sidebar--primary", ".md-footer", ".md-search", ".kz-lang"]


@pytest.mark.parametrize("lang", LANGS)
def test_region_page_prints_as_a_handout(make_page, site_url, catalogue, lang):
    page = make_page()
    page.goto(f"{site_url}{LANGS[lang]}regions/almaty/")
    page.emulate_media(media="print")
    for selector in [*NOT_ON_PAPER, ".kz-official", ".kz-map", "button", ".md-button"]:
        for i in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(i).is_visible(), selector
    assert page.is_visible("h1")
    listings = catalogue.in_region("KZ-75")
    assert page.locator(".kz-card:visible").count() == len(listings)
    for x in listings:
        assert page.is_visible(f"#card-{x.id}")
        if x.contacts.phones:
            assert page.locator(f'.kz-card a[href="tel:{x.contacts.phones[0].tel}"]').first.is_visible()
    assert page.is_visible(".kz-national"), "the national numbers stay on the handout"
    clean(page)


def test_filtered_result_prints_as_a_handout(make_page, site_url, catalogue):
    page = open_find(make_page, site_url, "ru", "?where=KZ-75&need=maternity")
    shown = visible_ids(page)
    page.emulate_media(media="print")
    for selector in [*NOT_ON_PAPER, "#fh-form", ".fh-skip", ".fh-plain", "button"]:
        for i in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(i).is_visible(), selector
    printed = page.text_content("#fh-print-filters")
    assert page.is_visible("#fh-print-filters")
    assert "город Алматы" in printed and catalogue.services["maternity"].label("ru") in printed
    for x in catalogue.listings:
        item = page.locator(f"#l-{x.id}")
        if x.id in shown:
            assert item.is_visible(), x.id
            assert item.locator("h3").is_visible()
            assert item.locator(".fh-desc").is_visible(), "what they do"
            assert item.locator(".fh-facts").is_visible(), "who they accept"
            assert item.locator(".kz-card__call").is_visible(), "how to reach them"
        else:
            assert not item.is_visible(), x.id
    page.emulate_media(media="screen")
    assert page.is_visible("#fh-form") and not page.is_visible("#fh-print-filters")
    clean(page)


# ---------------------------------------------------------------- search in the browser


@pytest.mark.parametrize(
    ("lang", "query", "target"),
    [("ru", "приютов", "needs/shelter/"), ("kk", "Үміт", "centres/astana-umit/"), ("ru", "Ана үйі", "almaty-ana-uyi")],
)
def test_search_box_finds_in_the_browser(make_page, site_url, lang, query, target):
    page = make_page()
    page.goto(f"{site_url}{LANGS[lang]}")
    # Material reads the query on key events, which a reader's typing makes and fill() does not:
    # fill, then a real keystroke (End) so the query counts however soon the index is ready.
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    found = (
        "target => Array.from(document.querySelectorAll('.md-search-result__link')).some(a => a.href.includes(target))"
    )
    try:
        page.wait_for_function(found, arg=target, timeout=15000)
    finally:
        hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert any(target in href for href in hrefs), hrefs[:8]
    clean(page)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_first_load_without_filters_leaves_the_list_as_it_is(make_page, site_url, lang):
    """No filter in the address: the list is already right, so the script changes nothing in it
    (every change there costs a cheap phone a layout of the whole page); with a filter it does."""
    page = make_page(width=360, height=740)
    page.add_init_script(
        """window.__changes = [];
        document.addEventListener('DOMContentLoaded', () => {
          new MutationObserver(records => { for (const r of records) window.__changes.push(r.type + ':' +
            (r.attributeName || '') + ':' + (r.target.id || r.target.className)); })
            .observe(document.getElementById('fh-list'), {subtree: true, childList: true, attributes: true,
                                                           characterData: true});
        });"""
    )
    page.goto(f"{site_url}{LANGS[lang]}find/")
    page.wait_for_selector("#fh-form[data-ready]")
    assert page.evaluate("window.__changes") == []
    before = visible_ids(page)
    page.select_option("#fh-need", "shelter")
    page.wait_for_function("() => window.__changes.length > 0")
    assert visible_ids(page) != before
    clean(page)


# ---------------------------------------------------------------- split by region (issue 20)


def finder_fetches(page) -> list[str]:
    """What the page asked for under find/ besides pages: the filter index and regions' items."""
    return [u.split("/find/", 1)[1] for u in page.requests if "/find/" in u and u.endswith((".json", ".html"))]


def in_region_first(shown: list[str], catalogue, code: str, working: set[str]) -> bool:
    """A region chosen: its working listings and the lines that answer anywhere, and no other; one of
    the region's first (the order's finer rules are tested on the one-page index, test_finder.py)."""
    own = {x.id for x in catalogue.listings if x.region and x.region.code == code and x.id in working}
    national = {x.id for x in catalogue.listings if x.region is None and x.id in working}
    assert own and national
    return set(shown) == own | national and len(shown) == len(own | national) and shown[0] in own


def test_nothing_that_grows_with_the_directory_is_fetched_before_the_reader_asks(make_page, site_url, catalogue):
    """The find page's first visit fetches neither the filter index nor any region's items; a region
    fetches its own items only; a question about the whole country fetches the index, then the
    items of only the regions whose listings it shows."""
    page = open_find(make_page, site_url, "kk")
    page.wait_for_load_state("networkidle")
    assert finder_fetches(page) == []

    before = page.text_content("#fh-summary")
    page.select_option("#fh-where", "KZ-79")  # Shymkent
    wait_summary_change(page, before)
    assert finder_fetches(page) == ["shymkent/items.html"]
    working = {x.id for x in catalogue.listings if x.status not in ("closed", "suspended")}
    assert in_region_first(visible_ids(page), catalogue, "KZ-79", working)
    link = page.get_attribute("#l-shymkent-komek h3 a", "href")
    assert link.endswith("/centres/shymkent-komek/"), "links of fetched items work from this page"
    page.click("#l-shymkent-komek h3 a")
    page.wait_for_url("**/centres/shymkent-komek/")
    page.go_back()
    page.wait_for_selector("#fh-form[data-ready]")

    page = open_find(make_page, site_url, "kk", "?need=legal")
    legal = catalogue.services["legal"]
    regions = {x.region.slug for x in catalogue.listings if x.region and legal in x.services and x.id in working}
    assert regions and len(regions) < len(catalogue.regions), "the fixture asks for some regions, not all"
    fetched = finder_fetches(page)
    assert fetched[0] == "index.json"
    assert sorted(fetched[1:]) == sorted(f"{slug}/items.html" for slug in regions)
    shown = set(visible_ids(page))
    assert {x.id for x in catalogue.listings if legal in x.services and x.id in working} <= shown
    clean(page)


@pytest.mark.parametrize("lang", LANGS)
def test_a_regions_find_page_filters_its_own_listings_and_reaches_the_others(make_page, site_url, catalogue, lang):
    """find/almaty/: the region is chosen from the start, nothing is fetched for it; choosing
    another region fetches that region's items; the address keeps working."""
    page = make_page()
    page.goto(f"{site_url}{LANGS[lang]}find/almaty/")
    page.wait_for_selector("#fh-form[data-ready]")
    assert page.input_value("#fh-where") == "KZ-75"
    working = {x.id for x in catalogue.listings if x.status not in ("closed", "suspended")}
    order = finder.page_order(catalogue, lang)
    almaty = [x.id for x in order if (x.region is None or x.region.code == "KZ-75") and x.id in working]
    assert in_region_first(visible_ids(page), catalogue, "KZ-75", working)
    page.wait_for_load_state("networkidle")
    assert finder_fetches(page) == []
    hidden = len(catalogue.listings) - len(almaty)
    summary = page.text_content("#fh-summary")
    assert f"{hidden} (" in summary, "the other regions are counted as hidden, without being fetched"

    before = summary
    page.select_option("#fh-where", "KZ-71")  # Astana
    wait_summary_change(page, before)
    page.wait_for_function("() => location.search === '?where=KZ-71'")
    assert in_region_first(visible_ids(page), catalogue, "KZ-71", working)
    assert finder_fetches(page) == ["astana/items.html"]
    clean(page)
