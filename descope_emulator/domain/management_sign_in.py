"""Sign-in from the backend (``mgmt.jwt.sign_in`` / ``sign_up`` / ``sign_up_or_in`` /
``anonymous``): the application has checked the user by its own means and asks for a real
session without a credential.

The emulator's choices where Descope documents nothing: the ``amr`` of such a session is
``["mgmt"]``; a step-up / MFA sign-in (which needs the user's current ``jwt``) keeps the
factors that token carries, MFA adds ``mfa`` and step-up marks both tokens ``su: true``;
custom claims are the management API's, so they are top-level claims. Anonymous sessions
belong to no user: ``sub`` is a fresh id, the claim ``danu`` (Descope anonymous user) is
true, they refresh like any session and their ``user`` answer is empty."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..signing_keys import TokenError
from ..state import Emulator
from ..storage import new_id
from . import sessions, users

MGMT_AMR = "mgmt"
ANONYMOUS_CLAIM = "danu"


def _prior_amr(e: Emulator, user: dict[str, Any], token: str) -> list[str]:
    """The factors of the user's current ``token`` (a session or refresh JWT of theirs)."""
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_JWT(f"Invalid JWT: {exc}") from exc
    if claims.get("iss") != e.project_id:
        raise errors.INVALID_JWT("JWT was not issued for this project")
    if claims.get("sub") != user["userId"]:
        raise errors.INVALID_JWT("The JWT belongs to another user")
    if claims.get("drn") == "DSR":
        sessions.check_refresh(e, token)  # not revoked, not rotated away
    amr = claims.get("amr")
    return [a for a in amr if isinstance(a, str)] if isinstance(amr, list) else []


def sign_in(
    e: Emulator,
    login_id: str,
    *,
    stepup: bool,
    mfa: bool,
    revoke_others: bool,
    custom_claims: dict[str, Any],
    token: str,
    refresh_duration: int | None,
) -> dict[str, Any]:
    """Tokens for an existing, enabled user (404 unknown, 403 disabled). Step-up and MFA
    need ``token``, the user's current JWT (400 without it or for another user's)."""
    user = users.require_signin_user(e, login_id)
    claims = dict(custom_claims)
    amr = [MGMT_AMR]
    if stepup or mfa:
        if not token:
            raise errors.INVALID_REQUEST("'jwt' is required for step-up or MFA")
        amr = [*_prior_amr(e, user, token), MGMT_AMR]
        if mfa and "mfa" not in amr:
            amr.append("mfa")
        if stepup:
            claims["su"] = True
    return sessions.issue(
        e, user, amr=amr, custom_claims=claims, revoke_others=revoke_others,
        refresh_ttl=_ttl(refresh_duration),
    )


def sign_up(
    e: Emulator, login_id: str, fields: dict[str, Any], custom_claims: dict[str, Any],
    refresh_duration: int | None,
) -> dict[str, Any]:
    """Create the user (409 when the login id is taken) and sign them in. ``fields``: the
    profile (name, given/middle/family name, email, phone), the verified flags and an SSO
    application id, as the management API sets them (trusted, unlike a client's sign-up)."""
    if e.store.users.by_login_id(login_id) is not None:
        raise errors.USER_EXISTS(f"User '{login_id}' already exists")
    app_id = fields.pop("ssoAppId", "")
    user = users.new_user(e, login_id, fields)
    if app_id:
        if e.store.sso_applications.get(app_id) is None:
            raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
        user["ssoAppIds"] = [app_id]
    users.check_login_ids_free(e, user)
    with e.store.tx():
        e.store.users.save(user)
        users.record_created(e, user, invited=False)
    return sessions.issue(e, user, amr=[MGMT_AMR], custom_claims=custom_claims,
                          refresh_ttl=_ttl(refresh_duration), first_seen=True)


def sign_up_or_in(
    e: Emulator, login_id: str, fields: dict[str, Any], custom_claims: dict[str, Any],
    refresh_duration: int | None,
) -> dict[str, Any]:
    """Sign the user in (their profile unchanged), creating them first when unknown."""
    if e.store.users.by_login_id(login_id) is None:
        return sign_up(e, login_id, fields, custom_claims, refresh_duration)
    return sign_in(e, login_id, stepup=False, mfa=False, revoke_others=False,
                   custom_claims=custom_claims, token="", refresh_duration=refresh_duration)


def anonymous(
    e: Emulator, custom_claims: dict[str, Any], tenant_id: str, refresh_duration: int | None
) -> dict[str, Any]:
    """Tokens of a new anonymous user (no user record; ``dct`` is the selected tenant, which
    must exist)."""
    if tenant_id and e.store.tenants.get(tenant_id) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")
    claims = {**custom_claims, ANONYMOUS_CLAIM: True}
    return sessions.issue_anonymous(e, new_id("A"), claims, tenant_id or None,
                                    refresh_ttl=_ttl(refresh_duration))


def _ttl(refresh_duration: int | None) -> int | None:
    return refresh_duration if refresh_duration and refresh_duration > 0 else None
