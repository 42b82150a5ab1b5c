"""Signing a user in without any flow (``/emulator/sign-in``, the pytest plugin's
``sign_in``): the user is created or updated so that refresh reproduces the same roles,
permissions and tenants; unknown tenants are created."""

from __future__ import annotations

from typing import Any

from ..state import Emulator
from . import sessions, users


def sign_in(
    e: Emulator,
    login_id: str,
    *,
    roles: list[str],
    permissions: list[str],
    tenants: list[dict[str, Any]],
    custom_claims: dict[str, Any],
    user_fields: dict[str, Any],
    session_ttl: int | None,
    refresh_ttl: int | None,
) -> dict[str, Any]:
    """The JWT answer plus ``userId`` and ``loginId``. ``tenants``: memberships
    ``{"tenantId", "roleNames", "permissions"}``; a ttl <= 0 mints an expired token."""
    with e.store.tx():
        user = e.store.users.by_login_id(login_id)
        first_seen = user is None
        if user is None:
            user = users.new_user(e, login_id, user_fields)
            user["verifiedEmail"] = bool(user["email"])
            user["verifiedPhone"] = bool(user["phone"])
        user["roleNames"] = roles
        user["_permissions"] = permissions
        user["userTenants"] = tenants
        for assoc in tenants:
            tid = assoc["tenantId"]
            if e.store.tenants.get(tid) is None:
                e.store.tenants.save({"id": tid, "name": tid, "selfProvisioningDomains": [],
                                      "customAttributes": {}})
        e.store.users.save(user)
    resp = sessions.issue(
        e,
        user,
        amr=["emulator"],
        custom_claims=custom_claims,
        session_ttl=session_ttl,
        refresh_ttl=refresh_ttl,
        first_seen=first_seen,
    )
    resp["userId"] = user["userId"]
    resp["loginId"] = login_id
    return resp
