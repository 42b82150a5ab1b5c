"""Tenant management (``descope_core/mgmt/tenant.py``): create, load, update (a full
overwrite), patch, delete (with cascade), load all, search, settings (session lifetimes),
default roles and the admin links to the self-service SSO setup."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import sso_setup_links, tenant_settings, tenants
from ..state import Emulator
from ..storage import new_id
from ..web import tenant_body
from ..web.body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import base_url, require_management
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


def _id_query(request: Request) -> tuple[Emulator, str]:
    """(emulator, the ``id`` query parameter) of a management GET (400 without one)."""
    e = require_management(request)
    tenant_id = request.query_params.get("id", "")
    if not tenant_id:
        raise errors.INVALID_REQUEST("'id' query parameter is required")
    return e, tenant_id


async def load(request: Request) -> Response:
    """GET /v1/mgmt/tenant?id=..."""
    e, tenant_id = _id_query(request)
    return ok(tenants.require_tenant(e, tenant_id))


async def update(request: Request) -> Response:
    """POST /v1/mgmt/tenant/update"""
    e = require_management(request)
    body = await read_json(request)
    tenants.patch(e, get_str(body, "id"), {
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


# -- patch, settings, default roles, SSO setup links --------------------------------------------

_PATCH_KEYS = {"name": "str", "selfProvisioningDomains": "list", "customAttributes": "obj",
               "disabled": "bool", "enforceSSO": "bool", "enforceSSOExclusions": "list",
               "federatedAppIds": "list", "roleInheritance": "str"}


def _typed(body: dict[str, Any], key: str, kind: str) -> Any:
    if kind == "str":
        return get_str(body, key)
    if kind == "list":
        return get_str_list(body, key)
    if kind == "obj":
        return get_obj(body, key)
    return get_bool(body, key)


async def patch_tenant(request: Request) -> Response:
    """PATCH /v1/mgmt/tenant/patch: only the fields the body carries change."""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "id")
    changes = {k: _typed(body, k, kind) for k, kind in _PATCH_KEYS.items() if body.get(k) is not None}
    tenants.patch(e, tenant_id, changes)
    return ok({})


async def load_settings(request: Request) -> Response:
    """GET /v1/mgmt/tenant/settings?id=..."""
    e, tenant_id = _id_query(request)
    return ok(tenant_settings.load(e, tenant_id))


async def update_settings(request: Request) -> Response:
    """POST /v1/mgmt/tenant/settings"""
    e = require_management(request)
    tenant_body.update_settings(e, await read_json(request))
    return ok({})


async def update_default_roles(request: Request) -> Response:
    """POST /v1/mgmt/tenant/updateDefaultRoles"""
    e = require_management(request)
    body = await read_json(request)
    if not isinstance(body.get("defaultRoles"), list):
        raise errors.INVALID_REQUEST("'defaultRoles' must be an array of strings")
    tenants.set_default_roles(e, get_str(body, "id"), get_str_list(body, "defaultRoles"))
    return ok({})


async def generate_sso_configuration_link(request: Request) -> Response:
    """POST /v2/mgmt/tenant/adminlinks/sso/generate"""
    e = require_management(request)
    body = await read_json(request)
    link = sso_setup_links.generate(
        e, base_url(request), get_str(body, "tenantId"), opt_str(body, "ssoId") or "",
        get_int(body, "expireTime"), opt_str(body, "email") or "", opt_str(body, "actorId") or "",
    )
    return ok({"adminSSOConfigurationLink": link})


async def revoke_sso_configuration_link(request: Request) -> Response:
    """POST /v1/mgmt/tenant/adminlinks/sso/revoke"""
    e = require_management(request)
    body = await read_json(request)
    sso_setup_links.revoke(e, get_str(body, "tenantId"), opt_str(body, "ssoId") or "")
    return ok({})
