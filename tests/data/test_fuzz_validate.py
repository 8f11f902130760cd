"""The validator survives anything (issue 14, section 5): a bounded fuzz test.

The real listings and the corpus are mutated at random, byte by byte and as
YAML (types flipped, huge and hex numbers, deep nesting, long text, control and
direction characters, tags, anchors, duplicate keys, several documents, bytes
that are not UTF-8), and each result is validated. Asserted: nothing escapes
validate(); every problem has a file, a line and a column (>= 1) and prints
as its own lines; each file is checked within the time the issue allows; and
the command line exits 0 or 1 with no traceback.

A fixed seed and a few hundred examples run with the other tests. The weekly
workflow runs many more: FUZZ_EXAMPLES=20000 (and FUZZ_SEED to start elsewhere).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.data.validate import validate

from ..conftest import CORPUS, DATA, QUADRATIC_BOUND_S, ROOT, make_data_dir

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
SEED = int(os.environ.get("FUZZ_SEED", "20261205"))
SECONDS_PER_FILE = QUADRATIC_BOUND_S  # see tests/conftest.py; the 2 s budget is benchmarks/validate_worst.py's
SEEDS = sorted((DATA / "centres").glob("*.yaml")) + sorted((CORPUS / "valid").glob("*.yaml"))
SEEDS += sorted((CORPUS / "invalid").glob("*.yaml"))
TEXTS = [path.read_bytes() for path in SEEDS]

# What is put in place of a value: other types, numbers too long to print, nesting, long or
# invisible text, YAML features the loader refuses, and values near the schema's own.
_PROBES: list[str] = [
    "",
    "~",
    "null",
    "true",
    "no",
    "0",
    "-1",
    "1.5",
    "1e999",
    ".nan",
    "-.inf",
    "0o777",
    "9" * 4301,
    "9" * 40,
    "0x" + "f" * 4000,
    "0x" + "7" * 17,
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: 0}",
    "[" * 40 + "]" * 40,
    "{a: " * 30 + "1" + "}" * 30,
    "[" + ", ".join(f"{{a: {i}}}" for i in range(3000)) + "]",
    "[" + ", ".join(["shelter"] * 500) + "]",
    '"' + "x" * 50_000 + '"',
    '"a@' + "b." * 20_000 + ' "',
    '"\\u202e\\u200b\\0\\x1b[31m"',
    '"line\\nbreak: error: forged"',
    "\u202eshelter",
    "!!python/object/apply:os.system [echo hi]",
    "!include other.yaml",
    "&anchor value",
    "*anchor",
    "KZ-7",
    "KZ-99",
    "atlantis",
    "2099-01-01",
    "2026-02-30",
    "unknown",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "'+7 872 922 03 04'",
    "'150'",
    "10001",
]
_INSERTS = ["\x00", "\x1b", "\u202e", "\u2028", "\ufeff", "\t", "\r", "\n", ": ", "- ", "#", "'", '"', "{", "["]
_INSERTS += ["&a ", "*a", "!x ", "\\u202e", "\\0"]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.choice((1, 1, 1, 1, 2, 3))):
        data = rng.choice(_MUTATIONS)(data, rng)
    return data[: 300 * 1024]


def _replace_value(data: bytes, rng: random.Random) -> bytes:
    """A field's value (with the block under it) or a list item replaced by a probe."""
    lines = data.split(b"\n")
    items = rng.random() < 0.3
    chosen = [
        i
        for i, line in enumerate(lines)
        if (line.lstrip().startswith(b"- ") if items else b":" in line and not line.lstrip().startswith(b"#"))
    ]
    if not chosen:
        return data
    index = rng.choice(chosen)
    line = lines[index]
    indent = len(line) - len(line.lstrip())
    end = index + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    head = line[: indent + 2] if items else line.split(b":", 1)[0] + b": "
    lines[index:end] = [head + rng.choice(_PROBES).encode()]
    return b"\n".join(lines)


