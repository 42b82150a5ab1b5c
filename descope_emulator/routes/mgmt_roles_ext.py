"""Roles and permissions beyond create: update, delete, load all, role search.

Renaming a permission or a role is carried into every role and user that names it, so
the tokens issued afterwards reflect the change.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ._common import get_bool, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import all_permissions, all_roles, audit, require_mgmt


async def permission_update(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    new_name = get_str(body, "newName")
    perm = e.store.permission(name)
    if perm is None:
        raise errors.not_found(f"Permission '{name}' not found", "E091201")
    with e.store.tx() as conn:
        conn.execute("DELETE FROM permissions WHERE name=?", (name,))
        perm.update(name=new_name, description=opt_str(body, "description") or "")
        e.store.save_permission(perm)
        for role in all_roles(e):
            names = role.get("permissionNames") or []
            if name in names:
                role["permissionNames"] = [new_name if p == name else p for p in names]
                e.store.save_role(role)
    audit(e, "PermissionUpdated", data={"name": name, "newName": new_name})
    return ok({})


async def permission_delete(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    with e.store.tx() as conn:
        if not conn.execute("DELETE FROM permissions WHERE name=?", (name,)).rowcount:
            raise errors.not_found(f"Permission '{name}' not found", "E091201")
        for role in all_roles(e):
            names = role.get("permissionNames") or []
            if name in names:
                role["permissionNames"] = [p for p in names if p != name]
                e.store.save_role(role)
    audit(e, "PermissionDeleted", data={"name": name})
    return ok({})


async def permission_all(request: Request) -> Response:
    e = require_mgmt(request)
    perms = [
        {
            "name": p["name"],
            "description": p.get("description") or "",
            "systemDefault": bool(p.get("systemDefault", False)),
        }
        for p in all_permissions(e)
    ]
    return ok({"permissions": perms})


def _role_out(role: dict[str, Any]) -> dict[str, Any]:
    out = {
        "id": role.get("id") or (role.get("tenantId") or "") + ":" + role["name"],
        "name": role["name"],
        "description": role.get("description") or "",
        "permissionNames": list(role.get("permissionNames") or []),
        "tenantId": role.get("tenantId") or "",
        "default": bool(role.get("default")),
        "private": bool(role.get("private")),
        "createdTime": role.get("createdTime", 0),
    }
    return out


def _rename_in_users(e: Any, old: str, new: str | None, tenant_id: str) -> None:
    """Rename (or, with new=None, drop) a role wherever users and keys hold it."""
    for user in e.store.all_users():
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
            e.store.save_user(user)


async def role_update(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    new_name = get_str(body, "newName")
    tenant_id = opt_str(body, "tenantId") or ""
    role = e.store.role(name, tenant_id)
    if role is None:
        raise errors.not_found(f"Role '{name}' not found", "E091301")
    perms = get_str_list(body, "permissionNames")
    for perm in perms:
        if e.store.permission(perm) is None:
            raise errors.bad_request(f"Permission '{perm}' does not exist", "E091202")
    with e.store.tx() as conn:
        conn.execute("DELETE FROM roles WHERE name=? AND tenant_id=?", (name, tenant_id))
        role.update(
            name=new_name,
            description=opt_str(body, "description") or "",
            permissionNames=perms,
            tenantId=tenant_id,
            default=get_bool(body, "default"),
            private=get_bool(body, "private"),
        )
        e.store.save_role(role)
        if new_name != name:
            _rename_in_users(e, name, new_name, tenant_id)
    audit(e, "RoleUpdated", tenants=[tenant_id] if tenant_id else [], data={"name": name})
    return ok({})


async def role_delete(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    tenant_id = opt_str(body, "tenantId") or ""
    with e.store.tx() as conn:
        cur = conn.execute("DELETE FROM roles WHERE name=? AND tenant_id=?", (name, tenant_id))
        if not cur.rowcount:
            raise errors.not_found(f"Role '{name}' not found", "E091301")
        _rename_in_users(e, name, None, tenant_id)
    audit(e, "RoleDeleted", tenants=[tenant_id] if tenant_id else [], data={"name": name})
    return ok({})


async def role_all(request: Request) -> Response:
    e = require_mgmt(request)
    return ok(
        {
            "roles": [_role_out(r) for r in all_roles(e) if not r.get("tenantId")]
            + [_role_out(r) for r in all_roles(e) if r.get("tenantId")]
        }
    )


async def role_search(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_ids = get_str_list(body, "tenantIds")
    names = get_str_list(body, "roleNames")
    like = (opt_str(body, "roleNameLike") or "").lower()
    perms = get_str_list(body, "permissionNames")
    ids = get_str_list(body, "roleIds")
    include_project = get_bool(body, "includeProjectRoles")
    out = []
    for role in all_roles(e):
        tid = role.get("tenantId") or ""
        if tenant_ids and tid not in tenant_ids and not (include_project and not tid):
            continue
        if names and role["name"] not in names:
            continue
        if like and like not in role["name"].lower():
            continue
        if perms and not set(perms) & set(role.get("permissionNames") or []):
            continue
        shaped = _role_out(role)
        if ids and shaped["id"] not in ids:
            continue
        out.append(shaped)
    return ok({"roles": out})


routes = [
    Route("/v1/mgmt/permission/update", permission_update, methods=["POST"]),
    Route("/v1/mgmt/permission/delete", permission_delete, methods=["POST"]),
    Route("/v1/mgmt/permission/all", permission_all, methods=["GET"]),
    Route("/v1/mgmt/role/update", role_update, methods=["POST"]),
    Route("/v1/mgmt/role/delete", role_delete, methods=["POST"]),
    Route("/v1/mgmt/role/all", role_all, methods=["GET"]),
    Route("/v1/mgmt/role/search", role_search, methods=["POST"]),
]
