"""Descope for ASGI apps: `DescopeMiddleware`, endpoint guards, FastAPI dependencies,
WebSocket sessions (`descope_websocket`, `websocket_session`).

The FastAPI helpers (`descope_session`, `add_openapi_responses`, `DESCOPE_RESPONSES`)
are imported on first access so FastAPI stays optional.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .decorators import (
    check_connection,
    descope_login_required,
    descope_logout,
    descope_permissions_required,
    descope_roles_required,
    require_session,
    set_session_cookies,
)
from .middleware import DescopeASGIState, DescopeDenied, DescopeMiddleware, DescopeUser
from .websocket import DescopeWebSocket, descope_websocket, websocket_session

if TYPE_CHECKING:
    from .fastapi import DESCOPE_RESPONSES, add_openapi_responses, descope_session

_FASTAPI_NAMES = frozenset({"DESCOPE_RESPONSES", "add_openapi_responses", "descope_session"})

__all__ = [
    "DESCOPE_RESPONSES",
    "DescopeASGIState",
    "DescopeDenied",
    "DescopeMiddleware",
    "DescopeUser",
    "DescopeWebSocket",
    "add_openapi_responses",
    "check_connection",
    "descope_login_required",
    "descope_logout",
    "descope_permissions_required",
    "descope_roles_required",
    "descope_session",
    "descope_websocket",
    "require_session",
    "set_session_cookies",
    "websocket_session",
]


def __getattr__(name: str) -> Any:
    if name in _FASTAPI_NAMES:
        from . import fastapi

        return getattr(fastapi, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
