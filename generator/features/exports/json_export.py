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

# The top-level keys, documented on the Data page (both languages).
FIELDS: list[tuple[str, dict[str, str]]] = [
    (
        "schema_version",
        {
            "kk": "Жазба схемасының нұсқасы (centre.schema.json ішіндегі x-schema-version).",
            "ru": "Версия схемы записи (x-schema-version в centre.schema.json).",
        },
    ),
    (
        "schema",
        {
            "kk": "Әр жазбаны тексеретін JSON Schema файлы; осы файлдың жанында жатыр.",
            "ru": "Файл JSON Schema, по которому проверяется каждая запись; лежит рядом с этим файлом.",
        },
    ),
    (
        "updated",
        {
            "kk": "Деректердің күні: жазбалардың ең соңғы тексерілген күні (YYYY-MM-DD).",
            "ru": "Дата данных: самая поздняя дата проверки среди записей (YYYY-MM-DD).",
        },
    ),
    ("licence", {"kk": "Деректердің лицензиясы және оның сілтемесі.", "ru": "Лицензия данных и ссылка на неё."}),
    ("count", {"kk": "Жазбалар саны.", "ru": "Число записей."}),
    (
        "regions",
        {
            "kk": "ISO 3166-2 коды бойынша өңірлер: атауы ағылшынша (en), қазақша (kk), орысша (ru).",
            "ru": "Регионы по коду ISO 3166-2: название по-английски (en), по-казахски (kk), по-русски (ru).",
        },
    ),
    (
        "cities",
        {
            "kk": "Қалалар: өңірі, атаулары және қала орталығының координаттары (2 ондық таңба). "
            "Бұл ешқашан орталықтың орны емес.",
            "ru": "Города: регион, названия и координаты центра города (2 знака после запятой). "
            "Это никогда не место самого центра.",
        },
    ),
    (
        "services",
        {
            "kk": "Көмек түрлерінің сөздігі: кілті, қазақша және орысша атауы.",
            "ru": "Словарь видов помощи: ключ, название по-казахски и по-русски.",
        },
    ),
    (
        "centres",
        {
            "kk": "Жазбалар (id бойынша реттелген). Әрқайсысы — data/centres/<id>.yaml файлының өзі, "
            "барлық өрісімен және екі тілде; centre.schema.json схемасына сай.",
            "ru": "Записи (по порядку id). Каждая — сам файл data/centres/<id>.yaml со всеми полями "
            "на обоих языках; соответствует схеме centre.schema.json.",
        },
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
