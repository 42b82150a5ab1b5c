"""Engines (``descope_core/mgmt/engine.py``): the secret is answered only by create and
rotate."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import engines
from ..web.body import get_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """POST /v1/mgmt/engine/create"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"engine": engines.create(e, get_str(body, "name"))})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/engine/update"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"engine": engines.rename(e, get_str(body, "id"), get_str(body, "name"))})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/engine/delete"""
    e = require_management(request)
    body = await read_json(request)
    engines.delete(e, get_str(body, "id"))
    return ok({})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/engine/load?id="""
    e = require_management(request)
    engine_id = get_str(dict(request.query_params), "id")
    return ok({"engine": engines.public(engines.require(e, engine_id))})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/engines/load"""
    e = require_management(request)
    return ok({"engines": [engines.public(x) for x in e.store.records.all(engines.ENGINE)]})


async def rotate_secret(request: Request) -> Response:
    """POST /v1/mgmt/engine/rotate"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"secret": engines.rotate(e, get_str(body, "id"))})
