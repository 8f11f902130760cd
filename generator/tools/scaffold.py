"""`python -m generator new`: start a listing, from flags or by asking.

The file is written from the schema itself, in its order, each field with the
schema's own advice as a comment above it, so it can't drift from what the
validator checks. Everything no answer was given for is `unknown`, which the
site shows as "ask them": a real answer, never a guess. A shelter never gets an
address field.

Asked (or given as flags): id, kind, status, names, organisation, description,
scope and city, services, phones (or how to reach them without one), one source.
Then the file is checked with the whole data folder, as CI will check it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.data.phones import parse_phone, phone_refusal
from generator.data.schema_check import ecma_regex, load_schema
from generator.data.validate import display_path, validate
from generator.data.yamlload import load_file
from generator.tools.fix import MODELINE, child_schema, fix_text, misread

Ask = Callable[[str], str]


class Refused(Exception):
    """An answer that can't be used; the message says why, in plain words."""


# ---------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    flag: str  # command-line flag without the dashes; also the answer's key
    prompt: str
    required: Callable[[dict[str, Any]], bool] = lambda answers: True
    choices: tuple[str, ...] = ()
    default: str | None = None
    many: bool = False  # a comma-separated list
    optional: bool = False  # may stay unanswered (Enter in a terminal)
    when: str = ""  # when a conditional answer is needed, for the error message


def _pattern(*path: str) -> re.Pattern[str]:
    node: Any = load_schema()
    for part in path:
        node = node[part]
    return ecma_regex(node["pattern"])  # `$` as the schema means it: no trailing newline


def _enum(*path: str) -> tuple[str, ...]:
    node: Any = load_schema()
    for part in path:
        node = node[part]
    return tuple(node["enum"])


def _local(a: dict[str, Any]) -> bool:
    return a.get("scope", "local") == "local"  # without a scope yet, a city may be needed


def _no_phone(a: dict[str, Any]) -> bool:
    return not any(a.get(k) for k in ("phone", "whatsapp", "telegram", "sms"))


def questions() -> list[Question]:
    return [
        Question("id", "File name and id: small Latin letters, digits and dashes, e.g. almaty-dom-dlya-mamy"),
        Question(
            "kind",
            "Kind: shelter (people can stay), centre (no place to stay), helpline, emergency",
            choices=_enum("properties", "kind"),
        ),
        Question(
            "status",
            "Does it work now? active, suspended, closed, or unknown if no source says",
            choices=_enum("properties", "status"),
            default="unknown",
        ),
        Question("name-kk", "Name in Kazakh (kk)"),
        Question("name-ru", "Name in Russian (ru)"),
        Question("org-kk", "Organisation that runs it, in Kazakh (kk)"),
        Question("org-ru", "Organisation that runs it, in Russian (ru)"),
        Question("description-kk", "What it does, one or two plain sentences in Kazakh (kk)"),
        Question("description-ru", "What it does, one or two plain sentences in Russian (ru)"),
        Question(
            "scope",
            "local (one city or region) or national (all of Kazakhstan)",
            choices=_enum("properties", "scope"),
        ),
        Question("city", "City: a key from data/cities.yaml, e.g. almaty", required=_local, when="for --scope local"),
        Question(
            "services",
            "Services: keys from data/services.yaml, separated by commas",
            many=True,
        ),
        Question("phone", "Voice numbers, separated by commas (Enter if none is published)", many=True, optional=True),
        Question("whatsapp", "WhatsApp numbers (Enter if none)", many=True, optional=True),
        Question("telegram", "Telegram numbers (Enter if none)", many=True, optional=True),
        Question("sms", "Numbers for text messages (Enter if none)", many=True, optional=True),
        Question(
            "how-to-reach-kk", "No phone: how to reach them, in Kazakh (kk)", required=_no_phone, when="without a phone"
        ),
        Question(
            "how-to-reach-ru",
            "No phone: how to reach them, in Russian (ru)",
            required=_no_phone,
            when="without a phone",
        ),
        Question("website", "Website, https://... (Enter if none)", optional=True),
        Question("email", "E-mail (Enter if none)", optional=True),
        Question("source-title", "Source: the title of the page or document"),
        Question("source-url", "Source: its address, https://... (Enter for a printed document)", optional=True),
        Question(
            "source-document",
            "Source: author, title and where the document was published",
            required=lambda a: not a.get("source-url"),
            when="or --source-url",
        ),
        Question("source-date", "Source: published when? YYYY-MM-DD, YYYY-MM, YYYY or unknown", default="unknown"),
        Question("source-supports", "Source: which facts of the listing it says, in a few words"),
    ]


