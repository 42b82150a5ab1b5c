"""Access-key exchange: ``Bearer <projectId>:<key cleartext>`` for a session JWT."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import access_keys
from ..web.body import get_obj, opt_str, read_json
from ..web.credentials import bearer_parts, client_ip, emulator_of
from ..web.responses import ok


async def exchange(request: Request) -> Response:
    """POST /v1/auth/accesskey/exchange"""
    body = await read_json(request)
    opts = get_obj(body, "loginOptions")
    nsec = get_obj(opts, "customClaims")
    selected = opt_str(opts, "selectedTenant")
    parts = bearer_parts(request)
    return ok(access_keys.exchange(emulator_of(request), parts[1:], client_ip(request),
                                   nsec=nsec, selected_tenant=selected))
