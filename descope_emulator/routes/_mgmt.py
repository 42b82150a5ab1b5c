"""Helpers shared by the issue-4 management route modules (``mgmt_*.py``): the
management-key check, audit recording and small lookups."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from .. import errors, mgmt_store
from ..service import Emulator
from ._common import require_management


def require_mgmt(request: Request) -> Emulator:
    """`Authorization: Bearer <projectId>:<managementKey>` or a 401 (the shared check)."""
    return require_management(request)


def audit(e: Emulator, action: str, **fields: Any) -> None:
    """Record an audit event at the emulator's clock."""
    mgmt_store.add_audit(e.store, action, occurred=e.now(), **fields)


def user_of(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """The user named by `loginId` or `userId` in a body (404 if unknown)."""
    login_id = body.get("loginId")
    user_id = body.get("userId")
    user = None
    if isinstance(login_id, str) and login_id:
        user = e.store.user_by_login_id(login_id)
    elif isinstance(user_id, str) and user_id:
        user = e.store.user_by_id(user_id)
    else:
        raise errors.bad_request("'loginId' is required")
    if user is None:
        raise errors.user_not_found(str(login_id or user_id))
    return user


def require_tenant(e: Emulator, tenant_id: str) -> dict[str, Any]:
    tenant = e.store.tenant(tenant_id)
    if tenant is None:
        raise errors.not_found(f"Tenant '{tenant_id}' not found", "E091101")
    return tenant


def all_access_keys(e: Emulator) -> list[dict[str, Any]]:
    from ..store import loads

    return [
        dict(loads(r["data"]))
        for r in e.store.query("SELECT data FROM access_keys ORDER BY created")
    ]


def delete_access_key(e: Emulator, key_id: str) -> bool:
    with e.store.tx() as conn:
        return conn.execute("DELETE FROM access_keys WHERE id=?", (key_id,)).rowcount > 0


def all_roles(e: Emulator) -> list[dict[str, Any]]:
    from ..store import loads

    return [dict(loads(r["data"])) for r in e.store.query("SELECT data FROM roles ORDER BY rowid")]


def all_permissions(e: Emulator) -> list[dict[str, Any]]:
    from ..store import loads

    return [
        dict(loads(r["data"])) for r in e.store.query("SELECT data FROM permissions ORDER BY rowid")
    ]


def all_tenants(e: Emulator) -> list[dict[str, Any]]:
    from ..store import loads

    return [
        dict(loads(r["data"])) for r in e.store.query("SELECT data FROM tenants ORDER BY created")
    ]
