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

from generator.data.messages import add_lang_argument, helptext, in_lang, tell
from generator.data.phones import parse_phone, phone_refusal
from generator.data.schema_check import ecma_regex, load_schema, schema_hint
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
    prompt: str  # its key in words/<lang>/tools.yaml
    required: Callable[[dict[str, Any]], bool] = lambda answers: True
    choices: tuple[str, ...] = ()
    default: str | None = None
    many: bool = False  # a comma-separated list
    optional: bool = False  # may stay unanswered (Enter in a terminal)
    when: str = ""  # when a conditional answer is needed, for the error message (a tools.yaml key)


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
        Question("id", "new.q.id"),
        Question(
            "kind",
            "new.q.kind",
            choices=_enum("properties", "kind"),
        ),
        Question(
            "status",
            "new.q.status",
            choices=_enum("properties", "status"),
            default="unknown",
        ),
        Question("name-kk", "new.q.name-kk"),
        Question("name-ru", "new.q.name-ru"),
        Question("org-kk", "new.q.org-kk"),
        Question("org-ru", "new.q.org-ru"),
        Question("description-kk", "new.q.description-kk"),
        Question("description-ru", "new.q.description-ru"),
        Question(
            "scope",
            "new.q.scope",
            choices=_enum("properties", "scope"),
        ),
        Question("city", "new.q.city", required=_local, when="new.when.local"),
        Question(
            "services",
            "new.q.services",
            many=True,
        ),
        Question("phone", "new.q.phone", many=True, optional=True),
        Question("whatsapp", "new.q.whatsapp", many=True, optional=True),
        Question("telegram", "new.q.telegram", many=True, optional=True),
        Question("sms", "new.q.sms", many=True, optional=True),
        Question("how-to-reach-kk", "new.q.how-to-reach-kk", required=_no_phone, when="new.when.no-phone"),
        Question(
            "how-to-reach-ru",
            "new.q.how-to-reach-ru",
            required=_no_phone,
            when="new.when.no-phone",
        ),
        Question("website", "new.q.website", optional=True),
        Question("email", "new.q.email", optional=True),
        Question("source-title", "new.q.source-title"),
        Question("source-url", "new.q.source-url", optional=True),
        Question(
            "source-document",
            "new.q.source-document",
            required=lambda a: not a.get("source-url"),
            when="new.when.no-url",
        ),
        Question("source-date", "new.q.source-date", default="unknown"),
        Question("source-supports", "new.q.source-supports"),
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
                raise Refused(tell("new.bad-id"))
            if (self.data_dir / "centres" / f"{value}.yaml").exists():
                raise Refused(tell("new.id-exists", id=value))
        elif flag == "city":
            if value not in self.cities:
                near = ", ".join(sorted(self.cities)[:40])
                raise Refused(tell("new.unknown-city", city=value, known=near))
        elif flag == "services":
            unknown = [s for s in value if s not in self.services]
            if unknown or not value:
                named = ", ".join(unknown) if unknown else tell("new.none")
                raise Refused(tell("new.unknown-service", services=named, known=", ".join(self.services)))
            if len(set(value)) != len(value):
                raise Refused(tell("new.service-twice"))
        elif flag in ("phone", "whatsapp", "telegram", "sms"):
            for number in value:
                refusal = phone_refusal(number)
                if refusal is not None:  # nothing is added, dropped or changed for the editor
                    raise Refused(tell("new.bad-phone", number=number, why=refusal.message, hint=refusal.hint))
        elif flag in ("website", "source-url"):
            if not _pattern("$defs", "url").match(value):
                raise Refused(tell("new.bad-url"))
        elif flag == "email":
            if not _pattern("properties", "contacts", "properties", "email").match(value):
                raise Refused(tell("new.bad-email"))
        elif flag == "source-date" and not _pattern("$defs", "partial_date").match(value):
            raise Refused(tell("new.bad-date"))
        return value


def _reference(path: Path) -> dict[str, Any]:
    """A reference file (cities, services) read as the validator reads it, or {}."""
    if not path.is_file():
        return {}
    loaded = load_file(path, max_bytes=1024 * 1024)
    return loaded.data if loaded.ok and isinstance(loaded.data, dict) else {}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _why(exc: Exception) -> str:
    """What a Refused says (a message by key, said in any language), or its text."""
    return exc.args[0] if exc.args else str(exc)