class Checker:
    """Checks one answer against the schema and the reference data."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.cities = _reference(data_dir / "cities.yaml")
        self.services = _reference(data_dir / "services.yaml")

    def __call__(self, flag: str, value: Any, answers: dict[str, Any]) -> Any:
        if flag == "id":
            if not _pattern("properties", "id").match(value) or len(value) > 80:
                raise Refused("use small Latin letters, digits and single dashes, e.g. almaty-dom-dlya-mamy")
            if (self.data_dir / "centres" / f"{value}.yaml").exists():
                raise Refused(f"data/centres/{value}.yaml already exists; edit that file, or choose another id")
        elif flag == "city":
            if value not in self.cities:
                near = ", ".join(sorted(self.cities)[:40])
                raise Refused(f"`{value}` is not in data/cities.yaml (add the town there first). Known: {near}")
        elif flag == "services":
            unknown = [s for s in value if s not in self.services]
            if unknown or not value:
                raise Refused(f"unknown service {', '.join(unknown) or '(none)'}; use: {', '.join(self.services)}")
            if len(set(value)) != len(value):
                raise Refused("a service is listed twice")
        elif flag in ("phone", "whatsapp", "telegram", "sms"):
            for number in value:
                refusal = phone_refusal(number)
                if refusal is not None:  # nothing is added, dropped or changed for the editor
                    raise Refused(f"`{number}` is not a valid phone number: {refusal.message}. {refusal.hint}")
        elif flag in ("website", "source-url"):
            if not _pattern("$defs", "url").match(value):
                raise Refused("write the full address starting with https:// or http://")
        elif flag == "email":
            if not _pattern("properties", "contacts", "properties", "email").match(value):
                raise Refused("write an e-mail address like info@example.kz")
        elif flag == "source-date" and not _pattern("$defs", "partial_date").match(value):
            raise Refused("write YYYY-MM-DD, YYYY-MM, YYYY, or unknown")
        return value


def _reference(path: Path) -> dict[str, Any]:
    """A reference file (cities, services) read as the validator reads it, or {}."""
    if not path.is_file():
        return {}
    loaded = load_file(path, max_bytes=1024 * 1024)
    return loaded.data if loaded.ok and isinstance(loaded.data, dict) else {}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def gather(given: dict[str, Any], data_dir: Path, ask: Ask | None) -> dict[str, Any]:
    """Answers from the flags, asking (when `ask` is given) for what is missing.

    Raises Refused for a bad flag, and MissingAnswers when an answer is needed but
    nobody can be asked.
    """
    check = Checker(data_dir)
    answers: dict[str, Any] = {}
    missing: list[str] = []
    for q in questions():
        value = given.get(q.flag)
        if value not in (None, "", []):
            if isinstance(value, str) and q.many:
                value = _split(value)
            if q.choices and value not in q.choices:
                raise Refused(f"--{q.flag}: choose one of {', '.join(q.choices)}")
            try:
                answers[q.flag] = check(q.flag, value, answers)
            except Refused as exc:
                raise Refused(f"--{q.flag}: {exc}") from None
            continue
        if not q.required(answers):
            continue
        if ask is None:
            if q.optional:
                continue
            if q.default is not None:
                answers[q.flag] = q.default
            else:
                missing.append(f"{q.flag} ({q.when})" if q.when else q.flag)
            continue
        answers_value = _ask(q, ask, check, answers)
        if answers_value not in (None, "", []):
            answers[q.flag] = answers_value
    if missing:
        raise MissingAnswers(missing)
    return answers


class MissingAnswers(Exception):
    def __init__(self, flags: list[str]):
        self.flags = flags
        super().__init__(", ".join(f"--{f}" for f in flags))


def _ask(q: Question, ask: Ask, check: Checker, answers: dict[str, Any]) -> Any:
    optional = q.optional
    suffix = f" [{q.default}]" if q.default else ""
    while True:
        raw = ask(f"{q.prompt}{suffix}: ").strip()
        if not raw:
            if q.default is not None:
                return q.default
            if optional:
                return None
            print("  Please answer; this field is required.", file=sys.stderr)
            continue
        value: Any = _split(raw) if q.many else raw
        if q.choices and value not in q.choices:
            print(f"  Choose one of: {', '.join(q.choices)}", file=sys.stderr)
            continue
        try:
            return check(q.flag, value, answers)
        except Refused as exc:
            print(f"  {exc}", file=sys.stderr)


# ---------------------------------------------------------------- the listing


def listing_data(answers: dict[str, Any], checked: dt.date, cities: dict[str, Any]) -> dict[str, Any]:
    """The listing as data, in the schema's order; unknown wherever nothing was answered."""

    def text(prefix: str) -> dict[str, str]:
        return {"kk": answers[f"{prefix}-kk"], "ru": answers[f"{prefix}-ru"]}

    kind = answers["kind"]
    data: dict[str, Any] = {
        "id": answers["id"],
        "kind": kind,
        "status": answers["status"],
        "name": text("name"),
        "organization": text("org"),
        "description": text("description"),
        "scope": answers["scope"],
    }
    if answers["scope"] == "local":
        city = answers["city"]
        data["location"] = {"region": cities[city]["region"], "city": city}
    data["services"] = list(answers["services"])
    data["eligibility"] = {
        field: "unknown"
        for field in (
            "gender",
            "age_min",
            "age_max",
            "with_children",
            "pregnant",
            "hiv",
            "mental_disorders",
            "police_report_required",
            "referral_required",
        )
    }
    if kind == "shelter":
        data["stay"] = {"min": "unknown", "max": "unknown"}
    data["cost"] = {"fee": "unknown"}
    if kind == "shelter":
        data["places"] = "unknown"
    data["hours"] = "unknown"
    kinds = (("phone", "voice"), ("sms", "text"), ("whatsapp", "whatsapp"), ("telegram", "telegram"))
    phones = [
        {"number": parse_phone(number).display, "type": phone_type}  # type: ignore[union-attr]
        for flag, phone_type in kinds
        for number in answers.get(flag, [])
    ]
    contacts: dict[str, Any] = {"phones": phones}
    if answers.get("email"):
        contacts["email"] = answers["email"]
    if answers.get("website"):
        contacts["website"] = answers["website"]
    if answers.get("how-to-reach-kk") or answers.get("how-to-reach-ru"):
        contacts["how_to_reach"] = text("how-to-reach")
    data["contacts"] = contacts
    data["languages"] = "unknown"
    data["funding"] = "unknown"
    source: dict[str, Any] = {"title": answers["source-title"]}
    if answers.get("source-url"):
        source["url"] = answers["source-url"]
    if answers.get("source-document"):
        source["document"] = answers["source-document"]
    source["date"] = answers["source-date"]
    source["supports"] = answers["source-supports"]
    data["sources"] = [source]
    data["verification"] = {"status": "not_verified", "last_checked": checked.isoformat()}
    return data


