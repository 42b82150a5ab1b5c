"""Management keys (``descope_core/mgmt/management_key.py``): the cleartext is answered
only by create; the roles are enforced by ``web.credentials.require_management``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import management_keys
from ..web.body import get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import management_caller, require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """PUT /v1/mgmt/managementkey"""
    e, caller = management_caller(request)
    body = await read_json(request)
    key, cleartext = management_keys.create(
        e, caller, get_str(body, "name"), opt_str(body, "description") or "",
        get_int(body, "expiresIn"), get_str_list(body, "permittedIps"), get_obj(body, "reBac"))
    return ok({"key": key, "cleartext": cleartext})


async def update(request: Request) -> Response:
    """PATCH /v1/mgmt/managementkey"""
    e, caller = management_caller(request)
    body = await read_json(request)
    key = management_keys.update(
        e, caller, get_str(body, "id"), get_str(body, "name"), opt_str(body, "description") or "",
        get_str_list(body, "permittedIps"), get_str(body, "status"))
    return ok({"key": key})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/managementkey?id="""
    e = require_management(request)
    key_id = get_str(dict(request.query_params), "id")
    return ok({"key": management_keys.public(management_keys.require(e, key_id))})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/managementkey/delete"""
    e, caller = management_caller(request)
    body = await read_json(request)
    return ok({"total": management_keys.delete(e, caller, get_str_list(body, "ids"))})


async def search(request: Request) -> Response:
    """GET /v1/mgmt/managementkey/search"""
    e = require_management(request)
    keys = e.store.records.all(management_keys.MANAGEMENT_KEY)
    return ok({"keys": [management_keys.public(k) for k in keys]})
