"""Permission management (``descope_core/mgmt/permission.py``): create, update (a rename
is carried into every role), delete, load all."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import audit, roles
from ..web.body import get_str, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """POST /v1/mgmt/permission/create"""
    e = require_management(request)
    body = await read_json(request)
    roles.create_permission(e, get_str(body, "name"), opt_str(body, "description") or "")
    return ok({})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/permission/update"""
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    new_name = get_str(body, "newName")
    perm = roles.require_permission(e, name)
    with e.store.tx():
        e.store.permissions.delete(name)
        perm.update(name=new_name, description=opt_str(body, "description") or "")
        e.store.permissions.save(perm)
        roles.rename_permission(e, name, new_name)
    audit.record(e, "PermissionUpdated", data={"name": name, "newName": new_name})
    return ok({})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/permission/delete (roles stop granting it)."""
    e = require_management(request)
    body = await read_json(request)
    roles.delete_permission(e, get_str(body, "name"))
    return ok({})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/permission/all"""
    e = require_management(request)
    perms = [
        {
            "name": p["name"],
            "description": p.get("description") or "",
            "systemDefault": bool(p.get("systemDefault", False)),
        }
        for p in e.store.permissions.all()
    ]
    return ok({"permissions": perms})
