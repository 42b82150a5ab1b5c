"""JWT management (``descope_core/mgmt/jwt.py``): update a JWT's custom claims (re-signed)
and impersonation."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, impersonation, sessions
from ..domain.sessions import RESERVED_CLAIMS
from ..signing_keys import TokenError
from ..web.body import get_bool, get_int, get_obj, get_str, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def update_jwt(request: Request) -> Response:
    """POST /v1/mgmt/jwt/update"""
    e = require_management(request)
    body = await read_json(request)
    token = get_str(body, "jwt")
    custom = get_obj(body, "customClaims")
    refresh_duration = get_int(body, "refreshDuration")
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_JWT(f"Invalid JWT: {exc}") from exc
    if claims.get("iss") != e.project_id:
        raise errors.INVALID_JWT("JWT was not issued for this project")
    sessions.check_custom_claims(custom)  # Descope's limits on custom claims
    for key, value in custom.items():
        if key not in RESERVED_CLAIMS:
            claims[key] = value
    now = int(e.now())
    if refresh_duration > 0 and claims.get("drn") == "DSR":
        claims["exp"] = now + refresh_duration
    claims["iat"] = now
    audit.record(e, "JWTUpdated", user_id=str(claims.get("sub", "")),
                 data={"claims": sorted(custom)})
    return ok({"jwt": e.keys.sign(claims)})


async def impersonate(request: Request) -> Response:
    """POST /v1/mgmt/impersonate: a refresh JWT of the user with ``act`` naming the
    impersonator."""
    e = require_management(request)
    body = await read_json(request)
    refresh_duration = body.get("refreshDuration")
    if refresh_duration is not None and (
        not isinstance(refresh_duration, int) or isinstance(refresh_duration, bool)
    ):
        raise errors.WRONG_TYPE("'refreshDuration' must be an integer")
    jwt = impersonation.impersonate(
        e,
        impersonator_ref=get_str(body, "impersonatorId"),
        login_id=get_str(body, "loginId"),
        validate_consent=get_bool(body, "validateConsent"),
        tenant_id=opt_str(body, "selectedTenant") or "",
        custom_claims=get_obj(body, "customClaims"),
        refresh_duration=refresh_duration or None,
    )
    return ok({"jwt": jwt})
