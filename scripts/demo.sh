#!/usr/bin/env bash
# Command 1 of the README: install everything into .venv, then ingest the sample articles into
# the default DuckDB store (./eventscope.duckdb) and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/eventscope demo samples "$@"
