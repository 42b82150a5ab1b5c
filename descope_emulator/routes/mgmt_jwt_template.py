"""JWT templates (the Node SDK's ``management.jwtTemplate``): create, update, delete, list,
load, validate, and the template library (list, load, apply). Rules in
domain/jwt_templates.py."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, jwt_templates
from ..web.body import get_obj, get_str, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _template(body: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(body.get("template"), dict):
        raise errors.INVALID_REQUEST("'template' is required (an object)")
    return get_obj(body, "template")


async def create(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/create"""
    e = require_management(request)
    template = jwt_templates.create(e, _template(await read_json(request)))
    audit.record(e, "JWTTemplateCreated", data={"id": template["id"]})
    return ok({"template": template})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/update"""
    e = require_management(request)
    template = jwt_templates.update(e, _template(await read_json(request)))
    audit.record(e, "JWTTemplateUpdated", data={"id": template["id"]})
    return ok({"template": template})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/delete"""
    e = require_management(request)
    template_id = get_str(await read_json(request), "id")
    jwt_templates.delete(e, template_id)
    audit.record(e, "JWTTemplateDeleted", data={"id": template_id})
    return ok({})


async def list_templates(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/list"""
    e = require_management(request)
    await read_json(request)
    return ok({"templates": jwt_templates.all_templates(e)})


async def load(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/load"""
    e = require_management(request)
    template_id = get_str(await read_json(request), "id")
    return ok({"template": jwt_templates.require(e, template_id)})


async def validate(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/validate: ``{id, template?}`` -> ``{valid, issues}``."""
    e = require_management(request)
    body = await read_json(request)
    template_id = opt_str(body, "id") or ""
    doc = get_obj(body, "template") if body.get("template") is not None else None
    if doc is None and not template_id:
        raise errors.INVALID_REQUEST("'id' or 'template' is required")
    return ok(jwt_templates.validate(e, template_id, doc))


async def list_library(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/list"""
    require_management(request)
    await read_json(request)
    return ok({"entries": jwt_templates.library()})


async def load_library_entry(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/load"""
    require_management(request)
    return ok({"entry": jwt_templates.library_entry(get_str(await read_json(request), "id"))})


async def apply_from_library(request: Request) -> Response:
    """POST /v1/mgmt/jwt/templates/library/apply"""
    e = require_management(request)
    template = jwt_templates.apply_from_library(e, await read_json(request))
    audit.record(e, "JWTTemplateCreated", data={"id": template["id"], "source": template["source"]})
    return ok({"template": template})
