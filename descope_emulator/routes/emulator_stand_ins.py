"""Pages where the emulator plays the outside parties of a sign-in: the identity provider
that hands the app an ID token or code (One Tap, native OAuth; with its JWKS), WhatsApp for
nOTP, and the provider an outbound application connects to."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .. import errors
from ..domain import idp, notp, outbound_connect
from ..web.credentials import base_url, emulator_of
from ..web.responses import ok


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} (Descope emulator)</title></head>"
        f"<body style='font-family:sans-serif;margin:2em'><h1>{html.escape(title)}</h1>"
        f"{body}</body></html>", status_code=status)


def _hidden(**fields: str) -> str:
    return "".join(f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(v)}'>"
                   for k, v in fields.items())


# -- the identity provider of One Tap and native sign-in ------------------------------------
async def idp_jwks(request: Request) -> Response:
    """GET /emulator/idp/jwks: the key the stand-in provider's ID tokens verify with."""
    return ok(idp.jwks(emulator_of(request)))


async def idp_configuration(request: Request) -> Response:
    """GET /emulator/idp/.well-known/openid-configuration"""
    return ok(idp.openid_configuration(base_url(request)))


async def idp_sign_in(request: Request) -> Response:
    """GET /emulator/idp/sign-in?provider=&nonce=&loginId=&name=: with a ``loginId`` (an
    email), ``{"idToken", "code"}`` as the provider hands them to the app (its One Tap
    callback or native SDK); without one, a form to choose who signs in."""
    e = emulator_of(request)
    q = request.query_params
    provider = idp.check_provider(q.get("provider", "google"))
    client = q.get("client_id", "")
    if client and client != idp.client_id(e, provider):
        raise errors.INVALID_REQUEST("Unknown 'client_id' for this provider")
    nonce, login_id = q.get("nonce", ""), q.get("loginId", "").strip()
    if not login_id:
        return _page(f"Sign in with {provider}", (
            "<p>The emulator's stand-in provider: choose who you are (no password).</p>"
            "<form method='get' action='/emulator/idp/sign-in'>"
            + _hidden(provider=provider, nonce=nonce)
            + "<label>Email <input name='loginId' required></label> "
              "<label>Name <input name='name'></label> <button type='submit'>Continue</button>"
              "</form>"))
    name = q.get("name", "")
    base = base_url(request)
    token = idp.mint_id_token(e, base, provider=provider, login_id=login_id, name=name,
                              nonce=nonce)
    code = idp.new_code(e, base, provider=provider, login_id=login_id, name=name, nonce=nonce)
    return ok({"idToken": token, "code": code, "provider": provider})


# -- WhatsApp, for nOTP ---------------------------------------------------------------------
async def notp_page(request: Request) -> Response:
    """GET /emulator/notp?t=: the message the person sends from WhatsApp to sign in."""
    token = request.query_params.get("t", "")
    found = notp.waiting(emulator_of(request), token)
    if found is None:
        return _page("Unknown or used sign-in request", "", status=400)
    phone = html.escape(found["phone"])
    return _page("WhatsApp (emulated)", (
        "<p>Send this message to sign in. The emulator plays WhatsApp: sending proves you hold "
        "the number.</p><form method='get' action='/emulator/notp/send'>" + _hidden(t=token)
        + f"<label>From number <input name='phone' value='{phone}' "
        + ("readonly" if phone else "required placeholder='+15555550100'") + "></label> "
        "<button type='submit'>Send</button></form>"))


async def notp_send(request: Request) -> Response:
    """GET /emulator/notp/send?t=&phone=: the message is sent; the app's polling ends."""
    q = request.query_params
    notp.send(emulator_of(request), q.get("t", ""), q.get("phone", ""))
    return _page("Message sent", "<p>You can go back to the app.</p>")


# -- the provider of an outbound application ------------------------------------------------
async def outbound_page(request: Request) -> Response:
    """GET /emulator/outbound/authorize?state=: the provider's consent page."""
    state = request.query_params.get("state", "")
    data = outbound_connect.pending(emulator_of(request), state)
    if data is None:
        return _page("Unknown or used connection request", "", status=400)
    scopes = ", ".join(data["scopes"]) or "(the app's defaults)"
    allow = urlencode({"state": state, "consent": "allow"})
    deny = urlencode({"state": state, "consent": "deny"})
    return _page(f"Connect {data['appName']}", (
        f"<p>The application asks for: {html.escape(scopes)}.</p>"
        f"<p><a href='/emulator/outbound/authorize/complete?{html.escape(allow)}'>Allow</a> "
        f"<a href='/emulator/outbound/authorize/complete?{html.escape(deny)}'>Deny</a></p>"))


async def outbound_complete(request: Request) -> Response:
    """GET /emulator/outbound/authorize/complete?state=&consent=allow|deny: the token is
    stored (on allow); back to the app's redirect URL."""
    q = request.query_params
    target = outbound_connect.consent(emulator_of(request), q.get("state", ""),
                                      q.get("consent") == "allow")
    if not target:
        return _page("Done", "<p>No redirect URL was given; you can close this page.</p>")
    return RedirectResponse(target, status_code=302)
