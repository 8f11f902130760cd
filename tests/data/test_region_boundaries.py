"""Checks of data/geo/kz-regions.geojson (the region map) and of the script that makes it.

Standard library, PyYAML and jsonschema only: no shapely. See data/geo/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import math
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
GEOJSON = REPO / "data" / "geo" / "kz-regions.geojson"
SCRIPT = REPO / "tools" / "make_region_boundaries.py"
MAX_BYTES = 150 * 1000

EXPECTED = {
    "KZ-10": "Abai Region",
    "KZ-11": "Akmola",
    "KZ-15": "Aktobe",
    "KZ-19": "Almaty Region",
    "KZ-23": "Atyrau",
    "KZ-27": "West Kazakhstan",
    "KZ-31": "Jambyl",
    "KZ-33": "Jetisu",
    "KZ-35": "Karaganda",
    "KZ-39": "Kostanay",
    "KZ-43": "Kyzylorda",
    "KZ-47": "Mangystau",
    "KZ-55": "Pavlodar",
    "KZ-59": "North Kazakhstan",
    "KZ-61": "Turkistan",
    "KZ-62": "Ulytau",
    "KZ-63": "East Kazakhstan",
    "KZ-71": "Astana city",
    "KZ-75": "Almaty city",
    "KZ-79": "Shymkent city",
}

# city of republican significance -> the region all around it
CITY_IN_REGION = {"KZ-71": "KZ-11", "KZ-75": "KZ-19", "KZ-79": "KZ-61"}

# (region, region, least number of border vertices they must have in common)
NEIGHBOURS = [
    ("KZ-75", "KZ-19", 30),  # Almaty city inside Almaty Region
    ("KZ-71", "KZ-11", 30),  # Astana inside Akmola
    ("KZ-79", "KZ-61", 30),  # Shymkent inside Turkistan
    ("KZ-62", "KZ-35", 30),  # Ulytau - Karaganda, split in 2022
    ("KZ-10", "KZ-63", 30),  # Abai - East Kazakhstan, split in 2022
    ("KZ-33", "KZ-19", 30),  # Jetisu - Almaty Region, split in 2022
    ("KZ-11", "KZ-59", 30),  # Akmola - North Kazakhstan
]

# well-known towns (lon, lat) and the region they lie in
LANDMARKS = {
    "Astana": ((71.43, 51.13), "KZ-71"),
    "Almaty": ((76.93, 43.25), "KZ-75"),
    "Shymkent": ((69.60, 42.32), "KZ-79"),
    "Semey": ((80.25, 50.41), "KZ-10"),
    "Kokshetau": ((69.39, 53.28), "KZ-11"),
    "Aktobe": ((57.17, 50.28), "KZ-15"),
    "Konaev": ((77.07, 43.87), "KZ-19"),
    "Atyrau": ((51.92, 47.10), "KZ-23"),
    "Oral": ((51.37, 51.23), "KZ-27"),
    "Taraz": ((71.37, 42.90), "KZ-31"),
    "Taldykorgan": ((78.37, 45.02), "KZ-33"),
    "Karaganda": ((73.10, 49.80), "KZ-35"),
    "Kostanay": ((63.62, 53.21), "KZ-39"),
    "Kyzylorda": ((65.51, 44.85), "KZ-43"),
    "Aktau": ((51.20, 43.67), "KZ-47"),
    "Pavlodar": ((76.95, 52.29), "KZ-55"),
    "Petropavl": ((69.15, 54.87), "KZ-59"),
    "Turkistan": ((68.25, 43.30), "KZ-61"),
    "Zhezkazgan": ((67.71, 47.80), "KZ-62"),
    "Oskemen": ((82.61, 49.95), "KZ-63"),
}

POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 2,
    "items": {"type": "number"},
}
RING = {"type": "array", "minItems": 4, "items": POSITION}
POLYGON = {"type": "array", "minItems": 1, "items": RING}
SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},  # RFC 7946 drops "crs": WGS 84 lon/lat only
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "properties", "geometry"],
                "properties": {
                    "type": {"const": "Feature"},
                    "properties": {
                        "type": "object",
                        "required": ["iso", "en"],
                        "additionalProperties": False,
                        "properties": {
                            "iso": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
                            "en": {"type": "string", "minLength": 1},
                        },
                    },
                    "geometry": {
                        "oneOf": [
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Polygon"},
                                    "coordinates": POLYGON,
                                },
                            },
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "MultiPolygon"},
                                    "coordinates": {
                                        "type": "array",
                                        "minItems": 2,
                                        "items": POLYGON,
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_iso(collection) -> dict[str, list]:
    """iso -> list of polygons (each a list of rings of [lon, lat])."""
    out = {}
    for feature in collection["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out[feature["properties"]["iso"]] = polys
    return out


def signed_area(ring) -> float:
    """Shoelace area in square degrees; positive when counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2.0


def km2(ring) -> float:
    lat0 = sum(p[1] for p in ring) / len(ring)
    return abs(signed_area(ring)) * 111.32 * 110.57 * math.cos(math.radians(lat0))


