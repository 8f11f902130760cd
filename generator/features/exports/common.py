"""What every export shares: the order of listings, the data date, paths and safe JSON.

Every export is a pure function of the catalogue: no clock, no randomness, no
dict-order surprises, so two builds of the same data give byte-identical files.
"""

from __future__ import annotations

import json
from typing import Any

from generator import ROOT
from generator.data.channels import listing_channels
from generator.data.model import Catalogue, Listing

SCHEMA_FILE = ROOT / "schema" / "centre.schema.json"

# Where the files go, relative to the primary (kk) site root. The Data page lives at data/ too.
FOLDER = "data"
JSON_FILE = f"{FOLDER}/centres.json"
CSV_FILE = f"{FOLDER}/centres.csv"
GEOJSON_FILE = f"{FOLDER}/centres.geojson"
SCHEMA_COPY = f"{FOLDER}/centre.schema.json"
HSDS_FOLDER = f"{FOLDER}/hsds"

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def listings(catalogue: Catalogue) -> list[Listing]:
    """Every listing, in one stable order (by id), whatever the order files were read in."""
    return sorted(catalogue.listings, key=lambda x: x.id)


def updated(catalogue: Catalogue) -> str:
    """The newest 'last checked' date of any listing: the date of the data, not of the build."""
    dates = [x.verification.last_checked for x in catalogue.listings]
    return max(dates) if dates else "unknown"


def schema_version() -> str:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["x-schema-version"]


def office_address(listing: Listing, lang: str) -> str | None:
    """A published office address, never a shelter's (the schema forbids one; this holds even if it slipped in)."""
    if listing.address is None or listing.has_shelter:
        return None
    return listing.address(lang)


def hours_text(hours: object) -> str:
    """Hours in one cell: 24/7, unknown, or periods as "mon,tue 09:00-18:00; sat 10:00-14:00"."""
    if isinstance(hours, str):
        return hours
    return "; ".join(f"{','.join(p['days'])} {p['opens']}-{p['closes']}" for p in hours)  # type: ignore[attr-defined]


def listing_hours(listing: Listing) -> str | list[dict[str, Any]]:
    """The listing's own hours as the data gives them: "24/7", "unknown" or the periods."""
    if isinstance(listing.hours, str):
        return listing.hours
    return [{"days": list(p.days), "opens": p.opens, "closes": p.closes} for p in listing.hours]


def public_raw(listing: Listing) -> dict[str, Any]:
    """The listing file as data, without anything that could locate a shelter. A file still in the
    old form shows its phones as the channels the site reads them as."""
    raw = dict(listing.raw)
    contacts = raw.get("contacts")
    if isinstance(contacts, dict) and "phones" in contacts and "channels" not in contacts:
        channels = listing_channels(raw)
        raw["contacts"] = {
            ("channels" if k == "phones" else k): (channels if k == "phones" else v) for k, v in contacts.items()
        }
    if listing.has_shelter and isinstance(raw.get("location"), dict) and "address" in raw["location"]:
        raw["location"] = {k: v for k, v in raw["location"].items() if k != "address"}
    return raw


def page_path(listing: Listing, lang: str) -> str:
    """The listing's page, relative to the site root (the site may live under a sub-path)."""
    return f"{'' if lang == 'kk' else lang + '/'}centres/{listing.id}/"


# Characters that are harmless in JSON but dangerous if someone pastes the file into
# HTML or a <script> block, or into old JavaScript (U+2028/U+2029 end a JS line).
# They can only occur inside JSON strings, where \\uXXXX means exactly the same text.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dump_json(value: Any, compact: bool = False) -> str:
    """JSON text: UTF-8 (not \\u-escaped Cyrillic), with a final newline, safe to embed.

    Indented for people, or compact for the large machine-to-machine files (HSDS)."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text + "\n"
