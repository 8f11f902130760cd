"""centres.geojson: an RFC 7946 FeatureCollection, one feature per listing, placed by TOWN only.

A local listing is a Point at the centre of its town (data/cities.yaml, 2 decimals,
[longitude, latitude]): never where the centre or shelter is. Listings in the same
town share the same point. A national line has no place, so its feature has
"geometry": null (RFC 7946, section 3.2), and every listing is still in the file.
No "crs" member: RFC 7946 coordinates are always WGS 84.
"""

from __future__ import annotations

from typing import Any

from generator.data.channels import Channel
from generator.data.model import Catalogue, Listing
from generator.data.phones import parse_phone
from generator.features.exports import common


def _d(kk: str, ru: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru}


# Each feature's properties, documented on the Data page.
PROPERTIES: list[tuple[str, dict[str, str]]] = [
    (
        "id",
        _d(
            "Жазбаның идентификаторы (centres.json, centres.csv ішіндегідей).",
            "Идентификатор записи (как в centres.json и centres.csv).",
        ),
    ),
    ("kind", _d("shelter, centre, helpline немесе emergency.", "shelter, centre, helpline или emergency.")),
    ("status", _d("active, suspended, closed немесе unknown.", "active, suspended, closed или unknown.")),
    (
        "scope",
        _d(
            "local немесе national (national болса, geometry — null).",
            "local или national (у national geometry — null).",
        ),
    ),
    ("name_kk, name_ru", _d("Атауы қазақша және орысша.", "Название по-казахски и по-русски.")),
    ("region_code, region_kk, region_ru", _d("Өңірдің коды мен атауы.", "Код и название региона.")),
    ("city_key, city_kk, city_ru", _d("Қаланың кілті мен атауы.", "Ключ и название города.")),
    (
        "precision",
        _d("«city»: нүкте — қала орталығы, орталықтың орны емес.", "«city»: точка — центр города, а не место центра."),
    ),
    ("services", _d("Көмек түрлерінің кілттері (тізім).", "Ключи видов помощи (список).")),
    ("phones", _d("Терілетін телефон нөмірлері (тізім).", "Номера телефонов для набора (список).")),
    (
        "channels",
        _d(
            "Байланыс арналары: kind, contact (терілетін нөмір не мекенжай), hours (24/7, unknown не кезеңдер, "
            "Asia/Almaty), languages, cost.",
            "Каналы связи: kind, contact (номер для набора или адрес), hours (24/7, unknown или периоды, "
            "Asia/Almaty), languages, cost.",
        ),
    ),
    (
        "page_kk, page_ru",
        _d("Жазба бетінің сайт түбіріне қатысты жолы.", "Путь страницы записи относительно корня сайта."),
    ),
]


def point(listing: Listing) -> dict[str, Any] | None:
    if listing.city is None:
        return None
    return {"type": "Point", "coordinates": [round(listing.city.lon, 2), round(listing.city.lat, 2)]}


def channel(c: Channel) -> dict[str, Any]:
    parsed = parse_phone(c.number) if c.number else None
    return {
        "kind": c.kind,
        "contact": parsed.tel if parsed else c.display or None,
        "hours": c.hours_list,
        "languages": c.languages if isinstance(c.languages, str) else list(c.languages),
        "cost": c.cost,
    }


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
            "channels": [channel(c) for c in x.contacts.channels],
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
