"""Sizes of what search and "Find help" download, per language: the search index, the find page
and its filter index, raw and gzip -9 (what GitHub Pages sends compressed).

    python benchmarks/search_size.py                 # the real data
    python benchmarks/search_size.py --synthetic 400 # plus N synthetic listings (benchmarks/synthetic.py)

Prints a Markdown table for benchmarks/README.md ("Search").
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

FILES = {
    "search index": "search/kz-index.json",  # fetched only when the reader types (search_cost.py)
    "find page": "find/index.html",
    "find filter index": "find/index.json",
}


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def measure(data: Path, label: str) -> list[str]:
    from generator.build import site
    from generator.data import validated

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        validated.forget()
        site.build(data, out)
        listings = len(list((data / "centres").glob("*.yaml")))
        for lang, prefix in (("kk", ""), ("ru", "ru/")):
            for name, path in FILES.items():
                raw = (out / prefix / path).read_bytes()
                packed = len(gzip.compress(raw, 9))
                rows.append(f"| {label} ({listings}) | {lang} | {name} | {kb(len(raw))} | {kb(packed)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, nargs="*", default=[], help="also N synthetic listings")
    args = parser.parse_args()
    rows = ["| data (listings) | language | file | raw | gzip -9 |", "| --- | --- | --- | ---: | ---: |"]
    rows += measure(ROOT / "data", "real")
    for count in args.synthetic:
        import synthetic

        with tempfile.TemporaryDirectory() as tmp:
            rows += measure(synthetic.make(Path(tmp) / "data", count), "synthetic")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
