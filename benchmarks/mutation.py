"""Mutation testing of the code that decides safety and truth: would a test notice a small change?

    python benchmarks/mutation.py [--area NAME ...] [--limit N] [--quick] [--seed S]
                                  [--timeout SECONDS] [--list] [--json FILE]

Each mutant is ONE small change to one module (issue 23): a comparison flipped (`<` to `<=`,
`==` to `!=`, `in` to `not in`), `and` to `or`, a condition negated, a `continue`, `break` or
`return` deleted, a statement of an `except` deleted, a whole number made one more or one less,
an item left out of a constant tuple, set or list. Python modules are mutated on their syntax tree
(`ast`), the text around the change kept byte for byte; find-help.js (its rules, up to
`function start`) by a small tokenizer that skips strings, comments and regular expressions, and
is tested with `node --test` as well as the Python tests that run it.

A mutant is written into a temporary copy of the repository (never the checkout), and only the
tests mapped to its module (AREAS below) run on it, in one process, stopping at the first failure,
with a time limit. A failure or a timeout kills it; a mutant whose tests all pass survives. Mutants
judged equivalent (the program behaves the same; each with why) are listed in
benchmarks/mutation-equivalent.yaml and left out of the score.

The selection is deterministic: every mutant of an area, in source order, then a sample of
`--limit` per area drawn with `--seed` (default 23). `--quick` is `--limit 8`. Exit 1 if an area
scores under `--fail-under` (default 0: report only). Results are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "benchmarks" / "mutation-equivalent.yaml"
PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", "no:cacheprovider"]
PYTEST += ["-m", "not slow and not browser", "-W", "ignore"]


@dataclasses.dataclass(frozen=True)
class Area:
    name: str
    modules: tuple[str, ...]
    tests: tuple[str, ...]  # the fastest and most pointed first: -x stops at the first failure
    node_tests: tuple[str, ...] = ()


RULES = tuple(
    f"generator/data/rules/{m}.py"
    for m in (
        "base",
        "contacts",
        "dates",
        "duplicates",
        "history",
        "identity",
        "location",
        "ranges",
        "runner",
        "services",
        "text",
    )
)
AREAS = {
    a.name: a
    for a in (
        Area(
            "rules",
            RULES,
            (
                "tests/data/test_mutation_gaps_rules.py",
                "tests/data/test_mutation_gaps_history.py",
                "tests/data/test_rule_registry.py",
                "tests/data/test_staleness.py",
                "tests/data/test_every_problem.py",
                "tests/data/test_corpus.py",
                "tests/data/test_mutation_gaps_contacts.py",
            ),
        ),
        Area(
            "yaml",
            ("generator/data/yamlload.py",),
            (
                "tests/data/test_mutation_gaps_yaml.py",
                "tests/data/test_yamlload.py",
                "tests/data/test_hostile_files.py",
            ),
        ),
        Area(
            "phones",
            ("generator/data/phones.py",),
            ("tests/data/test_mutation_gaps_phones.py", "tests/data/test_phones.py"),
        ),
        Area("csp", ("generator/site/csp.py",), ("tests/site/test_mutation_gaps_csp.py", "tests/site/test_csp.py")),
        Area(
            "address",
            ("generator/data/location_text.py",),
            (
                "tests/data/test_mutation_gaps_address.py",
                "tests/data/test_location_text.py",
                "tests/data/test_address_forms.py",
            ),
        ),
        Area(
            "finder",
            ("generator/features/finder.py",),
            ("tests/features/test_mutation_gaps_finder.py", "tests/features/test_finder.py"),
        ),
        Area(
            "finder-js",
            ("overrides/assets/javascripts/find-help.js",),
            ("tests/features/test_mutation_gaps_finder.py", "tests/features/test_finder.py"),
            ("tests/js/find-help-gaps.test.js", "tests/js/find-help.test.js"),
        ),
    )
}


@dataclasses.dataclass(frozen=True)
class Mutant:
    area: str
    path: str  # relative to the repository
    line: int
    change: str  # what was changed, e.g. "`<` -> `<=`"
    code: str  # the original line, stripped: how mutation-equivalent.yaml finds it again
    start: int  # byte offsets of the replaced text in the file
    end: int
    replacement: bytes
    nth: int = 1  # the how-manyth mutant with this change on this line (mutation-equivalent.yaml)

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement + source[self.end :]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


# ---------------------------------------------------------------- Python

FLIP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


class _Offsets:
    """ast gives (line, UTF-8 byte column); splicing needs offsets into the file's bytes."""

    def __init__(self, source: bytes) -> None:
        self.starts = [0]
        for line in source.split(b"\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.starts[node.lineno - 1] + node.col_offset,
            self.starts[node.end_lineno - 1] + node.end_col_offset,
        )


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes not worth mutating: docstrings, f-string parts, annotations, `__all__` and the like."""
    out: set[int] = set()
    for node in ast.walk(tree):
        inside: list[ast.AST] = []
        if isinstance(node, ast.JoinedStr):
            inside.append(node)
        if isinstance(node, ast.AnnAssign):
            inside.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.extend(a.annotation for a in (*node.args.args, *node.args.kwonlyargs) if a.annotation)
            if node.returns:
                inside.append(node.returns)
        for part in inside:
            out.update(id(n) for n in ast.walk(part))
    return out


def _paren(node: ast.AST) -> bytes:
    return ("(" + ast.unparse(node) + ")").encode()


def python_mutants(area: str, path: str, source: bytes) -> Iterator[Mutant]:
    tree = ast.parse(source)
    offsets, skip, lines = _Offsets(source), _skipped(tree), source.decode().splitlines()

    def make(node: ast.AST, change: str, replacement: bytes) -> Mutant:
        start, end = offsets.span(node)
        return Mutant(area, path, node.lineno, change, lines[node.lineno - 1].strip(), start, end, replacement)

    def swapped(node: ast.AST, **fields: object) -> ast.AST:
        copy = ast.parse(ast.unparse(node), mode="eval").body if isinstance(node, ast.expr) else node
        for key, value in fields.items():
            setattr(copy, key, value)
        return copy

    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                new_ops = list(node.ops)
                new_ops[i] = FLIP[type(op)]()
                copy = swapped(node, ops=new_ops)
                yield make(node, f"`{_op(op)}` -> `{_op(new_ops[i])}`", _paren(copy))
        elif isinstance(node, ast.BoolOp):
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            yield make(node, f"`{_op(node.op)}` -> `{_op(other)}`", _paren(swapped(node, op=other)))
        elif isinstance(node, ast.If | ast.While | ast.IfExp):
            test = node.test
            yield make(test, "condition negated", b"(not " + _paren(test) + b")")
        elif isinstance(node, ast.comprehension):
            for test in node.ifs:
                yield make(test, "condition negated", b"(not " + _paren(test) + b")")
        elif isinstance(node, ast.Continue | ast.Break | ast.Return):
            yield make(node, f"`{lines[node.lineno - 1].strip()}` deleted", b"pass")
        elif isinstance(node, ast.ExceptHandler):
            for statement in node.body:
                if not isinstance(statement, ast.Continue | ast.Break | ast.Return | ast.Pass):
                    text = lines[statement.lineno - 1].strip()
                    yield make(statement, f"`{text}` in except deleted", b"pass")
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            for delta in (1, -1):
                yield make(node, f"{node.value} -> {node.value + delta}", str(node.value + delta).encode())
        elif isinstance(node, ast.Tuple | ast.Set | ast.List) and _constants(node.elts):
            for i, item in enumerate(node.elts):
                rest = [*node.elts[:i], *node.elts[i + 1 :]]
                copy = type(node)(elts=rest, ctx=ast.Load()) if not isinstance(node, ast.Set) else ast.Set(rest)
                text = ast.unparse(copy)
                yield make(node, f"item {item.value!r} left out", ("(" + text + ")").encode())


def _constants(items: list[ast.expr]) -> bool:
    return len(items) >= 2 and all(isinstance(e, ast.Constant) for e in items)


def _op(op: ast.AST) -> str:
    return {
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.Is: "is",
        ast.IsNot: "is not",
        ast.And: "and",
        ast.Or: "or",
    }[type(op)]


# ---------------------------------------------------------------- JavaScript

JS_TOKEN = re.compile(
    rb"""(?P<comment>//[^\n]*|/\*.*?\*/)
       |(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)
       |(?P<number>\b\d+(?:\.\d+)?\b)
       |(?P<op>===|!==|<=|>=|&&|\|\||[<>!(){}\[\],;=:?+\-*/%.&|])
       |(?P<word>[A-Za-z_$][\w$]*)
       |(?P<space>\s+)""",
    re.S | re.X,
)
JS_REGEX = re.compile(rb"/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n\[])+/[a-z]*")
JS_FLIP = {b"===": b"!==", b"!==": b"===", b"<": b"<=", b"<=": b"<", b">": b">=", b">=": b">"}
JS_FLIP |= {b"&&": b"||", b"||": b"&&"}
REGEX_BEFORE = {b"(", b",", b"=", b":", b"[", b"!", b"&&", b"||", b"?", b"{", b"}", b";", b"return"}


def js_tokens(source: bytes) -> Iterator[tuple[str, int, bytes]]:
    """(kind, offset, text), comments, strings and regular expression literals skipped."""
    at, previous = 0, b";"
    while at < len(source):
        if source[at : at + 1] == b"/" and previous in REGEX_BEFORE and source[at : at + 2] not in (b"//", b"/*"):
            regex = JS_REGEX.match(source, at)
            if regex:
                at, previous = regex.end(), b"regex"
                continue
        match = JS_TOKEN.match(source, at)
        if not match:
            at += 1
            continue
        kind, text = match.lastgroup or "", match.group()
        if kind not in ("comment", "space"):
            yield kind, at, text
            previous = text if kind in ("op", "word") else b"value"
        at = match.end()


def js_mutants(area: str, path: str, source: bytes) -> Iterator[Mutant]:
    # Only the rules (the `core` object, no DOM): from the factory to `function start`.
    begin, end = source.index(b'"use strict";', source.index(b"function () {")), source.index(b"function start(")
    lines = source.decode().splitlines()
    tokens = [t for t in js_tokens(source) if begin <= t[1] < end]

    def make(offset: int, length: int, change: str, replacement: bytes) -> Mutant:
        line = source.count(b"\n", 0, offset) + 1
        return Mutant(area, path, line, change, lines[line - 1].strip(), offset, offset + length, replacement)

    for i, (kind, offset, text) in enumerate(tokens):
        if kind == "op" and text in JS_FLIP:
            yield make(offset, len(text), f"`{text.decode()}` -> `{JS_FLIP[text].decode()}`", JS_FLIP[text])
        elif kind == "number" and b"." not in text:
            # A flag (`{ age: 1 }`) stays a flag at 2: only 0 changes it.
            flag = text == b"1" and i > 0 and tokens[i - 1][2] == b":"
            for delta in (-1,) if flag else (1, -1):
                yield make(offset, len(text), f"{int(text)} -> {int(text) + delta}", str(int(text) + delta).encode())
        elif kind == "word" and text in (b"continue", b"break"):
            yield make(offset, len(text), f"`{text.decode()}` deleted", b";")
        elif kind == "word" and text == b"return" and i + 1 < len(tokens):
            # `return x;` -> `void x;`: the value is still computed, and the function goes on.
            bare = tokens[i + 1][2] in (b";", b"}")
            yield make(offset, len(text), "`return` deleted", b"" if bare else b"void")
        elif kind == "word" and text == b"if" and i + 1 < len(tokens) and tokens[i + 1][2] == b"(":
            yield make(tokens[i + 1][1], 1, "condition negated", b"(!")  # js_apply closes it


def _close_paren(source: bytes, open_at: int) -> int:
    depth = 0
    for _kind, offset, text in js_tokens(source[open_at:]):
        if text == b"(":
            depth += 1
        elif text == b")":
            depth -= 1
            if depth == 0:
                return open_at + offset
    raise ValueError("unbalanced")


def js_apply(mutant: Mutant, source: bytes) -> bytes:
    if mutant.change == "condition negated":
        close = _close_paren(source, mutant.start)
        return source[: mutant.start] + b"(!(" + source[mutant.start + 1 : close] + b"))" + source[close + 1 :]
    return mutant.apply(source)


# ---------------------------------------------------------------- running


def all_mutants(area: Area) -> list[Mutant]:
    out: list[Mutant] = []
    for path in area.modules:
        source = (ROOT / path).read_bytes()
        made = js_mutants(area.name, path, source) if path.endswith(".js") else python_mutants(area.name, path, source)
        seen: set[bytes] = set()
        counts: dict[tuple[str, str], int] = {}
        for mutant in sorted(made, key=lambda m: (m.start, m.end, m.change)):
            text = js_apply(mutant, source) if path.endswith(".js") else mutant.apply(source)
            if text != source and text not in seen:  # the same program twice is one mutant
                seen.add(text)
                n = counts[mutant.change, mutant.code] = counts.get((mutant.change, mutant.code), 0) + 1
                out.append(dataclasses.replace(mutant, nth=n))
    return out


def select(mutants: list[Mutant], limit: int | None, seed: int) -> list[Mutant]:
    if limit is None or limit >= len(mutants):
        return mutants
    chosen = set(random.Random(seed).sample(range(len(mutants)), limit))
    return [m for i, m in enumerate(mutants) if i in chosen]


def load_equivalent() -> list[dict[str, str]]:
    if not EQUIVALENT.exists():
        return []
    return yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or []


def is_equivalent(mutant: Mutant, equivalent: list[dict[str, str]]) -> str | None:
    """Why the mutant is equivalent, or None. An entry without `nth` covers every such mutant of the line."""
    for entry in equivalent:
        same = (entry["path"], entry["change"], entry["code"]) == (mutant.path, mutant.change, mutant.code)
        if same and entry.get("nth", mutant.nth) == mutant.nth:
            return entry["why"]
    return None


def copy_repository(target: Path) -> None:
    anywhere = {".hypothesis", "__pycache__", ".pytest_cache", "node_modules"}  # benchmarks/ has one too
    at_root = {".git", ".benchmarks", ".ci", "site"}  # site/: a build, not tests/site

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in anywhere or (Path(folder) == ROOT and n in at_root)}

    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")


def run_tests(copy: Path, area: Area, timeout: float) -> tuple[bool, str]:
    """(passed, what ended it)."""
    env = dict(os.environ, PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    commands = []
    if area.node_tests:
        node = shutil.which("node")
        if node is None:
            raise SystemExit("node is needed for the JavaScript area (scripts/install-test-deps.sh)")
        commands.append([node, "--test", *area.node_tests])
    tests = [t for t in area.tests if (copy / t).exists()]
    commands.append([*PYTEST, *tests])
    deadline = time.monotonic() + timeout
    for command in commands:
        try:
            done = subprocess.run(
                command,
                cwd=copy,
                env=env,
                capture_output=True,
                text=True,
                timeout=max(1.0, deadline - time.monotonic()),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False, "timeout"
        if done.returncode != 0:
            last = (done.stdout.strip().splitlines() or ["?"])[-1]
            return False, last[:120]
    return True, "passed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", action="append", choices=sorted(AREAS), help="repeat for several; default all")
    parser.add_argument("--limit", type=int, help="at most this many mutants per area (a seeded sample)")
    parser.add_argument("--quick", action="store_true", help="same as --limit 8")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--timeout", type=float, default=240, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="only list the selected mutants")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--match", help="only mutants whose `path:line change` matches this regular expression")
    parser.add_argument("--tests", nargs="+", help="run these test files instead of the area's (to check one test)")
    parser.add_argument("--survivors", type=Path, help="run only the mutants that survived in this --json file")
    parser.add_argument("--fail-under", type=float, default=0, help="exit 1 if an area scores under this %%")
    args = parser.parse_args(argv)
    limit = 8 if args.quick and args.limit is None else args.limit
    areas = [AREAS[a] for a in (args.area or AREAS)]
    equivalent = load_equivalent()
    plan = {area.name: select(all_mutants(area), limit, args.seed) for area in areas}
    if args.match:
        plan = {name: [m for m in ms if re.search(args.match, f"{m.where} {m.change}")] for name, ms in plan.items()}
    if args.tests:
        areas = [dataclasses.replace(a, tests=tuple(args.tests), node_tests=()) for a in areas]
    if args.survivors:
        earlier = json.loads(args.survivors.read_text(encoding="utf-8"))
        keys = {(r["path"], r["change"], r["code"], r["nth"]) for r in earlier if r["outcome"] == "survived"}
        plan = {
            name: [m for m in all_mutants(AREAS[name]) if (m.path, m.change, m.code, m.nth) in keys] for name in plan
        }
    if args.list:
        for mutants in plan.values():
            for m in mutants:
                print(f"{m.area}\t{m.where}\t{m.change}\t{m.code}")
        print(f"{sum(map(len, plan.values()))} mutants", file=sys.stderr)
        return 0
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="mutation-") as temp:
        copy = Path(temp) / "repo"
        copy_repository(copy)
        for area in areas:
            passed, why = run_tests(copy, area, args.timeout * 2)
            if not passed:
                print(f"{area.name}: the tests fail before any change ({why}); fix them first", file=sys.stderr)
                return 2
            for n, mutant in enumerate(plan[area.name], 1):
                target = copy / mutant.path
                original = target.read_bytes()
                reason = is_equivalent(mutant, equivalent)
                if reason:
                    outcome, detail = "equivalent", reason
                else:
                    apply = js_apply if mutant.path.endswith(".js") else Mutant.apply
                    target.write_bytes(apply(mutant, original))
                    try:
                        passed, detail = run_tests(copy, area, args.timeout)
                    finally:
                        target.write_bytes(original)
                    outcome = "survived" if passed else "killed"
                results.append(
                    {
                        **dataclasses.asdict(mutant),
                        "replacement": mutant.replacement.decode(),
                        "outcome": outcome,
                        "detail": detail,
                    }
                )
                print(
                    f"[{area.name} {n}/{len(plan[area.name])}] {outcome:10} {mutant.where} {mutant.change}", flush=True
                )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return report(results, areas, args.fail_under)


def report(results: list[dict[str, object]], areas: list[Area], fail_under: float) -> int:
    print("\n| area | mutants | killed | survived | equivalent | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    worst = 100.0
    for area in areas:
        mine = [r for r in results if r["area"] == area.name]
        count = {k: sum(1 for r in mine if r["outcome"] == k) for k in ("killed", "survived", "equivalent")}
        judged = count["killed"] + count["survived"]
        score = 100.0 * count["killed"] / judged if judged else 100.0
        worst = min(worst, score)
        cells = [area.name, len(mine), count["killed"], count["survived"], count["equivalent"], f"{score:.0f}%"]
        print("| " + " | ".join(map(str, cells)) + " |")
    survivors = [r for r in results if r["outcome"] == "survived"]
    if survivors:
        print("\nSurviving mutants (a test should notice each, or it goes into mutation-equivalent.yaml with why):")
        for r in survivors:
            nth = f" (#{r['nth']} on the line)" if r["nth"] > 1 else ""
            print(f"  {r['path']}:{r['line']}: {r['change']}{nth}    [{r['code']}]")
    return 1 if worst < fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
