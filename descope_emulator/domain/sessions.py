"""Sessions: the claims a user's tokens carry, issuing a session + refresh pair, checking
and refreshing a refresh token, and the Descope JWT answer."""

from __future__ import annotations

import secrets
from typing import Any

from .. import errors
from ..signing_keys import TokenError
from ..state import Emulator
from .audit import record_user_event
from .roles import role_permissions
from .users import activate_invited, public_user

# Claims the emulator owns; custom claims may not override them.
RESERVED_CLAIMS = frozenset(
    {"sub", "iss", "iat", "exp", "nbf", "aud", "jti", "drn", "amr", "roles", "permissions",
     "tenants", "dct", "dsub", "nsec"}
)


def authz_claims(
    e: Emulator,
    role_names: list[str],
    extra_permissions: list[str],
    user_tenants: list[dict[str, Any]],
) -> dict[str, Any]:
    """``roles``, ``permissions`` and ``tenants`` claims for roles and memberships."""
    permissions = role_permissions(e, role_names)
    for perm in extra_permissions:
        if perm not in permissions:
            permissions.append(perm)
    tenants: dict[str, Any] = {}
    for assoc in user_tenants:
        tid = assoc.get("tenantId")
        if not isinstance(tid, str) or not tid:
            continue
        t_roles = list(assoc.get("roleNames") or [])
        t_perms = role_permissions(e, t_roles, tid)
        for perm in assoc.get("permissions") or []:
            if perm not in t_perms:
                t_perms.append(perm)
        tenants[tid] = {"roles": t_roles, "permissions": t_perms}
    return {"roles": list(role_names), "permissions": permissions, "tenants": tenants}


