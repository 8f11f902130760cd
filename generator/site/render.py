"""Render the catalogue into the generated pages of one language.

Pages are Markdown files whose body is one raw HTML block: Markdown leaves it
untouched, so text from YAML is only ever HTML-escaped by Jinja's autoescape and
can't turn into links, emphasis or markup. Front matter gets `plain()` text,
because MkDocs themes print page titles and descriptions unescaped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from generator.data import catalogs
from generator.data.model import (
    NOT_WORKING,
    STATUS_RANK,
    Catalogue,
    City,
    Duration,
    Lang,
    Listing,
    Region,
    Service,
    Source,
    Tristate,
    distance_km,
    is_stale,
)
from generator.site import reach
from generator.site.i18n import Words, collation_key, date_text, number, plural

TEMPLATES = Path(__file__).resolve().parent / "templates"
EMERGENCY_ORDER = ["112", "102", "101", "103", "104"]


def offers_help(listing: Listing) -> bool:
    """Whether a listing counts as help one can turn to: working, or not known to have stopped."""
    return listing.status not in NOT_WORKING


_PLAIN = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "ʻ", "\n": " ", "\r": " "})


def by_name(items: Iterable[Region] | Iterable[City], lang: Lang) -> list:
    """Regions or towns in the order of the language's alphabet (i18n.collation_key)."""
    return sorted(items, key=lambda item: collation_key(item.name(lang), lang))


def plain(text: str) -> str:
    """Text that is safe unescaped anywhere in HTML (titles, meta content)."""
    return text.translate(_PLAIN).strip()


def front_matter(**fields: object) -> str:
    # JSON is YAML, and json.dumps escapes whatever the text holds.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def split_front_matter(content: str) -> tuple[str, str]:
    """('---\\n…\\n---\\n', body) of a page; ('', content) when it has no front matter."""
    if content.startswith("---\n"):
        end = content.find("\n---\n", 3)
        if end != -1:
            return content[: end + 5], content[end + 5 :]
    return "", content


def listing_key(listing: Listing, lang: Lang) -> tuple[int, tuple]:
    """Working listings first, then by name in the language's alphabet."""
    return (STATUS_RANK[listing.status], collation_key(listing.name(lang), lang))


def need_slug(service: Service) -> str:
    return service.key.replace("_", "-")


# ---------------------------------------------------------------- words for values


def duration(d: Duration, lang: Lang, case: str) -> str:
    """'6 months' as '6 айға' (case 'to') or '6 месяцев' (the words after 'от'/'до'), without the
    preposition: the catalog's `dur_<case>_<unit>` with the plural form for the number."""
    assert d.value is not None and d.unit is not None
    return Words(lang)(f"dur_{case}_{d.unit}", count=d.value, n=number(d.value, lang))


def stay_text(listing: Listing, t: Words) -> str | None:
    stay = listing.stay
    if stay is None:
        return None
    lang = t.lang
    if not stay.max.known and not stay.min.known:
        text = t("unknown")
    elif stay.min.known and stay.max.known:
        text = t("stay_range", min=duration(stay.min, lang, "from"), max=duration(stay.max, lang, "to"))
    elif stay.max.known:
        text = t("stay_max", max=duration(stay.max, lang, "to"))
    else:
        text = t("stay_from_unknown_max", min=duration(stay.min, lang, "from"))
    if stay.exceptional_max and stay.exceptional_max.known:
        text += "; " + t("stay_exceptional", max=duration(stay.exceptional_max, lang, "to"))
    return text


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def age_text(listing: Listing, t: Words) -> str:
    """The ages a listing takes, saying which bound is unknown when only one is."""
    low, high = listing.eligibility.age_min, listing.eligibility.age_max
    lang = t.lang
    if low == "unknown" and high == "unknown":
        return t("unknown")
    if _is_number(low) and _is_number(high):
        return t("age_range", count=high, min=number(low, lang), max=number(high, lang))
    if _is_number(low) and low > 0:
        if high == "unknown":
            return t("age_from_unknown_max", count=low, min=number(low, lang))
        return t("age_from", count=low, min=number(low, lang))
    if _is_number(high):
        if low == "unknown":
            return t("age_to_unknown_min", count=high, max=number(high, lang))
        return t("age_to", count=high, max=number(high, lang))
    if "unknown" in (low, high):
        return t("unknown")
    return t("age_any")


