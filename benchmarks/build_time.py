"""Build time at 40, 400 and 4000 synthetic listings: is the build linear?

    python benchmarks/build_time.py [--sizes 40 400 4000]

For each size: seconds to validate and to build (both languages), pages per
second, peak memory of the build process, and the generator's own share of the
build (load + validate + render), measured in the same process as the build.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in a child process so that peak memory (ru_maxrss) belongs to one build.
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator import features, render, site, validate as v
from generator.yamlload import load_file

data, out = Path(sys.argv[1]), Path(sys.argv[2])
timings = {"load": 0.0, "render": 0.0}
real_load, real_pages = load_file, render.Renderer.pages

def timed_load(*args, **kwargs):
    start = time.perf_counter(); result = real_load(*args, **kwargs)
    timings["load"] += time.perf_counter() - start; return result

def timed_pages(self):
    start = time.perf_counter(); result = real_pages(self)
    timings["render"] += time.perf_counter() - start; return result

def timed(function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter(); result = function(*args, **kwargs)
        timings["render"] += time.perf_counter() - start; return result
    return wrapper

v.load_file = timed_load
render.Renderer.pages = timed_pages
features.all_pages = timed(features.all_pages)  # the map, finder, exports: generator work too
features.all_files = timed(features.all_files)
start = time.perf_counter(); report = v.validate(data); validate_s = time.perf_counter() - start
assert report.ok, [p.as_text() for p in report.errors][:5]
site._catalogues.clear()
start = time.perf_counter(); site.build(data, out); build_s = time.perf_counter() - start
pages = sum(1 for _ in out.rglob("index.html"))
print(json.dumps({"validate_s": validate_s, "build_s": build_s, "pages": pages,
                  "load_s": timings["load"], "render_s": timings["render"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(count: int) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        data = synthetic.make(Path(tmp) / "data", count)
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(data), str(Path(tmp) / "site"), str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    # The build validates once (the cache was cleared) and renders each language; the rest is MkDocs.
    generator_s = figures["validate_s"] + figures["render_s"]
    figures.update(
        listings=count,
        pages_per_s=figures["pages"] / figures["build_s"],
        generator_share=generator_s / figures["build_s"],
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    print("| listings | pages | validate s | build s | pages/s | peak MB | load s | render s | generator share |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['listings']} | {r['pages']} | {r['validate_s']:.2f} | {r['build_s']:.1f} | {r['pages_per_s']:.0f} "
            f"| {r['peak_mb']:.0f} | {r['load_s']:.2f} | {r['render_s']:.2f} | {r['generator_share']:.1%} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = (last["build_s"] / last["pages"]) / (first["build_s"] / first["pages"])
        print(
            f"\nSeconds per page at {last['listings']} vs {first['listings']} listings: x{ratio:.2f} "
            "(about 1 means linear)"
        )


if __name__ == "__main__":
    main()