def inside(point, polys) -> bool:
    """Even-odd point-in-polygon over every ring of a (multi)polygon."""
    x, y = point
    hit = False
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    hit = not hit
    return hit


def vertices(polys) -> set[tuple[float, float]]:
    return {tuple(p) for poly in polys for ring in poly for p in ring}


def all_rings(by_iso):
    for iso, polys in by_iso.items():
        for poly in polys:
            for k, ring in enumerate(poly):
                yield iso, k, ring


def cyclic(ring) -> tuple:
    """A closed ring as a canonical cyclic sequence (rotation-free, direction kept)."""
    pts = [tuple(p) for p in ring[:-1]]
    k = pts.index(min(pts))
    return tuple(pts[k:] + pts[:k])


# --------------------------------------------------------------------------- the data file


def test_file_is_small():
    assert GEOJSON.stat().st_size <= MAX_BYTES


def test_file_is_compact_json():
    text = GEOJSON.read_text(encoding="utf-8")
    assert "  " not in text and ": " not in text, "no indentation or padding"


def test_valid_rfc7946_structure(collection):
    jsonschema.validate(collection, SCHEMA)


def test_twenty_features(collection):
    assert len(collection["features"]) == 20


def test_every_iso_code_exactly_once(collection):
    codes = Counter(f["properties"]["iso"] for f in collection["features"])
    assert set(codes) == set(EXPECTED)
    assert all(n == 1 for n in codes.values()), codes


def test_properties_are_exactly_iso_and_en(collection):
    for feature in collection["features"]:
        props = feature["properties"]
        assert list(props) == ["iso", "en"]
        assert props["en"] == EXPECTED[props["iso"]]


def test_rings_are_closed_and_long_enough(by_iso):
    for iso, k, ring in all_rings(by_iso):
        assert len(ring) >= 4, (iso, k)
        assert ring[0] == ring[-1], (iso, k)
        assert len({tuple(p) for p in ring}) >= 3, (iso, k)
        assert all(a != b for a, b in zip(ring, ring[1:], strict=False)), f"{iso}: repeated vertex"


def test_coordinates_are_in_kazakhstan(by_iso):
    for iso, _k, ring in all_rings(by_iso):
        for lon, lat in ring:
            assert 46 <= lon <= 88 and 40 <= lat <= 56, (iso, lon, lat)


def test_coordinates_are_rounded(by_iso):
    for iso, _k, ring in all_rings(by_iso):
        for value in (c for p in ring for c in p):
            assert round(value, 3) == value, (iso, value)


def test_exterior_rings_counter_clockwise_holes_clockwise(by_iso):
    for iso, k, ring in all_rings(by_iso):
        area = signed_area(ring)
        if k == 0:
            assert area > 0, f"{iso}: exterior ring is clockwise"
        else:
            assert area < 0, f"{iso}: hole is counter-clockwise"


def test_cities_survive_as_real_polygons(by_iso):
    for city in CITY_IN_REGION:
        main = max((poly[0] for poly in by_iso[city]), key=km2)
        assert km2(main) > 300, city  # each city is 600-1,200 km2
        assert len(main) >= 20, city


def test_known_neighbours_share_border_vertices(by_iso):
    for a, b, least in NEIGHBOURS:
        common = vertices(by_iso[a]) & vertices(by_iso[b])
        assert len(common) >= least, (a, b, len(common))


def test_each_city_exactly_fills_a_hole_of_its_region(by_iso):
    for city, region in CITY_IN_REGION.items():
        holes = {cyclic(ring[::-1]) for poly in by_iso[region] for ring in poly[1:]}
        for poly in by_iso[city]:
            assert cyclic(poly[0]) in holes, f"{city} part at {poly[0][0]} is not cut from {region}"


def test_shared_borders_are_identical(by_iso):
    """In a clean partition each edge is used by at most two rings, in opposite directions."""
    directed = Counter()
    for _iso, _k, ring in all_rings(by_iso):
        directed.update((tuple(a), tuple(b)) for a, b in zip(ring, ring[1:], strict=False))
    twice = [edge for edge, n in directed.items() if n > 1]
    assert not twice, f"edges used twice in the same direction: {twice[:5]}"
    shared = sum(1 for (a, b) in directed if (b, a) in directed) // 2
    assert shared > 1000, "neighbouring regions should share many edges"


def test_landmarks_lie_in_their_region(by_iso):
    for town, (point, iso) in LANDMARKS.items():
        containing = [code for code, polys in by_iso.items() if inside(point, polys)]
        assert containing == [iso], (town, containing)


def test_no_overlaps_on_a_sample_grid(by_iso):
    boxes = {}
    for iso, polys in by_iso.items():
        pts = [p for poly in polys for p in poly[0]]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        boxes[iso] = (min(xs), min(ys), max(xs), max(ys))
    covered = 0
    for i in range(168):
        for j in range(64):
            point = (46.05 + i * 0.25, 40.05 + j * 0.25)
            hits = [
                iso
                for iso, (x0, y0, x1, y1) in boxes.items()
                if x0 <= point[0] <= x1 and y0 <= point[1] <= y1 and inside(point, by_iso[iso])
            ]
            assert len(hits) <= 1, (point, hits)
            covered += bool(hits)
    # Kazakhstan is ~2.7 million km2: about 6,000 of these 0.25-degree cells
    assert 4500 < covered < 7500, covered


