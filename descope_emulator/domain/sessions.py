"""Sessions: the claims a user's tokens carry, issuing a session + refresh pair, checking
and refreshing a refresh token, and the Descope JWT answer."""

from __future__ import annotations

import json
import secrets
from typing import Any

from .. import errors
from ..signing_keys import TokenError
from ..state import Emulator
from . import jwt_templates, project_settings, tenant_settings, trusted_devices
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


# Descope's limits on custom claims (keys, values as JSON, keys per JWT)
MAX_CLAIM_KEY = 60
MAX_CLAIM_VALUE = 500
MAX_CLAIMS = 100

# the amr value of a sign-in method, by delivery channel where the method has several
_CHANNEL_AMR = {"email": "email", "sms": "sms", "voice": "sms", "whatsapp": "whatsapp",
                "im": "im", "embedded": "email"}
_METHOD_AMR = {"sso": "fed", "saml": "fed", "oauth": "oauth", "pwd": "pwd", "totp": "totp",
               "webauthn": "webauthn"}


def method_amr(method: str, flow: dict[str, Any]) -> str:
    """Descope's ``amr`` value for a finished sign-in: the channel for OTP and links
    (``email``, ``sms``, ``whatsapp``), ``fed`` for SSO/SAML, else the method's own."""
    if method in ("otp", "magiclink", "enchantedlink", "notp"):
        return _CHANNEL_AMR.get(str(flow.get("channel") or "email"), "email")
    return _METHOD_AMR.get(method, method)


def check_custom_claims(claims: dict[str, Any] | None) -> None:
    """Refuse custom claims beyond Descope's limits (400)."""

    if not claims:
        return
    if len(claims) > MAX_CLAIMS:
        raise errors.INVALID_REQUEST(f"At most {MAX_CLAIMS} custom claims")
    for key, value in claims.items():
        if len(key) > MAX_CLAIM_KEY:
            raise errors.INVALID_REQUEST(f"Custom claim keys are at most {MAX_CLAIM_KEY} characters")
        if len(json.dumps(value)) > MAX_CLAIM_VALUE:
            raise errors.INVALID_REQUEST(
                f"Custom claim '{key}' is longer than {MAX_CLAIM_VALUE} characters")


_METHODS = frozenset({"email", "sms", "whatsapp", "im", "oauth", "fed", "pwd", "totp",
                      "webauthn"})


def _with_mfa(amr: list[str]) -> list[str]:
    """``mfa`` joins once two distinct authentication methods were used."""
    if len({a for a in amr if a in _METHODS}) >= 2 and "mfa" not in amr:
        return [*amr, "mfa"]
    return amr


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
    # dct: the selected tenant while the subject still belongs to it (dropped once the tenant
    # is deleted or the user leaves it); a single-tenant subject's only tenant otherwise
    tenants = authz.get("tenants") or {}
    dct = context.get("dct")
    if dct and (dct in tenants or context.get("anonymous")):
        claims["dct"] = dct
    elif len(tenants) == 1:
        claims["dct"] = next(iter(tenants))
    return claims


def mint_session(
    e: Emulator,
    sub: str,
    context: dict[str, Any],
    authz: dict[str, Any],
    session_ttl: int | None = None,
    *,
    stepup: bool = False,
) -> tuple[str, int]:
    """A session JWT for ``sub``; returns (jwt, exp). Without an explicit ``session_ttl``
    the lifetime is the selected tenant's (session settings on), else the project's.
    ``stepup`` marks a step-up session (``su: true``, on this session token only)."""
    now = int(e.now())
    claims = _base_claims(e, sub, context, authz)
    if stepup:
        claims["su"] = True
    if session_ttl is None:
        session_ttl = tenant_settings.token_ttls(e, claims.get("dct"))[0]
    ttl = project_settings.get(e)["sessionTokenTtl"] if session_ttl is None else session_ttl
    iat, exp = _times(ttl, now)
    claims.update(drn="DS", iat=iat, exp=exp)
    return e.keys.sign(_templated(e, sub, claims, refresh=False)), exp


def _templated(e: Emulator, sub: str, claims: dict[str, Any], *, refresh: bool) -> dict[str, Any]:
    """The claims shaped by the project's user JWT template, when one is selected."""
    template = jwt_templates.active(e)
    user = e.store.users.by_id(sub) if template is not None else None
    if template is None or user is None:
        return claims
    return jwt_templates.shape(e, template, user, claims, refresh)


