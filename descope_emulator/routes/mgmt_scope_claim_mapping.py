"""Scope -> claims mapping (``descope_core/mgmt/scope_claim_mapping.py``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import scope_claims
from ..web.body import get_obj_list, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def get(request: Request) -> Response:
    """POST /v1/mgmt/scopeClaimMapping/get"""
    e = require_management(request)
    await read_json(request)
    return ok({"mappings": scope_claims.get(e)})


async def set(request: Request) -> Response:  # noqa: A001 - the SDK method's name
    """POST /v1/mgmt/scopeClaimMapping/set"""
    e = require_management(request)
    body = await read_json(request)
    scope_claims.set_all(e, get_obj_list(body, "mappings", required=True))
    return ok({})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/scopeClaimMapping/delete"""
    e = require_management(request)
    await read_json(request)
    scope_claims.delete_all(e)
    return ok({})
