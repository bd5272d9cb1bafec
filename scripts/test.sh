#!/usr/bin/env bash
# Command 2 of the README (and what .ci/run calls): install the test dependencies, then run the suite.
# Fails loudly when pytest collects no test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh "[dev,ray]"
if [ -f scripts/install-browser.sh ]; then bash scripts/install-browser.sh || echo "warning: no Chromium; browser tests will skip" >&2; fi
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests: the suite is missing or broken" >&2
  exit 1
fi
exit "$rc"
