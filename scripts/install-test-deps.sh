#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine:
# the project with its test extras and its build backend (exact versions, each file
# checked by its hash: requirements/test.txt and build.txt), Debian's Chromium for the browser tests and zbar-tools for
# the QR codes, and the
# npm tools in package.json (package-lock.json).
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# The npm tools (package-lock.json) install while pip works: they share no folder, and on two
# cores the install is 3 s shorter. Lighthouse (benchmarks only) is in benchmarks/, apart.
npm_pid=""
trap 'if [ -n "$npm_pid" ]; then kill "$npm_pid" 2>/dev/null || true; fi' EXIT  # a failed step stops npm too
if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error &
  npm_pid=$!
fi

pip=(python3 -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" --require-hashes -r requirements/test.txt -r requirements/build.txt
# The checkout itself has no single file to hash, so it goes in on its own, with
# nothing more: its dependencies are all in the line above, and so is its build
# backend (requirements/build.txt), which pip uses as it is instead of fetching
# setuptools into a fresh environment of its own (3.5 -> 1.8 s).
"${pip[@]}" --no-deps --no-build-isolation -e .
# Compiled once here, as pip compiles what it installs: the tests start `python -m generator` dozens of
# times, and where PYTHONDONTWRITEBYTECODE is set each start would compile it all again.
python3 -m compileall -q generator

# zbarimg (zbar-tools) decodes the pocket cards' QR codes in the tests; jq is what the issue-form
# workflow's script runs (tests/tools/test_from_issue_workflow.py runs that script).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
  || ! command -v zbarimg >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver zbar-tools jq >/dev/null
fi

if [ -n "$npm_pid" ]; then
  pid=$npm_pid
  npm_pid=""  # waited for: the trap must not kill a pid the system may have given to another process
  wait "$pid"  # npm's exit status: a failed npm ci fails the install
fi
