"""Shared by the matrix apps: the USER JSON of README.md, from a session only."""

from __future__ import annotations

from typing import Any

from descope_core.outcome import DescopeSession


def user_json(session: DescopeSession) -> dict[str, Any]:
    return {
        "user_id": session.user_id,
        "roles": list(session.roles),
        "permissions": list(session.permissions),
        "tenants": {tid: dict(value) for tid, value in session.tenants.items()},
        "refreshed": session.refreshed,
    }
