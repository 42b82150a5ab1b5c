#!/usr/bin/env bash
# Sets up everything the suite needs (venv, extras, Debian chromium, redis, node and the official
# Node SDK) and runs every test.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv || exit 1
.venv/bin/python -m pip install -q --upgrade pip || exit 1
.venv/bin/python -m pip install -q -e '.[all,test]' || exit 1
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_UPDATED=""
apt_install() {  # apt_install <package>: Debian packages the tests run for real
  [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq && APT_UPDATED=1; } || return 1
  $SUDO apt-get install -y -qq "$1" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || { echo "could not install chromium (apt-get)"; exit 1; }
fi
# tests/fleet start their own redis-server on an ephemeral port (none runs as a service)
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  apt_install redis-server || { echo "could not install redis-server (apt-get)"; exit 1; }
fi
# tests/fidelity drive the official Node SDK with node; its package goes into that folder
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs && apt_install npm || { echo "could not install nodejs/npm (apt-get)"; exit 1; }
fi
if [ ! -d tests/fidelity/node/node_modules/@descope/node-sdk ]; then
  (cd tests/fidelity/node && npm install --no-audit --no-fund --no-package-lock --silent) || {
    echo "could not install the official Node SDK (npm)"; exit 1; }
fi
# the example apps' browser side (the official web component, the React example): npm packages
# into example_apps/frontend/node_modules, bundles into example_apps/static/build (both ignored)
.venv/bin/python -m example_apps.frontend install || {
  echo "could not install the example apps' npm packages"; exit 1; }
# -- front end (tests/browser/flows): the UI components library the emulator serves, fetched
# by the emulator's own command into its cache, and the official npm packages the browser
# tests drive (web component, React SDK, web SDK), installed into that test folder
.venv/bin/python -m descope_emulator ui install || { echo "could not install the UI library"; exit 1; }
if [ ! -f tests/browser/flows/frontend/node_modules/@descope/web-component/dist/index.js ] ||
   [ ! -d tests/browser/flows/frontend/node_modules/@descope/react-sdk ]; then
  (cd tests/browser/flows/frontend && npm install --no-audit --no-fund --no-package-lock --silent) || {
    echo "could not install the official front-end packages (npm)"; exit 1; }
fi
# -- end of the front-end block
.venv/bin/ruff check . || exit 1
# the documentation site (mkdocs.yml), strict: a broken link, a page missing from the nav or
# an API reference to a name that is gone fails the run (after pytest, which runs anyway)
DOCS_SITE=$(mktemp -d)
DOCS_FAILED=""
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -d "$DOCS_SITE/site" || DOCS_FAILED=1
rm -rf "$DOCS_SITE"
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
# -- the lowest declared versions (the run above has the newest) -----------------------------
# Only for the whole suite (no arguments, as .ci/run calls it): tests/integrations and the
# emulator's pytest plugin in .venv-lowest (scripts/test-lowest.sh, scripts/lowest-versions.txt).
if [ "$#" -eq 0 ]; then
  ./scripts/test-lowest.sh || rc=1
fi
# -- end of the lowest declared versions ------------------------------------------------------
[ -z "$DOCS_FAILED" ] || { echo "mkdocs build --strict failed (its warnings are above)" >&2; exit 1; }
exit "$rc"
