"""The license handshake (``descope_core/mgmt/license.py``) the official SDK performs when
it is given a management key."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..web.credentials import require_management
from ..web.responses import ok


async def fetch(request: Request) -> Response:
    """GET /v1/mgmt/license"""
    require_management(request)
    return ok({"rateLimitTier": "tier4"})
