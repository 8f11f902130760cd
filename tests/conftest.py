"""Shared fixtures: the real data, data folders made from it, and one real build.

Tests mirror the generator's packages (tests/data, tests/site, tests/features, tests/build,
tests/tools; tests/browser drives Chromium). A test that builds a whole site is marked
`slow` here, by what it uses: `pytest -m "not slow"` is the quick loop while editing.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import inspect
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

import pytest

# The editors' tools speak the language of LC_ALL/LANG (generator/data/messages.py): the tests
# expect English unless they ask for --lang, whatever the locale of the machine they run on.
os.environ.pop("LC_ALL", None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = Path(__file__).resolve().parent / "corpus"
REFERENCE_FILES = ("regions.yaml", "cities.yaml", "services.yaml")
# A time bound in a test catches a check whose time grows with the square of its input (16 s
# to minutes on 256 KB, where the linear check takes well under a second), with room for a
# busy machine (tests run two at a time). It is not the budget: issue 14's "any file of
# 256 KB validates in under 2 s" is measured by benchmarks/validate_worst.py.
QUADRATIC_BOUND_S = 8.0


def missing_tool(reason: str) -> NoReturn:
    """A tool a test needs is not installed: skip here, but FAIL in CI (CI is set), which must
    run every test; a skipped test there would pass on nothing."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run this test", pytrace=False)
    pytest.skip(reason)


def require(*commands: str) -> None:
    """The commands a test runs must be installed: skipped without them locally, failed in CI."""
    missing = [command for command in commands if shutil.which(command) is None]
    if missing:
        missing_tool(f"{', '.join(missing)} is not installed (scripts/install-test-deps.sh)")


def base_listing(*changes: tuple[str, str]) -> str:
    """The corpus' valid base listing (almaty-corpus-base.yaml), each `old` replaced once by `new`:
    each must be there, so a test never passes on a change that no longer applies."""
    text = (CORPUS / "valid" / "almaty-corpus-base.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def run_cli_here(
    *args: str, cwd: Path = ROOT, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` run from `cwd` as `generator.cli.main` runs it, in this process,
    with no terminal and the environment changed by `env` (None: the variable unset): its exit
    code and what it wrote. The same code as the command, which
    catches every error itself; a process costs half a second of CPU to start (issue 15). That
    the command works as a process (its entry point, its streams) is tested with real ones.
    Unlike a process: Python's warnings go to pytest, not to `stderr`, and there is no timeout.
    Not for `build` or `serve`, which set up logging for the whole process."""
    from generator import cli

    assert args[0] not in ("build", "serve"), "run the build in a process of its own"

    out, err = io.StringIO(), io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO()
    saved = {name: os.environ.get(name) for name in env or {}}
    try:
        _set_environ(env or {})
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    finally:
        sys.stdin = stdin
        _set_environ(saved)
    return subprocess.CompletedProcess([sys.executable, "-m", "generator", *args], code, out.getvalue(), err.getvalue())


def _set_environ(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def make_data_dir(target: Path, listings: list[Path] | None = None) -> Path:
    """A data folder with the real reference files and the given listing files."""
    target.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE_FILES:
        shutil.copy(DATA / name, target / name)
    (target / "centres").mkdir()
    for listing in listings or []:
        shutil.copy(listing, target / "centres" / listing.name)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker per core. A third worker on two cores helped while each browser
    request waited on a round trip through the test process (7.4 -> 6.3 min); since requests
    are recorded from events, it only makes the workers fight: 700 s of CPU and 5.8-6 min with
    three, 570 s and 5.5 min with two (issue 15)."""
    return len(os.sched_getaffinity(0))


BUILDS_A_SITE = {"built_site", "project_built_site", "hostile_site", "site_url"}


@functools.cache
def _builds(function: Callable[..., object]) -> bool:
    return "site.build(" in inspect.getsource(function)


# How many tests of no cost a slow test (a whole site built, or Chromium driven) counts as when the
# files are handed out to the workers, longest first.
SLOW_WEIGHT = 10


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    weight: Counter[Path] = Counter()
    for item in items:
        function = getattr(item, "function", None)
        # Read once per function, not per parametrized item (2,268 reads: 1.5 s in every worker).
        if BUILDS_A_SITE & set(getattr(item, "fixturenames", ())) or (function is not None and _builds(function)):
            item.add_marker(pytest.mark.slow)
        weight[item.path] += SLOW_WEIGHT if item.get_closest_marker("slow") else 1
    # pytest-xdist hands out whole files (--dist loadfile), by default the files with most tests
    # first, so a file of one slow test (the ProperDocs build, 5 s) came last while the other
    # worker had finished: its core idled. Longest first by this estimate instead
    # (--no-loadscope-reorder keeps the order given here; the same in every worker).
    items.sort(key=lambda item: -weight[item.path])


def _shared_build(factory: pytest.TempPathFactory, name: str, site_url: str | None = None) -> Path:
    """The real data built once per run into `name`, strict: with pytest-xdist the workers share
    one build, made by the first that asks for it while the others wait on a lock."""
    from generator.build import site

    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    out, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            with pytest.MonkeyPatch.context() as patch:
                if site_url:
                    patch.setenv("SITE_URL", site_url)
                site.build(DATA, out, strict=True)
            done.touch()
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once into a temporary folder, both languages, strict."""
    return _shared_build(tmp_path_factory, "built-site")


# Where GitHub Pages serves a project site: under the repository's path.
PROJECT_SITE_URL = "https://example.github.io/kz/"


@pytest.fixture(scope="session")
def project_built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once for a project site (SITE_URL = PROJECT_SITE_URL), strict."""
    return _shared_build(tmp_path_factory, "project-site", PROJECT_SITE_URL)


@pytest.fixture(scope="session")
def catalogue():
    from generator.data.validate import validate

    report = validate(DATA)
    assert report.ok, "\n".join(p.as_text() for p in report.errors)
    return report.catalogue