_ALWAYS_QUOTED = {"kk", "ru", "title", "document", "supports", "number", "verified_by"}
_EXAMPLES: dict[str, str] = {  # optional fields shown as commented-out lines
    "alternate_name": '{kk: "...", ru: "..."}',
    "status_history": '[{status: suspended, date: "2025-06", source: https://...}]',
    "children_age_max": "{boys: unknown, girls: unknown}",
    "notes": '{kk: "...", ru: "..."}',
    "exceptional_max": "9 months",
    "email": "info@example.kz",
    "website": "https://example.kz",
    "social": "[https://instagram.com/example]",
    "verified_on": '"YYYY-MM-DD"',
    "verified_by": '"who confirmed it with the organisation"',
}


def _scalar(key: str | None, value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, (int, float)):
        return str(value)
    if key not in _ALWAYS_QUOTED and not misread(value):
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value} and not value.startswith(("'", '"')):
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


# Advice for the fields whose schema carries none (objects, mostly).
_MORE_HINTS = {
    "alternate_name": "Another name people know it by, in Kazakh (kk) and Russian (ru).",
    "eligibility": "Who it accepts. Answer each question with yes, no or unknown.",
    "notes": "Anything else a source says about this, in Kazakh (kk) and Russian (ru).",
    "stay": "How long people may stay.",
    "cost": "What it costs.",
    "contacts": "How to reach them.",
    "phones": 'Phone numbers in quotes, e.g. "+7 727 123 45 67"; type: voice, text, whatsapp or telegram.',
    "social": "Pages on social networks: a list of full web addresses.",
    "verification": "Has someone confirmed this listing with the organisation itself?",
}


