"""OTP: sign-up, sign-in, sign-up-or-in and verify for email/SMS/voice/WhatsApp, and the
update-email / update-phone calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ._common import channel_of, emu, get_str, ok, read_json
from ._flows import (
    PHONE_CHANNELS,
    check_code,
    issue_for,
    masked,
    new_otp,
    prepare,
    prepare_update,
    resolve_user,
)


def _start(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        channel = channel_of(request.path_params["method"])
        body = await read_json(request)
        e, login_id, to, data = prepare(request, body, channel, kind)
        new_otp(e, login_id, to, data)
        return ok(masked(channel, to))

    return handler


async def verify(request: Request) -> Response:
    channel = channel_of(request.path_params["method"])
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    code = get_str(body, "code")
    e = emu(request)
    data = check_code(e, login_id, code, channel)
    user, first_seen = resolve_user(e, login_id, data)
    return ok(issue_for(e, user, data, first_seen, "otp"))


async def update_email(request: Request) -> Response:
    body = await read_json(request)
    e, login_id, to, data = prepare_update(request, body, "email")
    new_otp(e, login_id, to, data)
    return ok(masked("email", to))


async def update_phone(request: Request) -> Response:
    channel = request.path_params.get("method", "sms")
    if channel not in PHONE_CHANNELS:
        raise errors.not_found(f"Unknown delivery method '{channel}'")
    body = await read_json(request)
    e, login_id, to, data = prepare_update(request, body, channel)
    new_otp(e, login_id, to, data)
    return ok(masked(channel, to))



routes = [
    Route("/v1/auth/otp/signup/{method}", _start("signup"), methods=["POST"]),
    Route("/v1/auth/otp/signin/{method}", _start("signin"), methods=["POST"]),
    Route("/v1/auth/otp/signup-in/{method}", _start("signup-in"), methods=["POST"]),
    Route("/v1/auth/otp/verify/{method}", verify, methods=["POST"]),
    Route("/v1/auth/otp/update/email", update_email, methods=["POST"]),
    Route("/v1/auth/otp/update/phone", update_phone, methods=["POST"]),
    Route("/v1/auth/otp/update/phone/{method}", update_phone, methods=["POST"]),
]
