"""JWT management: update_jwt (custom claims, re-signed) and impersonation."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..service import RESERVED_CLAIMS, Emulator
from ..tokens import TokenError
from ._common import get_bool, get_int, get_obj, get_str, ok, opt_str, read_json
from ._mgmt import audit, require_mgmt

IMPERSONATION_PERMISSION = "impersonation"


async def update_jwt(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    token = get_str(body, "jwt")
    custom = get_obj(body, "customClaims")
    refresh_duration = get_int(body, "refreshDuration")
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.bad_request(f"Invalid JWT: {exc}", "E061202") from exc
    if claims.get("iss") != e.project_id:
        raise errors.bad_request("JWT was not issued for this project", "E061202")
    for key, value in custom.items():
        if key not in RESERVED_CLAIMS:
            claims[key] = value
    now = int(e.now())
    if refresh_duration > 0 and claims.get("drn") == "DSR":
        claims["exp"] = now + refresh_duration
    claims["iat"] = now
    audit(e, "JWTUpdated", user_id=str(claims.get("sub", "")), data={"claims": sorted(custom)})
    return ok({"jwt": e.keys.sign(claims)})


def _find_user(e: Emulator, ref: str) -> dict[str, Any] | None:
    return e.store.user_by_login_id(ref) or e.store.user_by_id(ref)


def _may_impersonate(e: Emulator, user: dict[str, Any], tenant_id: str) -> bool:
    claims = e.user_claims(user)
    if IMPERSONATION_PERMISSION in claims["permissions"]:
        return True
    tenants = claims["tenants"]
    if tenant_id:
        return IMPERSONATION_PERMISSION in (tenants.get(tenant_id) or {}).get("permissions", [])
    return False


async def impersonate(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    impersonator_ref = get_str(body, "impersonatorId")
    login_id = get_str(body, "loginId")
    validate_consent = get_bool(body, "validateConsent")
    tenant_id = opt_str(body, "selectedTenant") or ""
    custom = get_obj(body, "customClaims")
    refresh_duration = body.get("refreshDuration")
    if refresh_duration is not None and (
        not isinstance(refresh_duration, int) or isinstance(refresh_duration, bool)
    ):
        raise errors.bad_request("'refreshDuration' must be an integer", "E011003")
    impersonator = _find_user(e, impersonator_ref)
    if impersonator is None:
        raise errors.user_not_found(impersonator_ref)
    target = e.store.user_by_login_id(login_id)
    if target is None:
        raise errors.user_not_found(login_id)
    if not _may_impersonate(e, impersonator, tenant_id):
        raise errors.forbidden("Impersonator lacks the 'impersonation' permission", "E062301")
    if (
        validate_consent
        and (target.get("customAttributes") or {}).get("impersonationConsent") is False
    ):
        raise errors.forbidden("User did not consent to impersonation", "E062302")
    if target.get("status") == "disabled":
        raise errors.forbidden("User is disabled", "E062109")
    if tenant_id and tenant_id not in [t.get("tenantId") for t in target.get("userTenants") or []]:
        raise errors.bad_request(f"User is not a member of tenant '{tenant_id}'", "E062501")
    claims = dict(custom)
    claims["act"] = {"sub": impersonator["userId"]}
    resp = e.issue(
        target,
        amr=["imp"],
        custom_claims=claims,
        dct=tenant_id or None,
        refresh_ttl=refresh_duration or None,
        record_login=False,
    )
    audit(
        e,
        "UserImpersonated",
        user_id=target["userId"],
        login_ids=list(target.get("loginIds") or []),
        actor_id=impersonator["userId"],
        tenants=[tenant_id] if tenant_id else [],
        data={"impersonatorId": impersonator["userId"]},
    )
    return ok({"jwt": resp["refreshJwt"]})


routes = [
    Route("/v1/mgmt/jwt/update", update_jwt, methods=["POST"]),
    Route("/v1/mgmt/impersonate", impersonate, methods=["POST"]),
]
