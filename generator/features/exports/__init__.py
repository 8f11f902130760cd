"""Open data: the directory as JSON, CSV, GeoJSON and Open Referral HSDS 3.0.

The feature (see generator/features.py):
- files(catalogue, lang): the export files, written once, in the primary (kk) build,
  under /data/ of the site (data/centres.json, data/centres.csv, data/centres.geojson,
  data/centre.schema.json, data/hsds/<kk|ru>/{services,organizations}.json);
- pages(renderer): the Data page, data.md, in each language (/data/ and /ru/data/),
  which describes every file, its fields, its licence and how often it changes.

Every file is a pure function of the data: two builds of the same data give the
same bytes (no build time in any file; "updated" is the newest last_checked date).
"""

from __future__ import annotations

from generator.data.model import Catalogue, Lang
from generator.features.exports import common, csv_export, geojson_export, hsds_export, json_export
from generator.features.exports.words import STRINGS
from generator.site.i18n import Words as CoreWords
from generator.site.i18n import date_text
from generator.site.render import Page, Renderer, environment, front_matter, plain


class Words(CoreWords):
    """This feature's own strings."""

    def __init__(self, lang: Lang):
        super().__init__(lang, STRINGS)


# The last catalogue's exports: the Data pages of both languages show the files' sizes,
# and one build would otherwise make every export three times (a third of a large build).
_last: tuple[Catalogue, dict[str, str | bytes]] | None = None


def files(catalogue: Catalogue, lang: Lang) -> dict[str, str | bytes]:
    """The export files, once, in the primary (kk) build; the ru build links to them."""
    if lang != "kk":
        return {}
    return dict(_exports(catalogue))


def _exports(catalogue: Catalogue) -> dict[str, str | bytes]:
    global _last
    if _last is not None and _last[0] is catalogue:
        return _last[1]
    out: dict[str, str | bytes] = {
        common.JSON_FILE: json_export.render(catalogue),
        common.CSV_FILE: csv_export.render(catalogue),
        common.GEOJSON_FILE: geojson_export.render(catalogue),
        common.SCHEMA_COPY: common.SCHEMA_FILE.read_bytes(),
    }
    out.update(hsds_export.render(catalogue))
    _last = (catalogue, out)
    return out


def _size(content: str | bytes) -> int:
    return len(content.encode("utf-8") if isinstance(content, str) else content)


def data_page(catalogue: Catalogue, lang: Lang) -> Page:
    w = Words(lang)
    exports = _exports(catalogue)
    # kk's page is /data/, beside the files; ru's is /ru/data/.
    prefix = "" if lang == "kk" else "../../data/"

    def entry(path: str, fmt: str, what: str) -> dict[str, object]:
        name = path.removeprefix(common.FOLDER + "/")
        kb = max(1, round(_size(exports[path]) / 1024))
        return {"href": prefix + name, "name": name, "format": fmt, "what": what, "size": w("kb", n=kb)}

    entries = [
        entry(common.JSON_FILE, "JSON", w("what_json")),
        entry(common.CSV_FILE, "CSV (UTF-8, BOM)", w("what_csv")),
        entry(common.GEOJSON_FILE, "GeoJSON (RFC 7946)", w("what_geojson")),
        entry(common.SCHEMA_COPY, "JSON Schema", w("what_schema")),
    ]
    for hsds_lang in ("kk", "ru"):
        for kind, path in hsds_export.paths(hsds_lang).items():
            what = w("what_hsds", lang=w(f"lang_{hsds_lang}"), kind=w(f"hsds_{kind}"))
            entries.append(entry(path, "JSON (HSDS 3.0)", what))
    items = common.listings(catalogue)
    national = sum(1 for x in items if geojson_export.point(x) is None)
    columns = [{"headers": ", ".join(c.headers), "doc": c.doc[lang]} for c in csv_export.COLUMNS]
    body = (
        environment()
        .get_template("data.html")
        .render(
            w=w,
            lang=lang,
            entries=entries,
            updated=date_text(common.updated(catalogue), lang),
            count=len(items),
            national=national,
            points=len(items) - national,
            json_fields=[(name, doc[lang]) for name, doc in json_export.FIELDS],
            columns=columns,
            properties=[(name, doc[lang]) for name, doc in geojson_export.PROPERTIES],
            mapping=[(ours, theirs, doc[lang]) for ours, theirs, doc in hsds_export.MAPPING],
            terms=hsds_export.TERMS,
            taxonomy=hsds_export.TAXONOMY,
            namespace=str(hsds_export.NAMESPACE),
            licence_url=common.LICENCE["url"],
        )
    )
    # Out of the search index every page downloads: it describes files, not centres.
    meta = {"title": plain(w("title")), "description": plain(w("description")), "search": {"exclude": True}}
    return Page("data.md", front_matter(**meta) + body)


def pages(renderer: Renderer) -> list[Page]:
    return [data_page(renderer.catalogue, renderer.lang)]


__all__ = ["STRINGS", "files", "pages"]
