"""The schema's fast path never passes a listing that jsonschema fails.

schema_check answers "valid" from a fastjsonschema copy of the schema and only
asks jsonschema (whose errors make the messages) when that copy says "invalid".
A wrong "invalid" costs time; a wrong "valid" would let a bad listing through.
"""

from __future__ import annotations

import copy
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.data import schema_check
from generator.data.schema_check import FAST_KEYWORDS, fast_copy, fast_valid, load_schema, schema_problems
from generator.data.yamlload import Positions, load_file

from ..conftest import CORPUS, DATA, QUADRATIC_BOUND_S

SCHEMA = load_schema()
JSONSCHEMA = schema_check.ListingValidator(SCHEMA)  # the validator the messages come from
REAL = sorted((DATA / "centres").glob("*.yaml")) + sorted((CORPUS / "valid").glob("*.yaml"))
INVALID = sorted(p for p in (CORPUS / "invalid").iterdir() if p.suffix == ".yaml")


def _subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema of the listing schema, with where it is."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key in ("not", "if", "then", "else", "items", "additionalProperties"):
        if key in node:
            yield from _subschemas(node[key], f"{where}/{key}")
    for key in ("allOf", "anyOf", "oneOf"):
        for index, item in enumerate(node.get(key, [])):
            yield from _subschemas(item, f"{where}/{key}/{index}")
    for key in ("properties", "$defs"):
        for name, item in node.get(key, {}).items():
            yield from _subschemas(item, f"{where}/{key}/{name}")


def _values(schema: dict[str, Any]) -> set[Any]:
    """Every enum and const value of the schema: they switch its if/then rules."""
    found: set[Any] = set()
    for _, node in _subschemas(schema):
        found.update(node.get("enum", []))
        if "const" in node:
            found.add(node["const"])
    return found


ENUM_VALUES = _values(SCHEMA)
# Wrong types, edge numbers, and strings near the schema's patterns and limits.
PROBES: list[Any] = [
    True,
    False,
    0,
    1,
    -1,
    1.0,
    1.5,
    5.0,
    121,
    10001,
    math.nan,
    math.inf,
    -math.inf,
    None,
    [],
    ["kk"],
    [1],
    [True],
    [None],
    {},
    {"kk": "x"},
    {"kk": "a", "ru": "b"},
    {"kk": 1, "ru": True},
    "",
    " ",
    "\n",
    "text",
    "KZ-75\n",
    "2026-01-01\n",
    "09:00\n",
    "https://example.kz/\n",
    "javascript:alert(1)",
    "x" * 301,
    "x" * 2001,
]
ADDED_KEYS = ("unknown_field", "lat", "address", "url", "document", "verified_on", "verified_by", "stay", "location")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in list(value.items()):
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _mutants(data: dict[str, Any]) -> Iterator[str]:
    """Changes `data` in place, one thing at a time, and says what; each is undone before the next.

    Every value is replaced (wrong types, edge values, other enum values, near
    misses of its own text), every field and item deleted, items doubled, and
    unknown or conditional fields added.
    """
    for path in list(_paths(data))[1:]:
        parent, last = _get(data, path[:-1]), path[-1]
        original = parent[last]
        swaps = list(PROBES)
        if isinstance(original, str):
            swaps += [original + "\n", " " + original, original.upper(), original + "<b>"]
            if original in ENUM_VALUES:
                swaps += sorted(ENUM_VALUES)
        for probe in swaps:
            parent[last] = copy.deepcopy(probe)
            yield f"{path} = {probe!r}"
        parent[last] = original
        if isinstance(parent, dict):
            del parent[last]
            yield f"del {path}"
            parent[last] = original  # back in place; key order does not matter to either side
        else:
            del parent[last]
            yield f"del {path}"
            parent.insert(last, original)
            parent.append(copy.deepcopy(original))
            yield f"{path} twice"
            parent.pop()
        if isinstance(original, dict):
            for key in ADDED_KEYS:
                if key not in original:
                    for probe in ("x", {"kk": "a", "ru": "b"}):
                        original[key] = probe
                        yield f"{path} + {key} = {probe!r}"
                    del original[key]
    for key in ("unknown_field", "lat", "stay", "places", "location", "alternate_name"):
        if key not in data:
            for probe in ("x", "unknown", 3, {"kk": "a", "ru": "b"}, {"region": "KZ-75", "city": "almaty"}):
                data[key] = probe
                yield f"+ {key} = {probe!r}"
            del data[key]


