"""The validated catalogue of a data folder, validated again only when one of its files changed
(`serve` rebuilds on every change; a build hands it to its other processes)."""

from __future__ import annotations

from pathlib import Path

from generator import ROOT
from generator.data.model import Catalogue
from generator.data.problems import InvalidData
from generator.data.validate import validate

Signature = tuple[tuple[str, int, int], ...]
_kept: dict[Path, tuple[Signature, Catalogue]] = {}


def _signature(folder: Path) -> Signature:
    files = [p for p in folder.rglob("*") if p.is_file()]
    files.append(ROOT / "schema" / "centre.schema.json")
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.exists()))


def catalogue_for(folder: Path) -> Catalogue:
    """The catalogue of a valid folder; InvalidData with every problem otherwise."""
    folder = folder.resolve()
    signature = _signature(folder)
    kept = _kept.get(folder)
    if kept and kept[0] == signature:
        return kept[1]
    report = validate(folder)
    if not report.ok or report.catalogue is None:
        raise InvalidData(report.problems)
    _kept[folder] = (signature, report.catalogue)
    return report.catalogue


def kept(folder: Path) -> dict[Path, tuple[Signature, Catalogue]]:
    """What another process needs to use this folder's catalogue without validating it again."""
    return {folder.resolve(): _kept[folder.resolve()]}


def keep(entries: dict[Path, tuple[Signature, Catalogue]]) -> None:
    _kept.update(entries)


def forget() -> None:
    _kept.clear()