def jwt_response(
    e: Emulator,
    session: tuple[str, int],
    refresh_jwt: str,
    refresh_exp: int,
    user: dict[str, Any] | None,
    first_seen: bool,
) -> dict[str, Any]:
    """Descope's JWT answer body; ``session`` is the session JWT and its expiry, which the
    answer carries as ``sessionExpiration`` (the web SDK schedules its refresh by it)."""
    now = int(e.now())
    session_jwt, session_exp = session
    return {
        "sessionJwt": session_jwt,
        "sessionExpiration": session_exp,
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
    nsec: dict[str, Any] | None = None,
    stepup: bool = False,
) -> dict[str, Any]:
    """Mint a session + refresh token pair and build the Descope JWT response body.

    ``stepup`` (a step-up sign-in that presented the user's refresh token) marks the
    session token ``su: true``; the refresh token never carries it, so a later refresh
    gives an ordinary session again.

    ``custom_claims`` are trusted (management, access keys: top-level claims); ``nsec``
    holds a client's untrusted ``loginOptions.customClaims``. A disabled user gets none
    (403), whatever was issued before it was disabled; ``first_seen`` is also true on the
    user's first recorded login, however the user was created."""
    if user.get("status") == "disabled":
        raise errors.USER_DISABLED("User is disabled")
    check_custom_claims(custom_claims)
    check_custom_claims(nsec)
    now = int(e.now())
    jti = secrets.token_hex(16)
    amr = _with_mfa(list(amr))
    context: dict[str, Any] = {"amr": amr, "customClaims": custom_claims or {}, "dct": dct}
    if nsec:
        context["nsec"] = dict(nsec)
    if session_ttl is not None and session_ttl > 0:
        context["sessionTtl"] = session_ttl
    authz = user_claims(e, user)
    refresh_claims = _base_claims(e, user["userId"], context, authz)
    if refresh_ttl is None:  # the selected tenant's lifetime (session settings on)
        refresh_ttl = tenant_settings.token_ttls(e, refresh_claims.get("dct"))[1]
    r_ttl = project_settings.get(e)["refreshTokenTtl"] if refresh_ttl is None else refresh_ttl
    r_iat, r_exp = _times(r_ttl, now)
    refresh_claims.update(drn="DSR", iat=r_iat, exp=r_exp, jti=jti)
    refresh_jwt = e.keys.sign(_templated(e, user["userId"], refresh_claims, refresh=True))
    with e.store.tx():
        activate_invited(e, user)
        if revoke_others:
            e.store.refresh_tokens.revoke_user(user["userId"])
        e.store.refresh_tokens.add(jti, user["userId"], r_exp, context)
        if record_login:
            first_seen = first_seen or not e.store.login_history.of(user["userId"])
            e.store.login_history.add(
                user["userId"], now, {"ip": "127.0.0.1", "city": "Localhost", "country": "ZZ"}
            )
            record_user_event(e, "LoginSucceed", user, amr=amr)
    session = mint_session(e, user["userId"], context, authz, session_ttl, stepup=stepup)
    return jwt_response(e, session, refresh_jwt, r_exp, user, first_seen)


def issue_anonymous(
    e: Emulator,
    sub: str,
    custom_claims: dict[str, Any],
    dct: str | None,
    refresh_ttl: int | None = None,
) -> dict[str, Any]:
    """A session + refresh pair of an anonymous user (``sub``: no user record; ``dct`` as
    selected; no login recorded). The refresh token refreshes like any other."""
    check_custom_claims(custom_claims)
    now = int(e.now())
    r_ttl = project_settings.get(e)["refreshTokenTtl"] if refresh_ttl is None else refresh_ttl
    r_iat, r_exp = _times(r_ttl, now)
    jti = secrets.token_hex(16)
    context: dict[str, Any] = {"amr": [], "customClaims": custom_claims, "dct": dct,
                               "anonymous": True}
    authz = _ANONYMOUS_AUTHZ
    refresh_claims = _base_claims(e, sub, context, authz)
    refresh_claims.update(drn="DSR", iat=r_iat, exp=r_exp, jti=jti)
    e.store.refresh_tokens.add(jti, sub, r_exp, context)
    session = mint_session(e, sub, context, authz)
    return jwt_response(e, session, e.keys.sign(refresh_claims), r_exp, None, True)


# an anonymous user holds no roles, permissions or tenants
_ANONYMOUS_AUTHZ: dict[str, Any] = {"roles": [], "permissions": [], "tenants": {}}


