#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine:
# the project with its test extras (pinned by constraints.txt), Debian's
# Chromium for the browser tests, and the npm tools in package.json.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
