"""OTP: sign-up, sign-in, sign-up-or-in and verify for email / SMS / voice / WhatsApp / instant
messaging (``im``), and update email / phone."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import challenges, delivery
from ..web.body import get_str, read_json
from ..web.credentials import emulator_of
from ..web.passwordless import channel_of, start, start_update
from ..web.responses import ok


async def _send_code(request: Request, kind: str) -> Response:
    channel = channel_of(request)
    login_id, to, data = start(request, await read_json(request), kind, channel)
    challenges.new_otp(emulator_of(request), login_id, to, data)
    return ok(delivery.masked(channel, to))


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/otp/signup/{method}"""
    return await _send_code(request, "signup")


async def sign_in(request: Request) -> Response:
    """POST /v1/auth/otp/signin/{method}"""
    return await _send_code(request, "signin")


async def sign_up_or_in(request: Request) -> Response:
    """POST /v1/auth/otp/signup-in/{method}"""
    return await _send_code(request, "signup-in")


async def verify(request: Request) -> Response:
    """POST /v1/auth/otp/verify/{method}"""
    channel = channel_of(request)
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    code = get_str(body, "code")
    return ok(challenges.verify_code(emulator_of(request), login_id, code, channel))


async def update_email(request: Request) -> Response:
    """POST /v1/auth/otp/update/email"""
    login_id, to, data = start_update(request, await read_json(request), "email")
    challenges.new_otp(emulator_of(request), login_id, to, data)
    return ok(delivery.masked("email", to))


async def update_phone(request: Request) -> Response:
    """POST /v1/auth/otp/update/phone[/{method}]"""
    channel = channel_of(request, delivery.PHONE_CHANNELS, "sms")
    login_id, to, data = start_update(request, await read_json(request), channel)
    challenges.new_otp(emulator_of(request), login_id, to, data)
    return ok(delivery.masked(channel, to))
