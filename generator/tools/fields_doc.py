"""Every field of a listing, in Kazakh and Russian, generated from the schema.

`python -m generator fields --write` puts the list into docs/kk/contribute.md
and docs/ru/contribute.md between two markers; a test fails when they differ
from the schema, so the guide can't drift from what the validator checks.
Whether a field is required, and its allowed values, come from
schema/centre.schema.json (and the services and regions from data/); the
plain-words meaning of each field and the list's words are in words/<lang>/fields.yaml.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import ROOT
from generator.data import catalogs
from generator.data.messages import env_lang, helptext, tell
from generator.data.model import LANGS, Lang
from generator.data.schema_check import load_schema
from generator.data.yamlload import load_file

BEGIN = "<!-- fields:begin (made by `python -m generator fields --write` from the schema; do not edit by hand) -->"
END = "<!-- fields:end -->"

# What each field means, in plain words. The keys are the paths the schema has;
# a test checks that both sets are equal.
_WORDS = catalogs.table("fields")  # words/<lang>/fields.yaml: every word of the list

MEANING: dict[str, dict[Lang, str]] = {
    key.removeprefix("meaning."): {lang: _WORDS[lang][key] for lang in LANGS}
    for key in _WORDS["kk"]
    if key.startswith("meaning.")
}

WORDS: dict[Lang, dict[str, str]] = {
    lang: {key.removeprefix("word."): text for key, text in _WORDS[lang].items() if key.startswith("word.")}
    for lang in LANGS
}

_TEXT_DEFS = {"text", "long_text"}


@dataclass(frozen=True)
class Field:
    path: str  # "eligibility.gender", "sources[].url"
    key: str
    depth: int
    node: dict[str, Any]


def _def_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[1] if ref.startswith("#/$defs/") else None


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    name = _def_name(node)
    return load_schema()["$defs"][name] if name else node


def _is_text(node: dict[str, Any]) -> bool:
    return _def_name(node) in _TEXT_DEFS


def _object_of(node: dict[str, Any]) -> tuple[dict[str, Any] | None, bool]:
    """(object schema with properties, is it a list of them) behind a field, or (None, False)."""
    node = _deref(node)
    if "properties" in node:
        return node, False
    for alternative in [node, *node.get("oneOf", []), *node.get("anyOf", [])]:
        items = alternative.get("items")
        if isinstance(items, dict) and "properties" in _deref(items):
            return _deref(items), True
    return None, False


def fields(node: dict[str, Any] | None = None, prefix: str = "", depth: int = 0) -> Iterator[Field]:
    """Every documented field, in the schema's order. Text (kk + ru) is one field."""
    node = node or load_schema()
    for key, sub in node.get("properties", {}).items():
        if depth and key in ("kk", "ru"):
            continue
        path = f"{prefix}{key}"
        yield Field(path, key, depth, sub)
        if _is_text(sub):
            continue
        obj, many = _object_of(sub)
        if obj is not None:
            yield from fields(obj, f"{path}[]." if many else f"{path}.", depth + 1)


# ---------------------------------------------------------------- required or optional


def _conditions() -> dict[str, list[tuple[str, str, str]]]:
    """path -> [(rule, field, value)] from the schema's if/then/else rules."""
    found: dict[str, list[tuple[str, str, str]]] = {}

    def walk(node: Any, prefix: str) -> None:
        if not isinstance(node, dict):
            return
        rules = [node, *node.get("allOf", [])]
        for rule in rules:
            cond = rule.get("if", {}).get("properties", {})
            if len(cond) == 1:
                ((field, test),) = cond.items()
                value = str(test.get("const"))
                then, otherwise = rule.get("then", {}), rule.get("else", {})
                for name in then.get("required", []):
                    found.setdefault(prefix + name, []).append(("required_if", field, value))
                # "absent unless local" is written either as the else of "required if local"
                # or as "absent if national" (scope has those two values): said the same way.
                for name in [*otherwise.get("not", {}).get("required", []), *then.get("not", {}).get("required", [])]:
                    found.setdefault(prefix + name, []).append(("absent_unless", field, value))
                for name, sub in then.get("properties", {}).items():
                    for inner in sub.get("not", {}).get("required", []):
                        found.setdefault(f"{prefix}{name}.{inner}", []).append(("never_if", field, value))
        for key, sub in node.get("properties", {}).items():
            obj, many = _object_of(sub) if isinstance(sub, dict) else (None, False)
            if obj is not None:
                walk(obj, f"{prefix}{key}[]." if many else f"{prefix}{key}.")

    walk(load_schema(), "")
    return found


def _required_sets() -> dict[str, set[str]]:
    """prefix -> required keys, and which keys are 'one of' (anyOf of required)."""
    out: dict[str, set[str]] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        out[prefix] = set(node.get("required", []))
        out[prefix + "#one_of"] = {k for alt in node.get("anyOf", []) for k in alt.get("required", [])}
        for key, sub in node.get("properties", {}).items():
            obj, many = _object_of(sub)
            if obj is not None and not _is_text(sub):
                walk(obj, f"{prefix}{key}[]." if many else f"{prefix}{key}.")

    walk(load_schema(), "")
    return out