def _loaded(path):
    loaded = load_file(path)
    assert loaded.ok, [p.as_text() for p in loaded.problems]
    return loaded.data


def _variants() -> dict[str, dict[str, Any]]:
    """Valid listings using what no real one does yet: verified, opening hours, an office address..."""
    base = _loaded(CORPUS / "valid" / "almaty-corpus-base.yaml")
    verified = copy.deepcopy(base)
    verified["verification"].update(status="verified", verified_on="2026-10-01", verified_by="the organisation")
    office = copy.deepcopy(base)
    office.update(kind="centre", places="unknown", alternate_name={"kk": "А", "ru": "Б"})
    office["location"]["address"] = {"kk": "а", "ru": "б", "source": "https://example.kz/contacts"}
    office["hours"] = [{"days": ["mon", "tue"], "opens": "09:00", "closes": "18:00"}]
    office["contacts"].update(email="info@example.kz", website="https://example.kz", social=["https://t.me/x"])
    office["sources"].append({"title": "Буклет", "document": "Буклет, 2024", "date": "2024", "supports": "hours"})
    line = copy.deepcopy(base)
    line.update(kind="helpline", scope="national", languages="unknown", funding="unknown")
    for key in ("location", "stay", "places"):
        del line[key]
    line["contacts"] = {"phones": [], "how_to_reach": {"kk": "150", "ru": "150"}}
    line["eligibility"].update(age_min=1.5, age_max=120.0)
    return {"verified": verified, "office": office, "national-line": line}


def _representatives() -> dict[str, Any]:
    """The smallest real listing of each kind and scope (all of them would only repeat the work)."""
    chosen: dict[tuple[str, str], Any] = {}
    for path in sorted(REAL, key=lambda p: (p.stat().st_size, p.name)):
        data = _loaded(path)
        chosen.setdefault((data["kind"], data["scope"]), path)
    return {p.stem: p for p in chosen.values()}


# Real listings, the valid corpus and the variants, each changed a few thousand ways.
SEEDS = {**_representatives(), "almaty-corpus-base": CORPUS / "valid" / "almaty-corpus-base.yaml"}
VARIANTS = _variants()


def _seed(name: str) -> dict[str, Any]:
    return copy.deepcopy(VARIANTS[name]) if name in VARIANTS else _loaded(SEEDS[name])


def test_the_fast_path_is_in_use():
    assert schema_check._fast_listing_check() is not None, "the listing schema no longer compiles for the fast path"


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_listings_pass_the_fast_path(path):
    """Formats are not asserted and patterns agree, so real data is not slowed down."""
    data = _loaded(path)
    assert JSONSCHEMA.is_valid(data)
    assert fast_valid(data)


def test_fast_path_does_not_change_the_data():
    data = _loaded(REAL[0])
    before = copy.deepcopy(data)
    assert fast_valid(data)
    assert data == before
    del data["languages"]
    assert not fast_valid(data)  # no default is written in either
    assert "languages" not in data


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_corpus_never_passes_fast_where_jsonschema_fails(path):
    loaded = load_file(path)
    if not loaded.ok:  # refused while loading: nothing of it reaches the schema
        assert loaded.problems, path.name
        return
    assert fast_valid(loaded.data) == JSONSCHEMA.is_valid(loaded.data), path.name


def test_invalid_corpus_has_files_each_path_answers_for():
    """The test above must see both answers of the fast path, and files the loader refuses."""
    answers = Counter()
    for path in INVALID:
        loaded = load_file(path)
        answers["refused" if not loaded.ok else fast_valid(loaded.data)] += 1
    assert answers["refused"] >= 5 and answers[True] >= 5 and answers[False] >= 5, answers


