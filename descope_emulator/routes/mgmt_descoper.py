"""Descopers (``descope_core/mgmt/descoper.py``): PUT creates, PATCH updates, DELETE
removes, GET loads by id, POST lists."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import descopers
from ..web.body import get_obj_list, get_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """PUT /v1/mgmt/descoper"""
    e = require_management(request)
    entries = get_obj_list(await read_json(request), "descopers", required=True)
    made = descopers.create(e, entries)
    return ok({"descopers": made, "total": len(made)})


async def update(request: Request) -> Response:
    """PATCH /v1/mgmt/descoper"""
    e = require_management(request)
    body = await read_json(request)
    updated = descopers.update(e, get_str(body, "id"), body.get("attributes"), body.get("rbac"))
    return ok({"descoper": updated})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/descoper?id="""
    e = require_management(request)
    return ok({"descoper": descopers.require(e, get_str(dict(request.query_params), "id"))})


async def delete(request: Request) -> Response:
    """DELETE /v1/mgmt/descoper?id="""
    e = require_management(request)
    descopers.delete(e, get_str(dict(request.query_params), "id"))
    return ok({})


async def list_descopers(request: Request) -> Response:
    """POST /v1/mgmt/descoper/list (``Descoper.list``)"""
    e = require_management(request)
    await read_json(request)
    found = e.store.records.all(descopers.DESCOPER)
    return ok({"descopers": found, "total": len(found)})