def need(field: Field, lang: Lang) -> str:
    w = WORDS[lang]
    prefix = field.path[: len(field.path) - len(field.key)]
    sets = _required_sets()
    if field.key in sets.get(prefix, set()):
        return w["required"]
    if field.key in sets.get(prefix + "#one_of", set()):
        return w["one_of"]
    rules = _conditions().get(field.path, [])
    parts = []
    for rule, name, value in rules:
        cond = f"`{name}: {value}`"
        parts.append(w[rule].format(cond=cond) if rule != "absent_unless" else w[rule])
    if any(r == "never_if" for r, _, _ in rules):
        return w["optional"] + "; " + "; ".join(parts)
    return "; ".join(parts) if parts else w["optional"]


# ---------------------------------------------------------------- allowed values


def _code(values: list[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def values(field: Field, lang: Lang, data_dir: Path) -> str:
    w = WORDS[lang]
    path = field.path
    if path == "location.region":
        regions = (_load(data_dir / "regions.yaml").get("regions")) or {}
        return ", ".join(f"`{code}` ({names[lang]})" for code, names in regions.items())
    if path == "services":
        services = _load(data_dir / "services.yaml")
        return f"{w['list']} — " + ", ".join(f"`{key}` ({s[lang]})" for key, s in services.items())
    if path == "location.city":
        return w["city"]
    if path == "id":
        return w["id"]
    if path == "contacts.phones[].number":
        return w["phone"]
    if path == "contacts.email":
        return w["email"]
    return _describe(field.node, lang)


def _describe(node: dict[str, Any], lang: Lang) -> str:
    w = WORDS[lang]
    name = _def_name(node)
    if name in _TEXT_DEFS:
        return w["text"]
    if name in ("age", "duration", "clock", "date", "url"):
        extra = ", `unknown`" if name in ("age", "duration") else ""
        return w[name] + extra
    if name == "partial_date":
        return f"{w['partial_date']} {w['or']} `unknown`"
    if name == "nonempty":
        return w["plain_text"]
    node = _deref(node)
    if "enum" in node:
        return _code(node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if "oneOf" in node or "anyOf" in node:
        return f" {w['or']} ".join(_describe(alt, lang) for alt in node.get("oneOf", node.get("anyOf", [])))
    kind = node.get("type")
    if kind == "integer":
        return w["integer"].format(min=node.get("minimum", 0), max=node.get("maximum", "…"))
    if kind == "array":
        items = node.get("items", {})
        if "properties" in _deref(items):
            return w["list_of_sections"]
        return f"{w['list']} — {_describe(items, lang)}"
    if kind == "object" or "properties" in node:
        return w["section"]
    if kind == "string":
        return w["url"] if str(node.get("pattern", "")).startswith("^https?://") else w["plain_text"]
    return ""


def _load(path: Path) -> dict[str, Any]:
    """A reference file (regions, services) read as the validator reads it, or {}."""
    if not path.is_file():
        return {}
    loaded = load_file(path, max_bytes=1024 * 1024)
    return loaded.data if loaded.ok and isinstance(loaded.data, dict) else {}


# ---------------------------------------------------------------- the list


def reference(lang: Lang, data_dir: Path = ROOT / "data") -> str:
    """The Markdown list of every field, for one language."""
    lines = []
    for field in fields():
        indent = "    " * field.depth
        meaning = MEANING[field.path][lang]
        allowed = values(field, lang, data_dir)
        text = f"{indent}- **`{field.key}`** — *{need(field, lang)}*. {meaning}"
        if allowed and allowed != WORDS[lang]["section"]:
            text += f" {WORDS[lang]['values']}: {allowed}"
            text += ":" if allowed.endswith(WORDS[lang]["list_of_sections"]) else "."
        lines.append(re.sub(r"\.\.$", ".", text))
    return "\n".join(lines) + "\n"


def replace_block(document: str, block: str) -> str:
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {BEGIN!r} and {END!r} are missing")
    return document[: start + len(BEGIN)] + "\n\n" + block + "\n" + document[end:]


def docs_path(lang: Lang) -> Path:
    return ROOT / "docs" / lang / "contribute.md"


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser("fields", help=helptext("fields"), description=helptext("fields"))
    parser.add_argument(
        "--data", type=Path, default=default_data, help=helptext("data"), metavar=helptext("metavar.folder")
    )
    parser.add_argument("--lang", choices=LANGS, default="kk", help=helptext("fields.lang"))
    parser.add_argument("--write", action="store_true", help=helptext("fields.write"))
    parser.add_argument("--check", action="store_true", help=helptext("fields.check"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not (args.write or args.check):
        print(reference(args.lang, args.data), end="")
        return 0
    stale = []
    for lang in LANGS:
        path = docs_path(lang)
        current = path.read_text(encoding="utf-8")
        try:
            wanted = replace_block(current, reference(lang, args.data))
        except ValueError:
            markers = tell("tool.markers-missing", file=path, begin=repr(BEGIN), end=repr(END))
            print(f"error: {markers.render(env_lang())}", file=sys.stderr)
            return 2
        if wanted != current:
            stale.append(path)
            if args.write:
                path.write_text(wanted, encoding="utf-8")
    for path in stale:
        said = tell("tool.updated" if args.write else "tool.out-of-date", file=path.relative_to(ROOT))
        print(said.render(env_lang()), file=sys.stderr)
    return 1 if stale and args.check else 0