def test_a_listing_that_is_not_a_group_of_fields_never_passes():
    for probe in PROBES:
        assert not fast_valid(probe)
        assert not JSONSCHEMA.is_valid(probe)


def test_variants_are_valid():
    for name, data in VARIANTS.items():
        assert JSONSCHEMA.is_valid(data), name
        assert fast_valid(data), name


@pytest.mark.parametrize("name", [*SEEDS, *VARIANTS])
def test_mutated_listings_never_pass_fast_where_jsonschema_fails(name: str):
    data = _seed(name)
    checked = passed = 0
    for what in _mutants(data):
        checked += 1
        if fast_valid(data):
            passed += 1
            errors = [e.message for e in JSONSCHEMA.iter_errors(data)]
            assert not errors, f"{name}: {what}: the fast path passed it, jsonschema says {errors}"
    assert data == _seed(name), "every change was undone"
    assert checked > 1000 and passed > 50  # both answers were given


def test_messages_are_the_same_with_and_without_the_fast_path(monkeypatch: pytest.MonkeyPatch):
    data = _seed("almaty-corpus-base")
    positions = Positions()
    with_fast = [schema_problems(data, positions, "x.yaml") for i, _ in enumerate(_mutants(data)) if i % 10 == 0]
    monkeypatch.setattr(schema_check, "_fast_listing_check", lambda: None)
    without = [schema_problems(data, positions, "x.yaml") for i, _ in enumerate(_mutants(data)) if i % 10 == 0]
    assert with_fast == without
    assert sum(1 for problems in without if not problems) > 10 and sum(1 for problems in without if problems) > 100


def test_schema_uses_only_keywords_the_fast_path_implements():
    """A keyword the fast copy does not know would be ignored by it: refuse it here first."""
    for where, node in _subschemas(SCHEMA):
        allowed = FAST_KEYWORDS | ({"$schema", "$id"} if where == "#" else set())
        assert set(node) <= allowed, f"{where}: {set(node) - allowed}"
    fast_copy({k: v for k, v in SCHEMA.items() if k not in ("$schema", "$id")})  # raises if not


def test_schema_values_are_of_the_kinds_checked_to_agree():
    """What the keyword-by-keyword comparison of the two implementations relied on."""
    for where, node in _subschemas(SCHEMA):
        for value in [*node.get("enum", []), *([node["const"]] if "const" in node else [])]:
            assert isinstance(value, str), f"{where}: the fast path was compared on text values only (1 == True)"
        types = node.get("type", [])
        for name in [types] if isinstance(types, str) else types:
            assert name in {"string", "object", "array", "integer", "number", "boolean", "null"}, where
        if "items" in node:
            assert isinstance(node["items"], dict), f"{where}: items must be one schema"
        if "$ref" in node:
            assert node["$ref"].startswith("#/$defs/"), f"{where}: only local references"
        if "pattern" in node:
            _assert_anchors_only_tighten(where, node["pattern"])


def _assert_anchors_only_tighten(where: str, pattern: str) -> None:
    """fastjsonschema turns each `$` into `\\Z` (end of text, not also before a final newline).

    That only makes a match harder, unless a `$` sits in a lookaround (the
    meaning would flip) or in a [set] (it would stop compiling).
    """
    assert "(?" not in pattern.replace("(?:", ""), f"{where}: no lookarounds or inline flags: {pattern}"
    in_set = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_set:
            assert char != "$", f"{where}: `$` inside [...]: {pattern}"
            in_set = char != "]"
        elif char == "[":
            in_set = True
    re.compile(pattern)


