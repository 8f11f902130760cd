"""The Open Referral HSDS 3.0 export: valid against the official schemas, complete, and safe.

The schemas (service.json, organization.json from openreferral/specification, CC BY-SA)
can't be committed; they are read from ../shared/hsds-3.0/ beside the checkout. Without
them the schema tests skip locally and FAIL in CI (CI is set), which must run them.
Like upstream's own check of its examples (compiletojsonschema
--set-additional-properties-false-everywhere), every object schema is tightened with
additionalProperties: false, so a misspelt or invented field fails.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections import Counter
from typing import Any

import jsonschema
import pytest

from generator.data.model import Catalogue, build_listing
from generator.features import exports
from generator.features.exports import hsds_export

from ..conftest import ROOT, missing_tool

HSDS = ROOT.parent / "shared" / "hsds-3.0"
LANGS = ("kk", "ru")


def tighten(schema: Any) -> Any:
    """A copy with additionalProperties: false on every object schema, recursively."""
    if isinstance(schema, list):
        return [tighten(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: tighten(value) for key, value in schema.items()}
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind) or isinstance(schema.get("properties"), dict):
        out["additionalProperties"] = False
    return out


def load_schema(name: str) -> dict[str, Any]:
    path = HSDS / name
    if not path.exists():
        missing_tool(f"HSDS 3.0 schema {path} is missing (see README: it comes from openreferral/specification)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.protocols.Validator]:
    out = {}
    schemas = {name: tighten(load_schema(f"{name}.json")) for name in ("service", "organization")}
    # HSDS 3.0's compiled schemas have no file of their own for a term or a taxonomy: use the
    # taxonomy_term object (and its taxonomy_detail) as service.json defines it.
    term = schemas["service"]["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    schemas["taxonomy_term"] = term
    schemas["taxonomy"] = term["properties"]["taxonomy_detail"]
    for name, schema in schemas.items():
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        cls.check_schema(schema)
        out[name] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return out


def errors(validator, item) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(item)]


@pytest.fixture(scope="module")
def datasets(catalogue) -> dict[str, dict[str, Any]]:
    files = exports.files(catalogue, "kk")
    out = {}
    for lang in LANGS:
        paths = hsds_export.paths(lang)
        out[lang] = {kind: json.loads(files[path]) for kind, path in paths.items()}
    return out


def walk(value: Any, path: tuple = ()):
    """(path, key, value) for every key of every object in a JSON document."""
    if isinstance(value, dict):
        for key, v in value.items():
            yield path, key, v
            yield from walk(v, (*path, key))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, (*path, i))


# Term IDs are the same in both languages: uuid5 of the taxonomy and the code.
FACT_CODES = {hsds_export.term_id(hsds_export.TAXONOMY, t.code): t.code for t in hsds_export.TERMS}


def attrs(record: dict[str, Any]) -> dict[str, str | None]:
    """The facts of a record by term code (service kinds are another taxonomy, whose codes may repeat)."""
    facts = [a for a in record["attributes"] if a["taxonomy_term_id"] in FACT_CODES]
    out = {FACT_CODES[a["taxonomy_term_id"]]: a["value"] for a in facts}
    assert len(out) == len(facts), "one attribute per fact"
    return out


def uid(*parts: str) -> str:
    return str(uuid.uuid5(hsds_export.NAMESPACE, ":".join(parts)))


def fixture_catalogue(catalogue: Catalogue) -> Catalogue:
    """Paths the real data doesn't take yet: weekly hours, an office, a WhatsApp line, numeric ages."""
    base = next(x for x in catalogue.listings if x.id == "astana-umit")
    raw = copy.deepcopy(base.raw)
    raw.update(id="office-centre", kind="centre", status="suspended", languages=["kk", "ru", "uz"])
    del raw["stay"], raw["places"]
    raw["location"]["address"] = {"kk": "Абай даңғылы, 10", "ru": "проспект Абая, 10", "source": "https://example.kz"}
    raw["hours"] = [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"},
        {"days": ["sat"], "opens": "10:00", "closes": "24:00"},
    ]
    raw["contacts"] = {
        "phones": [
            {"number": "+7 701 123 4567", "type": "whatsapp", "description": {"kk": "тек жазу", "ru": "только писать"}},
            {"number": "+7 717 255 5555", "type": "voice"},
        ],
        "email": "help@example.kz",
        "website": "https://example.kz",
    }
    raw["eligibility"]["children_age_max"] = {"boys": 10.5, "girls": "none"}
    raw["cost"] = {"fee": "paid", "notes": {"kk": "ақылы", "ru": "платно"}}
    listing = build_listing(raw, "office-centre.yaml", catalogue.regions, catalogue.cities, catalogue.services)
    return Catalogue(catalogue.regions, catalogue.cities, catalogue.services, catalogue.counts, [listing])


