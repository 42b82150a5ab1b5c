"""SAML sign-in, the deprecated alias of SSO: authorize (a URL of the emulator's identity
picker) and exchange (the code the picker returned, for tokens)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..web import federated
from ..web.responses import ok


async def authorize(request: Request) -> Response:
    """POST /v1/auth/saml/authorize"""
    return ok(await federated.authorize(request, "saml"))


async def exchange(request: Request) -> Response:
    """POST /v1/auth/saml/exchange"""
    return ok(await federated.exchange(request, "saml"))
