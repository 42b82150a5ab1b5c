"""Descope for Flask: `Descope(app)`, `current_session` and route decorators."""

from descope_core.outcome import AnonymousSession

from .decorators import (
    descope_login_required,
    descope_permissions_required,
    descope_roles_required,
)
from .extension import (
    Descope,
    DescopeState,
    check_request,
    current_session,
    descope_logout,
    get_outcome,
    respond,
    set_session_cookies,
)

__all__ = [
    "AnonymousSession",
    "Descope",
    "DescopeState",
    "check_request",
    "current_session",
    "descope_login_required",
    "descope_logout",
    "descope_permissions_required",
    "descope_roles_required",
    "get_outcome",
    "respond",
    "set_session_cookies",
]
