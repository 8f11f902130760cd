"""Shortcuts the validator takes for speed give the answers the long way gives."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data import yamlload
from generator.data.validate import _display_in, display_path


def _scalar_the_long_way(value: str) -> Any:
    """yamlload.scalar_value for a plain scalar, without its first-character shortcut."""
    y = yamlload
    if y._NULL.match(value):
        return None
    if y._TRUE.match(value):
        return True
    if y._FALSE.match(value):
        return False
    if y._INT.match(value):
        return int(value)
    if y._INT_OCT.match(value):
        return int(value[2:], 8)
    if y._INT_HEX.match(value):
        return int(value[2:], 16)
    if y._FLOAT.match(value):
        return float(value)
    if y._INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if y._NAN.match(value):
        return float("nan")
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


def test_plain_scalars_read_the_same_with_the_first_character_shortcut():
    tails = ["", "0", "1", "ull", "rue", "alse", "inf", "nan", "x1", "\n", ".5", "e3"]
    starts = [chr(c) for c in range(0x3000) if not 0xD800 <= c <= 0xDFFF] + ["\uff10", "\u0660", "\u2028"]
    for start in starts:
        for value in (start + tail for tail in tails):
            event = yaml.ScalarEvent(None, None, (True, False), value, style=None)
            assert _same(yamlload.scalar_value(event), _scalar_the_long_way(value)), repr(value)


@pytest.mark.parametrize("where", ["data/centres", "data", ".", "data/centres/sub", "elsewhere"])
def test_listing_paths_print_as_display_path_prints_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str):
    centres = tmp_path / "data" / "centres"
    (centres / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / where)
    for folder in (centres, Path(os.path.relpath(centres)), centres / "sub" / ".."):
        path = folder / "almaty-centre.yaml"
        assert _display_in(folder)(path) == display_path(path)