def test_refs_are_inlined_with_their_siblings():
    """2020-12 applies a $ref's siblings; draft 7 would drop them."""
    root = {"$defs": {"x": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/x", "minLength": 2}}}
    assert fast_copy(root) == {"properties": {"a": {"minLength": 2, "allOf": [{"type": "string"}]}}}
    root = {"$defs": {"x": {"const": "y", "x-hint": "..."}}, "items": {"$ref": "#/$defs/x"}}
    assert fast_copy(root) == {"items": {"enum": ["y"]}}


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "https://example.org/schema.json"},
        {"$ref": "#/$defs/missing"},
        {"$defs": {"x": {"items": {"$ref": "#/$defs/x"}}}, "$ref": "#/$defs/x"},
        {"unevaluatedProperties": False},
        {"properties": {"a": {"dependentRequired": {"a": ["b"]}}}},
    ],
)
def test_what_the_fast_path_cannot_copy_is_refused(schema: dict[str, Any]):
    with pytest.raises(schema_check._NotFastable):
        fast_copy(schema)


def test_patterns_end_at_the_end_of_the_text_as_in_the_editors():
    """`$` in a schema pattern (ECMA-262) does not match before a final newline, as Python's re
    would: a date, time, code or URL with a line break after it is refused by both validators."""
    anchored = {node["pattern"] for _, node in _subschemas(SCHEMA) if node.get("pattern", "").endswith("$")}
    assert len(anchored) >= 6
    samples = ["2026-01-01", "09:00", "24:00", "KZ-75", "https://example.kz/", "almaty-centre", "a@b.kz", "2 weeks"]
    checked = 0
    for pattern in anchored:
        for sample in samples:
            if re.search(pattern, sample):
                checked += 1
                assert schema_check.ecma_regex(pattern).search(sample), (pattern, sample)
                assert not schema_check.ecma_regex(pattern).search(sample + "\n"), (pattern, sample)
    assert checked >= len(anchored)
    assert schema_check.ecma_regex(r"^a[$]\$$").pattern == r"^a[$]\$\Z"  # a $ in a class or escaped stays


def test_every_schema_pattern_has_one_meaning_and_an_empty_class_is_refused():
    for _, node in _subschemas(SCHEMA):
        if "pattern" in node:
            schema_check.ecma_regex(node["pattern"])  # compiles, without [] or [^]
    for pattern in ("^[]a]$", "^[^]$"):
        with pytest.raises(ValueError, match="empty class"):
            schema_check.ecma_regex(pattern)


def test_values_in_messages_show_what_is_invisible():
    show = schema_check._show
    assert show("shelter") == "shelter"
    assert show("2026-11-01\n") == '"2026-11-01\\n"'
    assert show("a\u00a0b") == '"a\\u00a0b"'  # a no-break space
    assert show("x\u200b") == '"x\\u200b"'  # a zero width space
    long = show("x" * 80 + "\n")
    assert len(long) == 60 and long.endswith('x\\n"'), long  # the end, where the stray newline is


# Hostile and careless listings (issue 14, section 5): time bounded, no crash, short messages.
# Each of these failed before: 30 s, ValueError, 3.5 s for 40 KB.


def _huge(digits: int) -> int:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return int("9" * digits)
    finally:
        sys.set_int_max_str_digits(limit)


def test_a_long_list_of_distinct_items_is_checked_in_linear_time():
    """jsonschema's uniqueItems compared every pair of items it could not sort: 30 s for these."""
    data = _seed("almaty-corpus-base")
    data["services"] = [{"a": i} for i in range(6000)]
    started = time.perf_counter()
    problems = schema_problems(data, Positions(), "x.yaml")
    assert time.perf_counter() - started < QUADRATIC_BOUND_S
    assert len(problems) == 6000 and all("must be text" in p.message for p in problems)


