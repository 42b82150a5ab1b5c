"""Role / permission checks on a jwt_response, with tokens.md §6 semantics (never raise)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _requested(items: Any) -> list[Any]:
    if isinstance(items, str):
        return [items]
    if items is None:
        return []
    try:
        return list(items)
    except TypeError:
        return []


def _granted(jwt_response: Any, tenant: str, claim: str) -> Any | None:
    """The granted container, or None when the check must fail outright."""
    if not jwt_response or not isinstance(jwt_response, Mapping):
        return None
    if tenant == "":
        source: Any = jwt_response
    else:
        tenants = jwt_response.get("tenants")
        if not isinstance(tenants, Mapping) or tenant not in tenants:
            return None
        source = tenants[tenant]
        if not isinstance(source, Mapping):
            return []
    granted = source.get(claim, [])
    return granted if granted is not None else []


def _contains(granted: Any, item: Any) -> bool:
    try:
        return bool(item in granted)
    except TypeError:
        return False


def validate_tenant_claim(jwt_response: Any, tenant: str, claim: str, items: Any) -> bool:
    granted = _granted(jwt_response, tenant, claim)
    if granted is None:
        return False
    return all(_contains(granted, i) for i in _requested(items))


def matched_tenant_claim(jwt_response: Any, tenant: str, claim: str, items: Any) -> list[Any]:
    granted = _granted(jwt_response, tenant, claim)
    if granted is None:
        return []
    return [i for i in _requested(items) if _contains(granted, i)]


def validate_permissions(jwt_response: Any, permissions: Any) -> bool:
    return validate_tenant_claim(jwt_response, "", "permissions", permissions)


def validate_roles(jwt_response: Any, roles: Any) -> bool:
    return validate_tenant_claim(jwt_response, "", "roles", roles)


def validate_tenant_permissions(jwt_response: Any, tenant: str, permissions: Any) -> bool:
    return validate_tenant_claim(jwt_response, tenant, "permissions", permissions)


def validate_tenant_roles(jwt_response: Any, tenant: str, roles: Any) -> bool:
    return validate_tenant_claim(jwt_response, tenant, "roles", roles)


def get_matched_permissions(jwt_response: Any, permissions: Any) -> list[Any]:
    return matched_tenant_claim(jwt_response, "", "permissions", permissions)


def get_matched_roles(jwt_response: Any, roles: Any) -> list[Any]:
    return matched_tenant_claim(jwt_response, "", "roles", roles)


def get_matched_tenant_permissions(jwt_response: Any, tenant: str, permissions: Any) -> list[Any]:
    return matched_tenant_claim(jwt_response, tenant, "permissions", permissions)


def get_matched_tenant_roles(jwt_response: Any, tenant: str, roles: Any) -> list[Any]:
    return matched_tenant_claim(jwt_response, tenant, "roles", roles)
