"""The region boundaries are read safely and checked before any map draws them (review of #14)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.data import boundaries

REAL = json.loads(boundaries.BOUNDARIES.read_text(encoding="utf-8"))


def test_the_real_boundaries_are_usable():
    assert (
        boundaries.problems(
            boundaries.BOUNDARIES, "kz-regions.geojson", {f["properties"]["iso"] for f in REAL["features"]}
        )
        == []
    )
    assert len(boundaries.load()["features"]) == 20


def _with(tmp_path: Path, content: str) -> list[str]:
    path = tmp_path / "kz-regions.geojson"
    path.write_text(content, encoding="utf-8")
    return [p.message for p in boundaries.problems(path, "kz-regions.geojson")]


def test_a_pipe_or_a_link_is_never_read(tmp_path: Path):
    """Before: a pipe in its place made the build wait for ever; a link was followed."""
    fifo = tmp_path / "fifo.geojson"
    os.mkfifo(fifo)
    assert "not a regular file" in boundaries.problems(fifo, "x")[0].message
    link = tmp_path / "link.geojson"
    link.symlink_to(boundaries.BOUNDARIES)
    assert "link" in boundaries.problems(link, "x")[0].message
    with pytest.raises(boundaries.BadBoundaries):
        boundaries.load.__wrapped__(fifo)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[1, 2]", "not a GeoJSON FeatureCollection"),
        ("{" * 50_000, "not JSON"),
        ('{"type": "FeatureCollection", "features": [{"properties": {"iso": "KZ-7"}}]}', "no ISO code"),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"iso": "KZ-75"}, "geometry": '
            '{"type": "Point", "coordinates": [76.9, 43.2]}}]}',
            "not a Polygon",
        ),
    ],
)
def test_a_broken_file_is_refused_in_plain_words(tmp_path: Path, content: str, words: str):
    assert any(words in message for message in _with(tmp_path, content))


def test_a_shape_outside_the_country_or_with_a_non_number_is_refused(tmp_path: Path):
    feature = REAL["features"][0]
    ring = feature["geometry"]["coordinates"][0]
    for bad in ([[10.0, 10.0]] * 4, [["76", 43.0]] * 4, [[float("nan"), 43.0]] * 4):
        changed = {**feature, "geometry": {"type": "Polygon", "coordinates": [bad]}}
        data = {"type": "FeatureCollection", "features": [changed]}
        assert any("not a Polygon" in m for m in _with(tmp_path, json.dumps(data)))
    assert _with(tmp_path, json.dumps({"type": "FeatureCollection", "features": [feature]})) == []
    assert len(ring) >= 4


def test_validate_reports_a_broken_boundary_file_so_no_build_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from generator.data import validate as validating

    from ..conftest import DATA, make_data_dir

    data = make_data_dir(tmp_path / "data", [DATA / "centres" / "national-150.yaml"])
    assert validating.validate(data).ok
    fifo = tmp_path / "kz-regions.geojson"
    os.mkfifo(fifo)
    monkeypatch.setattr(validating, "BOUNDARIES", fifo)
    report = validating.validate(data)
    assert not report.ok
    assert [p.rule for p in report.errors] == ["file"] and "region boundaries" in report.errors[0].message
