"""Shared fixtures: the real data, data folders made from it, and one real build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = Path(__file__).resolve().parent / "corpus"
REFERENCE_FILES = ("regions.yaml", "cities.yaml", "services.yaml")


def make_data_dir(target: Path, listings: list[Path] | None = None) -> Path:
    """A data folder with the real reference files and the given listing files."""
    target.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE_FILES:
        shutil.copy(DATA / name, target / name)
    (target / "centres").mkdir()
    for listing in listings or []:
        shutil.copy(listing, target / "centres" / listing.name)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once into a temporary folder, both languages, strict."""
    from generator.build import site

    out = tmp_path_factory.mktemp("site")
    site.build(DATA, out, strict=True)
    return out


@pytest.fixture(scope="session")
def catalogue():
    from generator.data.validate import validate

    report = validate(DATA)
    assert report.ok, "\n".join(p.as_text() for p in report.errors)
    return report.catalogue