# --------------------------------------------------------------------------- the script


def load_script():
    spec = importlib.util.spec_from_file_location("make_region_boundaries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_names_match_the_data():
    script = load_script()
    assert {iso: en for iso, en, _aliases in script.REGIONS} == EXPECTED


def _fake_source(names):
    features = []
    for i, name in enumerate(names):
        x, y = 50 + i, 45
        ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"ADM1_EN": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


SOURCE_NAMES = [
    "Abay Region", "Akmola Region", "Aktobe Region", "Almaty Region", "Atyrau Region",
    "West Kazakhstan Region", "Zhambyl Region", "Zhetysu Region", "Karaganda Region",
    "Kostanay Region", "Kyzylorda Region", "Mangystau Region", "Pavlodar Region",
    "North Kazakhstan Region", "Turkestan Region", "Ulytau Region", "East Kazakhstan Region",
    "Astana", "Almaty", "Shymkent",
]  # fmt: skip


def test_spelling_variants_are_matched():
    script = load_script()
    matched = script.match_regions(_fake_source(SOURCE_NAMES))
    assert set(matched) == set(EXPECTED)
    assert matched["KZ-31"]["properties"]["ADM1_EN"] == "Zhambyl Region"
    assert matched["KZ-75"]["properties"]["ADM1_EN"] == "Almaty"
    assert matched["KZ-19"]["properties"]["ADM1_EN"] == "Almaty Region"


@pytest.mark.parametrize(
    "names",
    [
        SOURCE_NAMES[:-1],  # Shymkent missing
        SOURCE_NAMES[:-1] + ["Shymkent Oblast"],  # unknown name
        SOURCE_NAMES[:-1] + ["Almaty city"],  # Almaty city twice, Shymkent missing
        SOURCE_NAMES + ["Turkistan"],  # Turkistan twice
    ],
)
def test_unmatched_or_doubly_matched_names_fail(names):
    script = load_script()
    with pytest.raises(SystemExit):
        script.match_regions(_fake_source(names))


def _wavy_grid_source():
    """20 regions in a 5 x 4 grid whose shared borders are dense, identical, wiggly lines."""
    cols, rows, n = 5, 4, 60

    def edge(p, q, salt):
        pts = []
        for t in range(n + 1):
            f = t / n
            wiggle = 0.08 * math.sin(7 * f * math.pi + salt) * math.sin(f * math.pi)
            x = p[0] + (q[0] - p[0]) * f + (q[1] - p[1]) * wiggle
            y = p[1] + (q[1] - p[1]) * f - (q[0] - p[0]) * wiggle
            pts.append([x, y])
        return pts

    def corner(i, j):
        return (55 + 4 * i, 42 + 3 * j)

    h = {}  # horizontal borders, west to east
    for i in range(cols):
        for j in range(rows + 1):
            h[(i, j)] = edge(corner(i, j), corner(i + 1, j), i + 10 * j)
    v = {}  # vertical borders, south to north
    for i in range(cols + 1):
        for j in range(rows):
            v[(i, j)] = edge(corner(i, j), corner(i, j + 1), 5 + i + 10 * j)
    features = []
    for k, name in enumerate(SOURCE_NAMES):
        i, j = k % cols, k // cols
        ring = h[(i, j)] + v[(i + 1, j)][1:] + h[(i, j + 1)][::-1][1:] + v[(i, j)][::-1][1:]
        if k % 2:
            ring.reverse()  # clockwise in the source: the script must turn it round
        features.append(
            {
                "type": "Feature",
                "properties": {"ADM1_EN": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def test_script_simplifies_keeping_borders_shared(tmp_path):
    script = load_script()
    wheel = tmp_path / "fake.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(script.SOURCE_MEMBER, json.dumps(_wavy_grid_source()))
    out = tmp_path / "out.geojson"
    assert script.main([str(wheel), "--out", str(out), "--tolerance-km", "5"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert len(result["features"]) == 20
    polys = {f["properties"]["iso"]: [f["geometry"]["coordinates"]] for f in result["features"]}
    rings = [poly[0] for p in polys.values() for poly in p]
    assert all(signed_area(r) > 0 for r in rings)
    assert sum(len(r) for r in rings) < 20 * 4 * 60 / 2, "not simplified"
    directed = Counter()
    for r in rings:
        directed.update((tuple(a), tuple(b)) for a, b in zip(r, r[1:], strict=False))
    assert all(n == 1 for n in directed.values())
    inner_edges = sum(1 for (a, b) in directed if (b, a) in directed) // 2
    assert inner_edges >= 31 * 3, "each of the 31 inner borders keeps >= 3 shared edges"