def gather(given: dict[str, Any], data_dir: Path, ask: Ask | None, lang: str = "en") -> dict[str, Any]:
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
                raise Refused(
                    tell("new.flag-refused", flag=q.flag, why=tell("new.choose", choices=", ".join(q.choices)))
                )
            try:
                answers[q.flag] = check(q.flag, value, answers)
            except Refused as exc:
                raise Refused(tell("new.flag-refused", flag=q.flag, why=_why(exc))) from None
            continue
        if not q.required(answers):
            continue
        if ask is None:
            if q.optional:
                continue
            if q.default is not None:
                answers[q.flag] = q.default
            else:
                missing.append(f"{q.flag} ({tell(q.when).render(lang)})" if q.when else q.flag)
            continue
        answers_value = _ask(q, ask, check, answers, lang)
        if answers_value not in (None, "", []):
            answers[q.flag] = answers_value
    if missing:
        raise MissingAnswers(missing)
    return answers


class MissingAnswers(Exception):
    def __init__(self, flags: list[str]):
        self.flags = flags
        super().__init__(", ".join(f"--{f}" for f in flags))


def _ask(q: Question, ask: Ask, check: Checker, answers: dict[str, Any], lang: str = "en") -> Any:
    optional = q.optional
    suffix = f" [{q.default}]" if q.default else ""
    while True:
        raw = ask(f"{tell(q.prompt).render(lang)}{suffix}: ").strip()
        if not raw:
            if q.default is not None:
                return q.default
            if optional:
                return None
            print(f"  {tell('new.required').render(lang)}", file=sys.stderr)
            continue
        value: Any = _split(raw) if q.many else raw
        if q.choices and value not in q.choices:
            print(f"  {tell('new.choose', choices=', '.join(q.choices)).render(lang)}", file=sys.stderr)
            continue
        try:
            return check(q.flag, value, answers)
        except Refused as exc:
            print(f"  {in_lang(_why(exc), lang)}", file=sys.stderr)


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
_EXAMPLES: dict[str, str] = {  # optional fields shown as commented-out lines ("{who}": words)
    "alternate_name": '{kk: "...", ru: "..."}',
    "status_history": '[{status: suspended, date: "2025-06", source: https://...}]',
    "children_age_max": "{boys: unknown, girls: unknown}",
    "notes": '{kk: "...", ru: "..."}',
    "exceptional_max": "9 months",
    "email": "info@example.kz",
    "website": "https://example.kz",
    "social": "[https://instagram.com/example]",
    "verified_on": '"YYYY-MM-DD"',
    "verified_by": '"{who}"',
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


# Advice for the fields whose schema carries none (objects, mostly): keys in tools.yaml.
_MORE_HINTS = {
    "alternate_name": "new.about.alternate_name",
    "eligibility": "new.about.eligibility",
    "notes": "new.about.notes",
    "stay": "new.about.stay",
    "cost": "new.about.cost",
    "contacts": "new.about.contacts",
    "phones": "new.about.phones",
    "social": "new.about.social",
    "verification": "new.about.verification",
}


def _comment(
    schema_node: dict[str, Any] | None, required: bool, indent: str, note: str = "", key: str = "", lang: str = "en"
) -> list[str]:
    """The schema's advice as comment lines, in `lang`; nested fields without advice get none.
    `note` is a tools.yaml key ("new.note.required" ...)."""
    hint = tell(_MORE_HINTS[key]).render(lang) if key in _MORE_HINTS else ""
    if schema_node and not hint:
        hint = schema_node.get("x-hint") or schema_node.get("description") or ""
        if not hint and "$ref" in schema_node:
            ref = load_schema()["$defs"].get(schema_node["$ref"].rsplit("/", 1)[1], {})
            hint = ref.get("x-hint", "")
        hint = in_lang(schema_hint(hint), lang)
    if not hint and not note and indent:
        return []
    said = tell(note or ("new.note.required" if required else "new.note.optional")).render(lang)
    words = f"({said}) {hint}".strip()
    return [indent + "# " + line for line in textwrap.wrap(words, width=96 - len(indent))]


def _required(schema_node: dict[str, Any] | None) -> set[str]:
    return set((schema_node or {}).get("required", []))


def _emit(
    lines: list[str], data: dict[str, Any], schema_node: dict[str, Any] | None, depth: int, kind: str, lang: str = "en"
) -> None:
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
                    lines.append(f"{indent}# {tell('new.never-address').render(lang)}")
                else:
                    lines.extend(_comment(sub, False, indent, "new.note.never-shelter", key, lang))
                    lines.append(f'{indent}# address: {{kk: "...", ru: "...", source: https://...}}')
            elif example and depth < 2:
                lines.extend(_comment(sub, False, indent, key=key, lang=lang))
                lines.append(f"{indent}# {key}: {example.replace('{who}', tell('new.example.who').render(lang))}")
            continue
        value = data[key]
        if depth < 2 or isinstance(value, (dict, list)):
            note = ""
            if key in ("location",):
                note = "new.note.local"
            elif key in ("stay", "places") and kind == "shelter":
                note = "new.note.shelter"
            lines.extend(_comment(sub, key in required, indent, note, key, lang))
        _emit_value(lines, key, value, sub, depth, kind, lang)


def _emit_value(
    lines: list[str], key: str, value: Any, sub: dict[str, Any] | None, depth: int, kind: str, lang: str = "en"
) -> None:
    indent = "  " * depth
    if isinstance(value, dict):
        lines.append(f"{indent}{key}:")
        _emit(lines, value, _object(sub), depth + 1, kind, lang)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        lines.append(f"{indent}{key}:")
        item_schema = _object(child_schema(sub, 0))
        for item in value:
            item_lines: list[str] = []
            _emit(item_lines, item, item_schema, depth + 2, kind, lang)
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


def render(data: dict[str, Any], made_on: dt.date, lang: str = "en") -> str:
    """The listing file, its comments in `lang` (the editor's language)."""
    header = tell("new.header", date=made_on.isoformat()).render(lang)
    modeline = MODELINE if lang == "en" else MODELINE.replace(".json", f".{lang}.json")  # hover text in `lang`
    lines = [modeline, *(f"# {line}".rstrip() for line in header.splitlines())]
    _emit(lines, data, load_schema(), 0, data["kind"], lang)
    text = "\n".join(lines) + "\n"
    fixed, _ = fix_text(text)  # the same canonical form `fix` writes
    return fixed


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser("new", help=helptext("new"), description=helptext("new.about"))
    parser.add_argument(
        "--data", type=Path, default=default_data, help=helptext("data"), metavar=helptext("metavar.folder")
    )
    for q in questions():  # each flag is described by the question it answers
        described = helptext("new.default", question=tell(q.prompt), default=q.default) if q.default else tell(q.prompt)
        parser.add_argument(f"--{q.flag}", help=described, metavar=helptext("metavar.value"))
    parser.add_argument(
        "--checked",
        type=dt.date.fromisoformat,
        default=None,
        help=helptext("new.checked"),
        metavar=helptext("metavar.date"),
    )
    add_lang_argument(parser)  # the questions, the file's comments and the report
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ask: Ask | None = None, interactive: bool | None = None) -> int:
    data_dir: Path = args.data
    lang = getattr(args, "lang", "en").split("+")[0]
    if interactive is None:
        interactive = sys.stdin.isatty()
    if interactive and ask is None:
        ask = input
    given = {q.flag: getattr(args, q.flag.replace("-", "_"), None) for q in questions()}
    try:
        answers = gather(given, data_dir, ask if interactive else None, lang)
    except Refused as exc:
        print(f"error: {in_lang(_why(exc), lang)}", file=sys.stderr)
        return 2
    except MissingAnswers as exc:
        print(f"error: {tell('new.missing', flags=exc).render(lang)}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print(f"\nerror: {tell('new.stopped').render(lang)}", file=sys.stderr)
        return 2

    today = args.checked or dt.date.today()
    target = data_dir / "centres" / f"{answers['id']}.yaml"
    cities = _reference(data_dir / "cities.yaml")
    text = render(listing_data(answers, today, cities), today, lang)
    try:
        with target.open("x", encoding="utf-8") as out:  # never overwrite, even in a race
            out.write(text)
    except FileExistsError:
        print(f"error: {tell('new.exists', file=display_path(target)).render(lang)}", file=sys.stderr)
        return 2

    shown = display_path(target)
    report = validate(data_dir, today=today)
    own = [p for p in report.problems if p.path == shown]
    for problem in own:
        print(problem.as_text(lang))
    if any(p.is_error for p in own):
        print(tell("new.written-with-errors", file=shown).render(lang), file=sys.stderr)
        return 1
    print(tell("new.written", file=shown).render(lang), file=sys.stderr)
    return 0