def _comment(
    schema_node: dict[str, Any] | None, required: bool, indent: str, note: str = "", key: str = ""
) -> list[str]:
    """The schema's advice as comment lines; nested fields without advice get none."""
    hint = _MORE_HINTS.get(key, "")
    if schema_node and not hint:
        hint = schema_node.get("x-hint") or schema_node.get("description") or ""
        if not hint and "$ref" in schema_node:
            ref = load_schema()["$defs"].get(schema_node["$ref"].rsplit("/", 1)[1], {})
            hint = ref.get("x-hint", "")
    if not hint and not note and indent:
        return []
    words = f"({note or ('required' if required else 'optional')}) {hint}".strip()
    return [indent + "# " + line for line in textwrap.wrap(words, width=96 - len(indent))]


def _required(schema_node: dict[str, Any] | None) -> set[str]:
    return set((schema_node or {}).get("required", []))


def _emit(lines: list[str], data: dict[str, Any], schema_node: dict[str, Any] | None, depth: int, kind: str) -> None:
    indent = "  " * depth
    required = _required(schema_node)
    order = list((schema_node or {}).get("properties", {}))
    for key in order:
        sub = child_schema(schema_node, key)
        if depth == 0 and lines and lines[-1] != "":
            lines.append("")
        if key not in data:
            example = _EXAMPLES.get(key)
            if key == "address":
                if kind == "shelter":
                    lines.append(
                        f"{indent}# NEVER write a shelter's address, house, flat or map point: the city is enough."
                    )
                else:
                    lines.extend(_comment(sub, False, indent, "optional, never for a shelter", key))
                    lines.append(f'{indent}# address: {{kk: "...", ru: "...", source: https://...}}')
            elif example and depth < 2:
                lines.extend(_comment(sub, False, indent, key=key))
                lines.append(f"{indent}# {key}: {example}")
            continue
        value = data[key]
        if depth < 2 or isinstance(value, (dict, list)):
            note = ""
            if key in ("location",):
                note = "required when scope is local"
            elif key in ("stay", "places") and kind == "shelter":
                note = "required for a shelter"
            lines.extend(_comment(sub, key in required, indent, note, key))
        _emit_value(lines, key, value, sub, depth, kind)


def _emit_value(lines: list[str], key: str, value: Any, sub: dict[str, Any] | None, depth: int, kind: str) -> None:
    indent = "  " * depth
    if isinstance(value, dict):
        lines.append(f"{indent}{key}:")
        _emit(lines, value, _object(sub), depth + 1, kind)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        lines.append(f"{indent}{key}:")
        item_schema = _object(child_schema(sub, 0))
        for item in value:
            item_lines: list[str] = []
            _emit(item_lines, item, item_schema, depth + 2, kind)
            item_lines = [ln for ln in item_lines if not ln.lstrip().startswith("#")]
            first = item_lines[0]
            item_lines[0] = "  " * (depth + 1) + "- " + first.lstrip(" ")
            lines.extend(item_lines)
    elif isinstance(value, list):
        lines.append(f"{indent}{key}: [{', '.join(_scalar(None, v) for v in value)}]")
    else:
        lines.append(f"{indent}{key}: {_scalar(key, value)}")


