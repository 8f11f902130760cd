"""Issue 15, "MkDocs behind one door": the same site builds with ProperDocs.

ProperDocs (PyPI `properdocs`) is a fork of MkDocs 1.6 with its own module name. Material
still imports `mkdocs.*`; properdocs makes that work by aliasing every `mkdocs` module to
its `properdocs` twin (`properdocs.replacement`, imported by its CLI). The alias is for the
whole process, so the build runs in a process of its own: a pytest worker may already
hold the real mkdocs, and mixing the two fails (Material's plugins would subclass the wrong
BasePlugin). The build must give the very files of the MkDocs build (`built_site`).

properdocs is in the test extras, so CI runs this; it skips only where it was not installed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="properdocs is not installed (scripts/install-test-deps.sh installs it)",
)

# Every file's bytes are compared, except the sitemap's dates (the day of the build).
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _differences(expected: Path, actual: Path) -> list[str]:
    """Files only in one build, or with other bytes (the sitemap: only that it is there)."""
    mine, theirs = _files(expected), _files(actual)
    out = [f"only in the MkDocs build: {n}" for n in mine.keys() - theirs.keys()]
    out += [f"only in the ProperDocs build: {n}" for n in theirs.keys() - mine.keys()]
    out += [
        f"differs: {n}"
        for n in mine.keys() & theirs.keys()
        if Path(n).name not in DATED and mine[n].read_bytes() != theirs[n].read_bytes()
    ]
    return sorted(out)


def test_properdocs_cli_builds_the_same_site(built_site: Path, tmp_path: Path):
    """`properdocs build --strict -f mkdocs.yml`, our adapter unchanged (it imports mkdocs.*, aliased)."""
    out = tmp_path / "site"
    result = _run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)])
    assert "WARNING" not in result.stderr
    assert _differences(built_site, out) == []
