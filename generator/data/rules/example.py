"""The valid listing every rule's bad example changes, the small reference data it is
checked against, and running an example: the tests check that it triggers its rule and
no other, and the maintainers' page shows the message it really produces."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from generator.data.model import City, Region, Service, Text
from generator.data.problems import Problem, with_rule
from generator.data.rules.base import AnyRule, Changes, Example
from generator.data.rules.runner import ListingRules
from generator.data.schema_check import schema_problems
from generator.data.yamlload import LoadedFile, Positions

# The examples are checked on this day, so that what they say never depends on when they run.
TODAY = dt.date(2026, 1, 15)

REGIONS = {
    "KZ-75": Region("KZ-75", "Almaty", Text("Алматы", "Алматы")),
    "KZ-71": Region("KZ-71", "Astana", Text("Астана", "Астана")),
}
CITIES = {
    "almaty": City("almaty", "KZ-75", Text("Алматы", "Алматы"), 43.24, 76.95),
    "astana": City("astana", "KZ-71", Text("Астана", "Астана"), 51.17, 71.45),
}
SERVICES = {
    "shelter": Service("shelter", Text("Баспана", "Приют"), True),
    "psychological": Service("psychological", Text("Психологиялық көмек", "Психологическая помощь"), True),
    "legal": Service("legal", Text("Заң көмегі", "Юридическая помощь"), True),
}

# A crisis centre in Almaty that gives advice and houses no one; valid on TODAY.
VALID: dict[str, Any] = {
    "id": "example",
    "kind": "centre",
    "status": "active",
    "name": {"kk": "Сынақ орталығы", "ru": "Тестовый центр"},
    "organization": {"kk": "Сынақ қоры", "ru": "Тестовый фонд"},
    "description": {
        "kk": "Зорлық-зомбылықтан зардап шеккен әйелдерге кеңес береді.",
        "ru": "Консультирует женщин, пострадавших от насилия.",
    },
    "scope": "local",
    "location": {"region": "KZ-75", "city": "almaty"},
    "services": ["psychological", "legal"],
    "eligibility": {
        "gender": "women",
        "age_min": 18,
        "age_max": "unknown",
        "with_children": "yes",
        "pregnant": "yes",
        "hiv": "unknown",
        "mental_disorders": "unknown",
        "police_report_required": "no",
        "referral_required": "no",
    },
    "cost": {"fee": "free"},
    "hours": "24/7",
    "contacts": {"phones": [{"number": "+7 701 123 4567", "type": "voice"}]},
    "languages": ["kk", "ru"],
    "funding": ["ngo"],
    "sources": [
        {
            "title": "Тестовый источник",
            "url": "https://example.kz/article",
            "date": "2025-11-20",
            "supports": "name, services",
        }
    ],
    "verification": {"status": "not_verified", "last_checked": "2026-01-10"},
}


def changed(changes: Changes, base: dict[str, Any] = VALID) -> dict[str, Any]:
    """A copy of `base` with the changes of an example (see base.Example)."""
    data = copy.deepcopy(base)
    for dotted, value in changes.items():
        *parents, last = [int(part) if part.isdigit() else part for part in dotted.split(".")]
        inner: Any = data
        for part in parents:
            inner = inner[part]
        inner[last] = copy.deepcopy(value)
    return data


def listings(example: Example) -> list[tuple[str, dict[str, Any]]]:
    """The files of an example: their names (without .yaml) and their data."""
    files = [("example", changed(example.changes))]
    for number, changes in enumerate(example.others, start=2):
        stem = f"example-{number}"
        files.append((stem, changed({"id": stem, **changes})))
    return files


def run(example: Example) -> list[Problem]:
    """Every problem of the example's files: the schema's, then each rule's, then across them."""
    rules = ListingRules(REGIONS, CITIES, SERVICES, TODAY)
    problems: list[Problem] = []
    for stem, data in listings(example):
        loaded = LoadedFile(Path(f"{stem}.yaml"), f"{stem}.yaml", data, Positions())
        found = with_rule(schema_problems(data, loaded.positions, loaded.display), "schema")
        problems += found + rules.check(loaded, stem, shape_checked=not found)
    return problems + rules.duplicates()


def messages(rule: AnyRule) -> list[str]:
    """What the rule says about its own example: messages, each said in any language with in_lang."""
    return [p.message for p in run(rule.example) if p.rule == rule.id]