def _object(node: dict[str, Any] | None) -> dict[str, Any] | None:
    """The object schema behind a $ref, oneOf or anyOf, for its properties and required list."""
    if not node:
        return None
    if "properties" in node:
        return node
    ref = node.get("$ref")
    if ref:
        return _object(load_schema()["$defs"].get(ref.rsplit("/", 1)[1]))
    for key in ("oneOf", "anyOf"):
        for alternative in node.get(key, []):
            found = _object(alternative)
            if found:
                return found
    return None


def render(data: dict[str, Any], made_on: dt.date) -> str:
    lines = [
        MODELINE,
        f"# Started with `python -m generator new` on {made_on.isoformat()}.",
        "#",
        "# Rules that protect people:",
        "#   * NEVER write the street address, house, flat or map point of a shelter.",
        "#   * Publish only what a source says. `unknown` is a real answer (the site shows",
        '#     "ask them"): change it only when a source says otherwise. Never guess.',
        "#   * Write text in both Kazakh (kk) and Russian (ru).",
        "# Every field is explained in schema/template.yaml and on the site's page",
        '# "How to add or correct a listing". Check with: python -m generator validate',
    ]
    _emit(lines, data, load_schema(), 0, data["kind"])
    text = "\n".join(lines) + "\n"
    fixed, _ = fix_text(text)  # the same canonical form `fix` writes
    return fixed


# ---------------------------------------------------------------- command line

_FLAG_HELP = {q.flag: q.prompt for q in questions()}


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser(
        "new",
        help="start a new listing from flags or by answering questions",
        description=(
            "Write data/centres/<id>.yaml with the schema modeline and comments. Missing answers are asked "
            "in a terminal; without one (CI, pipes) every required answer must be given as a flag."
        ),
    )
    parser.add_argument("--data", type=Path, default=default_data, help="data folder (default: data/)")
    for q in questions():
        parser.add_argument(f"--{q.flag}", help=_FLAG_HELP[q.flag] + (f" (default: {q.default})" if q.default else ""))
    parser.add_argument(
        "--checked", type=dt.date.fromisoformat, default=None, help="last_checked date, YYYY-MM-DD (default: today)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ask: Ask | None = None, interactive: bool | None = None) -> int:
    data_dir: Path = args.data
    if interactive is None:
        interactive = sys.stdin.isatty()
    if interactive and ask is None:
        ask = input
    given = {q.flag: getattr(args, q.flag.replace("-", "_"), None) for q in questions()}
    try:
        answers = gather(given, data_dir, ask if interactive else None)
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MissingAnswers as exc:
        print(
            "error: these answers are missing, and they can't be asked because the input is not a terminal: "
            f"{exc}.\nGive them as flags (see python -m generator new --help), or run the command in a terminal.",
            file=sys.stderr,
        )
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nerror: stopped before every answer was given; nothing was written.", file=sys.stderr)
        return 2

    today = args.checked or dt.date.today()
    target = data_dir / "centres" / f"{answers['id']}.yaml"
    cities = _reference(data_dir / "cities.yaml")
    text = render(listing_data(answers, today, cities), today)
    try:
        with target.open("x", encoding="utf-8") as out:  # never overwrite, even in a race
            out.write(text)
    except FileExistsError:
        print(f"error: {display_path(target)} already exists; nothing was written.", file=sys.stderr)
        return 2

    shown = display_path(target)
    report = validate(data_dir, today=today)
    own = [p for p in report.problems if p.path == shown]
    for problem in own:
        print(problem.as_text())
    if any(p.is_error for p in own):
        print(f"{shown} was written but has errors: fix them, or delete the file.", file=sys.stderr)
        return 1
    print(
        f"Written {shown}. Replace `unknown` wherever a source says more, add every source, "
        "then check with `python -m generator validate` and open a pull request.",
        file=sys.stderr,
    )
    return 0
