"""Open data (generator/exports): JSON, CSV, GeoJSON and the Data page, against the real data.

Nothing lost: every export round-trips to the real listings (ids, names in both
languages, phones, stay limits, eligibility). Nothing leaked: no location finer than
the town, no shelter address. Deterministic: two builds give the same bytes.
The HSDS export has its own tests in test_hsds.py.
"""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import re
import shutil
from pathlib import Path
from posixpath import normpath

import jsonschema
import pytest

from generator.data.model import Catalogue, build_listing
from generator.features import exports
from generator.features.exports import common, csv_export, geojson_export, hsds_export, json_export

from ..conftest import DATA, ROOT

EXPORT_FILES = {
    "data/centres.json",
    "data/centres.csv",
    "data/centres.geojson",
    "data/centre.schema.json",
    "data/hsds/kk/services.json",
    "data/hsds/kk/organizations.json",
    "data/hsds/ru/services.json",
    "data/hsds/ru/organizations.json",
    "data/hsds/kk/taxonomy_terms.json",
    "data/hsds/kk/taxonomies.json",
    "data/hsds/ru/taxonomy_terms.json",
    "data/hsds/ru/taxonomies.json",
}
KZ_LON, KZ_LAT = (46.0, 88.0), (40.0, 56.0)


@pytest.fixture(scope="module")
def files(catalogue) -> dict[str, str | bytes]:
    return exports.files(catalogue, "kk")


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads Cyrillic"
    text = content[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, (csv_export.unneutralise(cell) for cell in r), strict=True)) for r in body]


def hostile_catalogue(catalogue: Catalogue, edit) -> Catalogue:
    """The real reference data with one listing built from edited raw data (no validation)."""
    base = next(x for x in catalogue.listings if x.id == "astana-umit")
    raw = copy.deepcopy(base.raw)
    raw["id"] = "hostile"
    edit(raw)
    listing = build_listing(raw, "hostile.yaml", catalogue.regions, catalogue.cities, catalogue.services)
    return Catalogue(catalogue.regions, catalogue.cities, catalogue.services, catalogue.counts, [listing])


HOSTILE = {
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)",
    "tab": "\t=1",
    "spaced": "  =1+1",
    "apostrophe": "'quoted",
    "fullwidth": "\uff1d1+1",
    "html": '</script><script>alert("x")</script> & <b>',
    "pipes": "a | b \\ c |",
    "separators": "line\u2028sep\u2029para\nnew\r\nline",
    "quotes": "\"double\" and 'single' and \\backslash",
}


# ---------------------------------------------------------------- the feature


def test_files_are_written_once_in_the_primary_build(catalogue, files):
    assert set(files) == EXPORT_FILES
    assert exports.files(catalogue, "ru") == {}
    assert files["data/centre.schema.json"] == (ROOT / "schema" / "centre.schema.json").read_bytes()


def test_both_languages_have_the_same_words():
    assert set(exports.STRINGS["kk"]) == set(exports.STRINGS["ru"])
    assert all(v.strip() for strings in exports.STRINGS.values() for v in strings.values())
    docs = (
        [c.doc for c in csv_export.COLUMNS]
        + [d for _, d in json_export.FIELDS]
        + [d for _, d in geojson_export.PROPERTIES]
        + [t.name for t in hsds_export.TERMS]
        + [t.description for t in hsds_export.TERMS]
    )
    for doc in docs:
        assert set(doc) == {"kk", "ru"} and doc["kk"].strip() and doc["ru"].strip(), doc
    for _, _, doc in hsds_export.MAPPING:
        assert set(doc) == {"kk", "ru"} and bool(doc["kk"]) == bool(doc["ru"]), doc
    assert set(hsds_export.WORDS["kk"]) == set(hsds_export.WORDS["ru"])
    assert set(hsds_export.LANGUAGE_NAMES["kk"]) == set(hsds_export.LANGUAGE_NAMES["ru"])


def test_every_language_code_the_schema_allows_has_a_name():
    schema = json.loads((ROOT / "schema" / "centre.schema.json").read_text(encoding="utf-8"))
    codes = set(schema["$defs"]["languages"]["oneOf"][0]["items"]["enum"])
    assert codes == set(hsds_export.LANGUAGE_NAMES["kk"])


