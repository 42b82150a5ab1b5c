"""Magic link: sign-up, sign-in, sign-up-or-in for every delivery method, verify, the
pending session and update email / phone."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import challenges, delivery
from ..web.body import get_str, read_json
from ..web.credentials import base_url, emulator_of
from ..web.passwordless import channel_of, start, start_update
from ..web.responses import ok


async def _send_link(request: Request, kind: str) -> Response:
    channel = channel_of(request)
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, to, data = start(request, body, kind, channel)
    sent = challenges.new_magic_link(emulator_of(request), base_url(request), login_id, to, uri, data)
    return ok({**delivery.masked(channel, to), "pendingRef": sent["pendingRef"]})


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/magiclink/signup/{method}"""
    return await _send_link(request, "signup")


async def sign_in(request: Request) -> Response:
    """POST /v1/auth/magiclink/signin/{method}"""
    return await _send_link(request, "signin")


async def sign_up_or_in(request: Request) -> Response:
    """POST /v1/auth/magiclink/signup-in/{method}"""
    return await _send_link(request, "signup-in")


async def verify(request: Request) -> Response:
    """POST /v1/auth/magiclink/verify (also password-reset and embedded-link tokens)."""
    body = await read_json(request)
    return ok(challenges.verify_magic_link(emulator_of(request), get_str(body, "token")))


async def pending_session(request: Request) -> Response:
    """POST /v1/auth/magiclink/pending-session: 401 until the link was verified."""
    body = await read_json(request)
    ref = get_str(body, "pendingRef")
    return ok(challenges.consume_pending(emulator_of(request), ref, "magiclink"))


async def _update(request: Request, channel: str) -> str:
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, to, data = start_update(request, body, channel)
    challenges.new_magic_link(emulator_of(request), base_url(request), login_id, to, uri, data)
    return to


async def update_email(request: Request) -> Response:
    """POST /v1/auth/magiclink/update/email"""
    to = await _update(request, "email")
    return ok(delivery.masked("email", to))


async def update_phone(request: Request) -> Response:
    """POST /v1/auth/magiclink/update/phone[/{method}]"""
    channel = channel_of(request, delivery.PHONE_CHANNELS, "sms")
    to = await _update(request, channel)
    return ok({"maskedPhone": delivery.mask_phone(to)})
