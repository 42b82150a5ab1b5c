"""Outbound connect: a signed-in user connects to an outbound application
(domain/outbound_connect.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import outbound_connect
from ..web.body import get_bool, get_obj, get_str, read_json
from ..web.credentials import base_url, emulator_of, refresh_token_of
from ..web.responses import ok


async def connect(request: Request) -> Response:
    """POST /v1/outbound/oauth/connect"""
    body = await read_json(request)
    return ok(outbound_connect.start(
        emulator_of(request), base_url(request), app_id=get_str(body, "appId"),
        refresh_token=refresh_token_of(request),
        tenant_id=get_str(body, "tenantId", required=False),
        tenant_level=get_bool(body, "tenantLevel"), options=get_obj(body, "options")))
