#!/usr/bin/env bash
# Compiles the pinned, hash-checked requirements from pyproject.toml:
#   requirements/runtime.txt  what the site needs to build (README, command 1)
#   requirements/test.txt     that, plus the `test` extra (scripts/install-test-deps.sh)
#   requirements/audit.txt    pip-audit, for the weekly workflow (from requirements/audit.in)
#   requirements/build.txt    setuptools, the build backend the tests install the checkout with
#                             (from requirements/build.in, which follows pyproject's [build-system])
# The test pins are constrained by the runtime pins, so both files agree on every
# package they share. The resolution is universal (every OS, Python >= 3.11), and
# each pin carries the sha256 of every file PyPI has for that release.
#
#   bash scripts/update-pins.sh            add or drop what pyproject.toml changed, keep other pins
#   bash scripts/update-pins.sh --upgrade  move every pin to its newest allowed release
#   bash scripts/update-pins.sh --upgrade-package mkdocs-material   just one
#
# Needs uv (a maintainers' tool, not a dependency): python3 -m pip install uv
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v uv >/dev/null 2>&1; then
  uv=(uv)
elif python3 -c "import uv" 2>/dev/null; then
  uv=(python3 -m uv)
else
  echo "update-pins: uv is not installed (python3 -m pip install uv)" >&2
  exit 2
fi

# Only PyPI, whatever this machine's pip or uv is configured with (a local mirror or
# wheel folder would otherwise put its own file names and hashes in the pins).
common=(--universal --python-version 3.11 --generate-hashes --no-config
        --index-url https://pypi.org/simple --quiet)

"${uv[@]}" pip compile pyproject.toml "${common[@]}" "$@" \
  --output-file requirements/runtime.txt
"${uv[@]}" pip compile pyproject.toml --extra test "${common[@]}" "$@" \
  --constraint requirements/runtime.txt --output-file requirements/test.txt
"${uv[@]}" pip compile requirements/audit.in "${common[@]}" "$@" \
  --output-file requirements/audit.txt
"${uv[@]}" pip compile requirements/build.in "${common[@]}" "$@" \
  --output-file requirements/build.txt

# constraints.txt: the same runtime pins without hashes, only because the pages
# docs/kk/contribute.md and docs/ru/contribute.md still say
# `pip install -c constraints.txt -e .`. Once they give the README's command,
# delete constraints.txt and these lines.
{
  echo "# Runtime pins of requirements/runtime.txt without their hashes, written by"
  echo "# scripts/update-pins.sh; kept only for the command in docs/*/contribute.md."
  echo "# Install with the README's command instead (it checks every file's hash)."
  grep -E '^[A-Za-z0-9]' requirements/runtime.txt | sed -e 's/ *\\$//'
} > constraints.txt