# ---------------------------------------------------------------- the schemas and the tightening


def test_tightening_keeps_upstream_examples_valid_and_rejects_unknown_fields(validators):
    for name, example in (("service", "example-service_full.json"), ("organization", "example-organization_full.json")):
        data = json.loads((HSDS / example).read_text(encoding="utf-8"))
        assert not errors(validators[name], data), example
        bad = copy.deepcopy(data)
        bad["phones"][0]["extra"] = "x"
        assert errors(validators[name], bad), "additionalProperties: false reaches nested objects"
        bad = copy.deepcopy(data)
        bad["invented"] = 1
        assert errors(validators[name], bad)


KINDS = (
    ("services", "service"),
    ("organizations", "organization"),
    ("taxonomy_terms", "taxonomy_term"),
    ("taxonomies", "taxonomy"),
)


@pytest.mark.parametrize("lang", LANGS)
def test_every_record_validates_against_hsds_3(validators, datasets, lang):
    for kind, schema in KINDS:
        assert datasets[lang][kind]["contents"], kind
        for item in datasets[lang][kind]["contents"]:
            problems = errors(validators[schema], item)
            assert not problems, (lang, kind, item["id"], problems[:5])


def test_term_and_taxonomy_schemas_reject_what_hsds_does_not_define(validators):
    assert errors(validators["taxonomy_term"], {"id": hsds_export.uid("x"), "name": "n"}), "description is required"
    assert errors(validators["taxonomy_term"], {"id": "a", "name": "n", "description": "d", "invented": 1})
    assert errors(validators["taxonomy"], {"id": "a", "name": "n", "description": "d", "code": "c"})


@pytest.mark.parametrize("lang", LANGS)
def test_every_attribute_names_a_published_term_of_a_published_taxonomy(datasets, catalogue, lang):
    terms = {t["id"]: t for t in datasets[lang]["taxonomy_terms"]["contents"]}
    taxonomies = {t["id"] for t in datasets[lang]["taxonomies"]["contents"]}
    assert len(terms) == len(datasets[lang]["taxonomy_terms"]["contents"]), "each term once"
    assert len(terms) == len(hsds_export.TERMS) + len(catalogue.services)
    assert {t["taxonomy_id"] for t in terms.values()} == taxonomies
    assert {t["language"] for t in terms.values()} == {lang}
    used = set()
    for kind in ("services", "organizations"):
        for path, key, value in walk(datasets[lang][kind]):
            assert key != "taxonomy_term", "terms are published once, not embedded in every attribute"
            if key == "taxonomy_term_id":
                assert value in terms, (kind, path)
                used.add(value)
    fact_terms = {hsds_export.term_id(hsds_export.TAXONOMY, t.code) for t in hsds_export.TERMS}
    assert used >= fact_terms - {hsds_export.term_id(hsds_export.TAXONOMY, c) for c in OPTIONAL_FACTS}
    by_code = {(t["taxonomy"], t["code"]): t for t in terms.values()}
    shelter = by_code[(hsds_export.SERVICES_TAXONOMY["code"], "shelter")]
    assert shelter["name"] == catalogue.services["shelter"].label(lang)


# Facts that only some listings have (the real data may lack them all).
OPTIONAL_FACTS = {"children_age_max_boys", "children_age_max_girls", "stay_exceptional_max", "stay_notes"}


def test_records_on_paths_the_real_data_lacks_validate_too(validators, catalogue):
    fixture = fixture_catalogue(catalogue)
    for lang in LANGS:
        x = fixture.listings[0]
        assert not errors(validators["service"], hsds_export.service(x, lang))
        assert not errors(validators["organization"], hsds_export.organization_record(x, lang))


def test_urls_and_emails_are_well_formed(datasets):
    # jsonschema checks format "uri" only with an extra package; check ours by hand.
    for lang in LANGS:
        for _, key, value in walk(datasets[lang]):
            if key in ("url", "website", "uri", "schedule_link", "term_uri"):
                assert isinstance(value, str) and value.startswith(("https://", "http://")), value


