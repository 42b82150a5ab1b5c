#!/usr/bin/env bash
# The integration matrix and the emulator's pytest plugin again, on the LOWEST versions
# pyproject.toml declares (scripts/lowest-versions.txt) in their own venv, .venv-lowest; the
# main run (scripts/test.sh) covers the newest. Called by scripts/test.sh after the main run.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv-lowest
PINS=scripts/lowest-versions.txt
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV" || exit 1
# install only when the pins changed since the last install (a stamp holds their digest)
want=$(sha256sum "$PINS" pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$VENV/.pins" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip || exit 1
  # the emulator's own dependencies and the test tools are not pinned (see the pins file)
  "$VENV/bin/python" -m pip install -q -r "$PINS" webauthn bcrypt cbor2 pytest pytest-timeout \
    || { echo "could not install the lowest declared versions ($PINS)" >&2; exit 1; }
  "$VENV/bin/python" -m pip install -q --no-deps -e . || exit 1
  echo "$want" > "$VENV/.pins"
fi
"$VENV/bin/python" -c "from importlib.metadata import version as v; print('lowest versions:', \
', '.join(n + ' ' + v(n) for n in ('Flask', 'Werkzeug', 'Django', 'djangorestframework', \
'django-ninja', 'starlette', 'fastapi', 'httpx', 'redis', 'requests', 'PyJWT')))"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/integrations \
  tests/emulator/test_pytest_plugin_extra.py
rc=$?
[ "$rc" -eq 5 ] && { echo "pytest collected no tests on the lowest versions: failing" >&2; exit 1; }
exit "$rc"
