"""Role management (``descope_core/mgmt/role.py``): create, update (a rename is carried
into every user that holds the role), delete (by name or id), their batches (all or
none), load all, search."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import roles
from ..state import Emulator
from ..storage import new_id
from ..web.body import get_bool, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.management import change_each, change_one
from ..web.responses import ok


def _create_one(e: Emulator, body: dict[str, Any]) -> None:
    roles.create_role(e, {
        "id": new_id("RL", 12),
        "name": get_str(body, "name"),
        "description": opt_str(body, "description") or "",
        "permissionNames": get_str_list(body, "permissionNames"),
        "tenantId": opt_str(body, "tenantId") or "",
        "default": get_bool(body, "default"),
        "private": get_bool(body, "private"),
    })


def _named_role(e: Emulator, body: dict[str, Any], tenant_id: str) -> dict[str, Any]:
    """The role a body names by `name`, or by `id` (the `*_by_id` calls)."""
    if body.get("id") is not None and body.get("name") is None:
        return roles.require_role_id(e, get_str(body, "id"), tenant_id)
    name = get_str(body, "name")
    role = e.store.roles.get(name, tenant_id)
    if role is None:
        raise errors.ROLE_NOT_FOUND(f"Role '{name}' not found")
    return role


def _update_one(e: Emulator, body: dict[str, Any]) -> None:
    role = _named_role(e, body, opt_str(body, "tenantId") or "")
    roles.update_role(e, role, {
        "name": get_str(body, "newName"),
        "description": opt_str(body, "description") or "",
        "permissionNames": get_str_list(body, "permissionNames"),
        "default": get_bool(body, "default"),
        "private": get_bool(body, "private"),
    })


def _delete_one(e: Emulator, role: dict[str, Any], tenant_id: str) -> None:
    roles.delete_role(e, role["name"], tenant_id)


async def create(request: Request) -> Response:
    """POST /v1/mgmt/role/create (``tenantId``: a tenant role)."""
    return await change_one(request, _create_one)


async def update(request: Request) -> Response:
    """POST /v1/mgmt/role/update (by ``name``, or by ``id`` for ``update_by_id``; every
    named permission must exist; a rename is carried into the users)."""
    return await change_one(request, _update_one)


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/role/delete (by ``name``, or ``id``; users stop holding it)."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        role = _named_role(e, body, opt_str(body, "tenantId") or "")
        _delete_one(e, role, role.get("tenantId") or "")
    return ok({})


async def create_batch(request: Request) -> Response:
    """POST /v1/mgmt/role/create/batch: every role, or none (a failure rolls back)."""
    return await change_each(request, "roles", _create_one)


async def update_batch(request: Request) -> Response:
    """POST /v1/mgmt/role/update/batch: every role, or none."""
    return await change_each(request, "roles", _update_one)


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/role/delete/batch: ``roleNames`` or ``roleIds`` of one tenant; all or
    none (an unknown role is 404 and nothing is deleted)."""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = opt_str(body, "tenantId") or ""
    names, ids = get_str_list(body, "roleNames"), get_str_list(body, "roleIds")
    if not names and not ids:
        raise errors.INVALID_REQUEST("'roleNames' or 'roleIds' is required")
    with e.store.tx():
        found = [_named_role(e, {"name": n}, tenant_id) for n in names]
        found += [roles.require_role_id(e, i, tenant_id) for i in ids]
        for role in {r["id"]: r for r in found}.values():
            _delete_one(e, role, role.get("tenantId") or "")
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
