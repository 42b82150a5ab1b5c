"""Magic link: sign-up, sign-in, sign-up-or-in for every delivery method, verify, the
pending session and update email/phone. Also the landing page used when no URI is given."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from .. import errors
from ._common import channel_of, emu, get_str, ok, read_json
from ._flows import (
    PHONE_CHANNELS,
    check_link,
    consume_pending,
    issue_for,
    masked,
    new_magic_link,
    prepare,
    prepare_update,
    resolve_user,
)


def _start(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        channel = channel_of(request.path_params["method"])
        body = await read_json(request)
        uri = get_str(body, "URI", required=False)
        e, login_id, to, data = prepare(request, body, channel, kind)
        sent = new_magic_link(request, e, login_id, to, uri, data)
        return ok({**masked(channel, to), "pendingRef": sent["pendingRef"]})

    return handler


async def verify(request: Request) -> Response:
    """Verify a magic-link token (also password-reset and embedded-link tokens)."""
    body = await read_json(request)
    token = get_str(body, "token")
    e = emu(request)
    data, row = check_link(e, ("magiclink",), token)
    user, first_seen = resolve_user(e, row["login_id"], data)
    if row["pending_ref"]:
        e.store.set_pending(row["pending_ref"], "verified",
                            {"userId": user["userId"], "firstSeen": first_seen, "flow": data})
    return ok(issue_for(e, user, data, first_seen, str(data.get("amr", "magiclink"))))


async def pending_session(request: Request) -> Response:
    """Poll a pending session: 401 until its link was verified, then a JWT response."""
    body = await read_json(request)
    ref = get_str(body, "pendingRef")
    e = emu(request)
    return ok(consume_pending(e, ref, "magiclink"))


async def update_email(request: Request) -> Response:
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    e, login_id, to, data = prepare_update(request, body, "email")
    new_magic_link(request, e, login_id, to, uri, data)
    return ok(masked("email", to))


async def update_phone(request: Request) -> Response:
    channel = request.path_params.get("method", "sms")
    if channel not in PHONE_CHANNELS:
        raise errors.not_found(f"Unknown delivery method '{channel}'")
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    e, login_id, to, data = prepare_update(request, body, channel)
    new_magic_link(request, e, login_id, to, uri, data)
    return ok({"maskedPhone": masked(channel, to)["maskedPhone"]})


async def landing(request: Request) -> Response:
    token = request.query_params.get("t", "")
    return HTMLResponse(
        "<!doctype html><html><body><h1>Descope emulator link</h1>"
        "<p>No redirect URL was configured for this link. Its token is:</p>"
        f"<pre>{html.escape(token)}</pre></body></html>"
    )


routes = [
    Route("/v1/auth/magiclink/signup/{method}", _start("signup"), methods=["POST"]),
    Route("/v1/auth/magiclink/signin/{method}", _start("signin"), methods=["POST"]),
    Route("/v1/auth/magiclink/signup-in/{method}", _start("signup-in"), methods=["POST"]),
    Route("/v1/auth/magiclink/verify", verify, methods=["POST"]),
    Route("/v1/auth/magiclink/pending-session", pending_session, methods=["POST"]),
    Route("/v1/auth/magiclink/update/email", update_email, methods=["POST"]),
    Route("/v1/auth/magiclink/update/phone", update_phone, methods=["POST"]),
    Route("/v1/auth/magiclink/update/phone/{method}", update_phone, methods=["POST"]),
    Route("/emulator/link", landing, methods=["GET"]),
]
