"""Flask "hello" routes: open, ours (`descope_login_required`), official decorator.

    gunicorn benchmarks.apps.flask_bench:app
"""

from __future__ import annotations

from flask import Flask

from benchmarks.apps._env import PROJECT_ID, PUBLIC_KEY, our_client

app = Flask(__name__)


@app.get("/open")
def open_route() -> str:
    return "hello"


try:
    from descope_flask import Descope, descope_login_required

    Descope(app, client=our_client())

    @app.get("/protected")
    @descope_login_required
    def protected() -> str:
        return "hello"
except ImportError:  # our integration not importable: the runner reports n/a
    pass

try:
    import descope
    from descope.flask import descope_validate_auth

    _official = descope.DescopeClient(project_id=PROJECT_ID, public_key=PUBLIC_KEY)

    @app.get("/official")
    @descope_validate_auth(_official)
    def official() -> str:
        return "hello"
except ImportError:
    pass


plain = Flask("plain")  # the same route with no Descope installed at all


@plain.get("/open")
def plain_open() -> str:
    return "hello"
