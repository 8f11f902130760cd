"""centres.csv: one row per listing, Kazakh and Russian side by side, for spreadsheets.

- UTF-8 with a byte order mark (so Excel reads Cyrillic right), comma-separated,
  RFC 4180 quoting, CRLF line ends.
- A list in one cell is joined with " | ". Inside an item, "\\" is written "\\\\" and
  "|" is written "\\|", so split_list() gets the items back exactly.
- Formula injection: a cell that starts (after any spaces) with = + - @, a tab or
  CR, their full-width forms, or an apostrophe gets one apostrophe (') in front, so
  a spreadsheet shows it as text and never runs it. A program reading the file
  removes one leading apostrophe from any cell that starts with one (unneutralise()).
- An empty cell means the listing does not give that field (a national line has no
  city; only shelters have stay and places). "unknown" is written out as unknown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from generator.data.model import Catalogue, Listing
from generator.features.exports import common
from generator.features.exports.words import doc

SEPARATOR = " | "
BOM = "\ufeff"
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet can't read as a formula; reversible by unneutralise()."""
    if cell.startswith("'") or cell.lstrip(" ").startswith(_TRIGGERS):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def join_list(items: list[str] | tuple[str, ...]) -> str:
    return SEPARATOR.join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_list(cell: str) -> list[str]:
    """The items of a cell written by join_list (after unneutralise)."""
    if cell == "":
        return []
    items, current, i = [], [], 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and i + 1 < len(cell):
            current.append(cell[i + 1])
            i += 2
        elif cell.startswith(SEPARATOR, i):
            items.append("".join(current))
            current = []
            i += len(SEPARATOR)
        else:
            current.append(char)
            i += 1
    items.append("".join(current))
    return items


