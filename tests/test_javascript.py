"""The site's own browser scripts: ESLint (recommended rules and browser compatibility against
package.json's "browserslist") and their unit tests in tests/js/, run with `node --test`.

The same commands as `npm run lint` and `npm test`, so that `python3 -m pytest` (and CI) runs them.
They need Node and the npm tools of package.json (scripts/install-test-deps.sh runs `npm ci`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, missing_tool

NODE = shutil.which("node")
UNIT_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.js"))


def _need_node() -> None:
    if NODE is None:
        missing_tool("Node is needed for the JavaScript lint and unit tests (scripts/install-test-deps.sh)")


@pytest.fixture(autouse=True)
def _node() -> None:
    _need_node()


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


ESLINT = ROOT / "node_modules" / ".bin" / "eslint"  # what `npm run lint` runs


@pytest.fixture(scope="module")
def eslint_report() -> list[dict]:
    """ESLint over the project, as `npm run lint` runs it, once for the tests that read it."""
    _need_node()  # module fixtures run before the autouse one
    assert ESLINT.exists(), "ESLint is missing: run `npm ci` (scripts/install-test-deps.sh)"
    done = run([str(ESLINT), "--format", "json"])
    assert done.returncode in (0, 1), done.stderr  # 1: problems found, which the tests list
    return json.loads(done.stdout)


def test_eslint_finds_nothing(eslint_report: list[dict]) -> None:
    found = [
        f"{Path(entry['filePath']).relative_to(ROOT)}:{m.get('line')}:{m.get('column')}: {m['message']}"
        f" ({m.get('ruleId')})"
        for entry in eslint_report
        for m in entry["messages"]
    ]
    assert found == [], "ESLint (npm run lint) found problems:\n" + "\n".join(found)


def test_eslint_checks_our_scripts_and_not_vendored_ones(eslint_report: list[dict]) -> None:
    linted = {Path(entry["filePath"]).relative_to(ROOT).as_posix() for entry in eslint_report}
    own = {
        f"overrides/assets/javascripts/{name}"
        for name in ("find-help.js", "kz-map.js", "kz-map-load.js", "kz-search.js", "quick-exit.js")
    }
    assert own <= linted, f"not linted: {sorted(own - linted)}"
    assert not [p for p in linted if p.startswith("overrides/assets/vendor/") or "/lunr/" in p], (
        "vendored code is not ours to lint"
    )


def test_eslint_refuses_an_api_old_phones_lack() -> None:
    """The browser-compatibility check is on: an API newer than the targets is an error."""
    done = subprocess.run(
        [str(ESLINT), "--stdin", "--stdin-filename", "overrides/assets/javascripts/probe.js"],
        cwd=ROOT,
        input="Object.fromEntries([]);\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "compat/compat" in done.stdout, done.stdout


def test_node_unit_tests_pass() -> None:
    assert UNIT_TESTS, "no unit tests in tests/js/"
    done = run([NODE, "--test", *(str(path.relative_to(ROOT)) for path in UNIT_TESTS)])
    assert done.returncode == 0, f"node --test (npm test) failed:\n{done.stdout}{done.stderr}"
