"""Synthetic listings for benchmarks: N valid listings in a data folder outside data/.

They copy the shape of the real listings (city-level, both languages, sources)
spread over every city and region, so page counts and sizes scale as real data would.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ["shelter", "shelter", "centre", "shelter"]
SERVICES = [
    "shelter",
    "domestic_violence",
    "psychological",
    "legal",
    "social_support",
    "medical",
    "maternity",
    "children",
    "trafficking",
    "hiv",
]
TRISTATE = ["yes", "no", "unknown"]


def listing(index: int, city_key: str, city: dict, rng: random.Random) -> str:
    kind = rng.choice(KINDS)
    services = sorted(set(rng.sample(SERVICES[1:], 3) + (["shelter"] if kind == "shelter" else [])))
    phone = f'"+7 701 {index // 10000 % 1000:03d} {index % 10000:04d}"'
    lines = [
        "# yaml-language-server: $schema=../../schema/centre.schema.json",
        f"id: synthetic-{index:05d}",
        f"kind: {kind}",
        "status: active",
        "name:",
        f"  kk: Синтетикалық дағдарыс орталығы №{index}",
        f"  ru: Синтетический кризисный центр №{index}",
        "organization:",
        f"  kk: «Көмек-{index}» қоғамдық қоры",
        f"  ru: Общественный фонд «Помощь-{index}»",
        "description:",
        "  kk: Зорлық-зомбылықтан зардап шеккен әйелдер мен балаларға уақытша баспана, психологиялық және заң көмегі.",
        "  ru: Временный приют, психологическая и юридическая помощь женщинам и детям, пострадавшим от насилия.",
        "scope: local",
        "location:",
        f"  region: {city['region']}",
        f"  city: {city_key}",
        f"services: [{', '.join(services)}]",
        "eligibility:",
        "  gender: women",
        f"  age_min: {rng.choice([16, 18, 'unknown'])}",
        f"  age_max: {rng.choice([30, 58, 'none', 'unknown'])}",
        f"  with_children: {rng.choice(TRISTATE)}",
        f"  pregnant: {rng.choice(TRISTATE)}",
        f"  hiv: {rng.choice(TRISTATE)}",
        f"  mental_disorders: {rng.choice(TRISTATE)}",
        f"  police_report_required: {rng.choice(TRISTATE)}",
        f"  referral_required: {rng.choice(TRISTATE)}",
    ]
    if kind == "shelter":
        lines += [
            "stay:",
            "  min: unknown",
            f"  max: {rng.choice(['6 months', '1 year', 'unknown'])}",
            f"places: {rng.choice([10, 25, 50, 'unknown'])}",
        ]
    lines += [
        "cost:",
        f"  fee: {rng.choice(['free', 'unknown'])}",
        f"hours: {rng.choice(['24/7', 'unknown'])}",
        "contacts:",
        "  phones:",
        f"    - number: {phone}",
        "      type: voice",
        "languages: [kk, ru]",
        "funding: [ngo]",
        "sources:",
        "  - title: Synthetic source for benchmarks",
        "    url: https://example.kz/source",
        "    date: 2025-01-01",
        "    supports: every field (synthetic)",
        "verification:",
        "  status: not_verified",
        "  last_checked: 2026-11-01",
    ]
    return "\n".join(lines) + "\n"


def make(target: Path, count: int, seed: int = 7) -> Path:
    """A data folder at `target` with the real reference data and `count` synthetic listings."""
    if target.exists():
        shutil.rmtree(target)
    (target / "centres").mkdir(parents=True)
    for name in ("regions.yaml", "cities.yaml", "services.yaml"):
        shutil.copy(ROOT / "data" / name, target / name)
    cities = yaml.safe_load((ROOT / "data" / "cities.yaml").read_text(encoding="utf-8"))
    keys = sorted(cities)
    rng = random.Random(seed)
    for index in range(count):
        key = keys[index % len(keys)]
        (target / "centres" / f"synthetic-{index:05d}.yaml").write_text(
            listing(index, key, cities[key], rng), encoding="utf-8"
        )
    return target


if __name__ == "__main__":
    print(make(Path(sys.argv[1]), int(sys.argv[2])))
