"""OAuth sign-in: authorize (a URL of the emulator's identity picker) and exchange (the
code the picker returned, for tokens)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..web import federated
from ..web.responses import ok


async def authorize(request: Request) -> Response:
    """POST /v1/auth/oauth/authorize"""
    return ok(await federated.authorize(request, "oauth"))


async def exchange(request: Request) -> Response:
    """POST /v1/auth/oauth/exchange"""
    return ok(await federated.exchange(request, "oauth"))
