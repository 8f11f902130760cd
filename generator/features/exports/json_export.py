"""centres.json: every field of every listing, both languages, exactly as the YAML says.

Each item of "centres" is the listing file itself (its keys in the schema's order),
so it validates against centre.schema.json, which is published beside it. The
reference tables (regions, cities, services) give the names behind the codes.
"""

from __future__ import annotations

import json
from typing import Any

from generator.data.model import Catalogue
from generator.features.exports import common
from generator.features.exports.words import doc

# The top-level keys, documented on the Data page (both languages).
FIELDS: list[tuple[str, dict[str, str]]] = [
    (
        "schema_version",
        doc("json_schema_version"),
    ),
    (
        "schema",
        doc("json_schema"),
    ),
    (
        "updated",
        doc("json_updated"),
    ),
    ("licence", doc("json_licence")),
    ("count", doc("json_count")),
    (
        "regions",
        doc("json_regions"),
    ),
    (
        "cities",
        doc("json_cities"),
    ),
    (
        "services",
        doc("json_services"),
    ),
    (
        "centres",
        doc("json_centres"),
    ),
]


def _ordered(raw: dict[str, Any], order: list[str]) -> dict[str, Any]:
    keys = [k for k in order if k in raw] + sorted(k for k in raw if k not in order)
    return {k: raw[k] for k in keys}


def build(catalogue: Catalogue) -> dict[str, Any]:
    schema = json.loads(common.SCHEMA_FILE.read_text(encoding="utf-8"))
    order = list(schema["properties"])
    items = common.listings(catalogue)
    document = {
        "schema_version": schema["x-schema-version"],
        "schema": "centre.schema.json",
        "updated": common.updated(catalogue),
        "licence": common.LICENCE,
        "count": len(items),
        "regions": {
            code: {"en": r.en, "kk": r.name.kk, "ru": r.name.ru} for code, r in sorted(catalogue.regions.items())
        },
        "cities": {
            key: {"region": c.region, "kk": c.name.kk, "ru": c.name.ru, "lat": round(c.lat, 2), "lon": round(c.lon, 2)}
            for key, c in sorted(catalogue.cities.items())
        },
        "services": {
            key: {"kk": s.label.kk, "ru": s.label.ru, "need": s.need} for key, s in catalogue.services.items()
        },
        "centres": [_ordered(common.public_raw(x), order) for x in items],
    }
    assert [k for k, _ in FIELDS] == list(document), "document every top-level key on the Data page"
    return document


def render(catalogue: Catalogue) -> str:
    return common.dump_json(build(catalogue))
