"""FastAPI dependencies. Importing this module imports FastAPI; nothing else here does.

No `from __future__ import annotations`: FastAPI must see the closure's `Security(...)`
markers at definition time.
"""

from collections.abc import Callable, Iterable
from typing import Annotated

from fastapi import Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from descope_core.guard import Requirements
from descope_core.outcome import DescopeSession

from .decorators import require_session


def descope_session(
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
    *,
    cookie_name: str = "DS",
) -> Callable[..., DescopeSession]:
    """A dependency returning the request's `DescopeSession` or answering 401/403/503.

    `Depends(descope_session(roles=["admin"]))` or `Security(...)`; it declares the cookie
    and bearer security schemes so they appear in the OpenAPI document. The session itself
    comes from `DescopeMiddleware`, which must wrap the app.
    """
    requirements = Requirements.of(roles, permissions, tenant)
    cookie_scheme = APIKeyCookie(
        name=cookie_name, scheme_name="DescopeSessionCookie", auto_error=False
    )
    bearer_scheme = HTTPBearer(scheme_name="DescopeBearer", auto_error=False)

    def dependency(
        conn: HTTPConnection,
        _cookie: Annotated[str | None, Security(cookie_scheme)] = None,
        _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)] = None,
    ) -> DescopeSession:
        return require_session(conn, requirements)

    return dependency
