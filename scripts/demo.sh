#!/usr/bin/env bash
# Sets up and starts the demo: the Descope emulator plus one example app.
# Usage: scripts/demo.sh [flask|django|fastapi|drf|ninja|websocket|react] [--port N] [--emulator-port N]
# (react: the React single-page example, built from npm at start; needs Node.js and npm.)
# The venv is (re)installed only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
STAMP=.venv/.descope-demo-installed
WANT=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ] \
    || ! .venv/bin/python -c "import descope_core, flask, django, fastapi, uvicorn" 2>/dev/null; then
    echo "Installing descope-suite[all] into .venv ..."
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[all]'
    echo "$WANT" > "$STAMP"
fi
exec .venv/bin/python -m example_apps "$@"
