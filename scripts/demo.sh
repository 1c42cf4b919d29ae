#!/usr/bin/env bash
# Set up a virtual environment, install pgwidgets, start the widget gallery and print its URL.
# Usage: bash scripts/demo.sh [--host HOST] [--port PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# a plain (not editable) install: the package as a user gets it, bundle included, quietly
.venv/bin/python -m pip install -q .
exec .venv/bin/python -m pgwidgets.examples.gallery "$@"
