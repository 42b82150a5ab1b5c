"""Session endpoints: JWKS, refresh, select tenant, logout, logout all, me, my tenants and
my history."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import errors
from ..domain import audit, sessions, users
from ..web.body import get_bool, get_str, read_json
from ..web.credentials import emulator_of, refresh_token_of
from ..web.responses import ok


async def jwks(request: Request) -> Response:
    """GET /v2/keys/{project_id}"""
    e = emulator_of(request)
    if request.path_params["project_id"] != e.project_id:
        raise errors.PROJECT_NOT_FOUND(
            f"Unknown project: this emulator serves project id {e.project_id!r}"
        )
    return JSONResponse(e.keys.jwks(e.now()))


async def refresh(request: Request) -> Response:
    """POST /v1/auth/refresh"""
    await read_json(request)
    return ok(sessions.refresh(emulator_of(request), refresh_token_of(request)))


async def try_refresh(request: Request) -> Response:
    """POST /v1/auth/try-refresh: like refresh, but a missing, invalid or expired refresh
    token is no error (200 with an empty body: the web SDK then knows there is no session)."""
    await read_json(request)
    return ok(sessions.try_refresh(emulator_of(request),
                                   refresh_token_of(request, required=False)))


async def select_tenant(request: Request) -> Response:
    """POST /v1/auth/tenant/select: a new pair whose session carries ``dct``."""
    body = await read_json(request)
    tenant_id = get_str(body, "tenant")
    e = emulator_of(request)
    _, context, user = sessions.check_refresh(e, refresh_token_of(request))
    if tenant_id not in [t.get("tenantId") for t in user.get("userTenants") or []]:
        raise errors.NOT_TENANT_MEMBER(f"User is not a member of tenant '{tenant_id}'")
    return ok(
        sessions.issue(
            e,
            user,
            amr=list(context.get("amr") or []),
            custom_claims=context.get("customClaims"),
            dct=tenant_id,
            session_ttl=context.get("sessionTtl"),
            record_login=False,
        )
    )


async def logout(request: Request) -> Response:
    """POST /v1/auth/logout: revoke this refresh token."""
    await read_json(request)
    e = emulator_of(request)
    user = sessions.revoke(e, refresh_token_of(request))
    audit.record_user_event(e, "Logout", user)
    return ok({})


async def logout_all(request: Request) -> Response:
    """POST /v1/auth/logoutall: revoke every refresh token of the user."""
    await read_json(request)
    e = emulator_of(request)
    _, _, user = sessions.check_refresh(e, refresh_token_of(request))
    e.store.refresh_tokens.revoke_user(user["userId"])
    audit.record_user_event(e, "LogoutAll", user)
    return ok({})


async def me(request: Request) -> Response:
    """GET /v1/auth/me"""
    e = emulator_of(request)
    _, _, user = sessions.check_refresh(e, refresh_token_of(request))
    return ok(users.public_user(user))


async def my_tenants(request: Request) -> Response:
    """POST /v1/auth/me/tenants"""
    body = await read_json(request)
    dct = get_bool(body, "dct")
    ids_raw = body.get("ids")
    if ids_raw is not None and (
        not isinstance(ids_raw, list) or not all(isinstance(i, str) for i in ids_raw)
    ):
        raise errors.WRONG_TYPE("'ids' must be an array of strings")
    ids: list[str] = list(ids_raw or [])
    if dct == bool(ids):
        raise errors.INVALID_REQUEST("Exactly one of 'dct' (true) or a non-empty 'ids' is required")
    e = emulator_of(request)
    _, context, user = sessions.check_refresh(e, refresh_token_of(request))
    member = [t.get("tenantId") for t in user.get("userTenants") or []]
    wanted = [context["dct"]] if dct and context.get("dct") else ([] if dct else ids)
    out: list[dict[str, Any]] = []
    for tid in wanted:
        if tid not in member:
            continue
        tenant = e.store.tenants.get(tid) or {"id": tid, "name": tid}
        out.append(
            {
                "id": tenant["id"],
                "name": tenant.get("name", tid),
                "customAttributes": tenant.get("customAttributes") or {},
            }
        )
    return ok({"tenants": out})


async def history(request: Request) -> Response:
    """GET /v1/auth/me/history"""
    e = emulator_of(request)
    _, _, user = sessions.check_refresh(e, refresh_token_of(request))
    return JSONResponse(e.store.login_history.of(user["userId"]))
