"""Validate a data folder: reference data, every listing, and the rules across them.

Every problem is collected before anything is decided, so one run tells an
editor everything to fix. A Catalogue is returned only when there is no error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data import boundaries
from generator.data.boundaries import BOUNDARIES
from generator.data.files import listing_files, reference_problem, shown_name
from generator.data.location_text import location_label
from generator.data.messages import location_label as said_label
from generator.data.messages import say
from generator.data.model import (
    Catalogue,
    City,
    Count2019,
    OfficialCounts,
    Region,
    Service,
    Text,
    build_listing,
)
from generator.data.problems import Problem, with_rule
from generator.data.rules import ListingRules
from generator.data.rules.text import has_html_tag
from generator.data.schema_check import schema_problems
from generator.data.yamlload import load_file

_TEXT = {
    "type": "object",
    "required": ["kk", "ru"],
    "properties": {"kk": {"type": "string", "minLength": 1}, "ru": {"type": "string", "minLength": 1}},
}
REGIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["regions"],
    "properties": {
        "regions": {
            "type": "object",
            "propertyNames": {"pattern": "^KZ-[0-9]{2}$"},
            "additionalProperties": {
                "type": "object",
                "required": ["en", "kk", "ru"],
                "properties": {k: {"type": "string", "minLength": 1} for k in ("en", "kk", "ru")},
            },
        },
        "official_counts_2019": {
            "type": "object",
            "required": ["source", "caveat", "total_printed", "rows"],
            "properties": {
                "source": {"type": "object", "required": ["title", "date"]},
                "caveat": _TEXT,
                "total_printed": {
                    "type": "object",
                    "required": ["centres", "with_shelter"],
                    "properties": {"centres": {"type": "integer"}, "with_shelter": {"type": "integer"}},
                },
                "rows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name_2019", "today", "centres", "with_shelter"],
                        "properties": {
                            "name_2019": {**_TEXT, "required": ["kk", "ru", "en"]},
                            "today": {
                                "type": "array",
                                "minItems": 1,
                                "items": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
                            },
                            "centres": {"type": "integer", "minimum": 0},
                            "with_shelter": {"type": "integer", "minimum": 0},
                        },
                    },
                },
            },
        },
    },
}
CITIES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "additionalProperties": {
        "type": "object",
        "required": ["region", "kk", "ru", "lat", "lon"],
        "properties": {
            "region": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
            "kk": {"type": "string", "minLength": 1},
            "ru": {"type": "string", "minLength": 1},
            "lat": {"type": "number", "minimum": 40.5, "maximum": 55.5},
            "lon": {"type": "number", "minimum": 46.4, "maximum": 87.4},
            # The town's other names (old, official, Latin), which search finds it by.
            "aliases": {
                "type": "array",
                "items": {"type": "string", "minLength": 1, "maxLength": 60},
                "maxItems": 40,
            },
        },
    },
}
SERVICES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"pattern": "^[a-z_]+$"},
    "additionalProperties": {
        "type": "object",
        "required": ["kk", "ru", "need"],
        "properties": {
            "kk": {"type": "string", "minLength": 1},
            "ru": {"type": "string", "minLength": 1},
            "need": {"type": "boolean"},
        },
    },
}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    catalogue: Catalogue | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def display_path(path: Path) -> str:
    """Repository-relative when possible, so annotations land on the right file.

    Always printable as UTF-8: bytes of a file name that are not UTF-8 show as \\xNN.
    """
    try:
        return shown_name(os.path.relpath(path, Path.cwd()).replace(os.sep, "/"))
    except ValueError:
        return shown_name(str(path))


def _display_in(folder: Path) -> Callable[[Path], str]:
    """display_path for the files of one folder, the folder's relative path worked out once.

    For a plain file name, relpath(folder/name) is relpath(folder) + "/" + name,
    or just name when the folder is the working one; relpath costs ~25 us a call.
    """
    try:
        shown = os.path.relpath(folder, Path.cwd()).replace(os.sep, "/")
    except ValueError:
        return display_path
    return lambda path: shown_name(path.name if shown == "." else f"{shown}/{path.name}")


def _load_reference(path: Path, schema: dict[str, Any], report: Report) -> dict[str, Any] | None:
    report.files += 1
    # Only a regular file, not a link: a link could point outside the data folder, to /dev/zero
    # or to a pipe. (load_file checks the opened file again.)
    if refused := reference_problem(path, display_path(path)):
        report.problems += with_rule([refused], "file")
        return None
    loaded = load_file(path, display_path(path), max_bytes=1024 * 1024)
    if not loaded.ok:
        report.problems += with_rule(loaded.problems, "yaml")
        return None
    problems = with_rule(schema_problems(loaded.data, loaded.positions, loaded.display, schema), "reference")
    problems += _reference_text_problems(loaded.data, loaded.positions, loaded.display)
    report.problems.extend(problems)
    return None if problems else loaded.data


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _strings(item, (*path, index))]
    return []


def _reference_text_problems(data: Any, positions: Any, display: str) -> list[Problem]:
    """The names of regions, towns and services are published (shelter pages, map popups, the
    finder): with the same HTML and location detectors as a listing's text, positioned at the value."""
    problems = []
    for path, text in _strings(data):
        line, col = positions.of_value(path)
        if has_html_tag(text):
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    say("html.reference"),
                    say("html.hint"),
                    rule="reference-no-html",
                )
            )
        if label := location_label(text):
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    say("location.reference", label=said_label(label)),
                    say("location.reference.hint"),
                    rule="reference-no-location",
                )
            )
    return problems


