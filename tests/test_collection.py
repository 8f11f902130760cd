"""A plain `pytest` collects every test folder: none is skipped by a name pytest ignores."""

from __future__ import annotations

from fnmatch import fnmatch

import pytest

from .conftest import ROOT


def test_no_test_folder_is_skipped_by_norecursedirs(pytestconfig: pytest.Config):
    """Before: pytest's default `norecursedirs` holds "build", so tests/build/ never ran in CI."""
    patterns = pytestconfig.getini("norecursedirs")
    folders = sorted({path.parent for path in (ROOT / "tests").rglob("test_*.py")})
    assert ROOT / "tests" / "build" in folders
    ignored = [
        str(folder.relative_to(ROOT))
        for folder in folders
        for part in folder.relative_to(ROOT / "tests").parts
        if any(fnmatch(part, pattern) for pattern in patterns)
    ]
    assert ignored == []
