"""A new user's first hour: Flask's anonymous session object and the session in
templates; `manage.py check` on a DESCOPE_BASE_URL without a scheme; a wrong project id
names the expected one (client side and emulator side)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from descope_core import AnonymousSession, DescopeClient
from descope_core.exceptions import AuthException

REPO_ROOT = Path(__file__).resolve().parents[2]


# -- Flask --------------------------------------------------------------------------------


def flask_app(emulator: Any) -> Any:
    flask = pytest.importorskip("flask")
    from descope_flask import Descope, current_session

    app = flask.Flask(__name__)
    app.config.update(
        TESTING=True,
        DESCOPE_PROJECT_ID=emulator.project_id,
        DESCOPE_BASE_URL=emulator.base_url,
        DESCOPE_COOKIE_SECURE=False,
    )
    Descope(app)

    @app.get("/who")
    def who() -> dict[str, Any]:
        return {
            "authenticated": current_session.is_authenticated,
            "truthy": bool(current_session),
            "type": type(current_session._get_current_object()).__name__,  # type: ignore[attr-defined]
            "admin": current_session.has_roles("admin"),
            "user": current_session.user_id,
        }

    @app.get("/page")
    def page() -> str:
        return flask.render_template_string(
            "{% if descope_session.is_authenticated %}hello {{ descope_session.user_id }}"
            "{% else %}please sign in{% endif %}"
        )

    return app


def test_flask_anonymous_session_object(descope_emulator: Any) -> None:
    app = flask_app(descope_emulator)
    body = app.test_client().get("/who").get_json()
    assert body == {
        "authenticated": False,
        "truthy": False,
        "type": "AnonymousSession",
        "admin": False,
        "user": "",
    }
    tokens = descope_emulator.sign_in("ada@example.com", roles=["admin"])
    signed_in = app.test_client().get(
        "/who", headers={"Authorization": "Bearer " + tokens["sessionJwt"]}
    )
    assert signed_in.get_json() == {
        "authenticated": True,
        "truthy": True,
        "type": "DescopeSession",
        "admin": True,
        "user": tokens["userId"],
    }


def test_flask_session_in_templates(descope_emulator: Any) -> None:
    app = flask_app(descope_emulator)
    assert app.test_client().get("/page").text == "please sign in"
    tokens = descope_emulator.sign_in("ada@example.com")
    r = app.test_client().get("/page", headers={"Authorization": "Bearer " + tokens["sessionJwt"]})
    assert r.text == "hello " + tokens["userId"]


def test_anonymous_session_answers_every_check_with_false() -> None:
    anonymous = AnonymousSession()
    assert not anonymous and anonymous.is_authenticated is False
    assert anonymous.has_permissions("x") is False and anonymous.has_roles("x", tenant="t") is False
    assert anonymous.roles == () and dict(anonymous.tenants) == {} and anonymous.refresh_token is None


# -- Django: manage.py check ---------------------------------------------------------------

SETTINGS = """
SECRET_KEY = "first-hour"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "descope_django"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "descope_django.middleware.DescopeMiddleware",
]
AUTHENTICATION_BACKENDS = ["descope_django.backends.DescopeBackend"]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
DESCOPE_PROJECT_ID = "P2FirstHourProject"
DESCOPE_BASE_URL = {base_url!r}
"""


def manage_check(tmp_path: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("django")
    (tmp_path / "first_hour_settings.py").write_text(SETTINGS.format(base_url=base_url))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "first_hour_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO_ROOT)]),
    }
    env.pop("DESCOPE_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )


def test_manage_py_check_refuses_a_base_url_without_scheme(tmp_path: Path) -> None:
    result = manage_check(tmp_path, "localhost:4040")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "descope_django.E004" in out
    assert '"http://localhost:4040"' in out  # the hint writes the fix
    assert "Traceback" not in out


def test_manage_py_check_accepts_a_base_url_with_scheme(tmp_path: Path) -> None:
    result = manage_check(tmp_path, "http://localhost:4040")
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]


# -- a wrong project id --------------------------------------------------------------------


def test_wrong_project_id_names_the_id_the_emulator_serves(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    client = DescopeClient("P2SomeOtherProject", base_url=descope_emulator.base_url)
    try:
        with pytest.raises(AuthException) as info:
            client.validate_session(tokens["sessionJwt"])
    finally:
        client.close()
    assert repr(descope_emulator.project_id) in str(info.value)


def test_token_of_another_project_names_both_ids(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    jwks = requests.get(
        f"{descope_emulator.base_url}/v2/keys/{descope_emulator.project_id}", timeout=30
    ).json()
    client = DescopeClient(
        "P2SomeOtherProject", base_url=descope_emulator.base_url, public_key=jwks["keys"][0]
    )
    try:
        with pytest.raises(AuthException) as info:
            client.validate_session(tokens["sessionJwt"])
    finally:
        client.close()
    message = str(info.value)
    assert "'P2SomeOtherProject'" in message and repr(descope_emulator.project_id) in message


def test_emulator_names_the_project_id_it_expects(descope_emulator: Any) -> None:
    r = requests.post(
        descope_emulator.base_url + "/v1/auth/refresh",
        headers={"Authorization": "Bearer P2WrongProject"},
        json={},
        timeout=30,
    )
    assert r.status_code == 401
    assert repr(descope_emulator.project_id) in r.json()["errorMessage"]


# -- the names a user writes --------------------------------------------------------------

IMPORTS = """
from descope_flask import (
    Descope, current_session, descope_login_required, descope_permissions_required,
    descope_roles_required,
)
from descope_django import (
    descope_login_required as dj_login, descope_permissions_required as dj_perms,
    descope_roles_required as dj_roles,
)
import descope_django.decorators as decorators
assert dj_login is decorators.descope_login_required
assert dj_roles is decorators.descope_roles_required
assert dj_perms is decorators.descope_permissions_required
from descope_asgi import (
    DescopeMiddleware, descope_login_required, descope_roles_required, descope_session,
)
print("ok")
"""


def test_guards_import_from_each_package_root_without_settings() -> None:
    """The import lines the docs show work in a fresh interpreter, Django unconfigured."""
    pytest.importorskip("flask")
    pytest.importorskip("django")
    pytest.importorskip("fastapi")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS], capture_output=True, text=True, timeout=120, env=env,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def test_ninja_auth_documents_its_parameters() -> None:
    """`DescopeAuth(roles=..., permissions=..., tenant=...)`: each named in its docstring
    (read from the source: importing ninja needs configured Django settings)."""
    import ast

    source = (REPO_ROOT / "integrations/descope_django/ninja.py").read_text(encoding="utf-8")
    auth = next(
        node for node in ast.parse(source).body
        if isinstance(node, ast.ClassDef) and node.name == "DescopeAuth"
    )
    init = next(f for f in auth.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
    doc = ast.get_docstring(init) or ""
    for name in ("roles", "permissions", "tenant"):
        assert f"{name}:" in doc