def value(v: object) -> str:
    """A cell for one value: '' for not given, numbers without a trailing .0."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def hours_cell(x: Listing, _lang: str = "kk") -> str:
    if isinstance(x.hours, str):
        return x.hours
    return join_list([f"{','.join(p.days)} {p.opens}-{p.closes}" for p in x.hours])


@dataclass(frozen=True)
class Column:
    name: str  # for a bilingual column, the base name: the CSV has name_kk and name_ru
    get: Callable[[Listing, str], object]  # (listing, lang) -> value
    doc: dict[str, str]
    bilingual: bool = False

    @property
    def headers(self) -> list[str]:
        return [f"{self.name}_kk", f"{self.name}_ru"] if self.bilingual else [self.name]


def _text(attr: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, lang: str) -> object:
        text = getattr(x, attr)
        return text(lang) if text else None

    return get


def _elig(field: str) -> Callable[[Listing, str], object]:
    return lambda x, _: getattr(x.eligibility, field)


def _stay(field: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, _: str) -> object:
        return (x.raw.get("stay") or {}).get(field)

    return get


def _children(which: str) -> Callable[[Listing, str], object]:
    return lambda x, _: (x.raw["eligibility"].get("children_age_max") or {}).get(which)


def _list_or_unknown(attr: str) -> Callable[[Listing, str], object]:
    def get(x: Listing, _: str) -> object:
        v = getattr(x, attr)
        return v if isinstance(v, str) else join_list(v)

    return get


def _phone_descriptions(x: Listing, lang: str) -> object:
    if not any(p.description for p in x.contacts.phones):
        return None
    return join_list([p.description(lang) if p.description else "" for p in x.contacts.phones])


COLUMNS: list[Column] = [
    Column(
        "id",
        lambda x, _: x.id,
        doc("csv_id"),
    ),
    Column(
        "page",
        lambda x, lang: common.page_path(x, lang),
        doc("csv_page_kk_ru"),
        bilingual=True,
    ),
    Column(
        "kind",
        lambda x, _: x.kind,
        doc("csv_kind"),
    ),
    Column(
        "status",
        lambda x, _: x.status,
        doc("csv_status"),
    ),
    Column(
        "scope",
        lambda x, _: x.scope,
        doc("csv_scope"),
    ),
    Column("name", _text("name"), doc("csv_name_kk_ru"), bilingual=True),
    Column("alternate_name", _text("alternate_name"), doc("csv_alternate_name_kk_ru"), bilingual=True),
    Column("organization", _text("organization"), doc("csv_organization_kk_ru"), bilingual=True),
    Column("description", _text("description"), doc("csv_description_kk_ru"), bilingual=True),
    Column(
        "region_code",
        lambda x, _: x.region.code if x.region else None,
        doc("csv_region_code"),
    ),
    Column(
        "region",
        lambda x, lang: x.region.name(lang) if x.region else None,
        doc("csv_region_kk_ru"),
        bilingual=True,
    ),
    Column(
        "city_key",
        lambda x, _: x.city.key if x.city else None,
        doc("csv_city_key"),
    ),
    Column(
        "city",
        lambda x, lang: x.city.name(lang) if x.city else None,
        doc("csv_city_kk_ru"),
        bilingual=True,
    ),
    Column(
        "office_address",
        common.office_address,
        doc("csv_office_address_kk_ru"),
        bilingual=True,
    ),
    Column(
        "services",
        lambda x, _: join_list([s.key for s in x.services]),
        doc("csv_services"),
    ),
    Column(
        "services",
        lambda x, lang: join_list([s.label(lang) for s in x.services]),
        doc("csv_services_kk_ru"),
        bilingual=True,
    ),
    Column(
        "gender",
        _elig("gender"),
        doc("csv_gender"),
    ),
    Column("age_min", _elig("age_min"), doc("csv_age_min")),
    Column("age_max", _elig("age_max"), doc("csv_age_max")),
    Column(
        "with_children",
        _elig("with_children"),
        doc("csv_with_children"),
    ),
    Column(
        "children_age_max_boys",
        _children("boys"),
        doc("csv_children_age_max_boys"),
    ),
    Column(
        "children_age_max_girls",
        _children("girls"),
        doc("csv_children_age_max_girls"),
    ),
    Column(
        "pregnant",
        _elig("pregnant"),
        doc("csv_pregnant"),
    ),
    Column(
        "hiv",
        _elig("hiv"),
        doc("csv_hiv"),
    ),
    Column(
        "mental_disorders",
        _elig("mental_disorders"),
        doc("csv_mental_disorders"),
    ),
    Column(
        "police_report_required",
        _elig("police_report_required"),
        doc("csv_police_report_required"),
    ),
    Column(
        "referral_required",
        _elig("referral_required"),
        doc("csv_referral_required"),
    ),
    Column(
        "eligibility_notes",
        lambda x, lang: x.eligibility.notes(lang) if x.eligibility.notes else None,
        doc("csv_eligibility_notes_kk_ru"),
        bilingual=True,
    ),
    Column("stay_min", _stay("min"), doc("csv_stay_min")),
    Column("stay_max", _stay("max"), doc("csv_stay_max")),
    Column(
        "stay_exceptional_max",
        _stay("exceptional_max"),
        doc("csv_stay_exceptional_max"),
    ),
    Column(
        "stay_notes",
        lambda x, lang: x.stay.notes(lang) if x.stay and x.stay.notes else None,
        doc("csv_stay_notes_kk_ru"),
        bilingual=True,
    ),
    Column("places", lambda x, _: x.places, doc("csv_places")),
    Column("fee", lambda x, _: x.fee, doc("csv_fee")),
    Column("cost_notes", _text("cost_notes"), doc("csv_cost_notes_kk_ru"), bilingual=True),
    Column(
        "hours",
        hours_cell,
        doc("csv_hours"),
    ),
    Column(
        "phones",
        lambda x, _: join_list([p.display for p in x.contacts.phones]),
        doc("csv_phones"),
    ),
    Column(
        "phones_tel",
        lambda x, _: join_list([p.tel for p in x.contacts.phones]),
        doc("csv_phones_tel"),
    ),
    Column(
        "phone_types",
        lambda x, _: join_list([p.type for p in x.contacts.phones]),
        doc("csv_phone_types"),
    ),
    Column(
        "phone_descriptions",
        _phone_descriptions,
        doc("csv_phone_descriptions_kk_ru"),
        bilingual=True,
    ),
    Column("email", lambda x, _: x.contacts.email, doc("csv_email")),
    Column("website", lambda x, _: x.contacts.website, doc("csv_website")),
    Column(
        "social",
        lambda x, _: join_list(x.contacts.social),
        doc("csv_social"),
    ),
    Column(
        "how_to_reach",
        lambda x, lang: x.contacts.how_to_reach(lang) if x.contacts.how_to_reach else None,
        doc("csv_how_to_reach_kk_ru"),
        bilingual=True,
    ),
    Column(
        "languages",
        _list_or_unknown("languages"),
        doc("csv_languages"),
    ),
    Column(
        "funding",
        _list_or_unknown("funding"),
        doc("csv_funding"),
    ),
    Column(
        "sources",
        lambda x, _: join_list([s.url or s.document or "" for s in x.sources]),
        doc("csv_sources"),
    ),
    Column(
        "verification_status",
        lambda x, _: x.verification.status,
        doc("csv_verification_status"),
    ),
    Column(
        "last_checked",
        lambda x, _: x.verification.last_checked,
        doc("csv_last_checked"),
    ),
    Column(
        "verified_on",
        lambda x, _: x.verification.verified_on,
        doc("csv_verified_on"),
    ),
    Column("verified_by", lambda x, _: x.verification.verified_by, doc("csv_verified_by")),
]


def headers() -> list[str]:
    return [h for column in COLUMNS for h in column.headers]


def row(x: Listing) -> list[str]:
    cells: list[str] = []
    for column in COLUMNS:
        langs = ("kk", "ru") if column.bilingual else ("kk",)
        cells.extend(neutralise(value(column.get(x, lang))) for lang in langs)
    return cells


def render(catalogue: Catalogue) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers())
    for x in common.listings(catalogue):
        writer.writerow(row(x))
    return (BOM + out.getvalue()).encode("utf-8")