def validate(data_dir: Path, today: dt.date | None = None) -> Report:
    today = today or dt.date.today()
    report = Report()
    regions_data = _load_reference(data_dir / "regions.yaml", REGIONS_SCHEMA, report)
    cities_data = _load_reference(data_dir / "cities.yaml", CITIES_SCHEMA, report)
    services_data = _load_reference(data_dir / "services.yaml", SERVICES_SCHEMA, report)

    regions = {
        code: Region(code, r["en"], Text(r["kk"], r["ru"]))
        for code, r in ((regions_data or {}).get("regions") or {}).items()
    }
    cities = {
        key: City(
            key,
            c["region"],
            Text(c["kk"], c["ru"]),
            float(c["lat"]),
            float(c["lon"]),
            tuple(a.strip() for a in c.get("aliases") or ()),
        )
        for key, c in (cities_data or {}).items()
    }
    for key, city in cities.items():
        # Two decimals at most (about 1 km): a town's centre, never a building.
        # Checked here because JSON Schema's multipleOf fails on floats like 77.07.
        for coordinate in (city.lat, city.lon):
            if round(coordinate, 2) != coordinate:
                report.problems.append(
                    Problem(
                        display_path(data_dir / "cities.yaml"),
                        1,
                        1,
                        say("city.decimals", city=key, coordinate=coordinate),
                        say("city.decimals.hint"),
                        rule="reference",
                    )
                )
        if regions and city.region not in regions:
            report.problems.append(
                Problem(
                    display_path(data_dir / "cities.yaml"),
                    1,
                    1,
                    say("city.unknown-region", city=key, region=city.region),
                    rule="reference",
                )
            )
    if regions:  # the shapes every map draws: checked here, so a build never meets a broken file
        report.problems.extend(boundaries.problems(BOUNDARIES, display_path(BOUNDARIES), set(regions)))
    services = {key: Service(key, Text(s["kk"], s["ru"]), bool(s["need"])) for key, s in (services_data or {}).items()}
    counts = _counts((regions_data or {}).get("official_counts_2019"))

    centres_dir = data_dir / "centres"
    display_of = _display_in(centres_dir)
    # Regular *.yaml files only; every other entry (a folder, a link, a pipe, a hidden file) is reported.
    files, entries_refused = listing_files(centres_dir, display_of)
    report.problems += with_rule(entries_refused, "file")
    report.files += len(entries_refused)
    if not files and not any(p.is_error for p in entries_refused):  # else those errors say why
        report.problems.append(
            Problem(
                display_path(centres_dir),
                1,
                1,
                say("file.no-listings"),
                say("file.no-listings.hint"),
                rule="file",
            )
        )
    rules = ListingRules(regions, cities, services, today)
    valid: list[tuple[Any, str]] = []  # data only: positions are not needed past the rules
    for path in files:
        report.files += 1
        display = display_of(path)
        loaded = load_file(path, display)
        if not loaded.ok:
            report.problems += with_rule(loaded.problems, "yaml")
            continue
        problems = with_rule(schema_problems(loaded.data, loaded.positions, display), "schema")
        # The rules run even when the schema refused the listing, each on the fields that have
        # the shape it needs, so that one run reports every problem of the file. Each problem
        # names its rule (generator/data/rules/registry.py).
        problems += rules.check(loaded, path.stem, shape_checked=not problems)
        report.problems.extend(problems)
        if not any(p.is_error for p in problems):
            valid.append((loaded.data, display))
    report.problems.extend(rules.duplicates())  # across files: known once every listing is read

    report.problems = sorted(set(report.problems), key=lambda p: (p.path, p.line, p.col, p.message))
    if report.ok:
        listings = [build_listing(data, display, regions, cities, services) for data, display in valid]
        report.catalogue = Catalogue(regions, cities, services, counts, listings)
    return report


def _counts(data: dict[str, Any] | None) -> OfficialCounts | None:
    if not data:
        return None
    rows = tuple(
        Count2019(
            Text(r["name_2019"]["kk"], r["name_2019"]["ru"]),
            r["name_2019"]["en"],
            tuple(r["today"]),
            int(r["centres"]),
            int(r["with_shelter"]),
        )
        for r in data["rows"]
    )
    return OfficialCounts(
        source=data["source"],
        caveat=Text(data["caveat"]["kk"], data["caveat"]["ru"]),
        total_centres=int(data["total_printed"]["centres"]),
        total_with_shelter=int(data["total_printed"]["with_shelter"]),
        rows=rows,
    )
