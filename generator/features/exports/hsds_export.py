"""The directory as Open Referral HSDS 3.0 JSON, one dataset per language.

Files (under data/hsds/<lang>/, lang = kk or ru, the same records and the same IDs in both):
- services.json: every listing as an HSDS service, with its organization nested;
- organizations.json: every listing's organization with its location, and its service as
  the basic facts only (id, name, status), as HSDS's API gives an organization; the whole
  service is in services.json;
- taxonomy_terms.json: every taxonomy term the attributes name, once;
- taxonomies.json: the directory's two taxonomies (facts, service kinds).
Each file is an HSDS API "Page" (total_items, ..., contents) holding all records in one
page; each item of "contents" validates against the compiled schema service.json or
organization.json of HSDS 3.0 (terms and taxonomies against its taxonomy_term object).

Mapping decisions (also on the Data page):
- IDs are uuid5(NAMESPACE, "<object>:<listing id>[:<n>]"): stable between builds and
  identical in both languages.
- One organization per listing: the data names organizations only by text, and several
  listings say "unknown organization", so merging by name would join strangers.
- Locations are city-level only: an address with the town and region and an EMPTY
  street line (address_1), no postal code, and NO latitude/longitude at all (HSDS would
  read coordinates as the place itself; the town's centre is in centres.geojson).
  A street address appears only for a non-shelter office whose address the
  organisation itself publishes; a shelter never has one (the schema forbids it).
- HSDS status has no "unknown": a listing whose status is unknown is "active", with an
  alert saying it may not work and the attribute directory_status = unknown.
- Facts HSDS has no field for go into attributes with taxonomy terms of this directory's
  own taxonomy (TERMS below), value = the listing's value as written in its file
  ("yes" / "no" / "unknown", "6 months", ...). Service kinds are terms of a second
  taxonomy made from data/services.yaml. An attribute names its term by
  taxonomy_term_id, as HSDS's tabular form does; the terms are published once in
  taxonomy_terms.json. Embedding the term in every attribute made the export about
  30 KB per listing per language, and most of a large build's time.
- Schedules: 24/7 is one WEEKLY schedule MO-SU 00:00-23:59 (HSDS's advice for 24-hour
  opening); periods become WEEKLY schedules; times carry the UTC offset of Asia/Almaty
  (+05:00, Kazakhstan's single time zone since 2024) and timezone = 5. Unknown hours
  give no schedule and the attribute hours = unknown.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.data.model import Catalogue, Lang, Listing, Service
from generator.features.exports import common
from generator.features.exports.words import doc
from generator.site.i18n import Words
from generator.site.render import age_text

NAMESPACE = uuid.UUID("5e789b03-bcd5-4ba3-a38c-d9c4f1120e0b")  # never change: every ID derives from it
UTC_OFFSET = "+05:00"  # Asia/Almaty
TIMEZONE = 5
DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
STATUS = {"active": "active", "suspended": "temporarily closed", "closed": "defunct", "unknown": "active"}
RFC6350_TYPES = {"voice", "text"}  # HSDS phone.type draws from RFC 6350; messengers go into an attribute


@lru_cache(maxsize=1 << 18)  # the same IDs recur in both languages
def uid(*parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "a:b:c") as text, without making UUID objects (an export makes ~40 a listing)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + ":".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_NAMESPACE_BYTES = NAMESPACE.bytes


@dataclass(frozen=True)
class Term:
    code: str
    link_type: str  # what the term describes (HSDS attribute.link_type, an open codelist)
    name: dict[str, str]
    description: dict[str, str]
    link_entity: str = "service"


TAXONOMY = {
    "code": "kz-crisis-directory-facts",
    "name": doc("hsds_taxonomy_name"),
    "description": doc("hsds_taxonomy_description"),
}
SERVICES_TAXONOMY = {  # its terms: the keys of data/services.yaml
    "code": "kz-crisis-directory-services",
    "name": doc("hsds_services_taxonomy_name"),
    "description": doc("hsds_services_taxonomy_description"),
}

TERMS: list[Term] = [
    Term(
        "listing_id",
        "identifier",
        doc("hsds_term_listing_id_name"),
        doc("hsds_term_listing_id_about"),
    ),
    Term(
        "kind",
        "kind",
        doc("hsds_term_kind_name"),
        doc("hsds_term_kind_about"),
    ),
    Term(
        "directory_status",
        "status",
        doc("hsds_term_directory_status_name"),
        doc("hsds_term_directory_status_about"),
    ),
    Term(
        "gender",
        "eligibility",
        doc("hsds_term_gender_name"),
        doc("hsds_term_gender_about"),
    ),
    Term(
        "age_min",
        "eligibility",
        doc("hsds_term_age_min_name"),
        doc("hsds_term_age_min_about"),
    ),
    Term(
        "age_max",
        "eligibility",
        doc("hsds_term_age_max_name"),
        doc("hsds_term_age_max_about"),
    ),
    Term(
        "with_children",
        "eligibility",
        doc("hsds_term_with_children_name"),
        doc("hsds_term_with_children_about"),
    ),
    Term(
        "children_age_max_boys",
        "eligibility",
        doc("hsds_term_children_age_max_boys_name"),
        doc("hsds_term_children_age_max_boys_about"),
    ),
    Term(
        "children_age_max_girls",
        "eligibility",
        doc("hsds_term_children_age_max_girls_name"),
        doc("hsds_term_children_age_max_girls_about"),
    ),
    Term("pregnant", "eligibility", doc("hsds_term_pregnant_name"), doc("hsds_term_pregnant_about")),
    Term(
        "hiv",
        "eligibility",
        doc("hsds_term_hiv_name"),
        doc("hsds_term_hiv_about"),
    ),
    Term(
        "mental_disorders",
        "eligibility",
        doc("hsds_term_mental_disorders_name"),
        doc("hsds_term_mental_disorders_about"),
    ),
    Term(
        "police_report_required",
        "eligibility",
        doc("hsds_term_police_report_required_name"),
        doc("hsds_term_police_report_required_about"),
    ),
    Term(
        "referral_required",
        "eligibility",
        doc("hsds_term_referral_required_name"),
        doc("hsds_term_referral_required_about"),
    ),
    Term(
        "stay_min",
        "stay",
        doc("hsds_term_stay_min_name"),
        doc("hsds_term_stay_min_about"),
    ),
    Term(
        "stay_max",
        "stay",
        doc("hsds_term_stay_max_name"),
        doc("hsds_term_stay_max_about"),
    ),
    Term(
        "stay_exceptional_max",
        "stay",
        doc("hsds_term_stay_exceptional_max_name"),
        doc("hsds_term_stay_exceptional_max_about"),
    ),
    Term(
        "stay_notes",
        "stay",
        doc("hsds_term_stay_notes_name"),
        doc("hsds_term_stay_notes_about"),
    ),
    Term(
        "places",
        "capacity",
        doc("hsds_term_places_name"),
        doc("hsds_term_places_about"),
    ),
    Term(
        "fee",
        "cost",
        doc("hsds_term_fee_name"),
        doc("hsds_term_fee_about"),
    ),
    Term(
        "hours",
        "hours",
        doc("hsds_term_hours_name"),
        doc("hsds_term_hours_about"),
    ),
    Term(
        "languages",
        "languages",
        doc("hsds_term_languages_name"),
        doc("hsds_term_languages_about"),
    ),
    Term(
        "funding",
        "funding",
        doc("hsds_term_funding_name"),
        doc("hsds_term_funding_about"),
    ),
    Term(
        "verification",
        "verification",
        doc("hsds_term_verification_name"),
        doc("hsds_term_verification_about"),
    ),
    Term(
        "last_checked",
        "verification",
        doc("hsds_term_last_checked_name"),
        doc("hsds_term_last_checked_about"),
    ),
    Term(
        "phone_channel",
        "phone_type",
        doc("hsds_term_phone_channel_name"),
        doc("hsds_term_phone_channel_about"),
        link_entity="phone",
    ),
]
TERM = {term.code: term for term in TERMS}

# How each field of a listing appears in HSDS, for the Data page.
MAPPING: list[tuple[str, str, dict[str, str]]] = [
    ("id", "attributes: listing_id", doc("hsds_map_id")),
    ("name, alternate_name, description", "service.name, alternate_name, description", {"kk": "", "ru": ""}),
    ("organization", "organization.name", doc("hsds_map_organization")),
    ("kind", "attributes: kind", {"kk": "", "ru": ""}),
    (
        "status",
        "service.status, alert; attributes: directory_status",
        # HSDS's own codes: the same in every language.
        dict.fromkeys(
            ("kk", "ru"), "active → active, suspended → temporarily closed, closed → defunct, unknown → active + alert."
        ),
    ),
    (
        "location (region, city)",
        "service_at_locations[].location, organization.locations",
        doc("hsds_map_location_region_city"),
    ),
    (
        "location.address",
        "location.addresses[].address_1",
        doc("hsds_map_location_address"),
    ),
    ("scope", "service_areas", doc("hsds_map_scope")),
    ("services", "attributes (kz-crisis-directory-services)", {"kk": "", "ru": ""}),
    (
        "eligibility",
        "eligibility_description, minimum_age, maximum_age; attributes",
        doc("hsds_map_eligibility"),
    ),
    ("stay", "attributes: stay_min, stay_max, stay_exceptional_max, stay_notes", {"kk": "", "ru": ""}),
    ("places", "attributes: places", {"kk": "", "ru": ""}),
    ("cost", "fees_description, cost_options; attributes: fee", {"kk": "", "ru": ""}),
    ("hours", "schedules; attributes: hours", {"kk": "", "ru": ""}),
    ("contacts.phones", "phones; phone attributes: phone_channel", {"kk": "", "ru": ""}),
    ("contacts.email, website", "service.email, service.url", {"kk": "", "ru": ""}),
    ("contacts.how_to_reach", "application_process", {"kk": "", "ru": ""}),
    ("languages", "languages; attributes: languages", {"kk": "", "ru": ""}),
    ("funding", "funding; attributes: funding", {"kk": "", "ru": ""}),
    ("verification", "assured_date; attributes: verification, last_checked", {"kk": "", "ru": ""}),
    ("sources, contacts.social", "—", doc("hsds_map_sources_contacts_social")),
]

# The language codes the listings use, named in each file's language (datafiles.yaml language_<code>).
LANGUAGE_CODES = ("kk", "ru", "en", "uz", "ky", "tg", "tk", "uk", "de", "zh")
LANGUAGE_NAMES = {lang: {code: doc(f"language_{code}")[lang] for code in LANGUAGE_CODES} for lang in ("kk", "ru")}

# Words inside the records (datafiles.yaml hsds_<key>).
_WORD_KEYS = (
    "kazakhstan",
    "national_area",
    "region_area",
    "org_description",
    "town_only",
    "office",
    "free",
    "schedule",
)
WORDS = {lang: {key: doc(f"hsds_{key}")[lang] for key in _WORD_KEYS} for lang in ("kk", "ru")}


def term_id(taxonomy: dict[str, Any], code: str) -> str:
    return uid("term", taxonomy["code"], code)


def _term(code: str, name: str, description: str, taxonomy: dict[str, Any], lang: Lang) -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy["code"],
        "language": lang,
        "taxonomy_id": uid("taxonomy", taxonomy["code"]),
    }


def taxonomy_terms(catalogue: Catalogue, lang: Lang) -> list[dict[str, Any]]:
    """Every term an attribute can name: the facts, then every service kind of data/services.yaml."""
    out = [_term(t.code, t.name[lang], t.description[lang], TAXONOMY, lang) for t in TERMS]
    word = doc("hsds_service_term")[lang]
    for key in sorted(catalogue.services):
        label = catalogue.services[key].label(lang)
        out.append(_term(key, label, word.format(label), SERVICES_TAXONOMY, lang))
    return out


def taxonomies(lang: Lang) -> list[dict[str, Any]]:
    return [
        {"id": uid("taxonomy", t["code"]), "name": t["name"][lang], "description": t["description"][lang]}
        for t in (TAXONOMY, SERVICES_TAXONOMY)
    ]


def fact(listing: Listing, code: str, value: object, lang: Lang, link_id: str, *id_parts: str) -> dict[str, Any]:
    term = TERM[code]
    return {
        "id": uid("attribute", listing.id, *id_parts, code),
        "link_id": link_id,
        "link_type": term.link_type,
        "link_entity": term.link_entity,
        "taxonomy_term_id": term_id(TAXONOMY, code),
        "value": _value(value),
    }


def category(listing: Listing, service: Service, lang: Lang, link_id: str) -> dict[str, Any]:
    return {
        "id": uid("attribute", listing.id, "service", service.key),
        "link_id": link_id,
        "link_type": "service_type",
        "link_entity": "service",
        "taxonomy_term_id": term_id(SERVICES_TAXONOMY, service.key),
    }


def _value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: object) -> float | int | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- parts of a service


def phones(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    out = []
    for i, p in enumerate(x.contacts.phones):
        phone_id = uid("phone", x.id, str(i))
        phone: dict[str, Any] = {"id": phone_id, "number": p.display}
        if p.type in RFC6350_TYPES:
            phone["type"] = p.type
        if p.description:
            phone["description"] = p.description(lang)
        phone["attributes"] = [fact(x, "phone_channel", p.type, lang, phone_id, "phone", str(i))]
        out.append(phone)
    return out


def schedules(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    t = Words(lang)
    if x.hours == "24/7":
        return [
            {
                "id": uid("schedule", x.id, "0"),
                "freq": "WEEKLY",
                "byday": ",".join(DAYS.values()),
                "opens_at": "00:00" + UTC_OFFSET,
                "closes_at": "23:59" + UTC_OFFSET,
                "timezone": TIMEZONE,
                "description": t("hours_247"),
            }
        ]
    if isinstance(x.hours, str):  # unknown
        return []
    out = []
    for i, period in enumerate(x.hours):
        closes = "23:59" if period.closes == "24:00" else period.closes
        days = ", ".join(t(f"day_{d}") for d in period.days)
        out.append(
            {
                "id": uid("schedule", x.id, str(i)),
                "freq": "WEEKLY",
                "byday": ",".join(DAYS[d] for d in period.days),
                "opens_at": period.opens + UTC_OFFSET,
                "closes_at": closes + UTC_OFFSET,
                "timezone": TIMEZONE,
                "description": WORDS[lang]["schedule"].format(days=days, opens=period.opens, closes=period.closes),
            }
        )
    return out


def service_areas(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    w = WORDS[lang]
    if x.region is None:
        return [{"id": uid("service_area", x.id), "name": w["kazakhstan"], "description": w["national_area"]}]
    name = x.region.name(lang)
    return [
        {
            "id": uid("service_area", x.id),
            "name": name,
            "description": w["region_area"].format(region=name, code=x.region.code),
        }
    ]


def location(x: Listing, lang: Lang) -> dict[str, Any] | None:
    """The town only: no coordinates, and a street line only for a published non-shelter office."""
    if x.city is None or x.region is None:
        return None
    office = common.office_address(x, lang) or ""
    if x.has_shelter:
        description = Words(lang)("no_address")
    else:
        description = WORDS[lang]["office"] if office else WORDS[lang]["town_only"]
    return {
        "id": uid("location", x.id),
        "location_type": "physical",
        "name": x.city.name(lang),
        "description": description,
        "addresses": [
            {
                "id": uid("address", x.id),
                "address_1": office,
                "city": x.city.name(lang),
                "state_province": x.region.name(lang),
                "postal_code": "",
                "country": "KZ",
                "address_type": "physical",
            }
        ],
    }


def languages(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if isinstance(x.languages, str):
        return []
    return [
        {"id": uid("language", x.id, code), "name": LANGUAGE_NAMES[lang][code], "code": code} for code in x.languages
    ]


def funding(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if isinstance(x.funding, str):
        return []
    t = Words(lang)
    return [{"id": uid("funding", x.id, key), "source": t(f"fund_{key}")} for key in x.funding]


def cost_options(x: Listing, lang: Lang) -> list[dict[str, Any]]:
    if x.fee != "free":
        return []
    return [{"id": uid("cost_option", x.id), "option": WORDS[lang]["free"], "currency": "KZT", "amount": 0}]


def fees_description(x: Listing, lang: Lang) -> str:
    t = Words(lang)
    word = t("unknown") if x.fee == "unknown" else t(f"fee_{x.fee}")
    text = word[:1].upper() + word[1:] + "."
    return f"{text} {x.cost_notes(lang)}" if x.cost_notes else text


def eligibility_description(x: Listing, lang: Lang) -> str:
    """The site's own words for who is accepted, then the listing's notes."""
    t, e = Words(lang), x.eligibility

    def yes_no(v: str) -> str:
        return t(v) if v in ("yes", "no") else t("unknown")

    gender = t(f"gender_{e.gender}") if e.gender != "unknown" else t("unknown")
    parts = [
        f"{t('gender')}: {gender}",
        f"{t('age')}: {age_text(x, t)}",
        f"{t('with_children')}: {yes_no(e.with_children)}",
        f"{t('pregnant')}: {yes_no(e.pregnant)}",
        f"{t('hiv')}: {yes_no(e.hiv)}",
        f"{t('mental_disorders')}: {yes_no(e.mental_disorders)}",
        f"{t('police_report_required')}: {yes_no(e.police_report_required)}",
        f"{t('referral_required')}: {yes_no(e.referral_required)}",
    ]
    text = "; ".join(parts) + "."
    return f"{text} {e.notes(lang)}" if e.notes else text


# Every fact but the stay notes is the same in both languages; render() makes them once.
Memo = dict[str, list[dict[str, Any]]]


def attributes(x: Listing, lang: Lang, service_id: str, memo: Memo | None = None) -> list[dict[str, Any]]:
    if memo is not None and x.id in memo:
        notes = term_id(TAXONOMY, "stay_notes")  # present only when the listing has stay notes
        return [
            fact(x, "stay_notes", x.stay.notes(lang), lang, service_id) if a["taxonomy_term_id"] == notes else a
            for a in memo[x.id]
        ]
    e = x.eligibility
    raw_children = x.raw["eligibility"].get("children_age_max") or {}
    facts: list[tuple[str, object]] = [
        ("listing_id", x.id),
        ("kind", x.kind),
        ("directory_status", x.status),
        ("gender", e.gender),
        ("age_min", e.age_min),
        ("age_max", e.age_max),
        ("with_children", e.with_children),
    ]
    facts += [(f"children_age_max_{k}", raw_children[k]) for k in ("boys", "girls") if k in raw_children]
    facts += [
        ("pregnant", e.pregnant),
        ("hiv", e.hiv),
        ("mental_disorders", e.mental_disorders),
        ("police_report_required", e.police_report_required),
        ("referral_required", e.referral_required),
    ]
    stay = x.raw.get("stay")
    if stay:
        facts += [(f"stay_{k}", stay[k]) for k in ("min", "max", "exceptional_max") if k in stay]
        if x.stay and x.stay.notes:
            facts.append(("stay_notes", x.stay.notes(lang)))
    if x.places is not None:
        facts.append(("places", x.places))
    facts += [
        ("fee", x.fee),
        ("hours", x.hours if isinstance(x.hours, str) else "schedule"),
        ("languages", x.languages if isinstance(x.languages, str) else ",".join(x.languages)),
        ("funding", x.funding if isinstance(x.funding, str) else ",".join(x.funding)),
        ("verification", x.verification.status),
        ("last_checked", x.verification.last_checked),
    ]
    out = [fact(x, code, v, lang, service_id) for code, v in facts]
    out += [category(x, s, lang, service_id) for s in x.services]
    if memo is not None:
        memo[x.id] = out
    return out


# ---------------------------------------------------------------- records


def organization(x: Listing, lang: Lang) -> dict[str, Any]:
    return {
        "id": uid("organization", x.id),
        "name": x.organization(lang),
        "description": WORDS[lang]["org_description"].format(name=x.name(lang)),
    }


def service(x: Listing, lang: Lang, memo: Memo | None = None) -> dict[str, Any]:
    service_id = uid("service", x.id)
    record: dict[str, Any] = {
        "id": service_id,
        "organization_id": uid("organization", x.id),
        "name": x.name(lang),
    }
    if x.alternate_name:
        record["alternate_name"] = x.alternate_name(lang)
    record["description"] = x.description(lang)
    if x.contacts.website:
        record["url"] = x.contacts.website
    if x.contacts.email:
        record["email"] = x.contacts.email
    record["status"] = STATUS[x.status]
    if x.status != "active":
        record["alert"] = Words(lang)(f"status_{x.status}")
    if x.contacts.how_to_reach:
        record["application_process"] = x.contacts.how_to_reach(lang)
    record["fees_description"] = fees_description(x, lang)
    record["eligibility_description"] = eligibility_description(x, lang)
    if (low := _number(x.eligibility.age_min)) is not None:
        record["minimum_age"] = low
    if (high := _number(x.eligibility.age_max)) is not None:
        record["maximum_age"] = high
    record["assured_date"] = x.verification.last_checked
    record["phones"] = phones(x, lang)
    record["schedules"] = schedules(x, lang)
    record["service_areas"] = service_areas(x, lang)
    place = location(x, lang)
    record["service_at_locations"] = (
        [{"id": uid("service_at_location", x.id), "location": place}] if place is not None else []
    )
    record["languages"] = languages(x, lang)
    record["funding"] = funding(x, lang)
    record["cost_options"] = cost_options(x, lang)
    record["attributes"] = attributes(x, lang, service_id, memo)
    record["organization"] = organization(x, lang)
    return record


def organization_record(x: Listing, lang: Lang) -> dict[str, Any]:
    """The organization with its location, and its service by the facts HSDS requires of it.

    HSDS 3.0's API (schema/openapi.json, GET /organizations/{id}) gives a "fully nested
    organization with service array that contains simple information which could only
    contain the service.id"; repeating the whole service from services.json would double
    the export."""
    record = organization(x, lang)
    place = location(x, lang)
    record["locations"] = [place] if place is not None else []
    record["services"] = [{"id": uid("service", x.id), "name": x.name(lang), "status": STATUS[x.status]}]
    return record


def page(contents: list[dict[str, Any]]) -> dict[str, Any]:
    """All records in one HSDS API 'Page' (API Reference, Lists)."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def paths(lang: Lang) -> dict[str, str]:
    return {
        kind: f"{common.HSDS_FOLDER}/{lang}/{kind}.json"
        for kind in ("services", "organizations", "taxonomy_terms", "taxonomies")
    }


def render(catalogue: Catalogue) -> dict[str, str]:
    files: dict[str, str] = {}
    items = common.listings(catalogue)
    memo: Memo = {}
    for lang in ("kk", "ru"):
        where = paths(lang)
        files[where["services"]] = common.dump_json(page([service(x, lang, memo=memo) for x in items]), compact=True)
        files[where["organizations"]] = common.dump_json(
            page([organization_record(x, lang) for x in items]), compact=True
        )
        files[where["taxonomy_terms"]] = common.dump_json(page(taxonomy_terms(catalogue, lang)), compact=True)
        files[where["taxonomies"]] = common.dump_json(page(taxonomies(lang)), compact=True)
    return files
