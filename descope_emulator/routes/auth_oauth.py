"""OAuth, SSO and the deprecated SAML alias.

``authorize`` answers ``{"url": ...}`` pointing at an emulator page where a person picks
an existing user or types the identity to sign in as; the page then redirects to the
return URL with ``?code=...``, and ``exchange`` turns that code into a JWT response."""

from __future__ import annotations

import html
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import errors
from ._common import check_stepup, emu, get_str, login_options, ok, read_json
from ._flows import base_url, check_link, issue_for, with_query
from .mgmt_sso import apply_sso_login

FLOW_AMR = {"oauth": "oauth", "sso": "sso", "saml": "saml"}


def _authorize(flow: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        body = await read_json(request)
        opts = login_options(body, key="")
        q = request.query_params
        e = emu(request)
        data: dict[str, Any] = {"flow": flow, "opts": opts, "redirectURL": q.get("redirectURL", "")}
        if flow == "oauth":
            provider = q.get("provider", "")
            if not provider:
                raise errors.bad_request("'provider' query parameter is required")
            data["provider"] = provider
            label = provider
        else:
            ref = q.get("tenant", "")
            if not ref:
                raise errors.bad_request("'tenant' query parameter is required")
            if flow == "saml" and not data["redirectURL"]:
                raise errors.bad_request("'redirectURL' query parameter is required")
            tenant = e.store.tenant_by_id_or_name(ref)
            if tenant is None:
                raise errors.not_found(f"Tenant '{ref}' not found", "E091101")
            data["tenantId"] = tenant["id"]
            data["loginHint"] = q.get("loginHint", "")
            label = f"tenant {tenant['name']}"
        stepup = check_stepup(request, opts)
        if stepup is not None:
            data["stepupAmr"] = stepup.get("amr") or []
        data["label"] = label
        state = secrets.token_urlsafe(24)
        e.store.add_challenge(
            "authorize", "", state, e.now() + e.config.link_ttl, data, supersede=False
        )
        return ok({"url": base_url(request) + "/emulator/authorize?" + urlencode({"state": state})})

    return handler


async def picker(request: Request) -> Response:
    """The emulator's stand-in for the identity provider's login page."""
    e = emu(request)
    state = request.query_params.get("state", "")
    row = e.store.challenge_by_secret("authorize", state)
    if row is None or row["state"] != "active":
        return HTMLResponse("<h1>Unknown or used sign-in request</h1>", status_code=400)
    data = dict(json.loads(row["data"]))
    users = e.store.all_users()[:50]
    items = "".join(
        f'<li><a href="/emulator/authorize/complete?{html.escape(urlencode({"state": state, "loginId": u["loginIds"][0]}))}">'
        f'{html.escape(u["loginIds"][0])}</a> {html.escape(u.get("name") or "")}</li>'
        for u in users if u.get("loginIds")
    )
    hint = html.escape(data.get("loginHint") or "")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Sign in (Descope emulator)</title>"
        "</head><body style='font-family:sans-serif;margin:2em'>"
        f"<h1>Sign in with {html.escape(str(data.get('label')))}</h1>"
        "<p>Descope emulator: choose who you are. No password is checked.</p>"
        "<form method='get' action='/emulator/authorize/complete'>"
        f"<input type='hidden' name='state' value='{html.escape(state)}'>"
        f"<label>Email or login id <input name='loginId' value='{hint}' required></label> "
        "<label>Name <input name='name'></label> "
        "<button type='submit'>Sign in</button></form>"
        + (f"<h2>Existing users</h2><ul>{items}</ul>" if items else "")
        + "</body></html>"
    )
    return HTMLResponse(page)


async def complete(request: Request) -> Response:
    e = emu(request)
    q = request.query_params
    login_id = q.get("loginId", "").strip()
    if not login_id:
        raise errors.bad_request("'loginId' is required")
    data, _ = check_link(e, ("authorize",), q.get("state", ""))
    flow = data["flow"]
    with e.store.tx():
        user = e.store.user_by_login_id(login_id)
        first_seen = user is None
        if user is None:
            user = e.new_user(login_id, {"name": q.get("name", "")})
            user["verifiedEmail"] = bool(user["email"])
        if flow == "oauth":
            user.setdefault("OAuth", {})[data["provider"]] = True
        else:
            user["SAML"] = True
            tid = data["tenantId"]
            if tid not in [t.get("tenantId") for t in user["userTenants"]]:
                user["userTenants"].append({"tenantId": tid, "roleNames": []})
            groups = [g for g in q.get("groups", "").split(",") if g]  # issue 4: IdP groups
            user = apply_sso_login(e, tid, user, groups)  # -> tenant role mappings
        e.store.save_user(user)
        code = secrets.token_urlsafe(24)
        e.store.add_challenge(
            "exchange", login_id, code, e.now() + e.config.link_ttl,
            {**data, "userId": user["userId"], "firstSeen": first_seen}, supersede=False,
        )
    target = data.get("redirectURL") or ""
    if not target:
        return HTMLResponse(
            "<!doctype html><html><body><h1>Signed in</h1><p>No redirect URL was given. "
            f"Exchange this code:</p><pre>{html.escape(code)}</pre></body></html>"
        )
    return RedirectResponse(with_query(target, code=code), status_code=302)


def _exchange(flow: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        body = await read_json(request)
        code = get_str(body, "code")
        e = emu(request)
        data, _ = check_link(e, ("exchange",), code)
        if (data["flow"] == "oauth") != (flow == "oauth"):
            raise errors.unauthorized("Code was issued for another flow", "E061105")
        user = e.store.user_by_id(data["userId"])
        if user is None:
            raise errors.unauthorized("User no longer exists", "E061203")
        resp = issue_for(e, user, data, bool(data.get("firstSeen")), FLOW_AMR[data["flow"]])
        return ok(resp)

    return handler


routes = [
    Route("/v1/auth/oauth/authorize", _authorize("oauth"), methods=["POST"]),
    Route("/v1/auth/oauth/exchange", _exchange("oauth"), methods=["POST"]),
    Route("/v1/auth/sso/authorize", _authorize("sso"), methods=["POST"]),
    Route("/v1/auth/sso/exchange", _exchange("sso"), methods=["POST"]),
    Route("/v1/auth/saml/authorize", _authorize("saml"), methods=["POST"]),
    Route("/v1/auth/saml/exchange", _exchange("saml"), methods=["POST"]),
    Route("/emulator/authorize", picker, methods=["GET"]),
    Route("/emulator/authorize/complete", complete, methods=["GET"]),
]
