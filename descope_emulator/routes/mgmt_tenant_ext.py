"""Tenants beyond create/load: update (full overwrite), delete (with cascade), load all,
search."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import mgmt_store
from ..store import dumps
from ._common import get_bool, get_obj, get_str, get_str_list, ok, read_json
from ._mgmt import (
    all_access_keys,
    all_tenants,
    audit,
    delete_access_key,
    require_mgmt,
    require_tenant,
)


async def update(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant = require_tenant(e, get_str(body, "id"))
    tenant.update(
        name=get_str(body, "name"),
        selfProvisioningDomains=get_str_list(body, "selfProvisioningDomains"),
        customAttributes=get_obj(body, "customAttributes"),
        enforceSSO=get_bool(body, "enforceSSO"),
        enforceSSOExclusions=get_str_list(body, "enforceSSOExclusions"),
        federatedAppIds=get_str_list(body, "federatedAppIds"),
        disabled=get_bool(body, "disabled"),
    )
    e.store.save_tenant(tenant)
    audit(e, "TenantUpdated", tenants=[tenant["id"]], data={"name": tenant["name"]})
    return ok({})


async def delete(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_id = get_str(body, "id")
    cascade = get_bool(body, "cascade")
    require_tenant(e, tenant_id)
    with e.store.tx() as conn:
        for user in e.store.all_users():
            tenants = user.get("userTenants") or []
            if not any(t.get("tenantId") == tenant_id for t in tenants):
                continue
            rest = [t for t in tenants if t.get("tenantId") != tenant_id]
            if cascade and not rest:
                e.store.delete_user(user["userId"])
                continue
            user["userTenants"] = rest
            e.store.save_user(user)
        for key in all_access_keys(e):
            tenants = key.get("keyTenants") or []
            if not any(t.get("tenantId") == tenant_id for t in tenants):
                continue
            rest = [t for t in tenants if t.get("tenantId") != tenant_id]
            if cascade and not rest:
                delete_access_key(e, key["id"])
                continue
            key["keyTenants"] = rest
            conn.execute(
                "UPDATE access_keys SET data=? WHERE id=?",
                (dumps(key), key["id"]),
            )
        conn.execute("DELETE FROM roles WHERE tenant_id=?", (tenant_id,))
        conn.execute("DELETE FROM tenants WHERE id=?", (tenant_id,))
        mgmt_store.sso_save(e.store, tenant_id, None)
    audit(e, "TenantDeleted", tenants=[tenant_id], data={"cascade": cascade})
    return ok({})


async def load_all(request: Request) -> Response:
    e = require_mgmt(request)
    return ok({"tenants": all_tenants(e)})


def _matches(tenant: dict[str, Any], body: dict[str, Any]) -> bool:
    ids = get_str_list(body, "tenantIds")
    names = get_str_list(body, "tenantNames")
    domains = get_str_list(body, "tenantSelfProvisioningDomains")
    attrs = get_obj(body, "customAttributes")
    if ids and tenant["id"] not in ids:
        return False
    if names and tenant.get("name") not in names:
        return False
    if domains and not set(domains) & set(tenant.get("selfProvisioningDomains") or []):
        return False
    mine = tenant.get("customAttributes") or {}
    return all(mine.get(k) == v for k, v in attrs.items())


async def search(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    _matches({"id": ""}, body)  # type-check the filters even when there are no tenants
    return ok({"tenants": [t for t in all_tenants(e) if _matches(t, body)]})


routes = [
    Route("/v1/mgmt/tenant/update", update, methods=["POST"]),
    Route("/v1/mgmt/tenant/delete", delete, methods=["POST"]),
    Route("/v1/mgmt/tenant/all", load_all, methods=["GET"]),
    Route("/v1/mgmt/tenant/search", search, methods=["POST"]),
]
