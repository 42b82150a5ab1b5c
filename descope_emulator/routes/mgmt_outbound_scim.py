"""Outbound SCIM (``descope_core/mgmt/outbound_scim.py``): one configuration per outbound
application, guarded by its version."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import outbound_scim
from ..web.body import get_bool, get_obj, get_str, read_json
from ..web.credentials import management_caller, require_management
from ..web.responses import ok


async def create_configuration(request: Request) -> Response:
    """POST /v1/mgmt/outbound/scim/create"""
    e = require_management(request)
    body = await read_json(request)
    config = outbound_scim.create(e, get_str(body, "appId"), get_obj(body, "configuration"))
    return ok({"configuration": config})


async def update_configuration(request: Request) -> Response:
    """POST /v1/mgmt/outbound/scim/update"""
    e = require_management(request)
    body = await read_json(request)
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise errors.INVALID_REQUEST("'version' is required (an integer)")
    config = outbound_scim.update(
        e, get_str(body, "appId"), version, get_obj(body, "configuration"))
    return ok({"configuration": config})


async def delete_configuration(request: Request) -> Response:
    """POST /v1/mgmt/outbound/scim/delete"""
    e = require_management(request)
    outbound_scim.delete(e, get_str(await read_json(request), "appId"))
    return ok({})


async def load_configuration(request: Request) -> Response:
    """GET /v1/mgmt/outbound/scim/{app_id}"""
    e, caller = management_caller(request)
    return ok({"configuration": outbound_scim.load(e, request.path_params["app_id"], caller)})


async def set_enabled(request: Request) -> Response:
    """POST /v1/mgmt/outbound/scim/enabled/set"""
    e = require_management(request)
    body = await read_json(request)
    if not isinstance(body.get("enabled"), bool):
        raise errors.INVALID_REQUEST("'enabled' is required (a boolean)")
    config = outbound_scim.set_enabled(e, get_str(body, "appId"), get_bool(body, "enabled"))
    return ok({"configuration": config})
