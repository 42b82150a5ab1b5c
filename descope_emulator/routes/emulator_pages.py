"""The emulator's own HTML pages: the identity picker that OAuth / SSO authorize URLs
point at, the landing page of links sent without a redirect URL, the self-service SSO
setup that admin links open, and the outbox."""

from __future__ import annotations

import html
import time
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..domain import challenges, federated, sso_setup_links
from ..web.credentials import emulator_of


async def picker(request: Request) -> Response:
    """GET /emulator/authorize: the stand-in for the identity provider's login page."""
    e = emulator_of(request)
    state = request.query_params.get("state", "")
    data = federated.pending(e, state)
    if data is None:
        return HTMLResponse("<h1>Unknown or used sign-in request</h1>", status_code=400)
    users = e.store.users.all()[:50]
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
    """GET /emulator/authorize/complete: back to the app with ``?code=...``."""
    q = request.query_params
    groups = [g for g in q.get("groups", "").split(",") if g]  # the IdP's groups (SSO)
    target, code = federated.complete(
        emulator_of(request), q.get("state", ""), q.get("loginId", "").strip(),
        q.get("name", ""), groups,
    )
    if not target:
        return HTMLResponse(
            "<!doctype html><html><body><h1>Signed in</h1><p>No redirect URL was given. "
            f"Exchange this code:</p><pre>{html.escape(code)}</pre></body></html>"
        )
    return RedirectResponse(challenges.with_query(target, code=code), status_code=302)


async def link_landing(request: Request) -> Response:
    """GET /emulator/link: where a link without a redirect URL points."""
    token = request.query_params.get("t", "")
    return HTMLResponse(
        "<!doctype html><html><body><h1>Descope emulator link</h1>"
        "<p>No redirect URL was configured for this link. Its token is:</p>"
        f"<pre>{html.escape(token)}</pre></body></html>"
    )


async def sso_setup(request: Request) -> Response:
    """GET /emulator/sso-setup?t=...: where a tenant admin's SSO setup link leads (401 once
    the link was revoked or expired)."""
    link = sso_setup_links.check(emulator_of(request), request.query_params.get("t", ""))
    expires = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(link["expires"]))
    return HTMLResponse(
        "<!doctype html><html><head><title>SSO setup</title></head><body>"
        f"<h1>SSO setup for {html.escape(link['tenantName'])}</h1>"
        f"<dl><dt>Tenant</dt><dd id='tenant'>{html.escape(link['tenantId'])}</dd>"
        f"<dt>SSO configuration</dt><dd id='sso'>{html.escape(link['ssoId'] or 'default')}</dd>"
        f"<dt>Valid until</dt><dd id='expires'>{expires}</dd></dl>"
        "<p>The Descope emulator has no setup wizard: configure SSO through the management "
        "API (mgmt.sso).</p></body></html>"
    )


async def outbox(request: Request) -> Response:
    """GET /emulator/outbox: every message the emulator would have sent, newest first."""
    login_id = request.query_params.get("loginId")
    messages = emulator_of(request).store.outbox.messages(login_id)
    rows = []
    for m in messages:
        if m.get("link"):
            link = str(m["link"])
            shown = html.escape(link)
            # only web links are clickable: a link of another scheme is shown as text
            content = (f'<a href="{shown}" rel="noreferrer">{shown}</a>'
                       if link.lower().startswith(("http://", "https://")) else f"<code>{shown}</code>")
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