def up_to_years(value: float | str | None, t: Words) -> str:
    if value is None or value == "unknown":
        return t("unknown")
    if value == "none":
        return t("age_any")
    return t("up_to_years", count=float(value), n=number(value, t.lang))


# Words about who is accepted that are not the site's own: words/<lang>/eligibility.yaml.
ELIGIBILITY_WORDS: dict[Lang, dict[str, str]] = catalogs.table("eligibility")


def child_limit(value: float | str | None, inclusive: str, t: Words) -> str:
    """A child's age limit as the data knows it: "up to and including 11", "under 11", or, when
    no source says whether 11 itself is included, the source's own words and "ask them"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return up_to_years(value, t)
    key = {"yes": "child_limit_including", "no": "child_limit_under"}.get(inclusive, "child_limit_ask")
    return plural(t.lang, float(value), ELIGIBILITY_WORDS[t.lang][key]).format(n=number(value, t.lang))


def source_publisher(source: Source) -> str:
    """Who published a source, as a reader names it: the publisher the data gives, else the
    document's own words (author, where), else the site's name from the link ("tengrinews.kz")."""
    if source.publisher:
        return source.publisher
    if source.document:
        return source.document
    host = urlsplit(source.url or "").hostname or ""
    return host.removeprefix("www.").rstrip(".")


def source_year(source: Source, t: Words) -> str:
    return t("source_undated") if source.date == "unknown" else source.date[:4]


def latin_only(text: str) -> bool:
    """Text in Latin letters only (an English page's own title, a publisher's Latin name such as
    IREX or Kazinform): marked lang="en", so a screen reader does not read it with kk or ru rules."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


@dataclass(frozen=True)
class Nearby:
    listing: Listing
    km: float
    town: City  # the region's own town it is nearest to


NEAREST_ELSEWHERE = 3  # as many as find-help.js adds to a town without help of its own


def nearest_elsewhere(catalogue: Catalogue, code: str, n: int = NEAREST_ELSEWHERE) -> list[Nearby]:
    """For a region with no help of its own (issue 16, item 8): the n nearest listings of other
    regions that one can turn to, each with its distance from the nearest of the region's towns."""
    towns = [c for c in catalogue.cities.values() if c.region == code]
    found = []
    for x in catalogue.listings:
        if x.city is None or x.region is None or x.region.code == code or not offers_help(x) or not towns:
            continue
        town = min(towns, key=lambda c, x=x: (distance_km(c, x.city), c.key))
        found.append(Nearby(x, distance_km(town, x.city), town))
    found.sort(key=lambda near: (near.km, near.listing.id))
    return found[:n]


def hours_text(listing: Listing, t: Words) -> str:
    if listing.hours == "24/7":
        return t("hours_247")
    if listing.hours == "unknown":
        return t("unknown")
    periods = []
    for period in listing.hours:
        days = ", ".join(t(f"day_{d}") for d in period.days)
        periods.append(f"{days} {period.opens}–{period.closes}")
    return "; ".join(periods) + f" ({t('hours_tz')})"


def tristates(t: Words) -> dict[Tristate, Markup]:
    """Yes / no / unknown as the templates print them, looked up rather than made each time."""
    return {value: Markup(f'<span class="kz-{value}">{escape(t[value])}</span>') for value in ("yes", "no", "unknown")}


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder: "centres/almaty-zhan-saya.md"
    content: str


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["plain"] = plain
    return env


