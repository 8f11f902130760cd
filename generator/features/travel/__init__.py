"""Help that travels (issue 21): a pocket card for every region to print, a widget partners put on
their own sites, and a page for partners that explains both. A feature (see features/__init__).

Files, per language root:
    cards/<region>/index.html   the card, A6 when printed, with a QR code of the region's page
    cards/<region>/a4.html      four cards on an A4 sheet
    cards/all/…                 the country's card: the national lines only
    embed/<region>/index.html   the widget, readable without JavaScript, links open in the whole window
    embed/all/index.html        the country's widget
    (their style and print script: overrides/assets/stylesheets/travel.css, javascripts/kz-print.js)
and the Markdown page partners.md.

The cards and the widget are pages of their own, not MkDocs pages: a card must print on one A6
sheet without the site's header, and a widget must stay under 15 KB. Each carries its own
Content-Security-Policy (site/csp.py), with no inline script.
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

from generator.data import catalogs
from generator.data.model import Catalogue, Lang
from generator.features.travel.sheet import ALL, Entry, Sheet, calls, sheets
from generator.site import csp
from generator.site.render import Page, Renderer, environment, front_matter, plain
from generator.site.settings import Settings

STRINGS: dict[Lang, dict[str, str]] = catalogs.table("travel")
PAGE = "partners.md"
ROOT_FROM_SHEET = "../../"  # from cards/<slug>/ or embed/<slug>/ to the language's root


def _lang_root(settings: Settings, lang: Lang) -> str:
    """The published address of a language's root, or "" when the build was not told it."""
    if not settings.site_url:
        return ""
    root = settings.site_url.rstrip("/") + "/"
    return root if lang == "kk" else f"{root}{lang}/"


def _page_path(sheet: Sheet) -> str:
    return "" if sheet.slug == ALL else f"regions/{sheet.slug}/"


def qr_svg(url: str, label: str) -> Markup:
    """The QR code of url as inline SVG, made here (no request anywhere), sized by the CSS."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def _finish(html: str) -> str:
    return csp.add_policy(html)


def _sheet_page(template: str, sheet: Sheet, lang: Lang, settings: Settings, **values: object) -> str:
    """A travel page of its own (card or widget): its template with what both need, and its policy."""
    html = (
        environment()
        .get_template(template)
        .render(lang=lang, w=STRINGS[lang], sheet=sheet, root=ROOT_FROM_SHEET, exit_url=settings.exit_url, **values)
    )
    return _finish(html)


def card(sheet: Sheet, lang: Lang, settings: Settings, copies: int = 1) -> str:
    w = STRINGS[lang]
    title = w["card_title"].format(region=sheet.title_region) if sheet.title_region else w["card_all_title"]
    root = _lang_root(settings, lang)
    url = root + _page_path(sheet) if root else ""
    qr = qr_svg(url, w["card_qr"]) if url else None
    return _sheet_page(
        "travel_card.html",
        sheet,
        lang,
        settings,
        title=title,
        copies=copies,
        qr=qr,
        url=url or _page_path(sheet) or "/",
        in_frame=False,
    )


def embed(sheet: Sheet, lang: Lang, settings: Settings) -> str:
    w = STRINGS[lang]
    title = w["embed_title"].format(region=sheet.title_region) if sheet.title_region else w["embed_all_title"]
    more = ROOT_FROM_SHEET + (_page_path(sheet) or "find/")
    return _sheet_page("travel_embed.html", sheet, lang, settings, title=title, more=more, in_frame=True)


def files(catalogue: Catalogue, lang: Lang, settings: Settings | None = None) -> dict[str, str | bytes]:
    settings = settings or Settings()
    out: dict[str, str | bytes] = {}
    for sheet in sheets(catalogue, lang):
        out[f"cards/{sheet.slug}/index.html"] = card(sheet, lang, settings)
        out[f"cards/{sheet.slug}/a4.html"] = card(sheet, lang, settings, copies=4)
        out[f"embed/{sheet.slug}/index.html"] = embed(sheet, lang, settings)
    return out


SHARE_WORDS = ("share_button", "share_copy", "share_copied", "list_add", "list_remove", "list_open", "list_print")
LIST_PAGE = "list.md"


def theme_extra(catalogue: Catalogue, lang: Lang) -> dict[str, object]:
    """The share bar's words (overrides/main.html hands them to share.js as JSON)."""
    return {"share": {key: STRINGS[lang][key] for key in SHARE_WORDS}}


def list_page(renderer: Renderer) -> Page:
    """The shortlist page: every listing one can turn to, compact; share.js keeps those of ?ids=."""
    lang = renderer.lang
    w = STRINGS[lang]
    (everything,) = [s for s in sheets(renderer.catalogue, lang) if s.slug == ALL]
    lines = [(x, calls(x)) for x in renderer.emergency_lines() + renderer.helplines()]
    national = [Entry(x.id, x.name(lang), "", ((found[0][0].display, found[0][1]),), "") for x, found in lines if found]
    body = environment().get_template("travel_list.html").render(w=w, listings=national + list(everything.entries))
    meta = front_matter(title=plain(w["list_title"]), description=plain(w["list_description"]))
    return Page(LIST_PAGE, meta + body)


def pages(renderer: Renderer, settings: Settings | None = None) -> list[Page]:
    settings = settings or Settings()
    lang = renderer.lang
    w = STRINGS[lang]
    rows = [(s.title_region or w["partners_whole"], s.slug) for s in sheets(renderer.catalogue, lang)]
    root = _lang_root(settings, lang)
    body = environment().get_template("travel_partners.html").render(lang=lang, w=w, rows=rows, root=root)
    meta = front_matter(title=plain(w["partners_title"]), description=plain(w["partners_description"]))
    return [Page(PAGE, meta + body), list_page(renderer)]