@pytest.mark.parametrize(
    "items",
    [
        ["a", "b", "a"],
        [1, 1.0],
        [1, True],
        [0, False],
        [None, "null"],
        [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
        [{"a": 1}, {"a": 1.0}],
        [{"a": [1, 2]}, {"a": [2, 1]}],
        [[1, [2]], [1, [2]]],
        [[True], [1]],
        ["shelter", "legal", "shelter", "legal", "shelter"],
        [{"a": 0}] * 3,
        [],
    ],
)
def test_unique_items_means_what_jsonschema_means(items: list[Any]):
    from jsonschema._utils import uniq

    schema = {"uniqueItems": True}
    errors = list(schema_check.ListingValidator(schema).iter_errors(items))
    assert (not errors) == uniq(items)
    assert (not errors) == bool(Draft202012Validator(schema).is_valid(items))


def test_a_repeated_item_is_reported_once_at_its_second_place():
    data = _seed("almaty-corpus-base")
    data["services"] = ["legal", "shelter", "legal", "legal", "shelter"]
    positions = Positions(values={("services", 2): (20, 5), ("services", 4): (22, 5)})
    found = [(p.line, p.message) for p in schema_problems(data, positions, "x.yaml")]
    assert found == [(20, "`services` lists `legal` twice"), (22, "`services` lists `shelter` twice")]


def test_whole_numbers_too_long_to_print_are_reported_without_a_crash():
    """str() refuses an int over 4,300 digits; jsonschema put one in its message (ValueError).
    The loader refuses long decimal numbers, but 0x... of any length still reads as an int."""
    for digits in (25, 4301, 20_000):
        huge = _huge(digits)
        data = _seed("almaty-corpus-base")
        checked = 0
        for _ in _mutants_with(data, [huge, -huge, [huge], {"kk": huge, "ru": "x"}]):
            for problem in schema_problems(data, Positions(), "x.yaml"):
                assert len(problem.message) < 300, problem.message
                assert "99999999999999999999" not in problem.message
            checked += 1
        assert checked > 100


def _mutants_with(data: dict[str, Any], probes: list[Any]) -> Iterator[None]:
    """Each value of `data` replaced by each probe in turn, then put back."""
    for path in list(_paths(data))[1:]:
        parent, last = _get(data, path[:-1]), path[-1]
        original = parent[last]
        for probe in probes:
            parent[last] = probe
            yield
        parent[last] = original


def test_a_long_number_is_shown_by_its_size():
    data = _seed("almaty-corpus-base")
    data["places"] = _huge(5000)
    [problem] = schema_problems(data, Positions(), "x.yaml")
    assert "a number of 5 000 digits" in problem.message
    data["id"] = 0x7FFF_FFFF_FFFF_FFFF_FFFF
    assert "a number of 24 digits" in " ".join(p.message for p in schema_problems(data, Positions(), "x.yaml"))


def test_a_long_email_is_refused_by_its_length_before_the_pattern_runs():
    """The e-mail pattern takes time in the square of the length (3.5 s for 40 KB of "b.")."""
    data = _seed("office")
    data["contacts"]["email"] = "a@" + "b." * 120_000 + " "
    started = time.perf_counter()
    assert not fast_valid(data)
    problems = schema_problems(data, Positions(), "x.yaml")
    assert time.perf_counter() - started < QUADRATIC_BOUND_S
    assert [p.message for p in problems] == ["`contacts.email` is longer than 254 characters"]


def test_values_and_fields_in_messages_are_short():
    show = schema_check.show_value
    assert len(show(list(range(100_000)))) <= 60
    assert len(show({"k" * 1000: ["v" * 1000]})) <= 60
    assert show([1, "a", None, True, 1.5]) == '[1, "a", null, true, 1.5]'
    assert show(_huge(5000)) == "a number of 5 000 digits"
    data = _seed("almaty-corpus-base")
    data["x" * 100_000] = 1
    [problem] = schema_problems(data, Positions(), "x.yaml")
    assert problem.message.startswith("unknown field `xxxx") and len(problem.message) < 100


def test_fits_answers_for_one_part_of_the_schema():
    fits = schema_check.fits
    assert fits("#/properties/location/properties/region", "KZ-75")
    assert not fits("#/properties/location/properties/region", "KZ-7")
    assert fits("#/properties/name", {"kk": "а", "ru": "б"})  # its $ref resolves in the whole schema
    assert not fits("#/properties/name", {"kk": "а"})
    assert fits("#/$defs/age", 18) and fits("#/$defs/age", "unknown")
    assert not fits("#/$defs/age", True) and not fits("#/$defs/age", _huge(5000))
    assert not fits("#/$defs/date", None)
