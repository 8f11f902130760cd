"""The region boundaries (data/geo/kz-regions.geojson): read safely, checked, then drawn.

The file is data like the listings, changed by pull request, and the map reads it: it is read
as the reference files are (a regular file, never through a link, a pipe or a device, never
more than the limit) and checked before any map uses it: a FeatureCollection of the regions,
each with its ISO code and a Polygon or MultiPolygon of finite coordinates inside the
country's frame. Its shapes are never a place: they are only the regions' outlines.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator import ROOT
from generator.data.files import NotReadable, read_regular_file
from generator.data.messages import say
from generator.data.problems import Problem

BOUNDARIES = ROOT / "data" / "geo" / "kz-regions.geojson"
MAX_BYTES = 2 * 1024 * 1024  # the file is about 90 KB
_ISO = re.compile(r"KZ-[0-9]{2}")
# A frame around Kazakhstan, wider than the country (the map's own bounds are tighter).
LON, LAT = (40.0, 94.0), (36.0, 60.0)


class BadBoundaries(Exception):
    """The boundary file can't be used; its problems say why, where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def problems(path: Path, display: str, regions: set[str] | None = None) -> list[Problem]:
    """Every problem of the boundary file; [] when maps can use it."""
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except NotReadable as exc:
        return [_problem(display, say("boundaries.unreadable", why=exc), "file")]
    except OSError as exc:
        return [_problem(display, say("boundaries.unreadable", why=exc.strerror or exc), "file")]
    if len(raw) > MAX_BYTES:
        return [_problem(display, say("boundaries.too-big", limit=MAX_BYTES // 1024), "file")]
    return list(_content_problems(raw, display, None if regions is None else frozenset(regions)))


@lru_cache(maxsize=4)
def _content_problems(raw: bytes, display: str, regions: frozenset[str] | None) -> tuple[Problem, ...]:
    """The problems of the boundary file's content, remembered: every validation checks the same
    file, and walking its points was 40% of validating a folder of two listings (the tests
    validate hundreds of such folders; issue 15)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return (_problem(display, say("boundaries.not-json", why=str(exc)[:200]), "boundaries"),)
    found = _shape_problems(data, display)
    if not found and regions is not None:
        codes = {f["properties"]["iso"] for f in data["features"]}
        if codes != regions:
            missing, extra = sorted(regions - codes), sorted(codes - regions)
            found.append(
                _problem(
                    display,
                    say("boundaries.other-regions", missing=missing, extra=extra),
                    "boundaries",
                )
            )
    return tuple(found)


@cache
def load(path: Path = BOUNDARIES) -> dict[str, Any]:
    """The checked boundaries; BadBoundaries if the file can't be used."""
    found = problems(path, str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
    if found:
        raise BadBoundaries(found)
    return json.loads(read_regular_file(path, MAX_BYTES).decode("utf-8"))


def _problem(display: str, message: str, rule: str) -> Problem:
    return Problem(display, 1, 1, message, say("boundaries.hint"), rule=rule)


def _shape_problems(data: Any, display: str) -> list[Problem]:
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        return [_problem(display, say("boundaries.not-collection"), "boundaries")]
    found: list[Problem] = []
    seen: set[str] = set()
    for index, feature in enumerate(data["features"]):
        where = index + 1
        properties = feature.get("properties") if isinstance(feature, dict) else None
        iso = properties.get("iso") if isinstance(properties, dict) else None
        if not isinstance(iso, str) or not _ISO.fullmatch(iso):
            found.append(_problem(display, say("boundaries.no-code", feature=where), "boundaries"))
            continue
        if iso in seen:
            found.append(_problem(display, say("boundaries.two-shapes", feature=where, region=iso), "boundaries"))
        seen.add(iso)
        geometry = feature.get("geometry")
        if not _is_area(geometry):
            found.append(_problem(display, say("boundaries.not-polygon", feature=where, region=iso), "boundaries"))
    return found


def _is_area(geometry: Any) -> bool:
    if not isinstance(geometry, dict):
        return False
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else None
    if not isinstance(polygons, list) or not polygons:
        return False
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return False
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return False
            for point in ring:
                if not (isinstance(point, list) and len(point) == 2 and all(_number(v) for v in point)):
                    return False
                if not (LON[0] <= point[0] <= LON[1] and LAT[0] <= point[1] <= LAT[1]):
                    return False
    return True


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
