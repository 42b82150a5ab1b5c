"""Minimal tenant, role and permission management (create/load), plus the license
handshake the official SDK performs when it is given a management key."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..store import new_id
from ._common import (
    get_bool,
    get_obj,
    get_str,
    get_str_list,
    ok,
    opt_str,
    read_json,
    require_management,
)
from ._mgmt import audit


async def tenant_create(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    tenant_id = opt_str(body, "id") or new_id("T", 14)
    tenant = {
        "id": tenant_id,
        "name": name,
        "selfProvisioningDomains": get_str_list(body, "selfProvisioningDomains"),
        "customAttributes": get_obj(body, "customAttributes"),
        "enforceSSO": get_bool(body, "enforceSSO"),
        "disabled": get_bool(body, "disabled"),
    }
    with e.store.tx():
        if e.store.tenant(tenant_id) is not None:
            raise errors.conflict(f"Tenant '{tenant_id}' already exists", "E091102")
        e.store.save_tenant(tenant)
    audit(e, "TenantCreated", tenants=[tenant_id], data={"name": name})  # issue 4
    return ok({"id": tenant_id})


async def tenant_load(request: Request) -> Response:
    e = require_management(request)
    tenant_id = request.query_params.get("id", "")
    if not tenant_id:
        raise errors.bad_request("'id' query parameter is required")
    tenant = e.store.tenant(tenant_id)
    if tenant is None:
        raise errors.not_found(f"Tenant '{tenant_id}' not found", "E091101")
    return ok(tenant)


async def role_create(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    tenant_id = opt_str(body, "tenantId") or ""
    if tenant_id and e.store.tenant(tenant_id) is None:
        raise errors.not_found(f"Tenant '{tenant_id}' not found", "E091101")
    role = {
        "id": new_id("RL", 12),
        "name": name,
        "description": opt_str(body, "description") or "",
        "permissionNames": get_str_list(body, "permissionNames"),
        "tenantId": tenant_id,
        "default": get_bool(body, "default"),
        "private": get_bool(body, "private"),
    }
    with e.store.tx():
        if e.store.role(name, tenant_id) is not None:
            raise errors.conflict(f"Role '{name}' already exists", "E092101")
        e.store.save_role(role)
    audit(e, "RoleCreated", tenants=[tenant_id] if tenant_id else [], data={"name": name})  # issue 4
    return ok({})


async def permission_create(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    permission = {"name": name, "description": opt_str(body, "description") or "",
                  "systemDefault": False}
    with e.store.tx():
        if e.store.permission(name) is not None:
            raise errors.conflict(f"Permission '{name}' already exists", "E093101")
        e.store.save_permission(permission)
    audit(e, "PermissionCreated", data={"name": name})  # issue 4
    return ok({})


async def license_info(request: Request) -> Response:
    require_management(request)
    return ok({"rateLimitTier": "tier4"})


routes = [
    Route("/v1/mgmt/tenant/create", tenant_create, methods=["POST"]),
    Route("/v1/mgmt/tenant", tenant_load, methods=["GET"]),
    Route("/v1/mgmt/role/create", role_create, methods=["POST"]),
    Route("/v1/mgmt/permission/create", permission_create, methods=["POST"]),
    Route("/v1/mgmt/license", license_info, methods=["GET"]),
]
