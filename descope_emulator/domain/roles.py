"""Roles and permissions: what roles grant, and renames / deletions carried into every
role, user and key that names them (so tokens issued afterwards reflect the change)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..state import Emulator
from . import audit


def role_permissions(e: Emulator, role_names: list[str], tenant_id: str = "") -> list[str]:
    """Permissions granted by roles (a tenant role wins over a project role)."""
    out: list[str] = []
    for name in role_names:
        role = (e.store.roles.get(name, tenant_id) if tenant_id else None) or e.store.roles.get(name)
        for perm in (role or {}).get("permissionNames") or []:
            if perm not in out:
                out.append(perm)
    return out


def require_role(e: Emulator, name: str, tenant_id: str = "") -> dict[str, Any]:
    """The role of the tenant (or, for a tenant, else of the project); 404 when unknown."""
    role = e.store.roles.get(name, tenant_id) or (e.store.roles.get(name) if tenant_id else None)
    if role is None:
        raise errors.ROLE_NOT_FOUND(f"Role '{name}' not found")
    return role


def require_permission(e: Emulator, name: str) -> dict[str, Any]:
    """The permission; 404 when unknown."""
    perm = e.store.permissions.get(name)
    if perm is None:
        raise errors.PERMISSION_NOT_FOUND(f"Permission '{name}' not found")
    return perm


def require_permission_id(e: Emulator, permission_id: str) -> dict[str, Any]:
    """The permission with this id; 404 when there is none."""
    perm = e.store.permissions.get_by_id(permission_id)
    if perm is None:
        raise errors.PERMISSION_NOT_FOUND(f"Permission id '{permission_id}' not found")
    return perm


def public_permission(perm: dict[str, Any]) -> dict[str, Any]:
    """A permission as the management API shows it."""
    return {
        "id": perm.get("id") or "",
        "name": perm["name"],
        "description": perm.get("description") or "",
        "systemDefault": bool(perm.get("systemDefault", False)),
    }


def public_role(role: dict[str, Any]) -> dict[str, Any]:
    """A role as the management API shows it."""
    return {
        "id": role.get("id") or "",
        "name": role["name"],
        "description": role.get("description") or "",
        "permissionNames": list(role.get("permissionNames") or []),
        "tenantId": role.get("tenantId") or "",
        "default": bool(role.get("default")),
        "private": bool(role.get("private")),
        "createdTime": role.get("createdTime", 0),
    }


def rename_permission(e: Emulator, name: str, new_name: str | None) -> None:
    """Rename (or, with None, drop) a permission in every role that grants it."""
    for role in e.store.roles.all():
        names = role.get("permissionNames") or []
        if name in names:
            role["permissionNames"] = [
                p for p in (new_name if p == name else p for p in names) if p is not None
            ]
            e.store.roles.save(role)


def rename_role_in_users(e: Emulator, old: str, new: str | None, tenant_id: str) -> None:
    """Rename (or, with new=None, drop) a role wherever users hold it."""
    for user in e.store.users.all():
        changed = False
        if not tenant_id and old in (user.get("roleNames") or []):
            user["roleNames"] = [r for r in user["roleNames"] if r != old] + ([new] if new else [])
            changed = True
        for assoc in user.get("userTenants") or []:
            if tenant_id and assoc.get("tenantId") != tenant_id:
                continue
            if tenant_id and old in (assoc.get("roleNames") or []):
                assoc["roleNames"] = [r for r in assoc["roleNames"] if r != old] + (
                    [new] if new else []
                )
                changed = True
        if changed:
            e.store.users.save(user)


@dataclass
class RoleFilter:
    """The filters of ``/v1/mgmt/role/search``."""

    tenant_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    name_like: str = ""
    permission_names: list[str] = field(default_factory=list)
    role_ids: list[str] = field(default_factory=list)
    include_project_roles: bool = False

    def matches(self, role: dict[str, Any]) -> bool:
        """Whether ``role`` passes every filter."""
        tid = role.get("tenantId") or ""
        if self.tenant_ids and tid not in self.tenant_ids and not (
            self.include_project_roles and not tid
        ):
            return False
        if self.names and role["name"] not in self.names:
            return False
        if self.name_like and self.name_like.lower() not in role["name"].lower():
            return False
        if self.permission_names and not set(self.permission_names) & set(
            role.get("permissionNames") or []
        ):
            return False
        return not self.role_ids or public_role(role)["id"] in self.role_ids


def require_known_permissions(e: Emulator, names: list[str]) -> None:
    """400 naming every permission in `names` that does not exist: a role grants only
    permissions the project has (as Descope refuses them, instead of a role that
    silently grants nothing)."""
    unknown = [name for name in names if e.store.permissions.get(name) is None]
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown)
        plural = "s" if len(unknown) > 1 else ""
        raise errors.INVALID_REQUEST(
            f"Unknown permission{plural} {listed}: create the permission{plural} first"
        )


def create_role(e: Emulator, role: dict[str, Any]) -> None:
    """Store a new role (409 when the name is taken in its tenant, 400 when it names a
    permission that does not exist) and audit it."""
    tenant_id = role.get("tenantId") or ""
    if tenant_id and e.store.tenants.get(tenant_id) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")
    require_known_permissions(e, list(role.get("permissionNames") or []))
    with e.store.tx():
        if e.store.roles.get(role["name"], tenant_id) is not None:
            raise errors.ROLE_EXISTS(f"Role '{role['name']}' already exists")
        e.store.roles.save(role)
    audit.record(e, "RoleCreated", tenants=[tenant_id] if tenant_id else [],
                 data={"name": role["name"]})


def delete_role(e: Emulator, name: str, tenant_id: str = "") -> None:
    """Delete a role (404 unknown); users stop holding it."""
    with e.store.tx():
        if not e.store.roles.delete(name, tenant_id):
            raise errors.ROLE_NOT_FOUND(f"Role '{name}' not found")
        rename_role_in_users(e, name, None, tenant_id)
    audit.record(e, "RoleDeleted", tenants=[tenant_id] if tenant_id else [], data={"name": name})


def create_permission(e: Emulator, name: str, description: str) -> None:
    """Store a new permission (409 when the name is taken) and audit it."""
    permission = {"name": name, "description": description, "systemDefault": False}
    with e.store.tx():
        if e.store.permissions.get(name) is not None:
            raise errors.PERMISSION_EXISTS(f"Permission '{name}' already exists")
        e.store.permissions.save(permission)
    audit.record(e, "PermissionCreated", data={"name": name})


def delete_permission(e: Emulator, name: str) -> None:
    """Delete a permission (404 unknown); roles stop granting it."""
    with e.store.tx():
        if not e.store.permissions.delete(name):
            raise errors.PERMISSION_NOT_FOUND(f"Permission '{name}' not found")
        rename_permission(e, name, None)
    audit.record(e, "PermissionDeleted", data={"name": name})


def require_role_id(e: Emulator, role_id: str, tenant_id: str) -> dict[str, Any]:
    """The role with this id (ids are unique in the project; a ``tenant_id`` given must be
    the role's), 404 when there is none."""
    role = e.store.roles.get_by_id(role_id)
    if role is not None and (not tenant_id or (role.get("tenantId") or "") == tenant_id):
        return role
    raise errors.ROLE_NOT_FOUND(f"Role id '{role_id}' not found")


def update_role(e: Emulator, role: dict[str, Any], changes: dict[str, Any],
                new_tenant_id: str | None = None) -> None:
    """Update a stored role with ``changes`` (``name``, ``description``,
    ``permissionNames``, ``default``, ``private``); every permission must exist (400).
    A rename is carried into the users holding it. ``new_tenant_id`` moves the role to
    another tenant ("" = the project; 404 unknown tenant, 409 name taken there): holders
    in the old scope stop holding it. Call inside a transaction."""
    old_name, old_tenant = role["name"], role.get("tenantId") or ""
    require_known_permissions(e, list(changes.get("permissionNames") or []))
    tenant_id = old_tenant if new_tenant_id is None else new_tenant_id
    name = changes.get("name", old_name)
    if tenant_id and e.store.tenants.get(tenant_id) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")
    if (name, tenant_id) != (old_name, old_tenant) and e.store.roles.get(name, tenant_id):
        raise errors.ROLE_EXISTS(f"Role '{name}' already exists")
    e.store.roles.delete(old_name, old_tenant)
    role.update(changes)
    role["tenantId"] = tenant_id
    e.store.roles.save(role)
    if tenant_id != old_tenant:
        rename_role_in_users(e, old_name, None, old_tenant)
    elif name != old_name:
        rename_role_in_users(e, old_name, name, tenant_id)
    audit.record(e, "RoleUpdated", tenants=[t for t in {old_tenant, tenant_id} if t],
                 data={"name": old_name})


def update_permission(e: Emulator, name: str, new_name: str, description: str) -> None:
    """Rename / describe a permission (404 unknown); roles granting it follow the rename.
    Call inside a transaction."""
    perm = require_permission(e, name)
    if new_name != name and e.store.permissions.get(new_name) is not None:
        raise errors.PERMISSION_EXISTS(f"Permission '{new_name}' already exists")
    e.store.permissions.delete(name)
    perm.update(name=new_name, description=description)
    e.store.permissions.save(perm)
    rename_permission(e, name, new_name)
    audit.record(e, "PermissionUpdated", data={"name": name, "newName": new_name})
