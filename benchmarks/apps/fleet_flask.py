"""The app of the fleet benchmark and tests: one protected route, configured the way a
team would configure it, from `app.config["DESCOPE_*"]`, `DESCOPE_REDIS_URL` included.

    FLEET_REDIS_URL=redis://127.0.0.1:6379/0 gunicorn -w 4 benchmarks.apps.fleet_flask:app

`FLEET_REDIS_URL` empty or unset: no coordinator (per-process single flight only).
"""

from __future__ import annotations

import os

from descope_flask import Descope, current_session, descope_login_required
from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

app = Flask(__name__)
app.config.update(
    DESCOPE_PROJECT_ID=os.environ.get("DESCOPE_PROJECT_ID", ""),
    DESCOPE_BASE_URL=os.environ.get("DESCOPE_BASE_URL", ""),
    DESCOPE_COOKIE_SECURE=False,
    DESCOPE_REDIS_URL=os.environ.get("FLEET_REDIS_URL") or None,
)
Descope(app)


@app.get("/open")
def open_route() -> str:
    return "hello"


@app.get("/protected")
@descope_login_required
def protected() -> ResponseReturnValue:
    return jsonify(user=current_session.user_id, refreshed=current_session.refreshed, pid=os.getpid())
