"""Role management (``descope_core/mgmt/role.py``): create, update (a rename is carried
into every user that holds the role), delete, load all, search."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, roles
from ..storage import new_id
from ..web.body import get_bool, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """POST /v1/mgmt/role/create (``tenantId``: a tenant role)."""
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    tenant_id = opt_str(body, "tenantId") or ""
    role = {
        "id": new_id("RL", 12),
        "name": name,
        "description": opt_str(body, "description") or "",
        "permissionNames": get_str_list(body, "permissionNames"),
        "tenantId": tenant_id,
        "default": get_bool(body, "default"),
        "private": get_bool(body, "private"),
    }
    roles.create_role(e, role)
    return ok({})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/role/update (every named permission must exist)."""
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    new_name = get_str(body, "newName")
    tenant_id = opt_str(body, "tenantId") or ""
    role = e.store.roles.get(name, tenant_id)
    if role is None:
        raise errors.ROLE_NOT_FOUND(f"Role '{name}' not found")
    perms = get_str_list(body, "permissionNames")
    for perm in perms:
        roles.require_permission(e, perm)
    with e.store.tx():
        e.store.roles.delete(name, tenant_id)
        role.update(
            name=new_name,
            description=opt_str(body, "description") or "",
            permissionNames=perms,
            tenantId=tenant_id,
            default=get_bool(body, "default"),
            private=get_bool(body, "private"),
        )
        e.store.roles.save(role)
        if new_name != name:
            roles.rename_role_in_users(e, name, new_name, tenant_id)
    audit.record(e, "RoleUpdated", tenants=[tenant_id] if tenant_id else [], data={"name": name})
    return ok({})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/role/delete (users stop holding it)."""
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    tenant_id = opt_str(body, "tenantId") or ""
    roles.delete_role(e, name, tenant_id)
    return ok({})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/role/all (project roles first)."""
    e = require_management(request)
    every = e.store.roles.all()
    return ok({
        "roles": [roles.public_role(r) for r in every if not r.get("tenantId")]
        + [roles.public_role(r) for r in every if r.get("tenantId")]
    })


async def search(request: Request) -> Response:
    """POST /v1/mgmt/role/search"""
    e = require_management(request)
    body = await read_json(request)
    found = roles.RoleFilter(
        tenant_ids=get_str_list(body, "tenantIds"),
        names=get_str_list(body, "roleNames"),
        name_like=opt_str(body, "roleNameLike") or "",
        permission_names=get_str_list(body, "permissionNames"),
        role_ids=get_str_list(body, "roleIds"),
        include_project_roles=get_bool(body, "includeProjectRoles"),
    )
    out = [roles.public_role(r) for r in e.store.roles.all() if found.matches(r)]
    return ok({"roles": out})
