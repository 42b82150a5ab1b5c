"""nOTP (WhatsApp sign-in without a code): sign-up, sign-in, sign-up-or-in and the pending
session the app polls (domain/notp.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import challenges, notp
from ..web.body import get_obj, get_str, login_options, read_json
from ..web.credentials import base_url, emulator_of, refresh_token_of
from ..web.responses import ok


async def _start(request: Request, kind: str) -> Response:
    body = await read_json(request)
    return ok(notp.start(
        emulator_of(request), base_url(request), kind=kind,
        login_id=get_str(body, "loginId", required=False), opts=login_options(body),
        user_fields=get_obj(body, "user"),
        refresh_token=refresh_token_of(request, required=False)))


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/notp/whatsapp/signup"""
    return await _start(request, "signup")


async def sign_in(request: Request) -> Response:
    """POST /v1/auth/notp/whatsapp/signin"""
    return await _start(request, "signin")


async def sign_up_or_in(request: Request) -> Response:
    """POST /v1/auth/notp/whatsapp/signup-in"""
    return await _start(request, "signup-in")


async def pending_session(request: Request) -> Response:
    """POST /v1/auth/notp/pending-session: 401 E062503 until the message was sent, then the
    JWT answer (once)."""
    body = await read_json(request)
    return ok(challenges.consume_pending(emulator_of(request), get_str(body, "pendingRef"),
                                         "notp"))
