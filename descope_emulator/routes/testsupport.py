"""Test-support endpoints under ``/emulator/`` (never under /v1 or /v2): health, key
rotation, sign-in minting, reset, faults, counters, revoke, clock and the outbox."""

from __future__ import annotations

import html
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .. import errors
from ..service import parse_fault
from ._common import (
    emu,
    get_int,
    get_obj,
    get_str,
    get_str_list,
    ok,
    read_json,
)


async def health(request: Request) -> Response:
    e = emu(request)
    return ok({"ok": True, "projectId": e.project_id})


async def rotate_keys(request: Request) -> Response:
    e = emu(request)
    kid = e.keys.rotate()
    return ok({"kid": kid, "keys": e.keys.jwks(e.now())["keys"]})


async def sign_in(request: Request) -> Response:
    """Mint a signed-in user without any flow.

    Body: ``loginId`` (required), ``roles``, ``permissions``, ``tenants``
    ({tenantId: {"roles": [...], "permissions": [...]}}), ``customClaims``,
    ``sessionTtl``, ``refreshTtl`` (seconds; <= 0 mints an already expired token),
    ``user`` (extra user fields). The user is created or updated so that refresh
    reproduces the same roles, permissions and tenants.
    """
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    roles = get_str_list(body, "roles")
    permissions = get_str_list(body, "permissions")
    tenants = get_obj(body, "tenants")
    custom = get_obj(body, "customClaims")
    fields = get_obj(body, "user")
    session_ttl = body.get("sessionTtl")
    refresh_ttl = body.get("refreshTtl")
    for name, value in (("sessionTtl", session_ttl), ("refreshTtl", refresh_ttl)):
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            raise errors.bad_request(f"'{name}' must be a number of seconds", "E011003")
    user_tenants: list[dict[str, Any]] = []
    for tid, spec in tenants.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise errors.bad_request("each tenant must map to an object", "E011003")
        user_tenants.append(
            {
                "tenantId": tid,
                "roleNames": get_str_list(spec, "roles"),
                "permissions": get_str_list(spec, "permissions"),
            }
        )
    e = emu(request)
    with e.store.tx():
        user = e.store.user_by_login_id(login_id)
        first_seen = user is None
        if user is None:
            user = e.new_user(login_id, fields)
            user["verifiedEmail"] = bool(user["email"])
            user["verifiedPhone"] = bool(user["phone"])
        user["roleNames"] = roles
        user["_permissions"] = permissions
        user["userTenants"] = user_tenants
        for tid in tenants:
            if e.store.tenant(tid) is None:
                e.store.save_tenant({"id": tid, "name": tid, "selfProvisioningDomains": [],
                                     "customAttributes": {}})
        e.store.save_user(user)
    resp = e.issue(
        user,
        amr=["emulator"],
        custom_claims=custom,
        session_ttl=None if session_ttl is None else int(session_ttl),
        refresh_ttl=None if refresh_ttl is None else int(refresh_ttl),
        first_seen=first_seen,
    )
    resp["userId"] = user["userId"]
    resp["loginId"] = login_id
    return ok(resp)


async def reset(request: Request) -> Response:
    emu(request).reset()
    return ok({})


async def faults(request: Request) -> Response:
    e = emu(request)
    if request.method == "GET":
        return ok({"faults": [f.as_dict() for f in e.faults.values()]})
    if request.method == "DELETE":
        path = request.query_params.get("path")
        if path:
            e.faults.pop(path, None)
        else:
            e.faults.clear()
        return ok({})
    fault = parse_fault(await read_json(request))
    e.faults[fault.path] = fault
    return ok(fault.as_dict())


async def stats(request: Request) -> Response:
    return ok(emu(request).stats())


async def revoke(request: Request) -> Response:
    body = await read_json(request)
    token = get_str(body, "refreshJwt")
    e = emu(request)
    claims, _, _ = e.check_refresh(token)
    e.store.revoke_refresh(claims["jti"])
    return ok({})


async def clock(request: Request) -> Response:
    """Move the emulator's clock forward (``{"advanceSeconds": n}``) to expire codes
    without sleeping; ``/emulator/reset`` puts it back."""
    e = emu(request)
    if request.method == "POST":
        body = await read_json(request)
        e.clock_offset += get_int(body, "advanceSeconds")
    return ok({"now": e.now(), "offsetSeconds": e.clock_offset})


async def outbox_json(request: Request) -> Response:
    login_id = request.query_params.get("loginId")
    return ok({"messages": emu(request).store.messages(login_id)})


async def outbox_html(request: Request) -> Response:
    login_id = request.query_params.get("loginId")
    messages = emu(request).store.messages(login_id)
    rows = []
    for m in messages:
        if m.get("link"):
            content = f'<a href="{html.escape(m["link"])}">{html.escape(m["link"])}</a>'
            if m.get("linkId"):
                content = f"link id <b>{html.escape(str(m['linkId']))}</b>: {content}"
        else:
            content = f"<code>{html.escape(str(m.get('code', '')))}</code>"
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(m["createdAt"]))
        rows.append(
            f"<tr><td>{html.escape(when)}</td><td>{html.escape(m['channel'])}</td>"
            f"<td>{html.escape(m['to'])}</td><td>{html.escape(m['kind'])}</td>"
            f"<td>{content}</td></tr>"
        )
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Descope emulator outbox</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;"
        "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
        "<h1>Outbox</h1><p>Messages the emulator would have sent, newest first.</p>"
        "<table><tr><th>time</th><th>channel</th><th>to</th><th>kind</th><th>code / link</th></tr>"
        + "".join(rows)
        + "</table>"
        + ("" if rows else "<p>No messages yet.</p>")
        + "</body></html>"
    )
    return HTMLResponse(body)


routes = [
    Route("/emulator/health", health, methods=["GET"]),
    Route("/emulator/rotate-keys", rotate_keys, methods=["POST"]),
    Route("/emulator/sign-in", sign_in, methods=["POST"]),
    Route("/emulator/reset", reset, methods=["POST"]),
    Route("/emulator/faults", faults, methods=["GET", "POST", "DELETE"]),
    Route("/emulator/stats", stats, methods=["GET"]),
    Route("/emulator/revoke", revoke, methods=["POST"]),
    Route("/emulator/clock", clock, methods=["GET", "POST"]),
    Route("/emulator/outbox.json", outbox_json, methods=["GET"]),
    Route("/emulator/outbox", outbox_html, methods=["GET"]),
]
