"""Impersonation: who may impersonate (the ``Impersonate`` permission, project-wide or
in the selected tenant), the target's consent, and the tokens it yields."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from . import audit, sessions, users

IMPERSONATION_PERMISSION = "Impersonate"  # Descope's name (the Tenant Admin role holds it)


def may_impersonate(e: Emulator, user: dict[str, Any], tenant_id: str) -> bool:
    """Whether ``user`` holds the impersonation permission (in ``tenant_id`` when given)."""
    claims = sessions.user_claims(e, user)
    if IMPERSONATION_PERMISSION in claims["permissions"]:
        return True
    if tenant_id:
        return IMPERSONATION_PERMISSION in (claims["tenants"].get(tenant_id) or {}).get(
            "permissions", []
        )
    return False


def impersonate(
    e: Emulator,
    *,
    impersonator_ref: str,
    login_id: str,
    validate_consent: bool,
    tenant_id: str,
    custom_claims: dict[str, Any],
    refresh_duration: int | None,
) -> str:
    """The refresh JWT of a session of ``login_id`` acting for the impersonator."""
    impersonator = users.find_by_login_or_id(e, impersonator_ref)
    if impersonator is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {impersonator_ref}")
    target = e.store.users.by_login_id(login_id)
    if target is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}")
    if not may_impersonate(e, impersonator, tenant_id):
        raise errors.IMPERSONATION_NOT_ALLOWED("Impersonator lacks the 'Impersonate' permission")
    if validate_consent and (target.get("customAttributes") or {}).get(
        "impersonationConsent"
    ) is False:
        raise errors.IMPERSONATION_NO_CONSENT("User did not consent to impersonation")
    users.require_enabled(target)
    if tenant_id and tenant_id not in [t.get("tenantId") for t in target.get("userTenants") or []]:
        raise errors.NOT_TENANT_MEMBER(f"User is not a member of tenant '{tenant_id}'")
    claims = dict(custom_claims)
    claims["act"] = {"sub": impersonator["userId"]}
    resp = sessions.issue(
        e,
        target,
        amr=["imp"],
        custom_claims=claims,
        dct=tenant_id or None,
        refresh_ttl=refresh_duration,
        record_login=False,
    )
    audit.record(
        e,
        "UserImpersonated",
        user_id=target["userId"],
        login_ids=list(target.get("loginIds") or []),
        actor_id=impersonator["userId"],
        tenants=[tenant_id] if tenant_id else [],
        data={"impersonatorId": impersonator["userId"]},
    )
    return str(resp["refreshJwt"])
