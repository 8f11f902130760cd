"""The pull-request check: annotations where they help (GitHub shows 10 errors and 10
warnings per step), every problem in the job summary, and GitHub's escaping rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.data.problems import Problem, Severity
from generator.tools import pr_check

from ..conftest import CORPUS, DATA, ROOT, make_data_dir, require, run_cli_here


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.kz", "-c", "core.quotepath=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_changed_lines_from_a_real_git_diff(tmp_path: Path):
    require("git")
    repo = tmp_path / "repo"
    (repo / "data" / "centres").mkdir(parents=True)
    listing = repo / "data" / "centres" / "a.yaml"
    listing.write_text("".join(f"line{i}: x\n" for i in range(1, 11)), encoding="utf-8")
    (repo / "data" / "centres" / "gone.yaml").write_text("id: gone\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    lines = listing.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "line3: changed\n"
    lines.insert(6, "new: line\n")
    del lines[9]
    listing.write_text("".join(lines), encoding="utf-8")
    (repo / "data" / "centres" / "gone.yaml").unlink()
    (repo / "data" / "centres" / "новый.yaml").write_text(
        "id: x\nkind: shelter\n  status: verified\n", encoding="utf-8"
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "change")
    diff = _git(repo, "diff", "--unified=0", "--no-color", "HEAD^1", "HEAD", "--", "data/")

    changed, verified = pr_check.parse_diff(diff)
    assert changed["data/centres/a.yaml"] == {3, 7}
    assert changed["data/centres/новый.yaml"] == {1, 2, 3}
    assert "data/centres/gone.yaml" not in changed
    assert verified == {"data/centres/новый.yaml"}

    # The same names when git quotes them (core.quotepath on, its default).
    quoted = subprocess.run(
        ["git", "diff", "--unified=0", "--no-color", "HEAD^1", "HEAD", "--", "data/"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"b/data/centres/\\' in quoted
    assert pr_check.parse_diff(quoted)[0] == changed


def _problem(path: str, line: int, severity: Severity = Severity.ERROR, n: int = 0) -> Problem:
    return Problem(path, line, 1, f"problem {n} on {path}:{line}", "a hint", severity)


def test_annotations_go_to_changed_lines_first_and_stop_at_github_limits():
    changed = {"data/centres/new.yaml": {1, 2, 3, 4, 5}}
    problems = [_problem("data/centres/new.yaml", line, n=line) for line in range(1, 10)]  # 5 on changed lines
    problems += [_problem("data/centres/other.yaml", line) for line in (1, 2, 3)]  # errors elsewhere
    problems += [_problem("data/centres/old.yaml", 7, Severity.WARNING)]  # a stale listing nobody touched
    problems += [_problem("data/centres/new.yaml", 40, Severity.WARNING)]

    chosen = pr_check.choose(problems, changed)
    errors = [p for p in chosen if p.is_error]
    assert len(errors) == pr_check.ANNOTATIONS_PER_SEVERITY == 10
    assert [(p.path, p.line) for p in errors[:5]] == [("data/centres/new.yaml", n) for n in range(1, 6)]
    assert [(p.path, p.line) for p in errors[5:9]] == [("data/centres/new.yaml", n) for n in range(6, 10)]
    assert errors[9].path == "data/centres/other.yaml"
    warnings = [p for p in chosen if not p.is_error]
    assert [(p.path, p.line) for p in warnings] == [("data/centres/new.yaml", 40)]

    lines = pr_check.annotations(problems, changed, ("en",))
    assert sum(ln.startswith("::error ") for ln in lines) == 10
    assert sum(ln.startswith("::warning ") for ln in lines) == 1
    assert lines[-1].startswith("::notice title=More problems::3 more problem(s)")
    # For the team (the workflow's --lang kk+ru): Kazakh, then Russian, one line each.
    both = pr_check.annotations(problems, changed)
    assert both[-1].startswith("::notice title=More problems::Файлдарда белгіленбеген тағы қате: 3;")
    assert "%0AЕщё ошибок, не отмеченных в файлах: 3;" in both[-1]


def test_summary_lists_every_problem_escaped_and_flags_verified():
    problems = [_problem("data/centres/new.yaml", n, n=n) for n in range(1, 30)]
    problems.append(Problem("data/centres/x.yaml", 2, 1, "value `a|b` <b>bold</b>", "line one\nline two"))
    text = pr_check.job_summary(
        problems, 40, {"data/centres/new.yaml": {1}}, {"data/centres/new.yaml"}, "https://github.com/o/r/blob/sha"
    )
    for n in range(1, 30):
        assert f"problem {n} on data/centres/new.yaml:{n} |" in text
    assert "[data/centres/new.yaml:3](https://github.com/o/r/blob/sha/data/centres/new.yaml#L3)" in text
    assert "value `a\\|b` &lt;b&gt;bold&lt;/b&gt;" in text and "line one<br>line two" in text
    assert "<b>" not in text
    assert "**❌ Қате: 30, ескерту: 0 — тексерілген файл: 40. · Ошибок: 30, предупреждений: 0" in text
    assert "problem 1 on data/centres/new.yaml:1<br>" not in text  # a text that is not a message is shown once
    english = pr_check.job_summary(problems, 40, {"data/centres/new.yaml": {1}}, set(), "", ("en",))
    assert "**❌ 30 error(s), 0 warning(s) — 40 files checked.**" in english and "### In other files" in english
    assert "**verified**" in text and "`data/centres/new.yaml`" in text
    assert "### Басқа файлдарда · В других файлах" in text
    assert text.count("\n| ") == 30 + 2 * 2  # every problem, plus two header rows per table


def test_github_format_escapes_as_github_requires():
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions:
    # data: % \r \n; properties also : and ,
    problem = Problem("data/centres/a,b:c%d.yaml", 4, 2, "100% wrong\r\nnext: a, b", "hint: x, y")
    line = problem.as_github()
    assert line == (
        "::error file=data/centres/a%2Cb%3Ac%25d.yaml,line=4,col=2,title=Listing check"
        "::100%25 wrong%0D%0Anext: a, b Hint: hint: x, y"
    )
    assert "\n" not in line and "\r" not in line
    warning = Problem("p.yaml", 1, 1, "old", severity=Severity.WARNING).as_github()
    assert warning.startswith("::warning file=p.yaml,")


def test_command_line_end_to_end(tmp_path: Path):
    cases = sorted(p for p in (CORPUS / "invalid").iterdir() if p.suffix == ".yaml")
    data = make_data_dir(tmp_path / "data", [DATA / "centres" / "national-150.yaml", *cases])
    diff = tmp_path / "changes.diff"
    bad = next(p for p in cases if p.name == "bad-kind.yaml")
    diff.write_text(
        "diff --git a/data/centres/bad-kind.yaml b/data/centres/bad-kind.yaml\n"
        "--- /dev/null\n+++ b/data/centres/bad-kind.yaml\n@@ -0,0 +1,40 @@\n"
        + "".join(f"+{line}\n" for line in bad.read_text(encoding="utf-8").splitlines()),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli_here(
        *["check-pr", "--data", str(data), "--diff", str(diff)],
        *["--summary", str(summary), "--link-base", "https://github.com/o/r/blob/sha", "--lang", "kk+ru"],
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    errors = [ln for ln in annotations if ln.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].startswith("::error file=data/centres/bad-kind.yaml,line=4,")  # the changed file first
    assert annotations[-1].startswith("::notice title=More problems::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Жазбаларды тексеру")  # appended, not overwritten
    problem_rows = [ln for ln in text.splitlines() if ln.startswith("| [data/")]
    stderr_problems = [ln for ln in result.stderr.splitlines() if ": error: " in ln or ": warning: " in ln]
    assert len(problem_rows) == len(stderr_problems) >= len(cases)


def test_real_data_passes(tmp_path: Path):
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check-pr", "--summary", str(summary), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert "✅ No errors" in summary.read_text(encoding="utf-8")


# ---------------------------------------------------------------- safety review (issue 14)


def test_free_text_of_a_listing_that_houses_people_needs_a_safety_review(tmp_path: Path):
    require("git")
    repo = tmp_path / "repo"
    data = make_data_dir(repo / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    office = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
    office = office.replace("id: almaty-corpus-base", "id: almaty-office").replace("kind: shelter", "kind: centre")
    office = office.replace("services: [shelter, psychological]", "services: [psychological]").replace(
        "places: 20\n", ""
    )
    office = office.replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", "")
    (data / "centres" / "almaty-office.yaml").write_text(office, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    shelter = data / "centres" / "almaty-corpus-base.yaml"
    text = shelter.read_text(encoding="utf-8")
    text = text.replace("  ru: Временный приют для женщин, пострадавших от насилия.", "  ru: Приют, новые слова.")
    text = text.replace("    supports: name, stay, who it accepts", "    supports: name, stay,\n      and more")
    text = text.replace('"+7 701 123 4567"', '"+7 701 123 4568"')  # a number is not free text
    shelter.write_text(text, encoding="utf-8")
    office_file = data / "centres" / "almaty-office.yaml"
    office_file.write_text(office_file.read_text(encoding="utf-8").replace("Тестовый фонд", "Фонд"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "change")
    diff = _git(repo, "diff", "--unified=0", "--no-color", "HEAD^1", "HEAD", "--", "data/")
    changed, _ = pr_check.parse_diff(diff)

    fields = pr_check.safety_fields(data, changed, pr_check.removed_lines(diff))
    assert fields == {
        "data/centres/almaty-corpus-base.yaml": [(14, "description.ru"), (51, "sources[0].supports")]
    }  # the office houses nobody; the phone number is not free text
    [first, second] = pr_check.safety_annotations(fields)
    assert first.startswith("::notice file=data/centres/almaty-corpus-base.yaml,line=14,title=Safety review::")
    assert "`description.ru`" in first and "`sources[0].supports`" in second
    summary = pr_check.safety_summary(fields, ("en",))
    assert "**safety review**" in summary and "`description.ru` (line 14)" in summary
    both = pr_check.safety_summary(fields)
    assert "### Қауіпсіздік тексеруі · Проверка безопасности" in both and "`description.ru` (14-жол)" in both

    # A pull request that stops a listing housing people still gets the review for it.
    office_text = office_file.read_text(encoding="utf-8")
    shelter.write_text(
        text.replace("kind: shelter", "kind: centre")
        .replace("services: [shelter, psychological]", "services: [psychological]")
        .replace("places: 20\n", "")
        .replace("stay:\n  min: 2 hours\n  max: 6 months\n  exceptional_max: 9 months\n", "")
        .replace("Тестовый приют", "Тестовый центр"),
        encoding="utf-8",
    )
    office_file.write_text(office_text, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "no longer a shelter")
    diff = _git(repo, "diff", "--unified=0", "--no-color", "HEAD^1", "HEAD", "--", "data/")
    changed, _ = pr_check.parse_diff(diff)
    assert [
        name
        for _, name in pr_check.safety_fields(data, changed, pr_check.removed_lines(diff))[
            "data/centres/almaty-corpus-base.yaml"
        ]
    ] == ["name.ru"]


def test_command_line_writes_what_needs_a_safety_review(tmp_path: Path):
    data = make_data_dir(tmp_path / "data", [CORPUS / "valid" / "almaty-corpus-base.yaml"])
    diff = tmp_path / "changes.diff"
    diff.write_text(
        "diff --git a/data/centres/almaty-corpus-base.yaml b/data/centres/almaty-corpus-base.yaml\n"
        "--- a/data/centres/almaty-corpus-base.yaml\n+++ b/data/centres/almaty-corpus-base.yaml\n"
        "@@ -14 +14 @@\n-  ru: old\n+  ru: Временный приют для женщин, пострадавших от насилия.\n",
        encoding="utf-8",
    )
    out, summary = tmp_path / "safety.json", tmp_path / "summary.md"
    result = run_cli_here(
        *["check-pr", "--data", str(data), "--diff", str(diff)],
        *["--summary", str(summary), "--safety-out", str(out), "--pull-request", "42", "--lang", "en"],
    )
    assert result.returncode == 0, result.stderr
    assert "title=Safety review::safety review: this pull request changes `description.ru`" in result.stdout
    import json

    assert json.loads(out.read_text(encoding="utf-8")) == {
        "pull_request": 42,
        "label": "safety review",
        "fields": {"data/centres/almaty-corpus-base.yaml": ["description.ru"]},
    }
    assert "Safety review" in summary.read_text(encoding="utf-8")
