"""Check one listing against schema/centre.schema.json, in plain words.

jsonschema's own messages are written for programmers; NGO staff get a short
message that names the field, at the line of that field, and the `x-hint` the
schema carries for the rule that failed.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from generator import ROOT
from generator.data.messages import say
from generator.data.problems import Problem
from generator.data.yamlload import JsonPath, Positions

_COORDINATES = {"lat", "lon", "lng", "latitude", "longitude", "coordinates", "geo", "point", "map"}
SCHEMA_PATH = ROOT / "schema" / "centre.schema.json"


@cache
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    r"""A schema `pattern` as JSON Schema means it: an ECMA-262 regular expression, in which `$`
    is the end of the text. In Python's re `$` also matches before a final newline, so
    "2026-01-01\n" passed as a date while editors (JavaScript) refused it. Each unescaped `$`
    outside a [class] becomes \Z. (fastjsonschema, the fast path, turns every unescaped `$`
    into \Z, which is the same for every pattern the schema has.) An empty class `[]` or `[^]`
    means something else in Python than in ECMA-262, so it is refused."""
    if re.search(r"(?<!\\)\[\^?\]", pattern):
        raise ValueError(f"the pattern {pattern!r} has an empty class [] or [^], which Python reads otherwise")
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "string"):
        return
    # Text over its maxLength is refused by that keyword already; the pattern is not run on it.
    # Some patterns take time in proportion to the square of the length (the e-mail one: 40 KB
    # of "b." took 3.5 s), so the length is what bounds their time. fastjsonschema, the fast
    # path, also tests maxLength first.
    if isinstance(schema.get("maxLength"), int) and len(instance) > schema["maxLength"]:
        return
    if not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{_show(instance)} does not match {pattern!r}")


def _unique_items(validator: Any, unique: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """uniqueItems in linear time: jsonschema compares every pair of items that cannot be sorted
    (6,000 groups of fields took 30 s). Each item is reduced to a hashable form equal exactly when
    JSON Schema calls two items equal (1 equals 1.0; true does not equal 1; key order does not
    matter). Each repeated item is reported once, at its second place."""
    if not unique or not validator.is_type(instance, "array"):
        return
    first: dict[Any, int] = {}
    reported: set[Any] = set()
    for index, item in enumerate(instance):
        key = _canonical(item)
        if key not in first:
            first[key] = index
        elif key not in reported:
            reported.add(key)
            yield ValidationError(f"item {index + 1} repeats item {first[key] + 1}", path=[index])


def _canonical(value: Any, depth: int = 0) -> Any:
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)  # 1 == 1.0, and their hashes are equal
    if isinstance(value, str):
        return ("text", value)
    if value is None:
        return ("null",)
    if depth > 100:  # far deeper than any listing (the loader stops at 20): compared as itself
        return ("deep", id(value))
    if isinstance(value, list):
        return ("list", tuple(_canonical(item, depth + 1) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _canonical(item, depth + 1)) for key, item in value.items()))
    return ("other", id(value))


ListingValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern, "uniqueItems": _unique_items})


@cache
def _listing_validator() -> Validator:
    schema = load_schema()
    ListingValidator.check_schema(schema)
    return ListingValidator(schema)


# The fast path. Most listings are valid, and jsonschema takes ~1 ms to say so;
# a compiled copy of the schema (fastjsonschema) takes ~0.1 ms. Only when the copy
# does not pass a listing does jsonschema run, and the messages come from it alone.
# The copy may wrongly fail a listing (jsonschema then decides) but must never
# wrongly pass one, so it is made only from keywords checked to mean the same in
# both (tests/data/test_schema_fastpath.py compares them on mutated listings).
_SUBSCHEMA = {"not", "if", "then", "else", "items", "additionalProperties"}
_SUBSCHEMA_LISTS = {"allOf", "anyOf", "oneOf"}
_SUBSCHEMA_MAPS = {"properties", "$defs"}
_ASSERTIONS = {
    "$ref",
    "type",
    "enum",
    "const",
    "required",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "minItems",
    "uniqueItems",
}
# Never change validity here: jsonschema is not given a format checker, so
# `format` only annotates (the fast copy is compiled with use_formats=False).
# `$schema` and `$id` are allowed at the root only, where they are dropped.
_ANNOTATIONS = {"title", "description", "format", "x-hint", "x-schema-version"}
FAST_KEYWORDS = _SUBSCHEMA | _SUBSCHEMA_LISTS | _SUBSCHEMA_MAPS | _ASSERTIONS | _ANNOTATIONS


class _NotFastable(Exception):
    pass


def fast_copy(node: Any, root: dict[str, Any] | None = None, inlining: tuple[str, ...] = ()) -> Any:
    """The schema for fastjsonschema's draft-07 code, meaning what jsonschema's 2020-12 reads.

    Each local `$ref` is replaced by its target: draft 7 would drop a $ref's
    siblings (2020-12 applies them), and a $ref compiles into a function call
    whose error-path bookkeeping costs more than the check. Annotations are
    dropped. Raises _NotFastable for a keyword outside FAST_KEYWORDS or a
    reference that is not local or is recursive.
    """
    root = node if root is None else root
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise _NotFastable(f"a subschema must be an object: {node!r}")
    out: dict[str, Any] = {}
    applied: list[Any] = []  # the targets of $ref, applied beside the siblings
    for key, value in node.items():
        if key not in FAST_KEYWORDS:
            raise _NotFastable(f"keyword {key!r} is not known to the fast path")
        if key in _ANNOTATIONS or key == "$defs":  # $defs are reached through $ref only
            continue
        if key in _SUBSCHEMA:
            out[key] = fast_copy(value, root, inlining)
        elif key in _SUBSCHEMA_LISTS:
            out[key] = [fast_copy(item, root, inlining) for item in value]
        elif key in _SUBSCHEMA_MAPS:
            out[key] = {name: fast_copy(item, root, inlining) for name, item in value.items()}
        elif key == "$ref":
            applied.append(fast_copy(_local_target(root, value, inlining), root, (*inlining, value)))
        elif key == "const":  # the same test in both; fastjsonschema compiles const only with detailed errors
            out["enum"] = [value]
        else:
            out[key] = value
    if applied and not out:
        return applied[0]
    if applied:
        out["allOf"] = [*applied, *out.get("allOf", [])]
    return out


def _local_target(root: dict[str, Any], ref: Any, inlining: tuple[str, ...]) -> Any:
    name = ref.removeprefix("#/$defs/") if isinstance(ref, str) else ""
    if not name or name == ref or "/" in name or "~" in name or name not in root.get("$defs", {}):
        raise _NotFastable(f"only references to #/$defs/<name> can be compiled: {ref!r}")
    if ref in inlining:
        raise _NotFastable(f"a recursive reference cannot be inlined: {ref}")
    return root["$defs"][name]


@cache
def _fast_listing_check() -> Callable[[Any], Any] | None:
    """The compiled listing schema, or None (jsonschema alone) if it cannot be made safely."""
    _listing_validator()  # a broken schema still fails loudly, as without the fast path
    root = {k: v for k, v in load_schema().items() if k not in ("$schema", "$id")}  # no base URI to fetch from
    try:
        schema = {**fast_copy(root), "$schema": "http://json-schema.org/draft-07/schema#"}
        # use_default=False: never write defaults into the listing being checked. Its
        # own error details are never shown, and building them costs more than the check.
        return fastjsonschema.compile(
            schema, handlers={}, use_default=False, use_formats=False, detailed_exceptions=False
        )
    except Exception:  # _NotFastable, or a schema fastjsonschema cannot compile: slower, still right
        return None


def fast_valid(data: Any) -> bool:
    """True only if the listing schema surely passes `data` (plain data from load_file)."""
    check = _fast_listing_check()
    if check is None:
        return False
    try:
        check(data)
    except Exception:  # invalid, or anything unforeseen: jsonschema decides
        return False
    return True


def schema_problems(
    data: Any, positions: Positions, display: str, schema: dict[str, Any] | None = None
) -> list[Problem]:
    """Problems of `data` against the listing schema, or against `schema` if given."""
    if schema is None and fast_valid(data):
        return []
    validator = _listing_validator() if schema is None else ListingValidator(schema)
    problems: list[Problem] = []
    errors = validator.iter_errors(_printable_numbers(data))
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_explain(error, validator.schema, positions, display))
    return problems


def fits(pointer: str, value: Any) -> bool:
    """True if the part of the listing schema at `pointer` (e.g. "#/$defs/date") passes `value`.

    The rules run on listings the schema refused too, and use a field only when this
    is true: then it has the shape they expect, and a value the schema refused is not
    reported twice (an unknown region that does not even look like a code, say).
    """
    return _part_validator(pointer).is_valid(_printable_numbers(value))


@cache
def _part_validator(pointer: str) -> Validator:
    whole = _listing_validator()
    return whole.evolve(schema=_resolve(whole.schema, pointer))  # its $refs still resolve in the whole


# A whole number too long for str() (Python refuses over 4,300 digits) made jsonschema raise
# ValueError while writing its message, which quotes the value. Past 64 bits no listing has a
# use for a number, so such a number is checked as an int that prints as its size.
_LONGEST_INT_BITS = 64


class _LongNumber(int):
    def __repr__(self) -> str:
        return _long_number(self)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return _long_number(self)


def _long_number(value: int) -> str:
    magnitude = abs(int(value))
    digits = int((magnitude.bit_length() - 1) * 0.30102999566398120) + 1  # 10**(digits-1) <= magnitude
    digits += magnitude >= 10**digits  # at most one short
    return say("schema.long-number", sign="-" if value < 0 else "", digits=f"{digits:,}".replace(",", " "))


def _printable_numbers(data: Any) -> Any:
    """`data`, or a copy in which every whole number longer than 64 bits is a _LongNumber."""
    if not _has_long_number(data):
        return data
    root = [data]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, data)]
    while stack:  # not recursive: no depth of nesting can stop it
        parent, key, item = stack.pop()
        if isinstance(item, int) and not isinstance(item, bool) and item.bit_length() > _LONGEST_INT_BITS:
            parent[key] = _LongNumber(item)
        elif isinstance(item, dict):
            parent[key] = copied = dict(item)
            stack.extend((copied, k, v) for k, v in item.items())
        elif isinstance(item, list):
            parent[key] = copied = list(item)
            stack.extend((copied, i, v) for i, v in enumerate(item))
    return root[0]


def _has_long_number(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, int) and not isinstance(item, bool) and item.bit_length() > _LONGEST_INT_BITS:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _field(path: JsonPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            name = part if len(part) <= 40 else part[:30] + "..." + part[-7:]  # an unknown key can be long
            text += f".{name}" if text else name
    return text or say("schema.the-listing")


def _type_name(value: Any) -> str:
    if value is None:
        return say("schema.read.empty")
    if isinstance(value, bool):
        return say("schema.read.boolean", value=str(value).lower())
    if isinstance(value, int) and value.bit_length() > _LONGEST_INT_BITS:
        return _long_number(value)
    if isinstance(value, (int, float)):
        return say("schema.read.number", value=value)
    if isinstance(value, str):
        return say("schema.type.string")
    if isinstance(value, list):
        return say("schema.type.array")
    if isinstance(value, dict):
        return say("schema.type.object")
    return type(value).__name__


def _show(value: Any) -> str:
    # A string is shown as it is, unless white space at its ends or inside it would be invisible:
    # then quoted, with every character that does not print (no-break space, zero width space,
    # line break) as its \u or \n escape. A long value keeps its end, where a stray one often is.
    # Anything else is shown as JSON, cut short, and never longer than 60 characters.
    if isinstance(value, str):
        if len(value) > 200:  # only its two ends are shown: don't escape the rest
            value = value[:100] + value[-100:]
        plain = value.isprintable() and value == value.strip()
        text = value if plain else json.dumps(value, ensure_ascii=False)
    else:
        text = _brief(value, 80)
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    return text if len(text) <= 60 else text[:40] + "..." + text[-17:]


def show_value(value: Any) -> str:
    """A value from a listing as a message shows it: at most 60 characters, and what is
    invisible (a line break, a no-break space) written as its escape."""
    return _show(value)


def _brief(value: Any, budget: int) -> str:
    """`value` as JSON, stopped (with ...) once `budget` characters are written: a value can be a
    whole list of thousands of items, or a number too long to print (see _LongNumber)."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return _long_number(value) if value.bit_length() > _LONGEST_INT_BITS else str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value[:budget] + ("..." if len(value) > budget else ""), ensure_ascii=False)
    if isinstance(value, (list, dict)) and budget <= 0:
        return "..."
    if isinstance(value, list):
        parts: list[str] = []
        for item in value:
            if budget <= 0:
                parts.append("...")
                break
            parts.append(_brief(item, budget))
            budget -= len(parts[-1]) + 2
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if budget <= 0:
                parts.append("...")
                break
            parts.append(f"{_brief(key, budget)}: {_brief(item, budget - len(str(key)) - 4)}")
            budget -= len(parts[-1]) + 2
        return "{" + ", ".join(parts) + "}"
    return type(value).__name__


