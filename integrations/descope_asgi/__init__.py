"""Descope for ASGI apps: `DescopeMiddleware`, endpoint guards, FastAPI dependencies,
WebSocket sessions (`descope_websocket`, `websocket_session`).

`descope_session` (FastAPI) is imported on first access so FastAPI stays optional.
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
    from .fastapi import descope_session

__all__ = [
    "DescopeASGIState",
    "DescopeDenied",
    "DescopeMiddleware",
    "DescopeUser",
    "DescopeWebSocket",
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
    if name == "descope_session":
        from .fastapi import descope_session

        return descope_session
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
