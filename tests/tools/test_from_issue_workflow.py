"""The issue-form workflow (.github/workflows/from-issue.yml) and its shell step
(scripts/from-issue-act.sh), run here against a fake `gh` and a real git repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import ROOT

from ..conftest import require

WORKFLOW = ROOT / ".github" / "workflows" / "from-issue.yml"
ACT = ROOT / "scripts" / "from-issue-act.sh"
MARKER = "<!-- from-issue: keep this line, the bot updates this comment -->"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_no_script_interpolates_anything_and_the_body_arrives_as_data() -> None:
    jobs = workflow()["jobs"]
    runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    assert len(runs) >= 3
    for script in runs:
        assert "${{" not in script, script  # an issue's title or body would become shell code
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count("github.event.issue.body") == 1
    assert "ISSUE_BODY: ${{ github.event.issue.body }}" in text
    assert "github.event.issue.title" not in text


def test_each_job_has_the_least_permissions_it_needs() -> None:
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert flow["jobs"]["read"]["permissions"] == {"contents": "read"}  # runs our code on the body
    assert flow["jobs"]["act"]["permissions"] == {
        "actions": "read",
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    act_runs = " ".join(s.get("run", "") for s in flow["jobs"]["act"]["steps"])
    assert not re.search(r"\bpython|pip install", act_runs)  # the job with write tokens runs no project Python
    assert set(flow[True] if True in flow else flow["on"]) == {"issues"}  # YAML reads `on` as True
    for step in (s for job in flow["jobs"].values() for s in job["steps"] if "uses" in s):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def _fake_gh(tmp_path: Path, comments: list[dict], prs: list[dict]) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "args = sys.argv[1:]\n"
        "with open(os.environ['GH_LOG'], 'a') as log: log.write(json.dumps(args) + '\\n')\n"
        "if args[:1] == ['api'] and args[1].endswith('/comments') and '--method' not in args:\n"
        "    marker = os.environ['MARKER']\n"
        "    for c in json.loads(os.environ['FAKE_COMMENTS']):\n"
        "        if c['body'].startswith(marker): print(c['id'])\n"
        "if args[:2] == ['pr', 'list']:\n"
        "    prs = json.loads(os.environ['FAKE_PRS'])\n"
        "    if prs: print(prs[0]['number'])\n"
        "    elif os.path.exists(os.environ['GH_LOG'] + '.created'): print(12)\n"
        "if args[:2] == ['pr', 'create']: open(os.environ['GH_LOG'] + '.created', 'w').close()\n",
        encoding="utf-8",
    )
    gh.chmod(0o755)
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "gh.log"),
        "FAKE_COMMENTS": json.dumps(comments),
        "FAKE_PRS": json.dumps(prs),
        "MARKER": MARKER,
        "REPO": "o/r",
        "ISSUE_NUMBER": "7",
    }


def _result(tmp_path: Path, outcome: str, labels: list[str], listing: str | None = None) -> Path:
    result = tmp_path / "result"
    (result / "data" / "centres").mkdir(parents=True)
    summary = {"outcome": outcome, "lang": "ru", "branch": "from-issue/7", "labels": labels, "files": []}
    (result / "result.json").write_text(json.dumps(summary), encoding="utf-8")
    (result / "pr-title.txt").write_text("Новая запись: «Шанс» `$(touch pwned)`\n", encoding="utf-8")
    (result / "pr-body.md").write_text("body $(touch pwned)\n", encoding="utf-8")
    (result / "comment.md").write_text("### Спасибо\n\n- $(touch pwned)\n", encoding="utf-8")
    if listing:
        (result / "data" / "centres" / "pavlodar-shans.yaml").write_text(listing, encoding="utf-8")
    return result


def _calls(env: dict[str, str]) -> list[list[str]]:
    log = Path(env["GH_LOG"])
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def _checkout(tmp_path: Path) -> Path:
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True, capture_output=True)
    (work / "data" / "centres").mkdir(parents=True)
    (work / "data" / "centres" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    subprocess.run([*git, "push", "-q", "origin", "main"], check=True, capture_output=True)
    return work


@pytest.fixture(autouse=True)
def _bash_and_jq() -> None:
    require("bash", "jq")  # what the workflow's script runs


@pytest.mark.parametrize("open_pr", [[], [{"number": 5}]])
def test_a_valid_change_is_pushed_on_the_issues_branch_and_its_pull_request_kept(tmp_path: Path, open_pr) -> None:
    work = _checkout(tmp_path)
    env = {**os.environ, **_fake_gh(tmp_path, [], open_pr)}
    result = _result(tmp_path, "pull-request", ["safety review"], listing="id: pavlodar-shans\n")
    subprocess.run(["bash", str(ACT), str(result)], cwd=work, env=env, check=True, capture_output=True)
    pushed = subprocess.run(
        ["git", "-C", str(tmp_path / "origin.git"), "show", "from-issue/7:data/centres/pavlodar-shans.yaml"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert pushed.stdout == "id: pavlodar-shans\n"
    calls = _calls(env)
    number = "5" if open_pr else "12"
    if open_pr:
        assert calls[1][:7] == ["pr", "edit", "5", "--repo", "o/r", "--title", "Новая запись: «Шанс» `$(touch pwned)`"]
        assert not [c for c in calls if c[:2] == ["pr", "create"]]
    else:
        assert [c for c in calls if c[:2] == ["pr", "create"]]
    assert ["pr", "edit", number, "--repo", "o/r", "--add-label", "safety review"] in calls
    assert not (work / "pwned").exists() and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("existing", [[], [{"id": 99, "body": MARKER + "\nold"}, {"id": 3, "body": "hello"}]])
def test_problems_are_one_comment_updated_on_each_edit(tmp_path: Path, existing) -> None:
    env = {**os.environ, **_fake_gh(tmp_path, existing, [])}
    result = _result(tmp_path, "location", ["location-posted"])
    subprocess.run(["bash", str(ACT), str(result)], cwd=tmp_path, env=env, check=True, capture_output=True)
    calls = _calls(env)
    if existing:
        (patch,) = [c for c in calls if "--method" in c]
        assert patch[:4] == ["api", "--method", "PATCH", "repos/o/r/issues/comments/99"]
        assert patch[-1] == "body=" + MARKER + "\n### Спасибо\n\n- $(touch pwned)"
        assert not [c for c in calls if c[:2] == ["issue", "comment"]]
    else:
        (comment,) = [c for c in calls if c[:2] == ["issue", "comment"]]
        assert comment[-1].startswith(MARKER)
    assert ["issue", "edit", "7", "--repo", "o/r", "--add-label", "location-posted"] in calls
    assert not (tmp_path / "pwned").exists()


def test_a_branch_that_is_not_the_issues_own_is_refused(tmp_path: Path) -> None:
    env = {**os.environ, **_fake_gh(tmp_path, [], [])}
    result = _result(tmp_path, "comment", [])
    summary = json.loads((result / "result.json").read_text())
    (result / "result.json").write_text(json.dumps({**summary, "branch": "main"}))
    done = subprocess.run(["bash", str(ACT), str(result)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 2 and _calls(env) == []
