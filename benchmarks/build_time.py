"""Build time at 40, 400 and 4000 synthetic listings: is the build linear?

    python benchmarks/build_time.py [--sizes 40 400 4000]

For each size, in fresh child processes (so peak memory belongs to one build):

- validate: `generator validate`'s work alone, seconds;
- build: the real build (`site.build`: the Russian site in its own process beside the
  Kazakh one), seconds, pages per second, and peak memory of the largest process;
- the generator's own share, from a second build made one language after the other in
  one process, where every stage of the generator is timed: load (YAML), validate
  (schema and rules, load included), render (the core pages: home, regions, needs,
  listings), then each feature (its pages and files): finder, map, open data (the
  exports and the Data page), other (maintainers' page, search words), and post
  (indentation stripping and CSP on every finished page). Two shares of that build's
  seconds: "core" is validate + render, the stages the issue names (load, validate,
  render); "all" adds the features and post, everything the generator's code does.
  The rest is MkDocs and Material.
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
from generator import features
from generator.build import site
from generator.data import validate as v
from generator.data import validated
from generator.site import csp, htmlmin, render

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
validated.validate = timed("validate", validated.validate)
render.Renderer.pages = timed("render", render.Renderer.pages)
# Every feature the build runs is timed; one missing here would silently leave the "all" share.
STAGE = {
    "finder": "finder", "map": "map", "exports": "open_data",
    "maintainers": "other", "search": "other", "travel": "other",
}
for module in features.enabled():
    stage = STAGE[module.__name__.rsplit(".", 1)[-1]]  # KeyError: a new feature, give it a stage
    # core_globals is called before the core pages; what they call of it (the static map on
    # region pages) is counted under render.
    for name in ("pages", "files", "core_globals"):
        if hasattr(module, name):
            setattr(module, name, timed(stage, getattr(module, name)))
csp.add_policy = timed("post", csp.add_policy)
htmlmin.strip_indentation = timed("post", htmlmin.strip_indentation)

start = time.perf_counter(); report = v.validate(data); validate_s = time.perf_counter() - start
assert report.ok, [p.as_text() for p in report.errors][:5]
timings.clear(); validated.forget()
start = time.perf_counter(); site.build(data, out, parallel=False); build_s = time.perf_counter() - start
print(json.dumps({"validate_s": validate_s, "sequential_s": build_s, **timings}))
"""

# The real build, as `python -m generator build` makes it.
REAL = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from generator.build import site

data, out = Path(sys.argv[1]), Path(sys.argv[2])
start = time.perf_counter(); site.build(data, out); build_s = time.perf_counter() - start
pages = sum(1 for _ in out.rglob("index.html"))
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"build_s": build_s, "pages": pages, "peak_mb": peak / 1024}))
"""


FEATURES = ("finder", "map", "open_data", "other")


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
    figures["features"] = sum(figures.get(stage, 0.0) for stage in FEATURES)
    core_s = figures.get("validate", 0.0) + figures.get("render", 0.0)
    figures.update(
        listings=count,
        pages_per_s=figures["pages"] / figures["build_s"],
        core_share=core_s / figures["sequential_s"],
        generator_share=(core_s + figures["features"] + figures.get("post", 0.0)) / figures["sequential_s"],
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 4000])
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    print("| listings | pages | validate s | build s | pages/s | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['listings']} | {r['pages']} | {r['validate_s']:.2f} | {r['build_s']:.1f} | {r['pages_per_s']:.0f} "
            f"| {r['peak_mb']:.0f} |"
        )
    stages = ("load", "validate", "render", *FEATURES, "post")
    print("\n| listings | one process s | " + " | ".join(f"{s} s" for s in stages) + " | core share | all share |")
    print("|---:" * (len(stages) + 4) + "|")
    for r in rows:
        print(
            f"| {r['listings']} | {r['sequential_s']:.1f} | "
            + " | ".join(f"{r.get(s, 0.0):.2f}" for s in stages)
            + f" | {r['core_share']:.1%} | {r['generator_share']:.1%} |"
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