def _explain(error: ValidationError, schema: dict[str, Any], positions: Positions, display: str) -> Iterator[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    hint = _hint(schema, list(error.absolute_schema_path))
    where = _field(path)
    kind = error.validator
    value = error.instance

    if kind == "required":
        # jsonschema reports each missing field as its own error.
        found = re.match(r"'(.+)' is a required property", error.message)
        name = found.group(1) if found else ", ".join(error.validator_value)
        own = error.schema.get("properties", {}).get(name, {}) if isinstance(error.schema, dict) else {}
        hint = schema_hint(own.get("x-hint")) or _hint(schema, ["properties", name]) if own else hint
        line, col = positions.of_key(path) if path else (1, 1)
        yield Problem(display, line, col, say("schema.missing", field=_field((*path, name))), hint)
        return
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                if path[-1:] == ("location",) and str(name).lower() in _COORDINATES:
                    line, col = positions.of_key((*path, name))
                    yield Problem(
                        display,
                        line,
                        col,
                        say("schema.coordinates", field=name),
                        say("schema.coordinates.hint"),
                    )
                    continue
                close = difflib.get_close_matches(str(name), allowed, n=1)
                tip = (
                    say("schema.did-you-mean", field=close[0])
                    if close
                    else say("schema.allowed", fields=", ".join(allowed))
                )
                line, col = positions.of_key((*path, name))
                yield Problem(display, line, col, say("schema.unknown-field", field=_field((*path, name))), tip)
        return
    line, col = positions.of_value(path)
    if kind == "type":
        expected = error.validator_value
        if expected == "string" and isinstance(value, (int, float, bool)) and not isinstance(value, bool):
            message = say("schema.must-be-text", field=where, read=_type_name(value))
            if not hint:
                hint = say("schema.quotes.hint")
            elif "quotes" not in hint:
                hint = say("schema.quotes-then.hint", then=hint)
        elif expected == "string" and isinstance(value, bool):
            message = say("schema.must-be-text", field=where, read=_type_name(value))
        else:
            message = say("schema.must-be-type", field=where, expected=_expected(expected), read=_type_name(value))
    elif kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        got = _type_name(value) if isinstance(value, bool) or value is None else f"`{_show(value)}`"
        message = say("schema.enum", field=where, got=got, choices=choices)
    elif kind == "const":
        message = say("schema.const", field=where, value=error.validator_value)
    elif kind == "pattern":
        message = say("schema.pattern", field=where, value=_show(value))
        if isinstance(value, str) and value != value.strip():
            message = say("schema.pattern.spaces", field=where, value=_show(value))
        elif (
            isinstance(value, str)
            and value != value.lower()
            and ecma_regex(error.validator_value).search(value.lower())
        ):
            message = say("schema.pattern.small", field=where, value=_show(value), small=_show(value.lower()))
    elif kind in ("oneOf", "anyOf"):
        if (
            isinstance(value, dict)
            and error.validator_value
            and all("required" in branch for branch in error.validator_value)
        ):
            message = say(
                "schema.needs", field=where, fields=_either([f"`{b['required'][0]}`" for b in error.validator_value])
            )
        else:
            message = say("schema.not-allowed", field=where, value=_show(value))
    elif kind == "not":
        message = _explain_not(path, value)
    elif kind == "minItems" and error.validator_value == 1:
        message = say("schema.min-items", field=where)
    elif kind == "uniqueItems":
        # reported at the repeated item (see _unique_items); `value` is the whole list
        index = path[-1] if path and isinstance(path[-1], int) else None
        if index is not None and isinstance(value, list) and index < len(value):
            message = say("schema.twice", field=_field(path[:-1]), value=_show(value[index]))
        else:
            message = say("schema.same-twice", field=where)
    elif kind in ("minLength", "maxLength"):
        limit = error.validator_value
        message = (
            say("schema.empty", field=where)
            if kind == "minLength" and limit == 1
            else say(f"schema.{kind}", field=where, limit=limit)
        )
    elif kind in ("minimum", "maximum"):
        message = say(f"schema.{kind}", field=where, limit=error.validator_value)
    else:
        message = say("schema.other", field=where, error=_show(error.message))
    yield Problem(display, line, col, message, hint)


def _explain_not(path: JsonPath, value: Any) -> str:
    if path and path[-1] == "location":
        return say("schema.shelter-address")
    if not path:
        return say("schema.national-location")
    return say("schema.not-here")


_TYPES = frozenset({"string", "object", "array", "integer", "number", "boolean"})


def _expected(expected: Any) -> str:
    if isinstance(expected, list):
        return _either([_expected(e) for e in expected])
    return say(f"schema.type.{expected}") if expected in _TYPES else str(expected)


def _either(choices: list[str]) -> str:
    """ "a or b or c", in the language the message is said in."""
    said = choices[0] if choices else ""
    for choice in choices[1:]:
        said = say("or", first=said, second=choice)
    return said


def schema_hint(text: Any) -> str:
    """An `x-hint` of the schema, said in the editor's language: its Kazakh and Russian words are
    in the catalogs under `x-hint.<name>`, whose English text is the schema's own (a test keeps
    them equal). A hint no catalog has (a test's own schema) is shown as written."""
    if not isinstance(text, str) or not text:
        return ""
    key = _hint_keys().get(text)
    return say(key) if key else text


@cache
def _hint_keys() -> dict[str, str]:
    from generator.data.messages import words

    return {text: key for key, text in words("validator", "en").items() if key.startswith("x-hint.")}


def _hint(schema: dict[str, Any], schema_path: list[Any]) -> str:
    """The deepest `x-hint` along the failing rule's path through the schema."""
    hint = schema.get("x-hint", "")  # the root's advice, when nothing closer has any
    return schema_hint(_hint_text(schema, schema_path, hint))


def _hint_text(schema: dict[str, Any], schema_path: list[Any], hint: str) -> str:
    node: Any = schema
    root = schema
    for step in schema_path:
        if isinstance(node, dict) and "$ref" in node and step not in node:
            node = _resolve(root, node["$ref"])
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("$ref"), str) and "x-hint" not in node:
            target = _resolve(root, node["$ref"])
            if isinstance(target, dict) and target.get("x-hint"):
                hint = target["x-hint"]
        if isinstance(node, dict) and isinstance(node.get("x-hint"), str):
            hint = node["x-hint"]
    return hint


def _resolve(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
