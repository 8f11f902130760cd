"""Build time at 40, 400 and 4000 synthetic listings: is the build linear?

    python benchmarks/build_time.py [--sizes 40 400 4000]

For each size, in fresh child processes (so peak memory belongs to one build):

- validate: `generator validate`'s work alone, seconds;
- build: the real build (`site.build`: the Russian site in its own process beside the
  Kazakh one), seconds, pages per second, and peak memory of the largest process;
- the generator's own share, from a second build made one language after the other in
  one process, where every stage of the generator is timed: load (YAML), validate
  (schema and rules, load included), render (core pages), features (map, finder, open
  data, ...: their pages and files), post (indentation stripping and CSP on every
  finished page). The share is their sum over that build's seconds; the rest is MkDocs
  and Material.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Times each stage of the generator inside one sequential build.
STAGES = r"""
import json, sys, time
from collections import defaultdict
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator import csp, features, htmlmin, render, site, validate as v

data, out = Path(sys.argv[1]), Path(sys.argv[2])
timings = defaultdict(float)

def timed(stage, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[stage] += time.perf_counter() - start
    return wrapper

v.load_file = timed("load", v.load_file)
site.validate = timed("validate", site.validate)
render.Renderer.pages = timed("render", render.Renderer.pages)
features.all_pages = timed("features", features.all_pages)
features.all_files = timed("features", features.all_files)
csp.add_policy = timed("post", csp.add_policy)
htmlmin.strip_indentation = timed("post", htmlmin.strip_indentation)

start = time.perf_counter(); report = v.validate(data); validate_s = time.perf_counter() - start
assert report.ok, [p.as_text() for p in report.errors][:5]
timings.clear(); site._catalogues.clear()
start = time.perf_counter(); site.build(data, out, parallel=False); build_s = time.perf_counter() - start
print(json.dumps({"validate_s": validate_s, "sequential_s": build_s, **timings}))
"""

# The real build, as `python -m generator build` makes it.
REAL = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator import site

data, out = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter(); site.build(data, out); build_s = time.perf_counter() - start
pages = sum(1 for _ in out.rglob("index.html"))
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"build_s": build_s, "pages": pages, "peak_mb": peak / 1024}))
"""


def _child(code: str, data: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code, str(data), str(out), str(ROOT)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(count: int) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        data = synthetic.make(Path(tmp) / "data", count)
        figures = _child(REAL, data, Path(tmp) / "site")
        figures.update(_child(STAGES, data, Path(tmp) / "sequential"))
    generator_s = sum(figures.get(stage, 0.0) for stage in ("validate", "render", "features", "post"))
    figures.update(
        listings=count,
        pages_per_s=figures["pages"] / figures["build_s"],
        generator_share=generator_s / figures["sequential_s"],
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    print(
        "| listings | pages | validate s | build s | pages/s | peak MB "
        "| one process s | load s | validate s | render s | features s | post s | generator share |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['listings']} | {r['pages']} | {r['validate_s']:.2f} | {r['build_s']:.1f} | {r['pages_per_s']:.0f} "
            f"| {r['peak_mb']:.0f} | {r['sequential_s']:.1f} | {r.get('load', 0):.2f} | {r.get('validate', 0):.2f} "
            f"| {r.get('render', 0):.2f} | {r.get('features', 0):.2f} | {r.get('post', 0):.2f} "
            f"| {r['generator_share']:.1%} |"
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
