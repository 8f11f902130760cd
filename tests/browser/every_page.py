"""Every kind of page, both languages, a phone and a desktop width: what must hold everywhere.

Each page is opened once per width, under its own CSP, and every check reads that one visit:
nothing is asked of another origin and nothing fails in the console (safety and privacy), axe-core
finds no violation, the page has its language, one h1 and no skipped heading level, it never
scrolls sideways, at 320 px nor at 640x400 (1280x800 zoomed to 200%: the desktop visit, narrowed
after load as a zoom does), nothing blocks its drawing that it does not use (a stylesheet that
styles nothing on it, a script in the head but the theme's), and the quick-exit strip covers none
of its words or controls when it is scrolled to its end. One visit instead of one per check
keeps the suite quick (issue 15).

The tests live here once; test_every_page_kk.py and test_every_page_ru.py run them for their
language, as two files so that pytest-xdist (which keeps a file on one worker) runs them side by side.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT
from .conftest import PAGE_TYPES, PagePool

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGS = {"kk": "", "ru": "ru/"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# A small phone; a desktop. (Checks moved here from tests at 360 px lose nothing: no media query of
# the site's CSS, ours or the theme's, tells 320 from 360 px; the nearest are 360 px (max-width,
# which both match) and 480 px.)
SIZES = {320: (320, 640), 1280: (1280, 800)}
TOGETHER = 3  # page types loaded at once, each at both widths
STANDALONE = ("cards/", "embed/")  # pages without the site's frame: the pocket card, the partners' widget

_FACTS = """() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('main h1, article h1, .md-content h1').length,
    levels: [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, .md-content h4')]
        .filter(h => h.offsetParent !== null || getComputedStyle(h).display !== 'none')
        .map(h => +h.tagName[1]),
    overflow: document.documentElement.scrollWidth - innerWidth,
    otherLang: [...document.querySelectorAll('a[hreflang]')].every(a => a.lang === a.hreflang),
    // Render-blocking stylesheets that style nothing on this page (their media matching it).
    unusedCss: [...document.querySelectorAll('head link[rel=stylesheet]')]
        .filter(link => !link.media || link.media === 'all' || matchMedia(link.media).matches)
        .filter(link => {
            const rules = [...(link.sheet ? link.sheet.cssRules : [])];
            const selectors = rules.flatMap(r => r.selectorText ? [r.selectorText]
                : [...(r.cssRules || [])].map(x => x.selectorText).filter(Boolean));
            return !selectors.some(s => { try { return document.querySelector(s) !== null; } catch { return false; } });
        })
        .map(link => link.getAttribute('href')),
    // Scripts in the head that stop the page being drawn until they have run.
    blockingJs: [...document.querySelectorAll('head script[src]')]
        .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.getAttribute('src')),
})"""

# Words and controls the quick-exit strip covers, with the page scrolled to its end (where the
# strip, fixed at the bottom, would hide the last of it); null on a page without the strip. What
# is not shown is covered by nothing: the closed drawer's links on a phone are transparent (opacity
# 0, with visibility left as it is), so both properties are asked.
COVERED_AT_END = """() => {
    const strip = document.querySelector('.kz-exit');
    if (!strip) return null;
    window.scrollTo(0, document.documentElement.scrollHeight);
    return new Promise(done => setTimeout(done, 100)).then(() => {
        const ex = strip.getBoundingClientRect();
        const out = [];
        for (const el of document.querySelectorAll('.md-main *, .kz-footer *, .kz-callbar *')) {
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
                || el.matches('a, button, input, select, svg');
            if (!own || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
            for (const r of el.getClientRects()) {
                if (r.width && r.height && r.right > ex.left && r.left < ex.right
                    && r.bottom > ex.top && r.top < ex.bottom) {
                    out.push(el.tagName + ': ' + el.textContent.trim().slice(0, 40));
                    break;
                }
            }
        }
        return out;
    });
}"""

# One axe violation as the tests report it (JavaScript: a function of axe's result entry).
AXE_VIOLATION = "v => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`"
_AXE_RUN = f"""tags => axe.run(document, {{runOnly: {{type: 'tag', values: tags}}, resultTypes: ['violations']}})
    .then(result => result.violations.map({AXE_VIOLATION}))"""


@dataclass
class Visit:
    ok: bool
    requests: list[str]
    foreign: list[str]
    console_errors: list[str]
    facts: dict
    axe: list[str]
    covered_at_end: list[str] | None  # what the quick-exit strip covers at the page's end; None: no strip
    zoomed: dict | None  # the desktop visit narrowed to 640x400 after load


def axe_source() -> str:
    """axe-core as the tests evaluate it in a page (not as a <script>, which the page's CSP forbids)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/install-test-deps.sh (npm ci)")
    return AXE.read_text(encoding="utf-8") + "\n;undefined"


def _open(pool: PagePool, site_url: str, root: str, paths: list[str], axe: str) -> dict[tuple[str, int], Visit]:
    """Some pages under `root` (a language's), at both widths, loaded side by side: each waits for
    its network to be quiet for 500 ms (Playwright's networkidle) while the others load or are
    checked, instead of one wait after another (80 visits: 40 s of waiting; issue 15)."""
    pages = {
        (path, width): pool.lend(site_url, *SIZES[width], javascript=True, options={})
        for path in paths
        for width in SIZES
    }
    try:
        responses = {key: page.goto(root + key[0], wait_until="commit") for key, page in pages.items()}
        found = {key: _check(page, responses[key], key[1], axe) for key, page in pages.items()}
        assert {key: page.url for key, page in pages.items()} == {key: root + key[0] for key in pages}
        return found
    finally:
        for page in pages.values():
            pool.take_back(page)


def _check(page, response, width: int, axe: str) -> Visit:
    page.wait_for_load_state("networkidle")
    idle = time.monotonic()
    facts = page.evaluate(_FACTS)
    # Evaluated by the test, not added as a <script>: the page's strict CSP stays on and axe
    # sees the page as a reader gets it.
    page.evaluate(axe)
    found = page.evaluate(_AXE_RUN, AXE_TAGS)
    covered = page.evaluate(COVERED_AT_END)
    # Late requests from scripts after load: at least 300 ms of watching, most of it axe's run.
    page.wait_for_timeout(max(0.0, 300 - (time.monotonic() - idle) * 1000))
    zoomed = None
    if width == 1280:
        page.set_viewport_size({"width": 640, "height": 400})
        zoomed = page.evaluate(_FACTS)
    return Visit(
        ok=response is not None and response.ok,
        requests=list(page.requests),
        foreign=list(page.foreign),
        console_errors=list(page.console_errors),
        facts=facts,
        axe=found,
        covered_at_end=covered,
        zoomed=zoomed,
    )


@pytest.fixture(scope="module")
def visit(page_pool: PagePool, site_url: str, built_site: Path) -> Callable[[str, str, int], Visit]:
    """visit(path, lang, width): the page opened once in this module, its findings kept."""
    axe = axe_source()
    seen: dict[tuple[str, str, int], Visit] = {}

    def get(path: str, lang: str, width: int) -> Visit:
        target = built_site / LANGS[lang] / path
        if not (target.exists() if path.endswith(".html") else (target / "index.html").exists()):
            pytest.fail(f"page type {LANGS[lang]}{path} was not built")
        if (path, lang, width) not in seen:
            # This page and the next ones not yet seen, loaded together (_open).
            after = PAGE_TYPES[PAGE_TYPES.index(path) :] if path in PAGE_TYPES else [path]
            batch = [p for p in after if (p, lang, width) not in seen][:TOGETHER]
            for (opened, size), found in _open(page_pool, site_url, site_url + LANGS[lang], batch, axe).items():
                seen[(opened, lang, size)] = found
        return seen[(path, lang, width)]

    return get


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_loads_nothing_from_another_origin(visit, path: str, lang: str, width: int):
    found = visit(path, lang, width)
    assert found.ok
    assert found.foreign == []
    assert len(found.requests) >= 2, "the recorder saw the page and its assets"
    assert found.console_errors == []


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_axe_violations(visit, path: str, lang: str, width: int):
    assert visit(path, lang, width).axe == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_lang_headings_and_no_horizontal_scroll(visit, path: str, lang: str):
    phone, desktop = visit(path, lang, 320), visit(path, lang, 1280)
    for facts in (phone.facts, desktop.facts):
        assert facts["lang"] == lang
        assert facts["h1"] == 1
        skips = [(a, b) for a, b in zip(facts["levels"], facts["levels"][1:], strict=False) if b > a + 1]
        assert skips == [], f"heading levels skip: {facts['levels']}"
        assert facts["otherLang"], "the link to the other language is marked with its language"
    for width, facts in ((320, phone.facts), (640, desktop.zoomed)):
        assert facts is not None
        assert facts["overflow"] <= 0, f"scrolls sideways by {facts['overflow']}px at {width}px"


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_blocking_stylesheet_is_used_by_the_page(visit, path: str, lang: str, width: int):
    assert visit(path, lang, width).facts["unusedCss"] == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_blocking_script_in_the_head_but_the_themes_own(visit, path: str, lang: str):
    assert visit(path, lang, 320).facts["blockingJs"] == visit(path, lang, 1280).facts["blockingJs"] == []


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_the_end_of_every_page_clears_quick_exit(visit, path: str, lang: str, width: int):
    covered = visit(path, lang, width).covered_at_end
    if path.startswith(STANDALONE):
        assert covered is None, "a standalone page's quick exit is a link in the page, not the strip"
    else:
        assert covered == []
