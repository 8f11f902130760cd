"""`python -m generator check-pr`: check the listings of a pull request, for GitHub Actions.

GitHub shows at most 10 error and 10 warning annotations of one step, so they go
where they help most: first on the lines the pull request changed, then on the
rest of the files it changed, then errors elsewhere (a duplicate phone number is
reported on the other file). Warnings about files the pull request did not touch
(a listing going stale) are never annotated. Every problem, annotated or not,
is listed in the job summary ($GITHUB_STEP_SUMMARY), which has no such limit.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from .problems import Problem, Severity, format_problems, summary
from .validate import validate

ANNOTATIONS_PER_SEVERITY = 10  # GitHub's limit per step, for errors and for warnings each
MAX_SUMMARY_ROWS = 400  # the summary of a step is limited to 1 MiB
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_VERIFIED = re.compile(r"""^\s*status:\s*["']?verified["']?\s*(#.*)?$""")


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


def annotations(problems: list[Problem], changed: dict[str, set[int]] | None) -> list[str]:
    chosen = choose(problems, changed)
    lines = [p.as_github() for p in chosen]
    left = len(problems) - len(chosen)
    if left:
        lines.append(
            f"::notice title=More problems::{left} more problem(s) are not marked on the files; "
            "every problem is listed in the job summary."
        )
    return lines


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _where(problem: Problem, link_base: str) -> str:
    label = _cell(f"{problem.path}:{problem.line}")
    if not link_base:
        return label
    url = f"{link_base.rstrip('/')}/{quote(problem.path)}#L{problem.line}"
    return f"[{label}]({url})"


def _table(problems: list[Problem], link_base: str) -> list[str]:
    rows = ["| Файл · Файл | Қате · Ошибка | Кеңес · Подсказка |", "| --- | --- | --- |"]
    for p in problems[:MAX_SUMMARY_ROWS]:
        mark = "❌" if p.is_error else "⚠️"
        rows.append(f"| {_where(p, link_base)} | {mark} {_cell(p.message)} | {_cell(p.hint)} |")
    if len(problems) > MAX_SUMMARY_ROWS:
        rows.append(f"| … | {len(problems) - MAX_SUMMARY_ROWS} more | |")
    return rows


def job_summary(
    problems: list[Problem],
    files: int,
    changed: dict[str, set[int]] | None,
    verified: set[str],
    link_base: str = "",
) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    out = ["## Жазбаларды тексеру · Проверка записей", ""]
    if errors:
        out += [
            f"**❌ {errors} error(s), {warnings} warning(s)** — {files} files checked.",
            "",
            "- **kk:** Төмендегі қателерді түзетіңіз. Файлды pull request бетіндегі «Files changed» қойындысында "
            "«…» → «Edit file» арқылы өзгертіңіз; сақтағаннан кейін тексеру қайта басталады.",
            "- **ru:** Исправьте ошибки ниже. Откройте файл во вкладке «Files changed» страницы pull request, "
            "«…» → «Edit file»; после сохранения проверка запустится снова.",
        ]
    else:
        out += [
            f"**✅ No errors** ({warnings} warning(s)) — {files} files checked.",
            "",
            "- **kk:** Қате жоқ. Жобаны жүргізуші өзгерістерді қарап шығады.",
            "- **ru:** Ошибок нет. Сопровождающий проекта посмотрит изменения.",
        ]
    if verified:
        out += [
            "",
            "### Verified · Расталды · Подтверждено",
            "",
            "This pull request marks listings as **verified**: " + ", ".join(f"`{v}`" for v in sorted(verified)) + ".",
            "",
            "- **kk:** `verified` белгісін тек жобаны жүргізуші қоя алады: біріктірмес бұрын ұйымның өзімен "
            "(ресми телефоны немесе поштасы арқылы) тексеріңіз.",
            "- **ru:** Отметку `verified` ставит только сопровождающий: перед слиянием подтвердите сведения у самой "
            "организации (по её официальному телефону или почте).",
        ]
    in_changes = [p for p in problems if changed is None or p.path in changed]
    elsewhere = [p for p in problems if p not in in_changes]
    if in_changes:
        out += ["", "### Бұл pull request өзгерткен файлдарда · В файлах этого pull request", ""]
        out += _table(in_changes, link_base)
    if elsewhere:
        out += ["", "### Басқа файлдарда · В других файлах", ""]
        out += _table(elsewhere, link_base)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command line


def register(sub: argparse._SubParsersAction, default_data: Path) -> None:
    parser = sub.add_parser(
        "check-pr",
        help="validate for a pull request: GitHub annotations on changed lines, every problem in the summary",
        description=(
            "Validate the data; print GitHub annotations (errors and warnings, at most 10 each, changed lines "
            "first) and write every problem as Markdown to the job summary."
        ),
    )
    parser.add_argument("--data", type=Path, default=default_data, help="data folder (default: data/)")
    parser.add_argument("--diff", type=Path, help="unified diff of the pull request (git diff --unified=0)")
    parser.add_argument("--summary", type=Path, help="Markdown file to append to (e.g. $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--link-base", default="", help="URL that file paths are appended to, for links")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = validate(args.data)
    changed: dict[str, set[int]] | None = None
    verified: set[str] = set()
    if args.diff:
        try:
            changed, verified = parse_diff(args.diff.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            print(f"error: cannot read the diff: {exc}", file=sys.stderr)
            return 2
    for line in annotations(report.problems, changed):
        print(line)
    if report.problems:
        print(format_problems(report.problems), file=sys.stderr)
    print(summary(report.problems, report.files), file=sys.stderr)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(job_summary(report.problems, report.files, changed, verified, args.link_base))
    return 0 if report.ok else 1
