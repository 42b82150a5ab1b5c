"""The hostile-input corpus of guard misuse: guards used bare, without the call, or with
wrong arguments, on every framework. They fail at decoration (import time) naming the
fix, or fail closed; never open a route, never a 500. `Depends(descope_session)` without
the call is checked over a real uvicorn server.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
import requests

from tests.support.servers import REQUIRES, client_kwargs_for, serve_asgi

PACKAGES = {"flask": "descope_flask", "asgi": "descope_asgi", "django": "descope_django"}


def guards(framework: str) -> Any:
    pytest.importorskip(REQUIRES[framework])
    return importlib.import_module(PACKAGES[framework])


def endpoint(request: Any) -> dict[str, bool]:  # a view/endpoint for every framework
    return {"reached": True}


MISUSES: list[tuple[str, Callable[[Any], Any], str]] = [
    ("roles-bare", lambda g: g.descope_roles_required(endpoint), 'descope_roles_required("admin")'),
    ("roles-empty", lambda g: g.descope_roles_required()(endpoint), "at least one"),
    (
        "permissions-bare",
        lambda g: g.descope_permissions_required(endpoint),
        'descope_permissions_required("admin")',
    ),
    ("permissions-empty", lambda g: g.descope_permissions_required()(endpoint), "at least one"),
    ("login-positional-role", lambda g: g.descope_login_required("admin"), "keyword arguments"),
    ("roles-not-strings", lambda g: g.descope_login_required(roles=[1])(endpoint), "strings"),
    ("roles-empty-string", lambda g: g.descope_roles_required("")(endpoint), "strings"),
    ("tenant-not-string", lambda g: g.descope_roles_required("a", tenant=7)(endpoint), "tenant"),
]


@pytest.mark.parametrize("framework", ["flask", "asgi", "django"])
@pytest.mark.parametrize(("case", "misuse", "hint"), MISUSES, ids=[m[0] for m in MISUSES])
def test_misused_guard_fails_at_decoration_naming_the_fix(
    framework: str, case: str, misuse: Callable[[Any], Any], hint: str
) -> None:
    with pytest.raises(TypeError) as excinfo:
        misuse(guards(framework))
    assert hint in str(excinfo.value)


@pytest.mark.parametrize("framework", ["flask", "asgi", "django"])
def test_roles_as_one_list_are_accepted(framework: str) -> None:
    guarded = guards(framework).descope_roles_required(["admin", "ops"])(endpoint)
    assert callable(guarded)


def test_asgi_endpoint_without_a_request_fails_at_decoration() -> None:
    g = guards("asgi")

    def no_request() -> dict[str, bool]:
        return {"reached": True}

    with pytest.raises(TypeError, match="request: Request"):
        g.descope_login_required(no_request)


# -- FastAPI: Depends(descope_session) without the call --------------------------------------


def _fastapi_app(emulator: Any) -> Any:
    pytest.importorskip("fastapi")
    from descope_asgi import DescopeMiddleware, add_openapi_responses, descope_session
    from fastapi import Depends, FastAPI

    from descope_core.outcome import DescopeSession

    app = FastAPI()
    app.add_middleware(DescopeMiddleware, **client_kwargs_for(emulator))

    @app.get("/bare")
    def bare(session: DescopeSession = Depends(descope_session)) -> dict[str, Any]:  # noqa: B008
        return {"user_id": session.user_id}

    @app.get("/called")
    def called(
        session: DescopeSession = Depends(descope_session(roles="admin")),  # noqa: B008
    ) -> dict[str, Any]:
        return {"user_id": session.user_id}

    @app.get("/open")
    def open_route() -> dict[str, bool]:
        return {"open": True}

    add_openapi_responses(app)
    return app


def test_bare_depends_is_login_required_over_http(descope_emulator: Any) -> None:
    app = _fastapi_app(descope_emulator)
    tokens = descope_emulator.sign_in("bare-depends@example.com")
    with serve_asgi(app) as base:
        anonymous = requests.get(base + "/bare?roles=x&permissions=y", timeout=30)
        assert anonymous.status_code == 401, anonymous.text
        assert anonymous.json()["reason"] == "missing"
        signed_in = requests.get(
            base + "/bare", cookies={"DS": tokens["sessionJwt"]}, timeout=30
        )
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json() == {"user_id": tokens["userId"]}


def test_openapi_lists_security_and_401_403_not_query_parameters(descope_emulator: Any) -> None:
    app = _fastapi_app(descope_emulator)
    with serve_asgi(app) as base:
        schema = requests.get(base + "/openapi.json", timeout=30).json()
    for path in ("/bare", "/called"):
        operation = schema["paths"][path]["get"]
        names = [p["name"] for p in operation.get("parameters", ())]
        assert not {"roles", "permissions", "tenant", "cookie_name"} & set(names), names
        schemes = {name for req in operation["security"] for name in req}
        assert schemes == {"DescopeSessionCookie", "DescopeBearer"}
        assert {"401", "403"} <= set(operation["responses"])
    assert "401" not in schema["paths"]["/open"]["get"]["responses"]


def test_descope_session_refuses_stray_keywords() -> None:
    pytest.importorskip("fastapi")
    from descope_asgi import descope_session

    with pytest.raises(TypeError, match="unexpected arguments"):
        descope_session(role="admin")
