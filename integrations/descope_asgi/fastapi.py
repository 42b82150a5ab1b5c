"""FastAPI dependencies. Importing this module imports FastAPI; nothing else here does.

No `from __future__ import annotations`: FastAPI must see the closure's `Security(...)`
markers at definition time.

    Depends(descope_session())                 # a valid session
    Depends(descope_session(roles=["admin"]))  # and roles / permissions / tenant
    Depends(descope_session)                   # written without the call: the same as
                                               # descope_session(), never an open route
    add_openapi_responses(app)                 # 401/403/503 listed in the OpenAPI document
"""

import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import FastAPI, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from descope_core.guard import Requirements
from descope_core.outcome import DescopeSession

from .decorators import require_session

COOKIE_SCHEME = "DescopeSessionCookie"
BEARER_SCHEME = "DescopeBearer"

_ERROR_BODY = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "reason": {"type": "string"}},
            "required": ["error", "reason"],
        }
    }
}

# What a Descope-protected operation may answer besides its own responses.
DESCOPE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid Descope session", "content": _ERROR_BODY},
    403: {
        "description": "Missing role, permission or tenant; or a cross-site request",
        "content": _ERROR_BODY,
    },
    503: {"description": "Descope unreachable while a refresh was needed", "content": _ERROR_BODY},
}


def _dependency(requirements: Requirements, cookie_name: str) -> Callable[..., DescopeSession]:
    cookie_scheme = APIKeyCookie(name=cookie_name, scheme_name=COOKIE_SCHEME, auto_error=False)
    bearer_scheme = HTTPBearer(scheme_name=BEARER_SCHEME, auto_error=False)

    def dependency(
        conn: HTTPConnection,
        _cookie: Annotated[str | None, Security(cookie_scheme)] = None,
        _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)] = None,
    ) -> DescopeSession:
        return require_session(conn, requirements)

    return dependency


_login_required = _dependency(Requirements(), "DS")


def descope_session(
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
    *,
    cookie_name: str = "DS",
    **injected: Any,
) -> Any:
    """A dependency returning the request's `DescopeSession` or answering 401/403/503.

    `Depends(descope_session(roles=["admin"]))` or `Security(...)`; it declares the cookie
    and bearer security schemes so they appear in the OpenAPI document (see also
    `add_openapi_responses`). The session itself comes from `DescopeMiddleware`, which
    must wrap the app.

    Written without the call, `Depends(descope_session)` is the same as
    `Depends(descope_session())`: FastAPI sees the dependency's own signature (the
    security schemes, no query parameters), so a forgotten `()` never opens a route.

    Raises:
        TypeError: for arguments that are not role/permission names or a tenant id.
    """
    if injected:
        conn = injected.get("conn")
        if isinstance(conn, HTTPConnection) and roles is permissions is tenant is None:
            return _login_required(**injected)  # FastAPI calling the bare function
        raise TypeError(
            f"descope_session() got unexpected arguments {sorted(injected)}; "
            "use descope_session(roles=..., permissions=..., tenant=...)"
        )
    return _dependency(Requirements.of(roles, permissions, tenant), cookie_name)


# What FastAPI reads when `descope_session` itself is the dependency (see above).
descope_session.__signature__ = inspect.signature(_login_required)  # type: ignore[attr-defined]


def add_openapi_responses(app: FastAPI) -> None:
    """List 401/403/503 (`DESCOPE_RESPONSES`) on every operation of `app`'s OpenAPI
    document that uses a Descope dependency (its Descope security schemes), unless the
    operation documents that status itself. Call once, after creating the app."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict):
                    continue
                schemes = {name for req in operation.get("security", ()) for name in req}
                if not schemes & {COOKIE_SCHEME, BEARER_SCHEME}:
                    continue
                responses = operation.setdefault("responses", {})
                for status, doc in DESCOPE_RESPONSES.items():
                    responses.setdefault(str(status), doc)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
