"""Password policy of the project and of each tenant (``descope_core/mgmt/password.py``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import passwords
from ..web.body import get_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def get_settings(request: Request) -> Response:
    """GET /v1/mgmt/password/settings?tenantId= (empty: the project's policy)"""
    e = require_management(request)
    tenant_id = get_str(dict(request.query_params), "tenantId", required=False)
    return ok(passwords.settings_of(e, tenant_id))


async def configure_settings(request: Request) -> Response:
    """POST /v1/mgmt/password/settings ({"tenantId", <policy keys>})"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId", required=False)
    passwords.configure(e, tenant_id, {k: v for k, v in body.items() if k != "tenantId"})
    return ok({})
