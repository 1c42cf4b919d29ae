#!/usr/bin/env bash
# Set up a virtual environment, install pgwidgets, start the demo and print its URL.
# Usage: bash scripts/demo.sh [--host HOST] [--port PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e .
demo=examples/gallery.py  # = python -m pgwidgets.examples.gallery
[ -f "$demo" ] || demo=examples/hello.py
exec .venv/bin/python "$demo" "$@"