def check_refresh(
    e: Emulator, token: str | None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Validate a refresh JWT: signature, expiry, type, issuer, not revoked, user alive, not
    idle longer than its tenant's inactivity time (``dct``; idle = since the last refresh).
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
    rotated = row["context"].get("rotatedAt")
    if rotated is not None and e.now() >= rotated + row["context"].get("graceSeconds", 0):
        raise errors.REFRESH_TOKEN_REVOKED("Refresh token was rotated")
    idle = tenant_settings.inactivity_limit(e, claims.get("dct"))
    last_used = row["context"].get("lastUsed", claims.get("iat", 0))
    if idle is not None and e.now() - float(last_used) > idle:
        e.store.refresh_tokens.revoke(jti)  # the session is over, not only paused
        raise errors.REFRESH_TOKEN_EXPIRED("Session ended after inactivity")
    if row["exp"] <= e.now():
        raise errors.REFRESH_TOKEN_EXPIRED("Refresh token expired")
    if row["context"].get("anonymous"):  # an anonymous session: no user record behind it
        return claims, row["context"], {"userId": row["userId"], "anonymous": True}
    user = e.store.users.by_id(row["userId"])
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    if user.get("status") == "disabled":
        raise errors.USER_SESSION_GONE("User is disabled")
    return claims, row["context"], user


def refresh(e: Emulator, token: str | None) -> dict[str, Any]:
    """Mint a new session token for a valid refresh token.

    Without refresh-token rotation (Descope's default) the same refresh JWT comes back as
    ``refreshJwt``. With rotation on (project setting ``refreshTokenRotation``) every refresh
    returns a new refresh JWT with the same expiry, and the one presented stops working once
    the grace window (``refreshTokenRotationGraceSeconds``, 0: at once) has passed. Under a
    tenant's inactivity setting each refresh restarts the idle clock (see check_refresh).
    """
    claims, context, user = check_refresh(e, token)
    if tenant_settings.inactivity_limit(e, claims.get("dct")) is not None:
        context = {**context, "lastUsed": e.now()}  # the tenant's inactivity clock restarts
        e.store.refresh_tokens.set_context(claims["jti"], context)
    record_user_event(e, "TokenRefreshed", user, amr=context.get("amr"))
    authz = user_claims(e, user)
    session = mint_session(e, user["userId"], context, authz, context.get("sessionTtl"))
    assert token is not None
    settings = project_settings.get(e)
    if not settings["refreshTokenRotation"]:
        return jwt_response(e, session, token, int(claims["exp"]), user, False)
    exp = int(claims["exp"])
    jti = secrets.token_hex(16)
    fresh = {k: v for k, v in context.items() if k not in ("rotatedAt", "graceSeconds")}
    new_claims = _base_claims(e, user["userId"], fresh, authz)
    new_claims.update(drn="DSR", iat=int(e.now()), exp=exp, jti=jti)
    with e.store.tx():
        e.store.refresh_tokens.add(jti, user["userId"], exp, fresh)
        if context.get("rotatedAt") is None:
            e.store.refresh_tokens.set_context(claims["jti"], {
                **context, "rotatedAt": e.now(),
                "graceSeconds": settings["refreshTokenRotationGraceSeconds"]})
    return jwt_response(e, session, e.keys.sign(new_claims), exp, user, False)


def try_refresh(e: Emulator, token: str | None) -> dict[str, Any]:
    """:func:`refresh` when ``token`` is a valid refresh token, else ``{}`` (no session:
    the answer ``/v1/auth/try-refresh`` gives instead of an error)."""
    if not token:
        return {}
    try:
        return refresh(e, token)
    except errors.ApiError:
        return {}


def issue_after_flow(
    e: Emulator, user: dict[str, Any], flow: dict[str, Any], first_seen: bool, method: str
) -> dict[str, Any]:
    """Tokens at the end of a sign-in flow by ``method`` (otp, magiclink, enchantedlink,
    oauth, sso, saml, pwd, totp): Descope's amr value, the flow's login options (custom
    claims under ``nsec``, revoke other sessions) and step-up amr are applied."""
    opts = flow.get("opts") or {}
    amr = list(flow.get("stepupAmr") or [])
    value = method_amr(method, flow)
    if value not in amr:
        amr.append(value)
    claims = dict(opts.get("customClaims") or {})
    trusted = bool(flow.get("trustedClaims"))  # management-made links (embedded links)
    # a step-up sign-in: ``stepup`` asked and the user's refresh token checked at the start
    stepup = bool(opts.get("stepup")) and "stepupAmr" in flow
    resp = issue(
        e,
        user,
        amr=amr,
        custom_claims=claims if trusted else {},
        nsec=None if trusted else claims,
        first_seen=first_seen,
        revoke_others=bool(opts.get("revokeOtherSessions")),
        dct=flow.get("dct") or None,  # a flow run for a tenant (flow_runs.py) selects it
        stepup=stepup,
    )
    if opts.get("trustedDevice"):
        resp["trustedDeviceJwt"] = trusted_devices.trust(e, user)
        e.store.users.save(user)
    return resp


def revoke(e: Emulator, token: str | None) -> dict[str, Any]:
    """Revoke a valid refresh token; returns its user."""
    claims, _, user = check_refresh(e, token)
    e.store.refresh_tokens.revoke(claims["jti"])
    return user
