"""What the API examples answer with (shared so DRF, Ninja and WebSocket agree)."""

from __future__ import annotations

from typing import Any

from descope_core import DescopeSession

REPORTS = [
    {"id": 1, "title": "Quarterly revenue"},
    {"id": 2, "title": "Active users"},
]


def describe(session: DescopeSession) -> dict[str, Any]:
    """The session as JSON: who, roles, permissions, tenants (never a token)."""
    return {
        "user_id": session.user_id,
        "roles": list(session.roles),
        "permissions": list(session.permissions),
        "tenants": sorted(session.tenants),
        "expires_at": session.expires_at,
    }
