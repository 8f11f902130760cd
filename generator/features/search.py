"""Search in Kazakh and Russian, typed any way, at a cost per page that does not grow.

The theme's search box and results list stay; what is behind them is ours:

- this feature writes search/kz-index.json: one entry per listing, with the keys of its
  names in both languages (a Russian query on the Kazakh site finds it, and the other way
  round), and of its organisation, kind, town (and the town's other names from
  data/cities.yaml `aliases`), region, services and description;
- site/search_index.py adds the site's other pages (from the theme's own index) when the
  build is finished, and leaves the theme a stub index of a few bytes;
- overrides/assets/javascripts/kz-search.js, the search worker main.html gives the theme,
  fetches kz-index.json only when the reader types, and reads the query with the same rules
  (site/search_text.py and search_rules.json).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from generator.data import catalogs
from generator.data.model import LANGS, Catalogue, Lang, Listing, Region, Service
from generator.site import search_index
from generator.site.render import Page, Renderer, need_slug, plain
from generator.site.search_text import RULES, text_keys

STRINGS: dict[Lang, dict[str, str]] = catalogs.table("search")
SITE: dict[Lang, dict[str, str]] = catalogs.table("site")
WORKER = "assets/javascripts/kz-search.js"


def theme_worker() -> str:
    """The theme's own search worker, as its config names it (the name changes with its version)."""
    import material

    workers = Path(material.__file__).resolve().parent / "templates/assets/javascripts/workers"
    (found,) = sorted(workers.glob("search.*.min.js"))
    return f"assets/javascripts/workers/{found.name}"


def theme_extra() -> dict[str, object]:
    # main.html swaps the theme's worker for ours in the config the theme's script reads.
    return {"search_worker": {"theme": theme_worker(), "ours": WORKER}}


def pages(renderer: Renderer) -> list[Page]:
    return []


def _names(x: Listing) -> list[str]:
    """What a listing is called, in both languages."""
    names = [x.name(lang) for lang in LANGS]
    if x.alternate_name:
        names += [x.alternate_name(lang) for lang in LANGS]
    return names


def _facts(x: Listing) -> list[str]:
    facts: list[str] = []
    for lang in LANGS:
        facts.append(x.organization(lang))
        facts.append(SITE[lang].get(f"kind_{x.kind}", ""))
        if x.region:
            facts.append(x.region.name(lang))
        facts += [s.label(lang) for s in x.services]
    return facts


def listing_doc(x: Listing, lang: Lang) -> dict[str, str]:
    words = STRINGS[lang]
    place = x.city.name(lang) if x.city else x.region.name(lang) if x.region else words["everywhere"]
    line = words["result_line"].format(kind=SITE[lang].get(f"kind_{x.kind}", ""), place=place)
    # Its town (with the town's other names) counts as much as its name.
    town = [x.city.name(o) for o in LANGS] + list(x.city.aliases) if x.city else []
    return _doc(f"centres/{x.id}/", x.name(lang), line, _names(x), [*_facts(x), x.description(lang)], town)


def _doc(
    location: str, title: str, line: str, names: list[str], facts: list[str], place: list[str] | None = None
) -> dict[str, str]:
    """An entry: keys of its names (n), of its town (p) and of the rest (k), each key once."""
    name_keys = text_keys(" ".join(names))
    place_keys = [k for k in text_keys(" ".join(place or [])) if k not in set(name_keys)]
    known = set(name_keys) | set(place_keys)
    doc = {
        "l": location,
        "t": escape(title, quote=False),
        "x": escape(line, quote=False),
        "n": " ".join(name_keys),
        "k": " ".join(k for k in text_keys(" ".join(facts)) if k not in known),
    }
    if place_keys:
        doc["p"] = " ".join(place_keys)
    return doc


def region_doc(region: Region, catalogue: Catalogue, lang: Lang) -> dict[str, str]:
    """A region's page, found by the names of its towns too ("Семипалатинск" → Abai Region)."""
    cities = [c for c in catalogue.cities.values() if c.region == region.code]
    town_names = [c.name(other) for c in cities for other in LANGS]
    aliases = [a for c in cities for a in c.aliases]
    line = ", ".join(dict.fromkeys(c.name(lang) for c in cities))
    title = plain(SITE[lang]["region_page_title"].format(region=region.name(lang)))
    return _doc(f"regions/{region.slug}/", title, line, [region.name(o) for o in LANGS] + town_names, aliases)


def need_doc(service: Service, lang: Lang) -> dict[str, str]:
    return _doc(f"needs/{need_slug(service)}/", service.label(lang), "", [service.label(o) for o in LANGS], [])


def index(catalogue: Catalogue, lang: Lang) -> dict:
    docs = [listing_doc(x, lang) for x in catalogue.listings]
    docs += [region_doc(r, catalogue, lang) for r in catalogue.regions.values()]
    docs += [need_doc(s, lang) for s in catalogue.services.values() if s.need]
    return {"rules": RULES, "docs": docs}


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    return {search_index.INDEX: json.dumps(index(catalogue, lang), ensure_ascii=False, separators=(",", ":"))}