# ---------------------------------------------------------------- centres.json


def test_json_round_trips_every_listing_with_all_fields(catalogue, files):
    document = json.loads(files["data/centres.json"])
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    assert [c["id"] for c in document["centres"]] == [x.id for x in listings]
    assert document["count"] == len(listings) == len(list((DATA / "centres").glob("*.yaml")))
    for item, x in zip(document["centres"], listings, strict=True):
        assert item == x.raw, x.id  # every field, both languages, exactly as the file says
    schema = json.loads((ROOT / "schema" / "centre.schema.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == schema["x-schema-version"]
    assert document["updated"] == max(x.verification.last_checked for x in listings)
    validator = jsonschema.Draft202012Validator(schema)
    for item in document["centres"]:
        errors = [e.message for e in validator.iter_errors(item)]
        assert not errors, (item["id"], errors)
    assert set(document["regions"]) == set(catalogue.regions)
    assert set(document["cities"]) == set(catalogue.cities)
    assert list(document["services"]) == list(catalogue.services)
    for key, city in document["cities"].items():
        assert (city["kk"], city["ru"]) == (catalogue.cities[key].name.kk, catalogue.cities[key].name.ru)


def test_json_escapes_hostile_text(catalogue):
    def edit(raw):
        raw["name"] = {"kk": HOSTILE["html"], "ru": HOSTILE["separators"]}
        raw["description"] = {"kk": HOSTILE["quotes"], "ru": HOSTILE["formula"]}

    text = json_export.render(hostile_catalogue(catalogue, edit))
    assert not re.search("[<>&\u2028\u2029]", text), "safe to paste into HTML or a <script>"
    item = json.loads(text)["centres"][0]
    assert item["name"] == {"kk": HOSTILE["html"], "ru": HOSTILE["separators"]}
    assert item["description"] == {"kk": HOSTILE["quotes"], "ru": HOSTILE["formula"]}
    geo = geojson_export.render(hostile_catalogue(catalogue, edit))
    assert "<" not in geo and json.loads(geo)["features"][0]["properties"]["name_kk"] == HOSTILE["html"]


# ---------------------------------------------------------------- centres.csv


def test_csv_has_a_bom_crlf_and_the_documented_header(files):
    content = files["data/centres.csv"]
    assert isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf")
    lines = content.split(b"\r\n")
    assert lines[-1] == b"" and all(not line.endswith(b"\r") for line in lines)
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header == csv_export.headers()
    assert len(header) == len(set(header))


def test_csv_round_trips_every_listing_in_both_languages(catalogue, files):
    rows = read_csv(files["data/centres.csv"])
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    assert [r["id"] for r in rows] == [x.id for x in listings]
    for r, x in zip(rows, listings, strict=True):
        for lang in ("kk", "ru"):
            assert r[f"name_{lang}"] == x.name(lang)
            assert r[f"organization_{lang}"] == x.organization(lang)
            assert r[f"description_{lang}"] == x.description(lang)
            assert r[f"region_{lang}"] == (x.region.name(lang) if x.region else "")
            assert r[f"city_{lang}"] == (x.city.name(lang) if x.city else "")
            assert r[f"services_{lang}"] == csv_export.join_list([s.label(lang) for s in x.services])
            reach = x.contacts.how_to_reach(lang) if x.contacts.how_to_reach else ""
            assert r[f"how_to_reach_{lang}"] == reach
        assert r["region_code"] == (x.region.code if x.region else "")
        assert csv_export.split_list(r["phones"]) == [p.display for p in x.contacts.phones]
        assert csv_export.split_list(r["phones_tel"]) == [p.tel for p in x.contacts.phones]
        assert csv_export.split_list(r["phone_types"]) == [p.type for p in x.contacts.phones]
        assert csv_export.split_list(r["services"]) == [s.key for s in x.services]
        stay = x.raw.get("stay") or {}
        assert (r["stay_min"], r["stay_max"]) == (stay.get("min", ""), stay.get("max", "")), x.id
        assert r["stay_exceptional_max"] == stay.get("exceptional_max", "")
        assert r["places"] == ("" if x.places is None else str(x.places))
        for flag in ("with_children", "pregnant", "hiv", "mental_disorders", "police_report_required"):
            assert r[flag] == x.raw["eligibility"][flag], (x.id, flag)
        assert r["referral_required"] == x.eligibility.referral_required
        assert r["gender"] == x.eligibility.gender
        assert r["fee"] == x.fee and r["status"] == x.status and r["kind"] == x.kind
        assert r["last_checked"] == x.verification.last_checked
        assert r["page_kk"] == f"centres/{x.id}/" and r["page_ru"] == f"ru/centres/{x.id}/"


def test_csv_neutralises_formulas_and_keeps_the_text(catalogue):
    def edit(raw):
        raw["name"] = {"kk": HOSTILE["formula"], "ru": HOSTILE["plus"]}
        raw["organization"] = {"kk": HOSTILE["minus"], "ru": HOSTILE["at"]}
        raw["description"] = {"kk": HOSTILE["tab"], "ru": HOSTILE["spaced"]}
        raw["alternate_name"] = {"kk": HOSTILE["apostrophe"], "ru": HOSTILE["fullwidth"]}
        raw["eligibility"]["notes"] = {"kk": HOSTILE["separators"], "ru": HOSTILE["quotes"]}
        raw["contacts"].pop("channels", None)  # the old form, read as channels
        raw["contacts"]["phones"] = [
            {"number": "+7 701 123 4567", "type": "whatsapp", "description": {"kk": HOSTILE["pipes"], "ru": "=1"}},
            {"number": "150", "type": "voice"},
        ]

    hostile = hostile_catalogue(catalogue, edit)
    x = hostile.listings[0]  # the model strips surrounding spaces and tabs, as the site does
    content = csv_export.render(hostile)
    raw_rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert len(raw_rows) == 2, "embedded newlines stay inside quoted cells"
    for cell in raw_rows[1]:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")), cell
    cells = dict(zip(raw_rows[0], raw_rows[1], strict=True))
    assert cells["name_kk"] == "'" + HOSTILE["formula"]
    assert cells["alternate_name_kk"] == "''quoted"
    assert cells["phones"] == "'+7 701 123 4567 | 150"
    row = read_csv(content)[0]
    assert row["name_kk"] == HOSTILE["formula"] and row["name_ru"] == HOSTILE["plus"]
    assert row["organization_kk"] == HOSTILE["minus"] and row["organization_ru"] == HOSTILE["at"]
    assert row["description_kk"] == x.description.kk == "=1" and row["description_ru"] == x.description.ru
    assert row["alternate_name_kk"] == HOSTILE["apostrophe"] and row["alternate_name_ru"] == HOSTILE["fullwidth"]
    assert row["eligibility_notes_kk"] == x.eligibility.notes.kk
    assert row["eligibility_notes_ru"] == HOSTILE["quotes"]
    assert csv_export.split_list(row["phone_descriptions_kk"]) == [HOSTILE["pipes"], ""]
    assert csv_export.split_list(row["phone_descriptions_ru"]) == ["=1", ""]
    assert csv_export.split_list(row["phones_tel"]) == ["+77011234567", "150"]
    assert csv_export.split_list(row["phone_types"]) == ["whatsapp", "voice"]


@pytest.mark.parametrize("cell", [v for k, v in HOSTILE.items() if k not in ("html", "pipes", "quotes", "separators")])
def test_csv_neutralise_is_reversible_and_defuses_every_trigger(cell):
    safe = csv_export.neutralise(cell)
    assert safe.startswith("'") and csv_export.unneutralise(safe) == cell
    assert csv_export.neutralise("150") == "150" and csv_export.neutralise("Алматы") == "Алматы"


@pytest.mark.parametrize(
    "items",
    [[], ["one"], ["a | b", "c\\", "\\|", ""], ["|", "||", " | "], ["x\\ | y", "end\\"]],
)
def test_csv_lists_split_back_exactly(items):
    joined = csv_export.join_list(items)
    assert csv_export.split_list(joined) == (items if items != [""] else [])
    assert csv_export.unneutralise(csv_export.neutralise(joined)) == joined


# ---------------------------------------------------------------- centres.geojson


def numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v)
    elif isinstance(value, float):
        yield value


def test_geojson_is_rfc7946_with_town_points_inside_kazakhstan(catalogue, files):
    document = json.loads(files["data/centres.geojson"])
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document, "RFC 7946 removed crs: coordinates are WGS 84"
    assert isinstance(document["features"], list)
    by_id = {x.id: x for x in catalogue.listings}
    assert sorted(f["id"] for f in document["features"]) == sorted(by_id), "every listing, once"
    for f in document["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert isinstance(f["id"], str | int)
        assert set(f) <= {"type", "id", "geometry", "properties", "bbox"}
        x = by_id[f["id"]]
        if x.city is None:
            assert f["geometry"] is None, "a national line has no place (RFC 7946, 3.2)"
            assert x.is_national
            continue
        geometry = f["geometry"]
        assert geometry["type"] == "Point" and set(geometry) == {"type", "coordinates"}
        lon, lat = geometry["coordinates"]
        assert (lon, lat) == (round(x.city.lon, 2), round(x.city.lat, 2)), "longitude first, the town's centre"
        assert KZ_LON[0] <= lon <= KZ_LON[1] and KZ_LAT[0] <= lat <= KZ_LAT[1], (x.id, lon, lat)
        props = f["properties"]
        assert (props["name_kk"], props["name_ru"]) == (x.name.kk, x.name.ru)
        assert (props["city_kk"], props["city_ru"]) == (x.city.name.kk, x.city.name.ru)
        assert props["precision"] == "city"
        assert props["phones"] == [p.tel for p in x.contacts.phones]
    national = sum(1 for f in document["features"] if f["geometry"] is None)
    assert national == len(catalogue.national) > 0
    assert all(round(n, 2) == n for n in numbers(document)), "no coordinate finer than 2 decimals"


# ---------------------------------------------------------------- nothing leaked


def test_no_export_holds_a_place_finer_than_the_town(catalogue, files):
    towns = {(round(c.lat, 2), round(c.lon, 2)) for c in catalogue.cities.values()}
    for path, content in files.items():
        if path.endswith(".schema.json"):
            continue
        text = as_bytes(content).decode("utf-8-sig")
        if path.endswith((".json", ".geojson")):
            document = json.loads(text)
            assert all(round(n, 2) == n for n in numbers(document)), path
            assert '"latitude"' not in text and '"longitude"' not in text, path
    cities = json.loads(files["data/centres.json"])["cities"]
    assert {(c["lat"], c["lon"]) for c in cities.values()} == towns
    header = csv_export.headers()
    assert not {"lat", "lon", "latitude", "longitude"} & set(header)


def test_a_shelter_address_never_reaches_an_export(catalogue):
    secret = "Секретная улица, 7"

    def edit(raw):  # impossible in valid data (the schema forbids it): defence in depth
        raw["location"]["address"] = {"kk": secret, "ru": secret, "source": "https://example.kz"}

    hostile = hostile_catalogue(catalogue, edit)
    assert hostile.listings[0].has_shelter and hostile.listings[0].address is not None
    for path, content in exports.files(hostile, "kk").items():
        assert secret not in as_bytes(content).decode("utf-8-sig"), path


def test_a_published_office_address_is_kept(catalogue):
    office = "Офис: Абай даңғылы, 10"

    def edit(raw):
        raw["kind"] = "centre"
        del raw["stay"]
        del raw["places"]
        raw["location"]["address"] = {"kk": office, "ru": office, "source": "https://example.kz"}

    hostile = hostile_catalogue(catalogue, edit)
    row = read_csv(csv_export.render(hostile))[0]
    assert row["office_address_kk"] == office == row["office_address_ru"]
    assert json.loads(json_export.render(hostile))["centres"][0]["location"]["address"]["ru"] == office


# ---------------------------------------------------------------- the build


def test_built_site_has_the_exports_once_and_equal_to_the_data(built_site: Path, files):
    built = {str(p.relative_to(built_site)) for p in (built_site / "data").rglob("*") if p.is_file()}
    assert built == EXPORT_FILES | {"data/index.html"}
    ru = {str(p.relative_to(built_site / "ru")) for p in (built_site / "ru" / "data").rglob("*") if p.is_file()}
    assert ru == {"data/index.html"}, "the files exist once, at /data/"
    for path in EXPORT_FILES:
        assert (built_site / path).read_bytes() == as_bytes(files[path]), path


def test_exports_are_byte_identical_when_the_data_is_read_again_elsewhere(built_site: Path, tmp_path: Path):
    """The data read again from another folder, its files written in another order, gives the
    built exports byte for byte. (The exports are what the build writes: the test above.)"""
    from generator.data.validate import validate

    data = shutil.copytree(DATA, tmp_path / "data")
    report = validate(data)
    assert report.ok
    again = exports.files(report.catalogue, "kk")
    for path in EXPORT_FILES:
        assert as_bytes(again[path]) == (built_site / path).read_bytes(), path


@pytest.mark.parametrize(("lang", "prefix"), [("kk", ""), ("ru", "ru/")])
def test_data_page_describes_every_file_and_field(built_site: Path, catalogue, lang: str, prefix: str):
    markup = (built_site / prefix / "data" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in markup
    words = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    words = re.sub(r"\s+", " ", words)
    w = exports.Words(lang)
    assert w("title") in words and "CC BY 4.0" in words
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in markup
    from generator.site.i18n import date_text

    updated = w("updated", date=date_text(common.updated(catalogue), lang), n=len(catalogue.listings))
    assert re.sub(r"\s+", " ", updated) in words, "the date with the month's name, as CLDR writes it"
    hrefs = re.findall(r'<a href="([^"]+)" download>', markup)
    page_dir = f"{prefix}data/"
    targets = {normpath(page_dir + href) for href in hrefs}
    assert targets == EXPORT_FILES, "a link to every file, relative to the page"
    for column in csv_export.headers():
        assert column in words, column
    for name, _ in json_export.FIELDS + geojson_export.PROPERTIES:
        assert name in words, name
    for term in hsds_export.TERMS:
        assert term.code in words and term.name[lang] in words, term.code
    assert str(hsds_export.NAMESPACE) in words
    national = sum(1 for x in catalogue.listings if x.city is None)
    assert w("geojson_national", n=national, points=len(catalogue.listings) - national) in words
    assert "<script>" not in markup.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def test_data_page_is_in_the_nav_of_both_languages(built_site: Path):
    for prefix in ("", "ru/"):
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        assert 'href="data/"' in home, prefix


def test_licence_file_states_cc_by_4():
    text = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/" in text
    assert exports.common.LICENCE["name"] == "CC BY 4.0"


def test_every_export_carries_each_channel_with_its_hours_and_languages(catalogue, files):
    """Issue 17: JSON, CSV and GeoJSON carry each listing's channels, their hours and languages."""
    document = json.loads(files["data/centres.json"])
    rows = {row["id"]: row for row in read_csv(as_bytes(files["data/centres.csv"]))}
    features = {f["id"]: f["properties"] for f in json.loads(files["data/centres.geojson"])["features"]}
    by_id = {x.id: x for x in catalogue.listings}
    with_channels = [x for x in catalogue.listings if x.contacts.channels]
    assert with_channels, "the real data has channels"
    for item in document["centres"]:
        x = by_id[item["id"]]
        assert "phones" not in item["contacts"]
        assert [c["kind"] for c in item["contacts"]["channels"]] == [c.kind for c in x.contacts.channels]
        row, feature = rows[x.id], features[x.id]
        assert csv_export.split_list(row["channels"]) == [f"{c.kind} {c.display}" for c in x.contacts.channels]
        assert csv_export.split_list(row["channel_hours"]) == [
            common.hours_text(c.hours_list) for c in x.contacts.channels
        ]
        assert [c["hours"] for c in feature["channels"]] == [c.hours_list for c in x.contacts.channels]
        assert [c["languages"] for c in feature["channels"]] == [
            c.languages if isinstance(c.languages, str) else list(c.languages) for c in x.contacts.channels
        ]


def test_a_listing_still_in_the_old_form_is_exported_with_channels(catalogue):
    def edit(raw):
        how = raw["contacts"]["how_to_reach"]
        raw["contacts"] = {"phones": [{"number": "150", "type": "voice"}], "how_to_reach": how}
        raw["hours"] = "24/7"

    old = hostile_catalogue(catalogue, edit)
    (item,) = json_export.build(old)["centres"]
    (channel,) = item["contacts"]["channels"]
    assert channel["kind"] == "voice" and channel["number"] == "150" and channel["hours"] == "24/7"
    assert list(item["contacts"]) == ["channels", "how_to_reach"]
