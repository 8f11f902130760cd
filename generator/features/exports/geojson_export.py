"""centres.geojson: an RFC 7946 FeatureCollection, one feature per listing, placed by TOWN only.

A local listing is a Point at the centre of its town (data/cities.yaml, 2 decimals,
[longitude, latitude]): never where the centre or shelter is. Listings in the same
town share the same point. A national line has no place, so its feature has
"geometry": null (RFC 7946, section 3.2), and every listing is still in the file.
No "crs" member: RFC 7946 coordinates are always WGS 84.
"""

from __future__ import annotations

from typing import Any

from generator.data.model import Catalogue, Listing
from generator.features.exports import common
from generator.features.exports.words import doc

# Each feature's properties, documented on the Data page.
PROPERTIES: list[tuple[str, dict[str, str]]] = [
    (
        "id",
        doc("geojson_id"),
    ),
    ("kind", doc("geojson_kind")),
    ("status", doc("geojson_status")),
    (
        "scope",
        doc("geojson_scope"),
    ),
    ("name_kk, name_ru", doc("geojson_name_kk_name_ru")),
    ("region_code, region_kk, region_ru", doc("geojson_region_code_region_kk_region_ru")),
    ("city_key, city_kk, city_ru", doc("geojson_city_key_city_kk_city_ru")),
    (
        "precision",
        doc("geojson_precision"),
    ),
    ("services", doc("geojson_services")),
    ("phones", doc("geojson_phones")),
    (
        "page_kk, page_ru",
        doc("geojson_page_kk_page_ru"),
    ),
]


def point(listing: Listing) -> dict[str, Any] | None:
    if listing.city is None:
        return None
    return {"type": "Point", "coordinates": [round(listing.city.lon, 2), round(listing.city.lat, 2)]}


def feature(x: Listing) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": x.id,
        "geometry": point(x),
        "properties": {
            "id": x.id,
            "kind": x.kind,
            "status": x.status,
            "scope": x.scope,
            "name_kk": x.name.kk,
            "name_ru": x.name.ru,
            "region_code": x.region.code if x.region else None,
            "region_kk": x.region.name.kk if x.region else None,
            "region_ru": x.region.name.ru if x.region else None,
            "city_key": x.city.key if x.city else None,
            "city_kk": x.city.name.kk if x.city else None,
            "city_ru": x.city.name.ru if x.city else None,
            "precision": "city" if x.city else None,
            "services": [s.key for s in x.services],
            "phones": [p.tel for p in x.contacts.phones],
            "page_kk": common.page_path(x, "kk"),
            "page_ru": common.page_path(x, "ru"),
        },
    }


def build(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        # Foreign members (RFC 7946, section 6.1): what the file is, for whoever opens it.
        "schema_version": common.schema_version(),
        "updated": common.updated(catalogue),
        "licence": common.LICENCE,
        "features": [feature(x) for x in common.listings(catalogue)],
    }


def render(catalogue: Catalogue) -> str:
    return common.dump_json(build(catalogue))
