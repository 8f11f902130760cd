"""The GitHub workflows, forms and editor files: valid, and doing what the project needs.

The workflows can only run on GitHub, so these tests read them: triggers, least
permissions, actions pinned to a commit, annotations plus the job summary, the
preview artifact, the Pages deployment with the right site_url, the weekly issue
(whose shell is run here against a fake `gh`), and actionlint over all of it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.data.yamlload import load_file
from generator.tools import audit

from .conftest import PROJECT_SITE_URL, ROOT, missing_tool, require

WORKFLOWS = ROOT / ".github" / "workflows"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def _load(path: Path) -> Any:
    loaded = load_file(path)  # YAML 1.2, as GitHub reads it: `on` stays a key, not True
    assert loaded.ok, [p.as_text() for p in loaded.problems]
    return loaded.data


def _workflow(name: str) -> dict[str, Any]:
    return _load(WORKFLOWS / name)


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def _step(job: dict[str, Any], uses: str | None = None, runs: str | None = None) -> dict[str, Any]:
    found = [
        s
        for s in _steps(job)
        if (uses and s.get("uses", "").startswith(uses + "@")) or (runs and runs in s.get("run", ""))
    ]
    assert len(found) == 1, (uses, runs, found)
    return found[0]


def _expr(text: str) -> str:
    """A GitHub expression as written in a workflow: ${{ text }}."""
    return "${{ " + text + " }}"


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```sh\n# 2\.[^\n]*\n([^\n]+)\n```", readme)
    assert match, "the README's second command block moved"
    return match.group(1).strip()


# ---------------------------------------------------------------- all workflows


def test_every_workflow_is_valid_yaml_with_least_permissions_and_pinned_actions():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pull-request.yml", "deploy.yml", "weekly-check.yml"}
    for path in files:
        workflow = _load(path)
        assert workflow["permissions"] == {"contents": "read"}, path.name  # write only where a job needs it
        for job in workflow["jobs"].values():
            assert job.get("timeout-minutes"), path.name
            for step in _steps(job):
                if "uses" in step:
                    assert not step["uses"].startswith("./"), step
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:-\s*)?uses:", line):
                assert PINNED.match(line), f"{path.name}: not pinned to a commit with its version: {line.strip()}"
        for job in workflow["jobs"].values():
            for step in _steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED.match(line)
            if match:
                pins.setdefault(match.group(1), set()).add(match.group(2))
    assert all(len(shas) == 1 for shas in pins.values()), pins
    assert {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(pins)


def test_python_installs_use_the_pins_with_hashes():
    """Each pip install takes requirements/*.txt with --require-hashes, or the checkout alone after them."""
    kinds = Counter()
    for path in WORKFLOWS.glob("*.yml"):
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                installs = [line.strip() for line in step.get("run", "").splitlines() if "pip install" in line]
                for n, line in enumerate(installs):
                    kinds[path.name, line.endswith("-e .")] += 1
                    if line.endswith("pip install --no-deps -e ."):
                        assert n > 0 and "--require-hashes" in installs[n - 1], (path.name, line)
                    else:
                        assert re.search(r"--require-hashes -r requirements/(runtime|test|audit)\.txt$", line), (
                            path.name,
                            line,
                        )
    # Both kinds of line were read, in each workflow that installs Python (not nothing).
    for name in ("pull-request.yml", "deploy.yml", "weekly-check.yml"):
        assert kinds[name, False] >= 1 and kinds[name, True] >= 1, (name, kinds)


def test_the_tests_install_the_checkout_with_the_pinned_build_backend():
    """install-test-deps.sh builds the checkout without an isolated environment, so the setuptools
    it builds with is the one pinned (with hashes) in requirements/build.txt: that pin must be what
    pyproject.toml's [build-system] asks for, and be installed first."""
    import tomllib

    from packaging.requirements import Requirement

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    lines = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == wanted
    pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", (ROOT / "requirements" / "build.txt").read_text(), re.M))
    for requirement in map(Requirement, wanted):
        assert requirement.specifier.contains(pinned[requirement.name]), (requirement, pinned)
    script = (ROOT / "scripts" / "install-test-deps.sh").read_text(encoding="utf-8")
    hashed = script.index("--require-hashes -r requirements/test.txt -r requirements/build.txt")
    assert hashed < script.index("--no-deps --no-build-isolation -e .")
    assert "requirements/build.in" in (ROOT / "scripts" / "update-pins.sh").read_text(encoding="utf-8")


# ---------------------------------------------------------------- pull requests


def test_pull_request_workflow():
    workflow = _workflow("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    listings = workflow["jobs"]["listings"]

    checkout = _step(listings, uses="actions/checkout")
    assert checkout["with"]["fetch-depth"] >= 2  # the merge commit's parent, for the diff

    check = _step(listings, runs="python -m generator check-pr")
    assert "git -c core.quotepath=false diff --unified=0" in check["run"]
    assert '--summary "$GITHUB_STEP_SUMMARY"' in check["run"]
    assert '--diff "$RUNNER_TEMP/changes.diff"' in check["run"]
    assert "github.event.pull_request.head.sha" in check["env"]["LINK_BASE"]

    hints = _step(listings, runs="python -m generator fix --check")
    assert hints["if"] == "always()" and '|| [ "$?" -eq 1 ]' in hints["run"]

    build = _step(listings, runs="python -m generator build --strict")
    site_dir = re.search(r"--site-dir (\S+)", build["run"]).group(1)
    (upload,) = [s for s in _steps(listings) if s.get("with", {}).get("name") == "site-preview"]
    assert upload["with"]["path"].rstrip("/") == site_dir
    assert upload["with"]["name"] == "site-preview" and upload["with"]["if-no-files-found"] == "error"
    order = [s.get("name") for s in _steps(listings)]
    assert order.index(check["name"]) < order.index(build["name"]) < order.index(upload["name"])

    tests = workflow["jobs"]["tests"]
    run = _step(tests, runs="pytest")
    assert run["run"].strip() == _readme_test_command()
    assert tests["container"]["image"].startswith("python:3.11-")  # Debian, for /usr/bin/chromium
    assert _step(tests, uses="actions/setup-node")["with"]["node-version"] == "20"


def test_a_shelters_text_gets_a_safety_review_label_without_a_write_token_near_its_code():
    """Issue 14: the check names the fields; a separate workflow, which never runs the pull
    request's code, labels it; the safety owners' review is required by CODEOWNERS."""
    listings = _workflow("pull-request.yml")["jobs"]["listings"]
    check = _step(listings, runs="python -m generator check-pr")
    assert '--safety-out "$RUNNER_TEMP/safety-review/safety-review.json"' in check["run"]
    assert '--pull-request "$PR_NUMBER"' in check["run"]
    assert check["env"]["PR_NUMBER"] == _expr("github.event.pull_request.number")
    (upload,) = [s for s in _steps(listings) if s.get("with", {}).get("name") == "safety-review"]
    assert upload["if"] == "always()" and upload["with"]["path"].rstrip("/") == _expr("runner.temp") + "/safety-review"
    assert "permissions" not in listings  # read-only, from the workflow

    workflow = _workflow("safety-label.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["Check pull request"], "types": ["completed"]}}
    assert _workflow("pull-request.yml")["name"] == "Check pull request"
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    assert all("uses" not in step for step in _steps(job))  # no checkout, no action: nothing of the PR is fetched
    runs = "\n".join(step["run"] for step in _steps(job))
    assert not re.search(r"\b(?:python3?|pip|git|bash|sh|make|npm)\b|\./", runs)  # nothing of the PR is run
    assert "gh run download" in runs and "--name safety-review" in runs
    assert '[[ "$pr" =~ ^[0-9]{1,9}$ ]]' in runs and '"$head" != "$HEAD_SHA"' in runs
    assert "labels[]=safety review" in runs

    rules = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # The last match wins: nothing after them gives listings, reference data or boundaries to others.
    assert sorted(map(tuple, rules[-3:])) == [
        ("/data/*.yaml", "@kz-crisis-directory/safety"),
        ("/data/centres/", "@kz-crisis-directory/safety"),
        ("/data/geo/", "@kz-crisis-directory/safety"),
    ]


# ---------------------------------------------------------------- deployment


def test_deploy_workflow_uses_the_official_pages_actions():
    workflow = _workflow("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is False

    build = workflow["jobs"]["build"]
    pages = _step(build, uses="actions/configure-pages")
    make = _step(build, runs="python -m generator build --strict")
    assert make["env"]["BASE_URL"] == _expr(f"steps.{pages['id']}.outputs.base_url")
    assert 'export SITE_URL="${BASE_URL%/}/"' in make["run"]
    site_dir = re.search(r"--site-dir (\S+)", make["run"]).group(1)
    assert _step(build, uses="actions/upload-pages-artifact")["with"]["path"].rstrip("/") == site_dir

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    step = _step(deploy, uses="actions/deploy-pages")
    assert deploy["environment"] == {"name": "github-pages", "url": _expr(f"steps.{step['id']}.outputs.page_url")}

    assert 'site_url: !ENV [SITE_URL, ""]' in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_site_url_is_the_project_sites_address_with_a_slash():
    require("bash")
    make = _step(_workflow("deploy.yml")["jobs"]["build"], runs="python -m generator build --strict")
    export = next(line for line in make["run"].splitlines() if "SITE_URL=" in line)
    for base in ("https://owner.github.io/kz-crisis-directory", "https://owner.github.io/kz-crisis-directory/"):
        out = subprocess.run(
            ["bash", "-c", f'{export}\nprintf %s "$SITE_URL"'], env={"BASE_URL": base}, capture_output=True, text=True
        )
        assert out.stdout == "https://owner.github.io/kz-crisis-directory/"


def test_a_build_for_a_project_site_links_under_the_repository_path(project_built_site: Path):
    """The run's shared build with SITE_URL set as deploy.yml sets it: a project site's address."""
    kk = (project_built_site / "regions" / "index.html").read_text(encoding="utf-8")
    ru = (project_built_site / "ru" / "regions" / "index.html").read_text(encoding="utf-8")
    assert PROJECT_SITE_URL == "https://example.github.io/kz/"
    assert '<link rel="canonical" href="https://example.github.io/kz/regions/">' in kk
    assert '<link rel="canonical" href="https://example.github.io/kz/ru/regions/">' in ru
    sitemap = (project_built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.github.io/kz/</loc>" in sitemap


# ---------------------------------------------------------------- the weekly check


def test_weekly_workflow_runs_on_a_schedule_only_and_reports_in_one_issue():
    workflow = _workflow("weekly-check.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}  # never on a pull request
    (cron,) = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(cron.split()) == 5
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    check = _step(job, runs="python -m generator audit --websites --format markdown")
    assert '--github-output "$GITHUB_OUTPUT"' in check["run"] and "$GITHUB_STEP_SUMMARY" in check["run"]
    report = _step(job, runs="python -m generator audit-issue")
    assert report["env"]["FINDINGS"] == _expr(f"steps.{check['id']}.outputs.findings")
    for other in ("pull-request.yml", "deploy.yml"):
        assert "audit" not in (WORKFLOWS / other).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("issues", "findings", "expected"),
    [
        ([], 3, [["issue", "create"]]),
        ([{"number": 7, "state": "OPEN", "body": audit.ISSUE_MARKER}], 3, [["issue", "edit", "7"]]),
        (
            [{"number": 7, "state": "CLOSED", "body": audit.ISSUE_MARKER}],
            1,
            [["issue", "edit", "7"], ["issue", "reopen", "7"]],
        ),
        (
            [{"number": 7, "state": "OPEN", "body": "x\n" + audit.ISSUE_MARKER}],
            0,
            [["issue", "edit", "7"], ["issue", "close", "7"]],
        ),
        ([{"number": 7, "state": "CLOSED", "body": audit.ISSUE_MARKER}], 0, []),
        ([{"number": 9, "state": "OPEN", "body": "someone else's issue with the label"}], 2, [["issue", "create"]]),
        (
            [
                {"number": 3, "state": "CLOSED", "body": audit.ISSUE_MARKER},
                {"number": 5, "state": "OPEN", "body": audit.ISSUE_MARKER},
                {"number": 8, "state": "CLOSED", "body": audit.ISSUE_MARKER},
            ],
            2,
            [["issue", "edit", "5"]],
        ),
    ],
)
def test_weekly_issue_is_updated_never_duplicated(tmp_path: Path, issues: list, findings: int, expected: list):
    """Runs the workflow's own shell step with a fake `gh` that records what it is asked."""
    require("bash")
    step = _step(_workflow("weekly-check.yml")["jobs"]["check"], runs="python -m generator audit-issue")
    bin_dir, log = tmp_path / "bin", tmp_path / "gh.log"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "args = sys.argv[1:]\n"
        "with open(os.environ['GH_LOG'], 'a') as log: log.write(json.dumps(args) + '\\n')\n"
        "if args[:2] == ['issue', 'list']: print(os.environ['FAKE_ISSUES'])\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    python = bin_dir / "python"
    python.symlink_to(sys.executable)
    (tmp_path / "report.md").write_text("report\n", encoding="utf-8")
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "GH_LOG": str(log),
        "FAKE_ISSUES": json.dumps(issues),
        "FINDINGS": str(findings),
        "RUNNER_TEMP": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert calls[0][:2] == ["label", "create"]
    assert calls[1][:2] == ["issue", "list"] and "--label" in calls[1] and "all" in calls[1]
    made = calls[2:]
    assert [c[: len(e)] for c, e in zip(made, expected, strict=True)] == expected
    for call in made:
        if call[1] in ("create", "edit"):
            assert call[call.index("--body-file") + 1] == str(tmp_path / "report.md")


def test_issue_plan_prefers_the_open_issue_and_ignores_unmarked_ones():
    marker = audit.ISSUE_MARKER
    assert audit.issue_plan([], 0) == ("none", None)
    assert audit.issue_plan([{"number": 2, "state": "OPEN", "body": None}], 1) == ("create", None)
    two = [{"number": 4, "state": "OPEN", "body": marker}, {"number": 6, "state": "CLOSED", "body": marker}]
    assert audit.issue_plan(two, 1) == ("update", 4)
    assert audit.issue_plan(two, 0) == ("close", 4)


# ---------------------------------------------------------------- actionlint


def test_actionlint_finds_nothing():
    binary = shutil.which("actionlint")
    if binary is None:
        missing_tool("actionlint is not installed (bash scripts/install-test-deps.sh)")
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    result = subprocess.run([binary, "-no-color", "-oneline", *files], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_find_a_broken_workflow(tmp_path: Path):
    binary = shutil.which("actionlint")
    if binary is None:
        missing_tool("actionlint is not installed (bash scripts/install-test-deps.sh)")
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8").replace("needs: build", "needs: biuld")
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run([binary, "-no-color", "-oneline", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and "biuld" in result.stdout


# ---------------------------------------------------------------- forms and review aids


def _forms() -> dict[str, dict[str, Any]]:
    return {p.name: _load(p) for p in sorted(FORMS.glob("*.yml")) if p.name != "config.yml"}


def test_issue_forms_come_in_kazakh_and_russian_with_the_same_fields():
    forms = _forms()
    kinds = {re.sub(r"^\d+-|-(kk|ru)\.yml$", "", name) for name in forms}
    assert kinds == {"add-centre", "correct-listing", "report-closed", "improve-translation"}
    for kind in kinds:
        (kk,) = [f for n, f in forms.items() if kind in n and n.endswith("-kk.yml")]
        (ru,) = [f for n, f in forms.items() if kind in n and n.endswith("-ru.yml")]
        shape = lambda form: [  # noqa: E731
            (
                b["type"],
                b.get("id"),
                (b.get("validations") or {}).get("required"),
                len(b["attributes"].get("options", [])),
            )
            for b in form["body"]
        ]
        assert shape(kk) == shape(ru), kind
        assert kk["labels"] == ru["labels"]
        assert re.search(r"[әғқңөұүһі]", kk["name"] + kk["description"], re.I), kind  # Kazakh letters
        for form in (kk, ru):
            assert form["name"] and form["description"] and form["body"][0]["type"] == "markdown"
            assert "112" in form["body"][0]["attributes"]["value"]  # danger first
            privacy = next(b for b in form["body"] if b.get("id") == "privacy")
            assert all(option["required"] is True for option in privacy["attributes"]["options"])
            ids = [b["id"] for b in form["body"] if "id" in b]
            assert len(ids) == len(set(ids))
            for block in form["body"]:
                if block["type"] != "markdown":
                    assert block["attributes"]["label"].strip()
    config = _load(FORMS / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)


def test_pull_request_template_has_the_checklist_in_both_languages():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 3
    for kk, ru in (
        ("Дереккөздер көрсетілген", "Источники указаны"),
        ("Ұйыммен тексерілді", "Проверено у организации"),
        ("Баспананың мекенжайы жоқ", "Нет адреса приюта"),
    ):
        assert any(kk in box and ru in box for box in boxes), kk


def test_codeowners_cover_code_schema_and_workflows():
    rules = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owned = {rule[0]: rule[1:] for rule in rules}
    for folder in ("/generator/", "/schema/", "/.github/"):
        assert owned.get(folder) and all(o.startswith("@") for o in owned[folder]), folder


def test_pre_commit_runs_fix_and_validate_locally():
    config = _load(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert hooks["listings-fix"]["entry"] == "python -m generator fix"
    assert hooks["listings-validate"]["entry"] == "python -m generator validate"
    assert all(h["language"] == "system" for h in hooks.values())
    assert re.search(hooks["listings-fix"]["files"], "data/centres/almaty-asar.yaml")
    assert not re.search(hooks["listings-fix"]["files"], "data/cities.yaml")
    assert hooks["listings-validate"]["pass_filenames"] is False


def test_vscode_maps_the_schema_to_the_listings():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    (schema,) = [s for s, globs in mapping.items() if "data/centres/*.yaml" in globs]
    assert (ROOT / schema).resolve() == (ROOT / "schema" / "centre.schema.json").resolve()
    for listing in (ROOT / "data" / "centres").glob("*.yaml"):
        assert listing.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../../schema/centre.schema.json"
        ), listing.name


def test_pull_requests_and_the_weekly_issue_speak_kazakh_and_russian():
    """Mixed teams: check-pr's annotations and summary, fix's notices and the weekly issue say
    each message in Kazakh, then Russian (--lang kk+ru), whatever the runner's locale."""
    runs = [
        step.get("run", "")
        for name in ("pull-request.yml", "weekly-check.yml")
        for job in _workflow(name)["jobs"].values()
        for step in _steps(job)
    ]
    commands = [
        re.sub(r"\\\n\s*", "", run) for run in runs if re.search(r"python -m generator (check-pr|fix|audit) ", run)
    ]
    assert len(commands) == 3, commands
    for command in commands:
        for line in command.splitlines():
            if re.search(r"python -m generator (check-pr|fix|audit) ", line):
                assert "--lang kk+ru" in line, line
