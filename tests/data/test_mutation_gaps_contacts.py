"""A helpline or an emergency line without its number: refused, at the line of `phones:`
(issue 23: where the error points, and that both kinds are meant, went untested)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data.validate import validate

from ..conftest import DATA, make_data_dir


@pytest.mark.parametrize(("name", "kind"), [("national-150", "helpline"), ("emergency-112", "emergency")])
def test_a_line_without_its_number_is_refused_where_its_phones_are(tmp_path: Path, name: str, kind: str):
    text = (DATA / "centres" / f"{name}.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"  phones:\n    - number: \"\d+\"\n(      \w+: .*\n)*", "  phones: []\n", text)
    assert n == 1
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / f"{name}.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  phones: []") + 1
    report = validate(data)
    found = [(p.line, p.col, p.message) for p in report.errors if p.rule == "line-has-phone"]
    assert found == [(line, 3, f"a {kind} listing needs its phone number")]


def test_a_centre_without_a_number_is_not_a_line_without_one(tmp_path: Path):
    """The rule is about lines: a centre without a phone says how to reach it instead."""
    text = (DATA / "centres" / "almaty-zhan-saya.yaml").read_text(encoding="utf-8")
    assert "kind: shelter" in text and "phones: []" in text and "how_to_reach" in text
    report = validate(make_data_dir(tmp_path / "data", [DATA / "centres" / "almaty-zhan-saya.yaml"]))
    assert report.ok and not [p for p in report.problems if p.rule == "line-has-phone"]
