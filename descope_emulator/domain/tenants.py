"""Tenants: lookups, creation, updates, deletion (memberships go; with ``cascade`` users and keys left
without any tenant go too) and the search filter."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import records
from . import audit


def require_tenant(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """The tenant with this id (404 when unknown)."""
    tenant = e.store.tenants.get(tenant_id)
    if tenant is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")
    return tenant


def require_new_tenant_id(e: Emulator, tenant_id: str) -> None:
    """409 when a tenant with this id exists."""
    if e.store.tenants.get(tenant_id) is not None:
        raise errors.TENANT_EXISTS(f"Tenant '{tenant_id}' already exists")


def _without_tenant(members: list[dict[str, Any]], tenant_id: str) -> list[dict[str, Any]] | None:
    """The memberships without ``tenant_id`` (None when it was not among them)."""
    if not any(t.get("tenantId") == tenant_id for t in members):
        return None
    return [t for t in members if t.get("tenantId") != tenant_id]


def delete(e: Emulator, tenant_id: str, cascade: bool) -> None:
    """Delete a tenant, its roles and SSO settings, and every membership of it; with
    ``cascade``, users and keys left without any tenant are deleted."""
    require_tenant(e, tenant_id)
    with e.store.tx():
        for user in e.store.users.all():
            rest = _without_tenant(user.get("userTenants") or [], tenant_id)
            if rest is None:
                continue
            if cascade and not rest:
                e.store.users.delete(user["userId"])
            else:
                user["userTenants"] = rest
                e.store.users.save(user)
        for key in e.store.access_keys.all():
            rest = _without_tenant(key.get("keyTenants") or [], tenant_id)
            if rest is None:
                continue
            if cascade and not rest:
                e.store.access_keys.delete(key["id"])
            else:
                key["keyTenants"] = rest
                e.store.access_keys.save(key)
        e.store.tenants.delete(tenant_id)
        e.store.sso_settings.save(tenant_id, None)
        forget_tenant_records(e, tenant_id)


def forget_tenant_records(e: Emulator, tenant_id: str) -> None:
    """Drop a deleted tenant's settings, named SSO configurations, their cross-app access
    settings and its SSO setup links."""
    e.store.records.delete(records.TENANT_SETTINGS, tenant_id)
    for kind in (records.SSO_CONFIG, records.SSO_XAA, records.SSO_SETUP_LINK):
        for rec in e.store.records.all(kind):
            if rec.get("tenantId") == tenant_id:
                e.store.records.delete(kind, rec["_key"])


def matches(tenant: dict[str, Any], ids: list[str], names: list[str], domains: list[str],
            attrs: dict[str, Any]) -> bool:
    """The filter of ``/v1/mgmt/tenant/search``."""
    if ids and tenant["id"] not in ids:
        return False
    if names and tenant.get("name") not in names:
        return False
    if domains and not set(domains) & set(tenant.get("selfProvisioningDomains") or []):
        return False
    mine = tenant.get("customAttributes") or {}
    return all(mine.get(k) == v for k, v in attrs.items())


def create(e: Emulator, tenant: dict[str, Any]) -> None:
    """Store a new tenant (409 when its id is taken) and audit it."""
    with e.store.tx():
        require_new_tenant_id(e, tenant["id"])
        e.store.tenants.save(tenant)
    audit.record(e, "TenantCreated", tenants=[tenant["id"]], data={"name": tenant["name"]})


def remove(e: Emulator, tenant_id: str, cascade: bool) -> None:
    """Delete a tenant (see :func:`delete`) and audit it."""
    delete(e, tenant_id, cascade)
    audit.record(e, "TenantDeleted", tenants=[tenant_id], data={"cascade": cascade})



def require_role_names(e: Emulator, tenant_id: str, names: list[str]) -> None:
    """404 unless each name is a role of the tenant or of the project."""
    for name in names:
        if e.store.roles.get(name, tenant_id) is None and e.store.roles.get(name) is None:
            raise errors.ROLE_NOT_FOUND(f"Role '{name}' not found")


def set_default_roles(e: Emulator, tenant_id: str, names: list[str]) -> None:
    """The roles a user gets on joining the tenant without roles of its own (each must
    exist: 404)."""
    tenant = require_tenant(e, tenant_id)
    require_role_names(e, tenant_id, names)
    tenant["defaultRoles"] = list(dict.fromkeys(names))
    e.store.tenants.save(tenant)
    audit.record(e, "TenantUpdated", tenants=[tenant_id], data={"defaultRoles": names})


def default_roles(e: Emulator, tenant_id: str) -> list[str]:
    """The tenant's default roles (``[]`` when none or the tenant is unknown)."""
    tenant = e.store.tenants.get(tenant_id)
    return list((tenant or {}).get("defaultRoles") or [])


def patch(e: Emulator, tenant_id: str, changes: dict[str, Any]) -> None:
    """Change only the given fields of a tenant."""
    tenant = require_tenant(e, tenant_id)
    tenant.update(changes)
    e.store.tenants.save(tenant)
    audit.record(e, "TenantUpdated", tenants=[tenant_id], data={"keys": sorted(changes)})
