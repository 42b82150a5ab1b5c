"""Session endpoints: JWKS, refresh, select tenant, logout, logout all, me, my tenants,
history, access-key exchange."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import audit_hooks, errors
from ..service import hash_secret
from ._common import (
    bearer_parts,
    emu,
    get_bool,
    get_obj,
    get_str,
    ok,
    read_json,
    refresh_token_of,
)
from .mgmt_access_key import check_key_use


async def jwks(request: Request) -> Response:
    e = emu(request)
    if request.path_params["project_id"] != e.project_id:
        raise errors.not_found(
            f"Unknown project: this emulator serves project id {e.project_id!r}", "E011102"
        )
    return JSONResponse(e.keys.jwks(e.now()))


async def refresh(request: Request) -> Response:
    await read_json(request)
    return ok(emu(request).refresh(refresh_token_of(request)))


async def select_tenant(request: Request) -> Response:
    body = await read_json(request)
    tenant_id = get_str(body, "tenant")
    e = emu(request)
    _, context, user = e.check_refresh(refresh_token_of(request))
    if tenant_id not in [t.get("tenantId") for t in user.get("userTenants") or []]:
        raise errors.bad_request(f"User is not a member of tenant '{tenant_id}'", "E062501")
    return ok(
        e.issue(
            user,
            amr=list(context.get("amr") or []),
            custom_claims=context.get("customClaims"),
            dct=tenant_id,
            session_ttl=context.get("sessionTtl"),
            record_login=False,
        )
    )


async def logout(request: Request) -> Response:
    await read_json(request)
    e = emu(request)
    claims, _, user = e.check_refresh(refresh_token_of(request))
    e.store.revoke_refresh(claims["jti"])
    audit_hooks.record(e, "Logout", user)  # issue 4
    return ok({})


async def logout_all(request: Request) -> Response:
    await read_json(request)
    e = emu(request)
    _, _, user = e.check_refresh(refresh_token_of(request))
    e.store.revoke_user_refresh(user["userId"])
    audit_hooks.record(e, "LogoutAll", user)  # issue 4
    return ok({})


async def me(request: Request) -> Response:
    e = emu(request)
    _, _, user = e.check_refresh(refresh_token_of(request))
    return ok(e.public_user(user))


async def my_tenants(request: Request) -> Response:
    body = await read_json(request)
    dct = get_bool(body, "dct")
    ids_raw = body.get("ids")
    if ids_raw is not None and (
        not isinstance(ids_raw, list) or not all(isinstance(i, str) for i in ids_raw)
    ):
        raise errors.bad_request("'ids' must be an array of strings", "E011003")
    ids: list[str] = list(ids_raw or [])
    if dct == bool(ids):
        raise errors.bad_request("Exactly one of 'dct' (true) or a non-empty 'ids' is required")
    e = emu(request)
    _, context, user = e.check_refresh(refresh_token_of(request))
    member = [t.get("tenantId") for t in user.get("userTenants") or []]
    wanted = [context["dct"]] if dct and context.get("dct") else ([] if dct else ids)
    out: list[dict[str, Any]] = []
    for tid in wanted:
        if tid not in member:
            continue
        tenant = e.store.tenant(tid) or {"id": tid, "name": tid}
        out.append(
            {
                "id": tenant["id"],
                "name": tenant.get("name", tid),
                "customAttributes": tenant.get("customAttributes") or {},
            }
        )
    return ok({"tenants": out})


async def history(request: Request) -> Response:
    e = emu(request)
    _, _, user = e.check_refresh(refresh_token_of(request))
    return JSONResponse(e.store.history(user["userId"]))


async def exchange_access_key(request: Request) -> Response:
    body = await read_json(request)
    opts = get_obj(body, "loginOptions")
    custom = get_obj(opts, "customClaims")
    selected = opts.get("selectedTenant")
    if selected is not None and not isinstance(selected, str):
        raise errors.bad_request("'selectedTenant' must be a string", "E011003")
    parts = bearer_parts(request)
    e = emu(request)
    key = None
    for part in parts[1:]:
        key = e.store.access_key_by_hash(hash_secret(part))
        if key is not None:
            break
    now = e.now()
    if key is None or key.get("status", "active") != "active":
        raise errors.unauthorized("Invalid access key", "E062701")
    if key.get("expireTime") and key["expireTime"] <= now:
        raise errors.unauthorized("Access key expired", "E062702")
    check_key_use(e, key, request.client.host if request.client else None)  # issue 4
    tenants = [
        {"tenantId": t.get("tenantId"), "roleNames": t.get("roleNames") or []}
        for t in key.get("keyTenants") or []
    ]
    if selected and selected not in [t["tenantId"] for t in tenants]:
        raise errors.bad_request(f"Access key is not a member of tenant '{selected}'")
    authz = e.authz_claims(list(key.get("roleNames") or []), [], tenants)
    context: dict[str, Any] = {
        "amr": ["accesskey"],
        "customClaims": key.get("customClaims") or {},
        "nsec": custom or None,
        "dct": selected or None,
    }
    session_jwt, exp = e.mint_session(key["id"], context, authz)
    return ok(
        {
            "sessionJwt": session_jwt,
            "keyId": key["id"],
            "expiration": exp,
            "cookieDomain": "",
            "cookiePath": "/",
            "cookieMaxAge": max(exp - int(now), 0),
            "cookieExpiration": exp,
        }
    )


routes = [
    Route("/v2/keys/{project_id}", jwks, methods=["GET"]),
    Route("/v1/auth/refresh", refresh, methods=["POST"]),
    Route("/v1/auth/tenant/select", select_tenant, methods=["POST"]),
    Route("/v1/auth/logout", logout, methods=["POST"]),
    Route("/v1/auth/logoutall", logout_all, methods=["POST"]),
    Route("/v1/auth/me", me, methods=["GET"]),
    Route("/v1/auth/me/tenants", my_tenants, methods=["POST"]),
    Route("/v1/auth/me/history", history, methods=["GET"]),
    Route("/v1/auth/accesskey/exchange", exchange_access_key, methods=["POST"]),
]
