#!/usr/bin/env python3
"""Copy the map's front-end libraries from node_modules/ into overrides/assets/vendor/.

The site serves every script, stylesheet and icon of the map itself: nothing comes from
a CDN. The copies are committed, so building the site needs neither npm nor a network;
this script is only run when package.json's versions change.

What it copies (package.json pins the versions):

* ``leaflet`` 1.9.4 (BSD-2-Clause): ``dist/leaflet.js``, ``dist/leaflet.css``, the five
  PNGs of ``dist/images/`` (leaflet.css refers to them) and ``LICENSE``;
* ``leaflet.markercluster`` 1.5.3 (MIT): ``dist/leaflet.markercluster.js``,
  ``dist/MarkerCluster.css`` and ``MIT-LICENCE.txt`` (as ``LICENSE``). Its
  ``MarkerCluster.Default.css`` is not copied: the map draws its own cluster icons
  (overrides/assets/stylesheets/kz-map-frame.css).

The one change made while copying: the trailing ``//# sourceMappingURL=...`` comment is
removed from the .js files, because the source maps are not vendored (browsers would ask
for them when developer tools are open). Everything else is byte for byte the npm file.
``overrides/assets/vendor/README.md`` (written by this script) lists each file with its
SHA-256, and ``--check`` fails when the vendored files differ from what this script would
write (tests/test_map.py runs it when node_modules/ is present).

Usage, from the repository root::

    npm ci                         # or npm install: fills node_modules/ from package.json
    python tools/vendor_js.py      # copy, and rewrite overrides/assets/vendor/README.md
    python tools/vendor_js.py --check
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "overrides" / "assets" / "vendor"
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=[^\n]*\n?\Z")


@dataclass(frozen=True)
class Package:
    name: str
    licence: str
    files: tuple[tuple[str, str], ...]  # (path in the npm package, path under vendor/<name>/)


PACKAGES = (
    Package(
        "leaflet",
        "BSD-2-Clause",
        (
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            ("dist/images/layers.png", "images/layers.png"),
            ("dist/images/layers-2x.png", "images/layers-2x.png"),
            ("dist/images/marker-icon.png", "images/marker-icon.png"),
            ("dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"),
            ("dist/images/marker-shadow.png", "images/marker-shadow.png"),
            ("LICENSE", "LICENSE"),
        ),
    ),
    Package(
        "leaflet.markercluster",
        "MIT",
        (
            ("dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
            ("dist/MarkerCluster.css", "MarkerCluster.css"),
            ("MIT-LICENCE.txt", "LICENSE"),
        ),
    ),
)


def vendored(source: Path) -> bytes:
    data = source.read_bytes()
    if source.suffix == ".js":
        data = _SOURCE_MAP.sub(b"\n", data)
    return data


def version(package: Package, node_modules: Path) -> str:
    return json.loads((node_modules / package.name / "package.json").read_text(encoding="utf-8"))["version"]


def planned(node_modules: Path) -> dict[Path, bytes]:
    """Every file this script writes, with its content."""
    out: dict[Path, bytes] = {}
    rows = []
    for package in PACKAGES:
        ver = version(package, node_modules)
        for source, target in package.files:
            data = vendored(node_modules / package.name / source)
            out[VENDOR / package.name / target] = data
            digest = hashlib.sha256(data).hexdigest()
            rows.append(
                f"| `{package.name}/{target}` | {package.name} {ver} `{source}` | {package.licence} | `{digest}` |"
            )
    out[VENDOR / "README.md"] = README.format(rows="\n".join(rows)).encode()
    return out


README = """# Vendored front-end files

Served by the site itself for the map (generator/mapview.py), so that no page asks anything
of a CDN. Copied from the npm packages pinned in package.json by `tools/vendor_js.py`; do not
edit by hand. The only change: the trailing `//# sourceMappingURL=` comment of the .js files
is removed (the source maps are not vendored). Each package's licence is kept beside it as
`LICENSE`. MkDocs does not publish this README (theme files named `*readme*` are skipped).

| file | from | licence | SHA-256 |
| --- | --- | --- | --- |
{rows}

Regenerate with `npm ci && python tools/vendor_js.py`; check with `python tools/vendor_js.py --check`.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if anything differs")
    parser.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    args = parser.parse_args(argv)
    if not (args.node_modules / "leaflet").is_dir():
        print(f"{args.node_modules}/leaflet is missing: run `npm ci` first", file=sys.stderr)
        return 2
    files = planned(args.node_modules)
    expected = set(files)
    present = {p for p in VENDOR.rglob("*") if p.is_file()} if VENDOR.exists() else set()
    stale = sorted(present - expected)
    changed = sorted(p for p, data in files.items() if not p.exists() or p.read_bytes() != data)
    if args.check:
        for path in changed:
            print(f"differs from node_modules: {path.relative_to(ROOT)}", file=sys.stderr)
        for path in stale:
            print(f"not made by this script: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if changed or stale else 0
    for path in stale:
        path.unlink()
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files under {VENDOR.relative_to(ROOT)}/ ({len(changed)} changed, {len(stale)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
