"""The static map: the 20 regions as an inline ``<svg>``, made at build time, no script.

Pages show it first; the interactive Folium map (generator/mapframe.py, about 100 KB of
code) loads only when the reader presses the button above it (kz-map-load.js).

* **Shapes only.** Its only coordinates are the region outlines of
  data/geo/kz-regions.geojson, simplified: no town, no marker, no other point.
* **Projection.** Equirectangular with its standard parallel at 48° N (longitude scaled by
  cos 48°), the middle of Kazakhstan: at this size it looks as the country does on a conic
  map, and is one multiplication.
* **Simplification.** As the boundary file was made (tools/make_region_boundaries.py):
  rings are cut into arcs at the points where neighbours meet, each arc is simplified once
  with Douglas-Peucker and rounded to the whole units of the view box, so two neighbours
  keep exactly the same border (no gap, no overlap). Repeated points and spikes that
  rounding folds flat are dropped; islands smaller than a unit square are left out.
* **Paths.** One ``<path>`` per region, absolute start then relative moves (``M x y l dx dy
  … z``), even-odd fill so that holes (the three cities) stay holes.
* **Deterministic.** Same file, same output, byte for byte.

The shapes are made once per process (:func:`shapes`); colours, names and links come from
mapview's facts, per language, in templates/map_static.html.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.data import boundaries

GEOJSON = boundaries.BOUNDARIES

REF_LAT = 48.0
WIDTH = 1000  # view box units across the country; the height follows from the projection
MARGIN = 4
TOLERANCE = 1.0  # Douglas-Peucker, in view box units
MIN_ISLAND = 1.0  # square units
SMALL = 20  # units: a region narrower than this is drawn with a wide outline, to be seen and tapped

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class Shapes:
    width: int
    height: int
    paths: dict[str, str]  # ISO code -> SVG path data, by code
    small: frozenset[str]  # regions too small to see or tap at this size (the three cities)


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _junctions(rings: list[Ring]) -> set[Point]:
    """Points where a ring meets a different neighbour than before: where arcs begin and end."""
    seen: dict[Point, frozenset[Point]] = {}
    out: set[Point] = set()
    for ring in rings:
        n = len(ring)
        for i, p in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % n]))
            if seen.setdefault(p, pair) != pair:
                out.add(p)
    return out


def _seg_dist2(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    d2 = dx * dx + dy * dy
    t = 0.0 if d2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / d2))
    ex, ey = p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)
    return ex * ex + ey * ey


def _douglas_peucker(pts: list[Point], tolerance: float) -> list[Point]:
    keep = {0, len(pts) - 1}
    stack = [(0, len(pts) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        a, b = stack.pop()
        best, best_d = -1, -1.0
        for i in range(a + 1, b):
            d = _seg_dist2(pts[i], pts[a], pts[b])
            if d > best_d:
                best, best_d = i, d
        if best >= 0 and best_d > tol2:
            keep.add(best)
            stack += [(a, best), (best, b)]
    return [pts[i] for i in sorted(keep)]


def _simplify(arc: list[Point], closed: bool) -> list[tuple[int, int]]:
    if closed:  # fix its first point and the point farthest from it
        ring = arc[:-1]
        far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
        pts = _douglas_peucker(ring[: far + 1], TOLERANCE)[:-1] + _douglas_peucker(ring[far:] + [ring[0]], TOLERANCE)
    else:
        pts = _douglas_peucker(arc, TOLERANCE)
    out: list[tuple[int, int]] = []
    for x, y in pts:
        q = (round(x), round(y))
        if out and out[-1] == q:
            continue
        out.append(q)
        while len(out) >= 3 and out[-1] == out[-3]:
            del out[-2:]  # a spike folded flat by rounding
    if closed and len(out) > 1 and out[-1] == out[0]:
        out.pop()  # the path's "z" closes it
    return out


def _area2(ring: list[tuple[int, int]]) -> int:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))


def _path(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        moves = []
        for px, py in rest:
            moves.append(f"{px - x} {py - y}")
            x, y = px, py
        parts.append(f"M{ring[0][0]} {ring[0][1]}l" + " ".join(moves).replace(" -", "-") + "z")
    return "".join(parts)


@cache
def shapes(path: Path = GEOJSON) -> Shapes:
    features = boundaries.load(path)["features"]
    lons = [p[0] for f in features for poly in _rings(f["geometry"]) for ring in poly for p in ring]
    lats = [p[1] for f in features for poly in _rings(f["geometry"]) for ring in poly for p in ring]
    kx = math.cos(math.radians(REF_LAT))
    scale = (WIDTH - 2 * MARGIN) / ((max(lons) - min(lons)) * kx)
    west, north = min(lons), max(lats)
    height = math.ceil((north - min(lats)) * scale) + 2 * MARGIN

    def project(p: list[float]) -> Point:
        return (MARGIN + (p[0] - west) * kx * scale, MARGIN + (north - p[1]) * scale)

    # Every ring, closed by repeating nothing (GeoJSON repeats the first point at the end).
    regions: dict[str, list[list[Ring]]] = {}
    for f in features:
        polys = []
        for poly in _rings(f["geometry"]):
            polys.append([[project(p) for p in ring[:-1]] for ring in poly])
        regions[f["properties"]["iso"]] = polys
    junctions = _junctions([ring for polys in regions.values() for poly in polys for ring in poly])
    arcs: dict[tuple[Point, ...], list[tuple[int, int]]] = {}

    def arc(pts: list[Point], closed: bool) -> list[tuple[int, int]]:
        """The simplified arc, made once for both rings that share it (in either direction).

        A closed arc (a ring that meets no other region, or one region only: a city and the
        hole it fills) starts at its smallest point; where a ring starts and which way it
        turns change nothing of its shape under the even-odd rule."""
        if closed:
            k = pts.index(min(pts))
            fwd = pts[k:] + pts[:k]
            rev = (fwd[0], *fwd[:0:-1])
            key = rev if rev in arcs else tuple(fwd)
            if key not in arcs:
                arcs[key] = _simplify([*fwd, fwd[0]], closed=True)
            return arcs[key]
        key = tuple(pts)
        if key[::-1] in arcs:
            return arcs[key[::-1]][::-1]
        if key not in arcs:
            arcs[key] = _simplify(pts, closed=False)
        return arcs[key]

    paths: dict[str, str] = {}
    small: set[str] = set()
    for iso in sorted(regions):
        rings_out = []
        for poly in regions[iso]:
            for ring in poly:
                cuts = [i for i, p in enumerate(ring) if p in junctions]
                if not cuts:
                    simple = arc(ring, closed=True)
                else:
                    k = cuts[0]
                    rot = ring[k:] + ring[:k] + [ring[k]]
                    offsets = [(i - k) % len(ring) for i in cuts] + [len(ring)]
                    simple = []
                    for a, b in zip(offsets, offsets[1:], strict=False):
                        piece = arc(rot[a : b + 1], closed=False)
                        simple.extend(piece if not simple else piece[1:])
                    simple = simple[:-1]
                rings_out.append(simple)
        kept = [r for r in rings_out if len(set(r)) >= 3 and abs(_area2(r)) / 2 >= MIN_ISLAND] or rings_out[:1]
        paths[iso] = _path(kept)
        xs, ys = [x for r in kept for x, _ in r], [y for r in kept for _, y in r]
        if max(max(xs) - min(xs), max(ys) - min(ys)) < SMALL:
            small.add(iso)
    return Shapes(WIDTH, height, paths, frozenset(small))
