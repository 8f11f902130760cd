"""The `search` fixture: the search worker the built site ships, run in Node on its index."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import missing_tool

NODE = shutil.which("node")
PREFIX = {"kk": "", "ru": "ru/"}

RUNNER = r"""
"use strict";
const fs = require("fs"), path = require("path");
const root = process.argv[2];
const { Engine } = require(path.join(root, "assets", "javascripts", "kz-search.js"));
const engine = new Engine(JSON.parse(fs.readFileSync(path.join(root, "search", "kz-index.json"), "utf8")));
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
// As the worker answers the theme: one group per result.
process.stdout.write(JSON.stringify(queries.map((q) => engine.search(q).map((item) => [item.location]))));
"""


@pytest.fixture(scope="session")
def search(built_site: Path, tmp_path_factory):
    if NODE is None:
        missing_tool("Node runs the search worker here (scripts/install-test-deps.sh)")
    runner = tmp_path_factory.mktemp("search") / "runner.cjs"
    runner.write_text(RUNNER, encoding="utf-8")

    def run(lang: str, queries: list[str]) -> list[list[list[str]]]:
        done = subprocess.run(
            [NODE, str(runner), str(built_site / PREFIX[lang])],
            input=json.dumps(queries),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