class Renderer:
    def __init__(
        self,
        catalogue: Catalogue,
        lang: Lang,
        today: dt.date | None = None,
        feature_globals: Mapping[str, object] | None = None,
    ):
        """``feature_globals``: what the features give the core templates (features.core_globals),
        in place before any template or macro module is made from the globals."""
        self.catalogue = catalogue
        self.lang = lang
        self.t = Words(lang)
        self.today = today or dt.date.today()
        env = environment()
        # Each need's listings, in data order, found in one pass (a page per need, and a count).
        self.by_need: dict[str, list[Listing]] = {}
        # How many listings of each region one can turn to (closed and suspended ones not counted).
        self.open_in_region: dict[str, int] = dict.fromkeys(catalogue.regions, 0)
        for x in catalogue.listings:
            for key in dict.fromkeys(s.key for s in x.services):
                self.by_need.setdefault(key, []).append(x)
            if x.region is not None and offers_help(x):
                self.open_in_region[x.region.code] = self.open_in_region.get(x.region.code, 0) + 1
        self.globals = {
            "t": self.t,
            "lang": lang,
            "catalogue": catalogue,
            "stay_text": lambda x: stay_text(x, self.t),
            "age_text": lambda x: age_text(x, self.t),
            "up_to_years": lambda v: up_to_years(v, self.t),
            "child_limit": lambda v, inclusive: child_limit(v, inclusive, self.t),
            "source_publisher": source_publisher,
            "source_year": lambda s: source_year(s, self.t),
            "latin_only": latin_only,
            "hours_text": lambda x: hours_text(x, self.t),
            "is_stale": lambda x: is_stale(x, self.today),
            "need_slug": need_slug,
            "number": lambda v: number(v, lang),
            "date": lambda v: date_text(v, lang),
            "counts": catalogue.counts,
            "emergency": self.emergency_lines(),
            "helplines": self.helplines(),
            "with_service": lambda s: self.by_need.get(s.key, []),
            "open_count": lambda listings: sum(1 for x in listings if offers_help(x)),
            "open_in_region": self.open_in_region,
            "tri": tristates(self.t),
            "card": self.card,
            "rw": reach.ReachWords(lang),
            "channel_views": lambda x: [reach.channel_view(c, lang, self.t) for c in x.contacts.channels],
            "nearest_other": lambda x: reach.nearest_other(x, catalogue),
            "national_lines": reach.national_lines(catalogue),
            "report_links": lambda x: reach.report_links(x, lang),
        }
        for name, value in (feature_globals or {}).items():
            if name in self.globals:
                raise ValueError(f"a feature gives the templates {name}, which the core pages already have")
            self.globals[name] = value
        self.templates = {
            name: env.get_template(f"{name}.html") for name in ("home", "listing", "region", "regions", "need", "needs")
        }
        self._macros = env.get_template("_macros.html").make_module(self.globals)
        self._cards: dict[tuple[str, int, int], Markup] = {}

    def card(self, listing: Listing, depth: int, level: int = 3) -> Markup:
        """A listing's card (templates/_macros.html), made once: a large build shows the same
        card on its region page and on the page of each of its needs."""
        key = (listing.id, depth, level)
        html = self._cards.get(key)
        if html is None:
            html = self._cards[key] = self._macros.card(listing, depth, level=level)
        return html

    def emergency_lines(self) -> list[Listing]:
        lines = [x for x in self.catalogue.listings if x.kind == "emergency" and x.status == "active"]

        def order(x: Listing) -> tuple[int, str]:
            tel = x.contacts.phones[0].tel if x.contacts.phones else ""
            return (EMERGENCY_ORDER.index(tel) if tel in EMERGENCY_ORDER else 99, x.id)

        return sorted(lines, key=order)

    def helplines(self) -> list[Listing]:
        return sorted(
            (x for x in self.catalogue.national if x.kind == "helpline" and x.status == "active"),
            key=lambda x: x.id,
        )

    def _render(self, template: str, path: str, meta: dict[str, object], **context: object) -> Page:
        body = self.templates[template].render(**self.globals, **context)
        return Page(path, front_matter(**meta) + body)

    def sort_key(self, listing: Listing) -> tuple[int, tuple]:
        """Working listings first, then by name in the page's language."""
        return listing_key(listing, self.lang)

    def pages(self) -> list[Page]:
        cat, t = self.catalogue, self.t
        pages = [self.home()]
        regions = by_name(cat.regions.values(), self.lang)
        pages.append(
            self._render(
                "regions",
                "regions/index.md",
                {"title": t("regions_title"), "description": t("regions_description")},
                regions=regions,
            )
        )
        pages.extend(self.region(region) for region in regions)
        needs = [s for s in cat.services.values() if s.need]
        pages.append(
            self._render(
                "needs",
                "needs/index.md",
                {"title": t("needs_title"), "description": t("needs_description")},
                needs=needs,
            )
        )
        pages.extend(self.need(service) for service in needs)
        pages.extend(self.listing(listing) for listing in cat.listings)
        return pages

    def home(self) -> Page:
        t = self.t
        return self._render(
            "home",
            "index.md",
            {"title": t("home_title"), "description": t("home_description"), "hide": ["toc"]},
            regions=by_name(self.catalogue.regions.values(), self.lang),
            needs=[s for s in self.catalogue.services.values() if s.need],
        )

    def region(self, region: Region) -> Page:
        t = self.t
        listings = sorted(self.catalogue.in_region(region.code), key=self.sort_key)
        counts = self.catalogue.counts
        caveat = counts.caveat(self.lang) if counts else ""
        totals = (counts.total_centres, counts.total_with_shelter, counts.rows_with_shelter) if counts else ()
        return self._render(
            "region",
            f"regions/{region.slug}.md",
            {
                "title": plain(t("region_page_title", region=region.name(self.lang))),
                "description": plain(t("region_description", region=region.name(self.lang))),
                "hide": ["toc"],
            },
            region=region,
            listings=[x for x in listings if offers_help(x)],
            stopped=[x for x in listings if not offers_help(x)],
            official=self.catalogue.counts.for_region(region.code) if self.catalogue.counts else None,
            nearest=[] if any(offers_help(x) for x in listings) else nearest_elsewhere(self.catalogue, region.code),
            ew=ELIGIBILITY_WORDS[self.lang],
            # The caveat from the data may already explain the table's totals: say them once.
            say_totals=not all(str(n) in caveat for n in totals),
        )

    def need(self, service: Service) -> Page:
        t = self.t
        listings = list(self.by_need.get(service.key, []))
        listings.sort(
            key=lambda x: (
                not x.is_national,
                collation_key(x.region.name(self.lang) if x.region else "", self.lang),
                *self.sort_key(x),
            )
        )
        return self._render(
            "need",
            f"needs/{need_slug(service)}.md",
            {
                "title": plain(service.label(self.lang)),
                "description": plain(t("need_description", need=service.label(self.lang))),
                "hide": ["toc"],
            },
            service=service,
            listings=[x for x in listings if offers_help(x)],
            stopped=[x for x in listings if not offers_help(x)],
        )

    def listing(self, listing: Listing) -> Page:
        description = listing.description(self.lang)
        return self._render(
            "listing",
            f"centres/{listing.id}.md",
            {
                "title": plain(listing.name(self.lang)),
                "description": plain(description[:150]),
                "hide": ["toc"],
            },
            x=listing,
        )


