"""Validation time of the worst listings anyone has found, against issue 14's budget.

    python benchmarks/validate_worst.py [--budget 2]

Each case is one file of at most 256 KB that once took from 16 s to minutes (a check whose
time grew with the square of its input), validated alone beside the real reference files,
three times; the table gives the best of the three. Exit 1 if any case is over the budget.
The tests bound the same cases loosely (tests/conftest.py: QUADRATIC_BOUND_S), since they
run two at a time on a busy machine; this is where the budget itself is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.data.validate import validate  # noqa: E402
from tests.data.test_fuzz_validate import FOUND  # noqa: E402  the cases the fuzz test keeps

BASE = (ROOT / "tests" / "corpus" / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
ORIGINAL = "  ru: Временный приют для женщин, пострадавших от насилия."
CASES = {
    **FOUND,
    "html-without-end": BASE.replace(ORIGINAL, '  ru: "' + "<a" * 60_000 + '"'),
    "location-words": BASE.replace(ORIGINAL, '  ru: "' + "рядом с " * 15_000 + '"'),
    "digits-and-spaces": BASE.replace(ORIGINAL, '  ru: "' + " 1" * 60_000 + '"'),
    # a location form's \w* with no word-boundary guard rescanned the rest of the word from each letter
    "coordinate-words": BASE.replace(ORIGINAL, '  ru: "' + "широт" * 25_000 + '"'),
    "coordinate-words-latin": BASE.replace(ORIGINAL, '  ru: "' + "latitude" * 30_000 + '"'),
    "map-host-dots": BASE.replace(ORIGINAL, '  ru: "' + "google." * 35_000 + '"'),
    "number-minutes": BASE.replace(ORIGINAL, '  ru: "' + "1мин" * 35_000 + '"'),
    "number-metres": BASE.replace(ORIGINAL, '  ru: "' + "1метр" * 27_000 + '"'),
}


def measure(name: str, text: str, work: Path) -> float:
    data = work / name
    data.mkdir()
    for reference in ("regions.yaml", "cities.yaml", "services.yaml"):
        shutil.copy(ROOT / "data" / reference, data / reference)
    (data / "centres").mkdir()
    (data / "centres" / f"{name}.yaml").write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            validate(data)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=2.0, help="seconds a file may take (default 2)")
    args = parser.parse_args()
    over = []
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        print(f"| case | KB | seconds (budget {args.budget:g}) |\n|---|---:|---:|")
        for name, text in CASES.items():
            size = len(text.encode("utf-8"))
            assert size <= 256 * 1024, name
            seconds = measure(name, text, Path(folder))
            print(f"| {name} | {size / 1024:.0f} | {seconds:.2f} |")
            if seconds > args.budget:
                over.append(name)
    if over:
        print(f"over the budget: {', '.join(over)}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
