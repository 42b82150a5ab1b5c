"""Impersonation: who may impersonate (the ``Impersonate`` permission, project-wide or
in the selected tenant), the target's consent, and the tokens it yields."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..signing_keys import TokenError
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
    stepup: bool = False,
) -> str:
    """The refresh JWT of a session of ``login_id`` acting for the impersonator (a step-up
    session, ``su: true``, when ``stepup``)."""
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
    if stepup:
        claims["su"] = True
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
        data={"impersonatorId": impersonator["userId"], "stepup": stepup},
    )
    return str(resp["refreshJwt"])


def stop(
    e: Emulator,
    token: str,
    *,
    custom_claims: dict[str, Any],
    tenant_id: str,
    refresh_duration: int | None,
) -> str:
    """End an impersonation: the impersonation's refresh token is revoked and the
    impersonator gets a refresh JWT of their own (``tenant_id`` as ``dct``). 400 for a JWT
    that is not a live impersonation JWT of this project."""
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_JWT(f"Invalid JWT: {exc}") from exc
    act = claims.get("act")
    if claims.get("iss") != e.project_id or not isinstance(act, dict) or act.get("family"):
        raise errors.INVALID_JWT("The JWT is not an impersonation JWT of this project")
    if claims.get("drn") == "DSR":
        sessions.check_refresh(e, token)  # a revoked impersonation cannot be stopped twice
    impersonator = e.store.users.by_id(str(act.get("sub")))
    if impersonator is None:
        raise errors.USER_NOT_FOUND("The impersonator no longer exists")
    users.require_enabled(impersonator)
    if tenant_id and tenant_id not in [
        t.get("tenantId") for t in impersonator.get("userTenants") or []
    ]:
        raise errors.NOT_TENANT_MEMBER(f"User is not a member of tenant '{tenant_id}'")
    jti = claims.get("jti")
    if claims.get("drn") == "DSR" and isinstance(jti, str):
        e.store.refresh_tokens.revoke(jti)
    resp = sessions.issue(
        e, impersonator, amr=["mgmt"], custom_claims=custom_claims, dct=tenant_id or None,
        refresh_ttl=refresh_duration, record_login=False,
    )
    audit.record(
        e, "ImpersonationStopped", user_id=str(claims.get("sub", "")),
        actor_id=impersonator["userId"], data={"impersonatorId": impersonator["userId"]},
    )
    return str(resp["refreshJwt"])
