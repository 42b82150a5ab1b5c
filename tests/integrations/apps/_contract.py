"""Shared by the matrix apps: the USER JSON of README.md, from a session only."""

from __future__ import annotations

from typing import Any

from descope_core.outcome import DescopeSession
from descope_core.tokens import unverified_user_id

# Every matrix app trusts this origin (DESCOPE_TRUSTED_ORIGINS / trusted_origins=).
TRUSTED_ORIGIN = "https://app.trusted.example"


def user_json(session: DescopeSession) -> dict[str, Any]:
    return {
        "user_id": session.user_id,
        "roles": list(session.roles),
        "permissions": list(session.permissions),
        "tenants": {tid: dict(value) for tid, value in session.tenants.items()},
        "refreshed": session.refreshed,
        # whose refresh token the session carries (None: none, or another user's ignored)
        "refresh_user_id": unverified_user_id(session.refresh_token)
        if session.refresh_token
        else None,
    }


def unguarded_json(session: DescopeSession | None) -> dict[str, Any]:
    """The body of the unguarded routes: who the request is, if anyone."""
    return {"unguarded": True, "user_id": session.user_id if session else None}