def call_now(catalogue: Catalogue, lang: Lang) -> dict[str, object]:
    """The numbers every page shows first: two emergency lines and the national trust lines; and
    the words of the footer (overrides/main.html), which shows them again with the site's pages."""
    renderer = Renderer(catalogue, lang)
    t = renderer.t
    lines = renderer.emergency_lines()[:2] + renderer.helplines()
    return {
        "label": t("in_danger"),
        "footer": {
            "call": t("footer_call"),
            "pages": t("footer_pages"),
            # (path from the language's root, words)
            "links": [
                (path, t(f"footer_{key}"))
                for key, path in (
                    ("find", "find/"),
                    ("safety", "safety/"),
                    ("contribute", "contribute/"),
                    ("data", "data/"),
                    ("partners", "partners/"),
                    ("about", "about/"),
                )
            ],
        },
        "numbers": [
            {
                "display": x.contacts.phones[0].display,
                "tel": x.contacts.phones[0].tel,
                # What a screen reader says: the name, with the number if the name lacks it.
                "label": x.name(lang)
                if x.contacts.phones[0].display in x.name(lang)
                else f"{x.contacts.phones[0].display}: {x.name(lang)}",
            }
            for x in lines
            if x.contacts.phones
        ],
    }


def render_pages(catalogue: Catalogue, lang: Lang, today: dt.date | None = None) -> list[Page]:
    return Renderer(catalogue, lang, today).pages()