def _line_op(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(6)
    if op == 0:  # a duplicate key, or an item twice
        lines.insert(i, lines[i])
    elif op == 1:
        del lines[i]
    elif op == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:  # indentation
        lines[i] = b" " * rng.choice((1, 2, 4)) + lines[i] if rng.random() < 0.6 else lines[i].lstrip()
    elif op == 4:
        lines.insert(i, rng.choice((b"---", b"...", b"%YAML 1.1", b"unknown_field: 1", b"lat: 43.25", b"  - x")))
    else:  # a field's block moved under another
        lines.insert(i, b"  " + lines[j])
    return b"\n".join(lines)


def _insert_text(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_INSERTS).encode() + data[at:]


def _bytes_op(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    op = rng.randrange(5)
    if op == 0:  # a byte changed, maybe into one that is not UTF-8
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if op == 1:
        return data[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x80")) + data[at:]
    if op == 2:
        return data[:at]  # cut short
    if op == 3:
        end = min(len(data), at + rng.randrange(1, 200))
        return data[:at] + data[at:end] * rng.randrange(2, 50) + data[end:]  # a part repeated
    return data[:at] + data[at + rng.randrange(1, 50) :]  # a part removed


def _long_text(data: bytes, rng: random.Random) -> bytes:
    """A big file: many items, or one long value, up to the 256 KB a listing may be."""
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    size = rng.choice((1_000, 30_000, 250_000))
    piece = rng.choice((b"  - {a: 0}\n", b"x", b"<b", "ул. ".encode(), b"\xd0\xb0", b" 1 ", b"- "))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at, indent + b"notes: " + piece * (size // len(piece)))
    return b"\n".join(lines)


# Most changes keep the file readable YAML, so that the schema and the rules get to see them.
_MUTATIONS = [*[_replace_value] * 7, _line_op, _line_op, _insert_text, _bytes_op, _long_text]


def _examples(count: int, seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    out = []
    readable = len(SEEDS) - len(list((CORPUS / "invalid").glob("*.yaml")))  # the first ones
    for number in range(count):
        index = rng.randrange(readable) if rng.random() < 0.7 else rng.randrange(len(SEEDS))
        out.append((f"{number:05d}-{SEEDS[index].stem}", _mutate(TEXTS[index], rng)))
    return out


def _assert_well_formed(report, seconds: float, files: int) -> None:
    assert seconds < SECONDS_PER_FILE * files, f"{seconds:.1f} s"
    for problem in report.problems:
        assert problem.path and problem.line >= 1 and problem.col >= 1, problem
        assert problem.message, problem
        assert len(problem.message) < 2000, problem.message[:200]
        # one line, and one for the hint: no key or value can forge another `path:line:col:` line
        assert problem.as_text().count("\n") == (1 if problem.hint else 0), problem
        assert "\n" not in problem.as_github(), problem


def test_validate_survives_mutated_listings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each mutated file alone, beside an unchanged real listing (for the rules across files)."""
    data = make_data_dir(tmp_path / "data")
    centres = data / "centres"
    monkeypatch.chdir(tmp_path)
    for number, (name, content) in enumerate(_examples(EXAMPLES, SEED)):
        for old in centres.iterdir():
            old.unlink()
        (centres / f"{name}.yaml").write_bytes(content)
        (centres / SEEDS[0].name).write_bytes(TEXTS[0])
        started = time.perf_counter()
        try:
            report = validate(data)
            _assert_well_formed(report, time.perf_counter() - started, 2)
        except Exception as exc:  # a crash, or an assertion above
            # The same file again: tests.test_fuzz_validate._examples(number + 1, SEED)[number]
            (tmp_path / "reproducer.yaml").write_bytes(content)
            raise AssertionError(
                f"FUZZ_SEED={SEED} example {number} ({name}), saved as {tmp_path}/reproducer.yaml: {exc!r}"
            ) from exc


BASE = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
# What fuzzing found before (issue 14, section 5), each through the whole of validate().
FOUND: dict[str, str] = {
    "6000-distinct-items": BASE.replace(
        "services: [shelter, psychological]", "services: [" + ", ".join(f"{{a: {i}}}" for i in range(6000)) + "]"
    ),
    "quadratic-email": BASE.replace("contacts:\n", "contacts:\n  email: 'a@" + "b." * 100_000 + " '\n"),
    "long-hex-number": BASE.replace("places: 20", "places: 0x" + "f" * 5000),
    "long-decimal-number": BASE.replace("age_min: 18", "age_min: " + "9" * 4301),
    "long-text-of-tags": BASE.replace("  ru: Временный", "  ru: " + "<b" * 120_000 + " Временный"),
    "unknown-field-of-tags": BASE + "notes: " + "<a " * 80_000 + "\n",
    "forged-lines-in-a-key": BASE + '"x\\nfile.yaml:1:1: error: forged": 1\n',
    "three-mistakes": BASE.replace("id: almaty-corpus-base", "id: three-mistakes")
    .replace("kind: shelter", "kind: hostel")
    .replace("city: almaty", "city: atlantis")
    .replace("age_max: unknown", "age_max: 16"),
}


@pytest.mark.parametrize("name", FOUND)
def test_what_fuzzing_found_is_reported_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    data = make_data_dir(tmp_path / "data")
    (data / "centres" / f"{name}.yaml").write_text(FOUND[name], encoding="utf-8")
    assert len(FOUND[name].encode()) <= 256 * 1024
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    report = validate(data)
    _assert_well_formed(report, time.perf_counter() - started, 1)
    assert not report.ok
    if name == "three-mistakes":  # all of them in one run, not the schema's one first
        assert len(report.errors) == 3, [p.message for p in report.errors]


def test_command_line_exits_0_or_1_without_a_traceback(tmp_path: Path):
    """A sample of the mutated files at once, through `python -m generator validate`."""
    data = make_data_dir(tmp_path / "data")
    for name, content in _examples(60, SEED + 1):
        (data / "centres" / f"{name}.yaml").write_bytes(content)
    for extra in ([], ["--format", "github"]):
        for encoding in ("utf-8", "ascii:strict"):
            env = {**os.environ, "PYTHONIOENCODING": encoding}
            done = subprocess.run(
                [sys.executable, "-m", "generator", "validate", "--data", str(data), *extra],
                cwd=ROOT,
                capture_output=True,
                env=env,
                timeout=120,
            )
            assert done.returncode in (0, 1), done.stderr.decode(errors="replace")[-2000:]
            assert b"Traceback" not in done.stderr + done.stdout, done.stderr.decode(errors="replace")[-2000:]
            assert b"files checked" in done.stderr