def user_claims(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    """The authorization claims of a user."""
    return authz_claims(
        e,
        list(user.get("roleNames") or []),
        list(user.get("_permissions") or []),
        list(user.get("userTenants") or []),
    )


def _times(ttl: int, now: int) -> tuple[int, int]:
    """(iat, exp) for a ttl; ttl <= 0 gives a token that is already expired (beyond any
    validation leeway)."""
    if ttl > 0:
        return now, now + ttl
    exp = now + min(ttl, -60)
    return exp - 60, exp


def _base_claims(
    e: Emulator, sub: str, context: dict[str, Any], authz: dict[str, Any]
) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for key, value in (context.get("customClaims") or {}).items():
        if key not in RESERVED_CLAIMS:
            claims[key] = value
    if context.get("nsec"):
        claims["nsec"] = context["nsec"]
    claims.update(sub=sub, iss=e.project_id, amr=list(context.get("amr") or []))
    claims.update(authz)
    if context.get("dct"):
        claims["dct"] = context["dct"]
    return claims


def mint_session(
    e: Emulator,
    sub: str,
    context: dict[str, Any],
    authz: dict[str, Any],
    session_ttl: int | None = None,
) -> tuple[str, int]:
    """A session JWT for ``sub``; returns (jwt, exp)."""
    now = int(e.now())
    ttl = e.config.session_ttl if session_ttl is None else session_ttl
    iat, exp = _times(ttl, now)
    claims = _base_claims(e, sub, context, authz)
    claims.update(drn="DS", iat=iat, exp=exp)
    return e.keys.sign(claims), exp


def jwt_response(
    e: Emulator,
    session_jwt: str,
    refresh_jwt: str,
    refresh_exp: int,
    user: dict[str, Any] | None,
    first_seen: bool,
) -> dict[str, Any]:
    """Descope's JWT answer body."""
    now = int(e.now())
    return {
        "sessionJwt": session_jwt,
        "refreshJwt": refresh_jwt,
        "cookieDomain": "",
        "cookiePath": "/",
        "cookieMaxAge": max(refresh_exp - now, 0),
        "cookieExpiration": refresh_exp,
        "user": public_user(user) if user else {},
        "firstSeen": first_seen,
    }


def issue(
    e: Emulator,
    user: dict[str, Any],
    *,
    amr: list[str],
    custom_claims: dict[str, Any] | None = None,
    dct: str | None = None,
    session_ttl: int | None = None,
    refresh_ttl: int | None = None,
    first_seen: bool = False,
    revoke_others: bool = False,
    record_login: bool = True,
) -> dict[str, Any]:
    """Mint a session + refresh token pair and build the Descope JWT response body."""
    now = int(e.now())
    r_ttl = e.config.refresh_ttl if refresh_ttl is None else refresh_ttl
    r_iat, r_exp = _times(r_ttl, now)
    jti = secrets.token_hex(16)
    context: dict[str, Any] = {"amr": amr, "customClaims": custom_claims or {}, "dct": dct}
    if session_ttl is not None and session_ttl > 0:
        context["sessionTtl"] = session_ttl
    authz = user_claims(e, user)
    refresh_claims = _base_claims(e, user["userId"], context, authz)
    refresh_claims.update(drn="DSR", iat=r_iat, exp=r_exp, jti=jti)
    refresh_jwt = e.keys.sign(refresh_claims)
    with e.store.tx():
        activate_invited(e, user)
        if revoke_others:
            e.store.refresh_tokens.revoke_user(user["userId"])
        e.store.refresh_tokens.add(jti, user["userId"], r_exp, context)
        if record_login:
            e.store.login_history.add(
                user["userId"], now, {"ip": "127.0.0.1", "city": "Localhost", "country": "ZZ"}
            )
            record_user_event(e, "LoginSucceed", user, amr=amr)
    session_jwt, _ = mint_session(e, user["userId"], context, authz, session_ttl)
    return jwt_response(e, session_jwt, refresh_jwt, r_exp, user, first_seen)


def check_refresh(
    e: Emulator, token: str | None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Validate a refresh JWT: signature, expiry, type, issuer, not revoked, user alive.
    Returns (claims, context, user) or raises a 401 ApiError."""
    if not token:
        raise errors.REFRESH_TOKEN_MISSING("Refresh token is missing")
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.REFRESH_TOKEN_INVALID(f"Invalid refresh token: {exc}") from exc
    if claims.get("drn") != "DSR" or claims.get("iss") != e.project_id:
        raise errors.REFRESH_TOKEN_INVALID("Token is not a refresh token of this project")
    jti = claims.get("jti")
    row = e.store.refresh_tokens.get(jti) if isinstance(jti, str) else None
    if row is None or row["revoked"]:
        raise errors.REFRESH_TOKEN_REVOKED("Refresh token was revoked")
    if row["exp"] <= e.now():
        raise errors.REFRESH_TOKEN_EXPIRED("Refresh token expired")
    user = e.store.users.by_id(row["userId"])
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    if user.get("status") == "disabled":
        raise errors.USER_SESSION_GONE("User is disabled")
    return claims, row["context"], user


def refresh(e: Emulator, token: str | None) -> dict[str, Any]:
    """Mint a new session token for a valid refresh token.

    Rotation policy: the emulator keeps the same refresh JWT (it is returned again as
    ``refreshJwt``). Descope does the same for projects without refresh-token rotation,
    and it keeps clients simple; the contract allows either behaviour.
    """
    claims, context, user = check_refresh(e, token)
    record_user_event(e, "TokenRefreshed", user, amr=context.get("amr"))
    authz = user_claims(e, user)
    session_jwt, _ = mint_session(e, user["userId"], context, authz, context.get("sessionTtl"))
    assert token is not None
    return jwt_response(e, session_jwt, token, int(claims["exp"]), user, False)


def issue_after_flow(
    e: Emulator, user: dict[str, Any], flow: dict[str, Any], first_seen: bool, method_amr: str
) -> dict[str, Any]:
    """Tokens at the end of a sign-in flow: the flow's login options (custom claims,
    revoke other sessions) and step-up amr are applied."""
    opts = flow.get("opts") or {}
    amr = list(flow.get("stepupAmr") or [])
    if method_amr not in amr:
        amr.append(method_amr)
    return issue(
        e,
        user,
        amr=amr,
        custom_claims=opts.get("customClaims") or {},
        first_seen=first_seen,
        revoke_others=bool(opts.get("revokeOtherSessions")),
    )


def revoke(e: Emulator, token: str | None) -> dict[str, Any]:
    """Revoke a valid refresh token; returns its user."""
    claims, _, user = check_refresh(e, token)
    e.store.refresh_tokens.revoke(claims["jti"])
    return user
