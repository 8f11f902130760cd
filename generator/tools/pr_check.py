"""`python -m generator check-pr`: check the listings of a pull request, for GitHub Actions.

GitHub shows at most 10 error and 10 warning annotations of one step, so they go
where they help most: first on the lines the pull request changed, then on the
rest of the files it changed, then errors elsewhere (a duplicate phone number is
reported on the other file). Warnings about files the pull request did not touch
(a listing going stale) are never annotated. Every problem, annotated or not,
is listed in the job summary ($GITHUB_STEP_SUMMARY), which has no such limit.

A pull request that changes the free text of a listing that houses people
needs a safety review (issue 14): each such field is annotated by name, listed
in the summary, and written to --safety-out for the workflow that labels the
pull request "safety review".
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from generator.data.messages import add_lang_argument, helptext, in_lang, tell
from generator.data.problems import (
    Problem,
    Severity,
    escape_command_data,
    escape_command_property,
    format_problems,
    summary,
)
from generator.data.rules import houses_people, strings_of
from generator.data.validate import validate
from generator.data.yamlload import JsonPath, load_file

ANNOTATIONS_PER_SEVERITY = 10  # GitHub's limit per step, for errors and for warnings each
MAX_SUMMARY_ROWS = 400  # the summary of a step is limited to 1 MiB
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_VERIFIED = re.compile(r"""^\s*status:\s*["']?verified["']?\s*(#.*)?$""")
# A removed line that may have made a listing house people (kind shelter, the
# service shelter, places or stay): a pull request that removes it is read as if
# the listing still did, so that it cannot drop the review and add text at once.
_HOUSED = re.compile(r"shelter|^\s*places\s*:|^\s*stay\s*:")
SAFETY_LABEL = "safety review"


def _diff_path(raw: str) -> str | None:
    raw = raw.rstrip("\n")
    if raw == "/dev/null":
        return None
    if raw.startswith('"') and raw.endswith('"'):  # git quotes unusual names, with octal escapes
        raw = raw[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8")
    return raw[2:] if raw.startswith(("a/", "b/")) else raw


def parse_diff(diff: str) -> tuple[dict[str, set[int]], set[str]]:
    """From a unified diff: the new-side line numbers each file gained or changed, and
    the files in which an added line marks a listing verified."""
    changed: dict[str, set[int]] = {}
    verified: set[str] = set()
    path: str | None = None
    line = 0
    for text in diff.splitlines():
        if text.startswith("+++ "):
            path = _diff_path(text[4:])
            if path is not None:
                changed.setdefault(path, set())
            continue
        if text.startswith(("--- ", "diff --git ", "index ")):
            continue
        match = _HUNK.match(text)
        if match:
            line = int(match.group(1))
            continue
        if path is None:
            continue
        if text.startswith("+"):
            changed[path].add(line)
            if _VERIFIED.match(text[1:]) and path.startswith("data/centres/"):
                verified.add(path)
            line += 1
        elif text.startswith(" "):
            line += 1
    return changed, verified


def removed_lines(diff: str) -> dict[str, list[str]]:
    """From a unified diff: the text of the lines each file lost (old side), by its new path."""
    removed: dict[str, list[str]] = {}
    path: str | None = None
    old: str | None = None
    for text in diff.splitlines():
        if text.startswith("--- "):
            old = _diff_path(text[4:])
            continue
        if text.startswith("+++ "):
            path = _diff_path(text[4:]) or old
            continue
        if text.startswith("-") and path is not None:
            removed.setdefault(path, []).append(text[1:])
    return removed


def _field_name(path: JsonPath) -> str:
    name = ""
    for key in path:
        name += f"[{key}]" if isinstance(key, int) else (f".{key}" if name else str(key))
    return name


def _is_prose(path: JsonPath) -> bool:
    """Text in words (a kk or ru text, a source's title, document or `supports`), not a code or enum."""
    keys = [key for key in path if isinstance(key, str)]
    return bool(keys) and keys[-1] in ("kk", "ru", "title", "document", "publisher", "supports", "verified_by")


def safety_fields(
    data_dir: Path, changed: dict[str, set[int]], removed: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[int, str]]]:
    """The free-text fields (line, name) that a pull request changed in listings that house people.

    A changed line belongs to the text that starts on it or last before it (a long text
    runs over several lines). Only listings under data/centres/ count."""
    found: dict[str, list[tuple[int, str]]] = {}
    for repo_path, lines in sorted(changed.items()):
        if not lines or not repo_path.startswith("data/centres/") or not repo_path.endswith(".yaml"):
            continue
        file = data_dir / "centres" / repo_path.removeprefix("data/centres/")
        if not file.is_file() or file.is_symlink():
            continue
        loaded = load_file(file, repo_path)
        if not loaded.ok or not isinstance(loaded.data, dict):
            continue
        lost = (removed or {}).get(repo_path, [])
        if not houses_people(loaded.data) and not any(_HOUSED.search(line) for line in lost):
            continue
        starts = sorted((loaded.positions.of_value(path)[0], path, free) for path, _, free in strings_of(loaded.data))
        fields: dict[str, int] = {}
        for index, (start, path, free) in enumerate(starts):
            end = starts[index + 1][0] - 1 if index + 1 < len(starts) else max(lines)
            hit = [line for line in lines if start <= line <= max(start, end)]
            if free and _is_prose(path) and hit:
                fields.setdefault(_field_name(path), min(hit))
        if fields:
            found[repo_path] = sorted((line, name) for name, line in fields.items())
    return found


# The languages of what check-pr writes for a team: the workflow passes --lang kk+ru, so that
# each message is there in Kazakh and in Russian, one line each, whoever opens the pull request.
BOTH: tuple[str, ...] = ("kk", "ru")


def _in(langs: tuple[str, ...], key: str, sep: str = " · ", **values: object) -> str:
    """One tools.yaml text in each language, joined (a heading: "kk · ru")."""
    return sep.join(tell(key, **values).render(lang) for lang in langs)


def _paragraph(langs: tuple[str, ...], key: str, **values: object) -> list[str]:
    """A paragraph: alone in one language; in several, a bullet each, `- **kk:** …`."""
    if len(langs) == 1:
        return [tell(key, **values).render(langs[0])]
    return [f"- **{lang}:** {tell(key, **values).render(lang)}" for lang in langs]


def safety_annotations(fields: dict[str, list[tuple[int, str]]], langs: tuple[str, ...] = BOTH) -> list[str]:
    """One notice per changed field (GitHub shows 10 notices a step; the summary lists all)."""
    lines = []
    for path, found in sorted(fields.items()):
        for line, name in found:
            message = _in(langs, "pr.safety-notice", "\n", field=name)
            lines.append(
                f"::notice file={escape_command_property(path)},line={line},"
                f"title={escape_command_property('Safety review')}::{escape_command_data(message)}"
            )
    return lines[:ANNOTATIONS_PER_SEVERITY]


def safety_summary(fields: dict[str, list[tuple[int, str]]], langs: tuple[str, ...] = BOTH) -> str:
    if not fields:
        return ""
    out = ["", f"### {_in(langs, 'pr.safety-title')}", ""]
    out += _paragraph(langs, "pr.safety-lead", label=SAFETY_LABEL)
    out += _paragraph(langs, "pr.safety-check")
    out.append("")
    for path, found in sorted(fields.items()):
        named = ", ".join(tell("pr.field-at", field=_cell(name), line=line).render(langs[0]) for line, name in found)
        out.append(f"- `{_cell(path)}`: {named}")
    return "\n".join(out) + "\n"


def _rank(problem: Problem, changed: dict[str, set[int]] | None) -> int | None:
    """Lower is more useful to annotate; None: leave it to the summary."""
    if changed is None:
        return 0
    if problem.path in changed:
        return 0 if problem.line in changed[problem.path] else 1
    return 2 if problem.is_error else None


def choose(problems: Iterable[Problem], changed: dict[str, set[int]] | None) -> list[Problem]:
    """The problems to annotate, at most ANNOTATIONS_PER_SEVERITY of each severity."""
    ranked = sorted(
        ((rank, p) for p in problems if (rank := _rank(p, changed)) is not None),
        key=lambda item: (item[0], item[1].path, item[1].line, item[1].col, item[1].message),
    )
    chosen: list[Problem] = []
    for severity in Severity:
        chosen.extend([p for _, p in ranked if p.severity is severity][:ANNOTATIONS_PER_SEVERITY])
    return chosen


def annotations(
    problems: list[Problem], changed: dict[str, set[int]] | None, langs: tuple[str, ...] = BOTH
) -> list[str]:
    chosen = choose(problems, changed)
    lines = [p.as_github(langs) for p in chosen]
    left = len(problems) - len(chosen)
    if left:
        lines.append(f"::notice title=More problems::{escape_command_data(_in(langs, 'pr.more', chr(10), count=left))}")
    return lines


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _where(problem: Problem, link_base: str) -> str:
    label = _cell(f"{problem.path}:{problem.line}")
    if not link_base:
        return label
    url = f"{link_base.rstrip('/')}/{quote(problem.path)}#L{problem.line}"
    return f"[{label}]({url})"


def _table(problems: list[Problem], link_base: str, langs: tuple[str, ...] = BOTH) -> list[str]:
    head = (_in(langs, "pr.column-file"), _in(langs, "pr.column-problem"), _in(langs, "pr.column-hint"))
    rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | --- | --- |"]
    for p in problems[:MAX_SUMMARY_ROWS]:
        mark = "❌" if p.is_error else "⚠️"
        message = "<br>".join(dict.fromkeys(_cell(in_lang(p.message, lang)) for lang in langs))  # each text once
        hint = "<br>".join(dict.fromkeys(_cell(in_lang(p.hint, lang)) for lang in langs)) if p.hint else ""
        rows.append(f"| {_where(p, link_base)} | {mark} {message} | {hint} |")
    if len(problems) > MAX_SUMMARY_ROWS:
        rows.append(f"| … | {_in(langs, 'pr.more-rows', count=len(problems) - MAX_SUMMARY_ROWS)} | |")
    return rows


def job_summary(
    problems: list[Problem],
    files: int,
    changed: dict[str, set[int]] | None,
    verified: set[str],
    link_base: str = "",
    langs: tuple[str, ...] = BOTH,
) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counts = {"errors": errors, "warnings": warnings, "files": files}
    out = [f"## {_in(langs, 'pr.title')}", ""]
    if errors:
        out += [f"**❌ {_in(langs, 'pr.errors', **counts)}**", ""]
        out += _paragraph(langs, "pr.fix-below")
    else:
        out += [f"**✅ {_in(langs, 'pr.no-errors', **counts)}**", ""]
        out += _paragraph(langs, "pr.no-errors-next")
    if verified:
        out += ["", f"### {_in(langs, 'pr.verified-title')}", ""]
        out += _paragraph(langs, "pr.verified-lead", files=", ".join(f"`{v}`" for v in sorted(verified)))
        out += _paragraph(langs, "pr.verified-check")
    in_changes = [p for p in problems if changed is None or p.path in changed]
    elsewhere = [p for p in problems if p not in in_changes]
    if in_changes:
        out += ["", f"### {_in(langs, 'pr.in-changes')}", ""]
        out += _table(in_changes, link_base, langs)
    if elsewhere:
        out += ["", f"### {_in(langs, 'pr.elsewhere')}", ""]
        out += _table(elsewhere, link_base, langs)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    file = helptext("metavar.file")
    parser = sub.add_parser("check-pr", help=helptext("check-pr"), description=helptext("check-pr.about"))
    parser.add_argument(
        "--data", type=Path, default=default_data, help=helptext("data"), metavar=helptext("metavar.folder")
    )
    parser.add_argument("--diff", type=Path, help=helptext("check-pr.diff"), metavar=file)
    parser.add_argument("--summary", type=Path, help=helptext("check-pr.summary"), metavar=file)
    parser.add_argument("--link-base", default="", help=helptext("link-base"), metavar=helptext("metavar.address"))
    parser.add_argument("--safety-out", type=Path, help=helptext("check-pr.safety-out"), metavar=file)
    parser.add_argument(
        "--pull-request", type=int, help=helptext("check-pr.pull-request"), metavar=helptext("metavar.number")
    )
    add_lang_argument(parser)  # the workflow passes kk+ru: both languages, for a team that reads either
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    langs = tuple(args.lang.split("+"))
    report = validate(args.data)
    changed: dict[str, set[int]] | None = None
    verified: set[str] = set()
    fields: dict[str, list[tuple[int, str]]] = {}
    if args.diff:
        try:
            diff = args.diff.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"error: {tell('pr.diff-unreadable', why=exc).render(langs[0])}", file=sys.stderr)
            return 2
        changed, verified = parse_diff(diff)
        fields = safety_fields(args.data, changed, removed_lines(diff))
    for line in safety_annotations(fields, langs) + annotations(report.problems, changed, langs):
        print(line)
    if args.safety_out:
        record = {
            "pull_request": args.pull_request,
            "label": SAFETY_LABEL if fields else None,
            "fields": {path: [name for _, name in found] for path, found in fields.items()},
        }
        args.safety_out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if report.problems:
        print(format_problems(report.problems, "text", langs[0]), file=sys.stderr)  # the log: its first language
    print(summary(report.problems, report.files, langs[0]), file=sys.stderr)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(job_summary(report.problems, report.files, changed, verified, args.link_base, langs))
            out.write(safety_summary(fields, langs))
    return 0 if report.ok else 1
