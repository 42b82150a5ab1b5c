"""Tenant management (``descope_core/mgmt/tenant.py``): create, load, update (a full
overwrite), delete (with cascade), load all, search."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import tenants
from ..storage import new_id
from ..web.body import get_bool, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """POST /v1/mgmt/tenant/create"""
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
    tenants.create(e, tenant)
    return ok({"id": tenant_id})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/tenant?id=..."""
    e = require_management(request)
    tenant_id = request.query_params.get("id", "")
    if not tenant_id:
        raise errors.INVALID_REQUEST("'id' query parameter is required")
    return ok(tenants.require_tenant(e, tenant_id))


async def update(request: Request) -> Response:
    """POST /v1/mgmt/tenant/update"""
    e = require_management(request)
    body = await read_json(request)
    tenants.update(e, get_str(body, "id"), {
        "name": get_str(body, "name"),
        "selfProvisioningDomains": get_str_list(body, "selfProvisioningDomains"),
        "customAttributes": get_obj(body, "customAttributes"),
        "enforceSSO": get_bool(body, "enforceSSO"),
        "enforceSSOExclusions": get_str_list(body, "enforceSSOExclusions"),
        "federatedAppIds": get_str_list(body, "federatedAppIds"),
        "disabled": get_bool(body, "disabled"),
    })
    return ok({})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/tenant/delete"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "id")
    cascade = get_bool(body, "cascade")
    tenants.remove(e, tenant_id, cascade)
    return ok({})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/tenant/all"""
    e = require_management(request)
    return ok({"tenants": e.store.tenants.all()})


async def search_all(request: Request) -> Response:
    """POST /v1/mgmt/tenant/search"""
    e = require_management(request)
    body = await read_json(request)
    ids = get_str_list(body, "tenantIds")
    names = get_str_list(body, "tenantNames")
    domains = get_str_list(body, "tenantSelfProvisioningDomains")
    attrs = get_obj(body, "customAttributes")
    found = [t for t in e.store.tenants.all() if tenants.matches(t, ids, names, domains, attrs)]
    return ok({"tenants": found})
