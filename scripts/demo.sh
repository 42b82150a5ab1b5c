#!/usr/bin/env bash
# Sets up and starts the demo: the Descope emulator plus one example app.
# Usage: scripts/demo.sh [flask|django|fastapi]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[all]'
exec .venv/bin/python -m example_apps "$@"
