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
# The sign-in pages' Descope Flow (the official web component and the UI library the emulator
# serves) comes from npm: install Debian's nodejs/npm when absent. Without them the demo still
# runs, with the apps' own forms, and the flow's place says what is missing.
if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing nodejs and npm (apt-get) for the sign-in flow ..."
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null; } \
        || echo "could not install nodejs/npm: the demo runs without the web component" >&2
fi
exec .venv/bin/python -m example_apps "$@"