# ---------------------------------------------------------------- shape of the files


@pytest.mark.parametrize("lang", LANGS)
def test_files_are_one_complete_api_page(datasets, catalogue, lang):
    n = len(catalogue.listings)
    counts = {"taxonomy_terms": len(hsds_export.TERMS) + len(catalogue.services), "taxonomies": 2}
    for kind, _ in KINDS:
        page = datasets[lang][kind]
        assert set(page) == {
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        }
        m = counts.get(kind, n)
        assert (page["total_items"], page["size"], len(page["contents"])) == (m, m, m)
        assert (page["total_pages"], page["page_number"], page["first_page"], page["last_page"]) == (1, 1, True, True)
        assert page["empty"] is False


def test_ids_are_stable_uuid5_the_same_in_both_languages_and_unique(datasets, catalogue):
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    for lang in LANGS:
        services = datasets[lang]["services"]["contents"]
        assert [s["id"] for s in services] == [uid("service", x.id) for x in listings]
        assert [s["organization_id"] for s in services] == [uid("organization", x.id) for x in listings]
        orgs = datasets[lang]["organizations"]["contents"]
        assert [o["id"] for o in orgs] == [uid("organization", x.id) for x in listings]
        assert [o["services"][0]["id"] for o in orgs] == [s["id"] for s in services]
        # An organization names its service by the facts HSDS requires; the rest is in services.json.
        assert [o["services"][0] for o in orgs] == [
            {"id": s["id"], "name": s["name"], "status": s["status"]} for s in services
        ]
        # Every entity's id is unique in a file; only shared taxonomy terms repeat.
        ids = Counter(
            v
            for path, key, v in walk(services)
            if key == "id" and "taxonomy_term" not in path and "organization" not in path
        )
        assert max(ids.values()) == 1, ids.most_common(3)
    kk_ids = [v for _, k, v in walk(datasets["kk"]) if k.endswith("id")]
    ru_ids = [v for _, k, v in walk(datasets["ru"]) if k.endswith("id")]
    assert kk_ids == ru_ids, "the two languages describe the same records"
    assert uid("service", "almaty-zhan-saya") == "7044a637-b826-557f-b585-c27d86ec2a51", "the namespace never changes"


def test_the_fast_uuid5_is_uuid5():
    import random

    rng = random.Random(5)
    for _ in range(5000):
        parts = ["".join(rng.choice("az-:0йә😀") for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 4))]
        assert hsds_export.uid(*parts) == uid(*parts), parts


# ---------------------------------------------------------------- nothing lost


