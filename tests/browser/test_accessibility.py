"""axe-core (from npm) in real Chromium inside the map frame, and what axe can't judge alone: skip link, tab
stops, the drawer. axe on every page type, both languages, is in every_page.py."""

from __future__ import annotations

import pytest

from . import every_page

LANGS = {"kk": "", "ru": "ru/"}


@pytest.fixture
def axe_source() -> str:
    return every_page.axe_source()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_inside_the_map_frame(make_page, axe_source, site_url, lang, width):
    """axe enters an iframe only if it runs there too: press the button that loads the map frame
    (the page shows the static map until then) and put axe in both documents. It is evaluated
    there by the test, not added as a <script>, so the pages' own CSP stays on."""
    page = make_page(width=width, height=800)
    page.goto(site_url + LANGS[lang] + "map/")  # loaded: the button works
    page.locator(".kz-map-load__button").click()
    page.frame_locator("iframe.kz-map__frame").locator("path.kz-region[data-region]").first.wait_for()
    (frame,) = [f for f in page.frames if f.url.endswith("map/map.html")]
    assert frame.evaluate("document.documentElement.lang") == lang
    for document in (page.main_frame, frame):
        document.evaluate(axe_source)
    # Read in the page: the passing nodes are thousands, and only their count inside the frame
    # (a target of two selectors, frame then node) is needed here.
    result = page.evaluate(
        f"""tags => axe.run(document, {{runOnly: {{type: 'tag', values: tags}}, resultTypes: ['violations', 'passes']}})
            .then(r => ({{
                inFrame: r.passes.flatMap(v => v.nodes).filter(n => n.target.length > 1).length,
                violations: r.violations.map({every_page.AXE_VIOLATION}),
            }}))""",
        every_page.AXE_TAGS,
    )
    assert result["inFrame"] > 0, "axe looked inside the map frame"
    assert result["violations"] == [], "\n".join(result["violations"])


def test_skip_link_reaches_the_content(make_page, site_url):
    page = make_page()
    page.goto(site_url + "ru/centres/almaty-zhan-saya/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert focused, "after skipping, the next stop is in the content"


_ON_SCREEN = """async () => {
    // Material opens the search when its field takes focus, a frame later.
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const e = document.activeElement;
    if (e === document.body) return null;
    e.scrollIntoView({block: 'nearest', inline: 'nearest'});
    const r = e.getClientRects()[0] || e.getBoundingClientRect();  // a wrapped link: its first line
    const x = Math.min(Math.max(r.left + Math.min(r.width, 8) / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height, 8) / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
        && r.bottom > 0 && r.top < innerHeight && !!hit && (hit === e || e.contains(hit));
    const text = (e.textContent || e.value || '').trim().slice(0, 40);
    const at = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    return {onScreen, what: `${e.tagName}.${e.className} ${text} at ${at}`};
}"""


def _stop_page(make_page, url: str, width: int):
    # Positions, not animations, are under test: the drawer's slide would otherwise be mid-way,
    # so a style that stops transitions is injected (which the site's CSP rightly forbids).
    page = make_page(width=width, height=740, bypass_csp=True)
    page.goto(url)  # loaded: the theme's script has laid out its header and drawer
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    return page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [360, 1280])
def test_every_tab_stop_is_on_screen(make_page, site_url, lang, width):
    """Tab through a listing page to its end: each element that takes focus is inside the window
    and is the element drawn there (not off-canvas, as Material's closed menu drawer was on a
    phone, nor a box without size, as the closed search's results were)."""
    page = _stop_page(make_page, site_url + LANGS[lang] + "centres/almaty-zhan-saya/", width)
    stops, hidden = 0, []
    for _ in range(150):
        page.keyboard.press("Tab")
        where = page.evaluate(_ON_SCREEN)
        if where is None:
            break  # focus left the last stop
        stops += 1
        if not where["onScreen"]:
            hidden.append(where["what"])
    else:
        pytest.fail("Tab never reached the end of the page")
    assert stops > 20, "Tab moved through the page"
    assert hidden == [], f"focused but not visible at {width}px: {hidden}"


@pytest.mark.parametrize("width", [360, 1280])
def test_search_by_keyboard_never_focuses_what_is_not_shown(make_page, site_url, width):
    """A query typed, the results are reached with the arrow key (Material's way), and Tab from
    the field (which closes the search) goes to something on screen, not the hidden results."""
    page = _stop_page(make_page, site_url + "ru/", width)
    page.fill("input.md-search__input", "Алматы")
    page.press("input.md-search__input", "End")  # Material reads the query on key events
    page.wait_for_selector(".md-search-result__link", state="visible", timeout=15000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')"), "ArrowDown reaches a result"
    page.focus("input.md-search__input")
    page.keyboard.press("Tab")
    where = page.evaluate(_ON_SCREEN)
    assert where is not None and where["onScreen"], where


def test_a_tapped_drawer_still_closes(make_page, site_url):
    """The drawer slides in for keyboard focus only (kz.css): opened and closed by taps, it goes."""
    page = make_page(width=360, height=740, has_touch=True, is_mobile=True, bypass_csp=True)
    page.goto(site_url + "centres/almaty-zhan-saya/")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    drawer = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().right"
    assert page.evaluate(drawer) <= 0, "closed at first"
    page.tap("label.md-header__button[for='__drawer']")
    assert page.evaluate(drawer) > 0, "a tap on the menu button opens it"
    # Inside the drawer, below its links and above the quick-exit strip along the window's bottom.
    page.tap(".md-sidebar--primary", position={"x": 100, "y": 660})
    assert page.url.endswith("centres/almaty-zhan-saya/")
    page.tap(".md-overlay", position={"x": 340, "y": 400})
    assert page.evaluate(drawer) <= 0, "a tap on the page beside it closes it"