@pytest.mark.parametrize("lang", LANGS)
def test_services_round_trip_the_real_listings(datasets, catalogue, lang):
    by_id = {x.id: x for x in catalogue.listings}
    services = datasets[lang]["services"]["contents"]
    assert sorted(attrs(s)["listing_id"] for s in services) == sorted(by_id)
    for s in services:
        a = attrs(s)
        x = by_id[a["listing_id"]]
        assert s["name"] == x.name(lang) and s["description"] == x.description(lang)
        assert s["organization"]["name"] == x.organization(lang)
        assert s.get("alternate_name") == (x.alternate_name(lang) if x.alternate_name else None)
        assert [p["number"] for p in s["phones"]] == [p.display for p in x.contacts.phones]
        assert [attrs(p)["phone_channel"] for p in s["phones"]] == [p.type for p in x.contacts.phones]
        stay = x.raw.get("stay") or {}
        for key in ("min", "max", "exceptional_max"):
            assert a.get(f"stay_{key}") == stay.get(key), (x.id, key)
        assert a.get("places") == (None if x.places is None else str(x.places))
        e = x.raw["eligibility"]
        for flag in ("gender", "with_children", "pregnant", "hiv", "mental_disorders", "police_report_required"):
            assert a[flag] == e[flag], (x.id, flag)
        assert a["referral_required"] == e["referral_required"]
        assert a["age_min"] == str(e["age_min"]) and a["age_max"] == str(e["age_max"])
        if isinstance(e["age_max"], int | float):
            assert s["maximum_age"] == e["age_max"]
        else:
            assert "maximum_age" not in s
        assert a["fee"] == x.fee and a["kind"] == x.kind and a["directory_status"] == x.status
        assert a["last_checked"] == s["assured_date"] == x.verification.last_checked
        kinds = {hsds_export.term_id(hsds_export.SERVICES_TAXONOMY, key): key for key in catalogue.services}
        categories = [kinds[t["taxonomy_term_id"]] for t in s["attributes"] if t["link_type"] == "service_type"]
        assert categories == [svc.key for svc in x.services]
        if isinstance(x.languages, str):
            assert s["languages"] == [] and a["languages"] == "unknown"
        else:
            assert [lng["code"] for lng in s["languages"]] == list(x.languages)
        if x.hours == "24/7":
            (schedule,) = s["schedules"]
            assert schedule["byday"] == "MO,TU,WE,TH,FR,SA,SU"
            assert (schedule["opens_at"], schedule["closes_at"], schedule["timezone"]) == (
                "00:00+05:00",
                "23:59+05:00",
                5,
            )
        elif x.hours == "unknown":
            assert s["schedules"] == [] and a["hours"] == "unknown"
        area = s["service_areas"][0]["name"]
        assert area == (x.region.name(lang) if x.region else hsds_export.WORDS[lang]["kazakhstan"])
        assert s["status"] == hsds_export.STATUS[x.status]
        if x.status != "active":
            assert s["alert"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_exported_services_are_the_services_made_one_by_one(datasets, catalogue, lang):
    """The export shares facts between languages; each record must still be its own language's."""
    listings = sorted(catalogue.listings, key=lambda x: x.id)
    assert datasets[lang]["services"]["contents"] == [
        json.loads(json.dumps(hsds_export.service(x, lang), ensure_ascii=False)) for x in listings
    ]
    notes = [x for x in listings if x.stay and x.stay.notes]
    assert notes, "the real data has stay notes in both languages"
    for x, s in zip(listings, datasets[lang]["services"]["contents"], strict=True):
        if x.stay and x.stay.notes:
            assert attrs(s)["stay_notes"] == x.stay.notes(lang)


def test_weekly_hours_offices_and_messengers(catalogue):
    x = fixture_catalogue(catalogue).listings[0]
    s = hsds_export.service(x, "ru")
    assert [(h["byday"], h["opens_at"], h["closes_at"]) for h in s["schedules"]] == [
        ("MO,TU,WE,TH,FR", "09:00+05:00", "18:00+05:00"),
        ("SA", "10:00+05:00", "23:59+05:00"),
    ]
    whatsapp, voice = s["phones"]
    assert "type" not in whatsapp and attrs(whatsapp)["phone_channel"] == "whatsapp"
    assert whatsapp["description"] == "только писать" and whatsapp["number"] == "+7 701 123 4567"
    assert voice["type"] == "voice"
    (address,) = s["service_at_locations"][0]["location"]["addresses"]
    assert address["address_1"] == "проспект Абая, 10"
    assert s["status"] == "temporarily closed" and s["alert"]
    assert (s["url"], s["email"]) == ("https://example.kz", "help@example.kz")
    assert [lng["name"] for lng in s["languages"]] == ["казахский", "русский", "узбекский"]
    a = attrs(s)
    assert (a["children_age_max_boys"], a["children_age_max_girls"]) == ("10.5", "none")
    assert "stay_max" not in a and "places" not in a and s["cost_options"] == []
    assert s["minimum_age"] == 18 and s["maximum_age"] == 58


# ---------------------------------------------------------------- nothing leaked


def test_locations_are_town_only_and_shelters_have_no_street(datasets, catalogue):
    by_id = {x.id: x for x in catalogue.listings}
    for lang in LANGS:
        for _, key, _value in walk(datasets[lang]):
            assert key not in ("latitude", "longitude"), "no coordinates in HSDS at all"
        for s in datasets[lang]["services"]["contents"]:
            x = by_id[attrs(s)["listing_id"]]
            if x.city is None:
                assert s["service_at_locations"] == []
                continue
            (sal,) = s["service_at_locations"]
            (address,) = sal["location"]["addresses"]
            assert address["city"] == x.city.name(lang) and address["state_province"] == x.region.name(lang)
            assert address["country"] == "KZ" and address["postal_code"] == ""
            if x.has_shelter:
                assert address["address_1"] == "", x.id
        listing_of = {s["id"]: by_id[attrs(s)["listing_id"]] for s in datasets[lang]["services"]["contents"]}
        for o in datasets[lang]["organizations"]["contents"]:
            for location in o["locations"]:
                assert location["addresses"][0]["address_1"] == "" or not listing_of[o["services"][0]["id"]].has_shelter
