"""`client.mgmt.role` (project-wide and tenant-scoped roles)."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_dict_list,
    check_id,
    check_id_list,
    check_opt_bool,
    check_opt_str,
    check_str_list,
    invalid,
)


def _role_fields(
    description: str | None,
    permission_names: list[str] | None,
    tenant_id: str | None,
    default: bool | None,
    private: bool | None,
) -> dict[str, Any]:
    """What create and update both send after the role's name(s)."""
    return {
        "description": check_opt_str(description, "description"),
        "permissionNames": check_str_list(
            permission_names, "permission_names", default_empty=True
        ),
        "tenantId": check_opt_str(tenant_id, "tenant_id") or None,
        "default": check_opt_bool(default, "default"),
        "private": check_opt_bool(private, "private"),
    }


class Role(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        description: str | None = None,
        permission_names: list[str] | None = None,
        tenant_id: str | None = None,
        default: bool | None = None,
        private: bool | None = None,
    ) -> Call[None]:
        """Create a role (project-wide, or in `tenant_id`).

        Args:
            name: the role's name.
            description: a free-text description.
            permission_names: permission names the role grants.
            tenant_id: the tenant's id.
            default: give the role to new users automatically.
            private: hide the role from tenant admins.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _role_fields(description, permission_names, tenant_id, default, private)
        return self._post("/v1/mgmt/role/create", {"name": check_id(name, "name"), **body}).map(discard)

    @api
    def update(
        self,
        name: str,
        new_name: str,
        description: str | None = None,
        permission_names: list[str] | None = None,
        tenant_id: str | None = None,
        default: bool | None = None,
        private: bool | None = None,
    ) -> Call[None]:
        """Overwrite a role (name, description, permissions).

        Args:
            name: the role's name.
            new_name: the new name (the same name to keep it).
            description: a free-text description.
            permission_names: permission names the role grants.
            tenant_id: the tenant's id.
            default: give the role to new users automatically.
            private: hide the role from tenant admins.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        names = {"name": check_id(name, "name"), "newName": check_id(new_name, "new_name")}
        body = _role_fields(description, permission_names, tenant_id, default, private)
        return self._post("/v1/mgmt/role/update", {**names, **body}).map(discard)

    @api
    def delete(self, name: str, tenant_id: str | None = None) -> Call[None]:
        """Delete a role (project-wide, or in `tenant_id`).

        Args:
            name: the role's name.
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/role/delete",
            {
                "name": check_id(name, "name"),
                "tenantId": check_opt_str(tenant_id, "tenant_id") or None,
            },
        ).map(discard)

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every project role, as `{"roles": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/role/all")

    @api
    def search(
        self,
        tenant_ids: list[str] | None = None,
        role_names: list[str] | None = None,
        role_name_like: str | None = None,
        permission_names: list[str] | None = None,
        include_project_roles: bool | None = None,
        role_ids: list[str] | None = None,
    ) -> Call[dict[str, Any]]:
        """Roles matching every given filter, as `{"roles": [...]}`.

        Args:
            tenant_ids: tenant ids.
            role_names: role names.
            role_name_like: a name fragment.
            permission_names: permission names the role grants.
            include_project_roles: with a tenant filter, also the project's roles.
            role_ids: role ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {}
        for key, value, name in (
            ("tenantIds", tenant_ids, "tenant_ids"),
            ("roleNames", role_names, "role_names"),
            ("permissionNames", permission_names, "permission_names"),
            ("roleIds", role_ids, "role_ids"),
        ):
            if value is not None:
                body[key] = check_str_list(value, name)
        if role_name_like is not None:
            body["roleNameLike"] = check_opt_str(role_name_like, "role_name_like")
        if include_project_roles is not None:
            body["includeProjectRoles"] = check_opt_bool(
                include_project_roles, "include_project_roles"
            )
        return self._post("/v1/mgmt/role/search", body)

    @api
    def update_by_id(
        self,
        id: str,
        new_name: str,
        description: str | None = None,
        permission_names: list[str] | None = None,
        tenant_id: str | None = None,
        default: bool | None = None,
        private: bool | None = None,
    ) -> Call[None]:
        """Overwrite the role with this id (name, description, permissions).

        Args:
            id: the role's id.
            new_name: the new name (the same name to keep it).
            description: a free-text description.
            permission_names: permission names the role grants.
            tenant_id: the tenant's id.
            default: give the role to new users automatically.
            private: hide the role from tenant admins.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        ids = {"id": check_id(id, "id"), "newName": check_id(new_name, "new_name")}
        body = _role_fields(description, permission_names, tenant_id, default, private)
        return self._post("/v1/mgmt/role/update", {**ids, **body}).map(discard)

    @api
    def delete_by_id(self, id: str, tenant_id: str | None = None) -> Call[None]:
        """Delete the role with this id.

        Args:
            id: the role's id.
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/role/delete",
            {"id": check_id(id, "id"), "tenantId": check_opt_str(tenant_id, "tenant_id")},
        ).map(discard)

    @api
    def create_batch(self, roles: list[dict[str, Any]]) -> Call[None]:
        """Create several roles; each dict has `create`'s wire keys (`name`,
        `description`, `permissionNames`, `tenantId`, `default`, `private`).

        Args:
            roles: role dicts with the wire keys.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/role/create/batch", {"roles": check_dict_list(roles, "roles")}
        ).map(discard)

    @api
    def update_batch(self, roles: list[dict[str, Any]]) -> Call[None]:
        """Update several roles; each dict has `update`'s wire keys (`name`, `newName`, ...).

        Args:
            roles: role dicts with the wire keys.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/role/update/batch", {"roles": check_dict_list(roles, "roles")}
        ).map(discard)

    @api
    def delete_batch(
        self, roles: list[str | dict[str, Any]], tenant_id: str | None = None
    ) -> Call[None]:
        """Delete several roles of one tenant (or project roles).

        Args:
            roles: role names, or dicts with a `name` (and optionally a `tenantId`).
            tenant_id: the roles' tenant.

        Raises:
            AuthException: an empty list, a bad entry, or roles of more than one tenant
                (nothing is sent), or Descope refused.
        """
        if roles is None or isinstance(roles, (str, bytes, dict)) or not roles:
            invalid("roles must be a non-empty list of role names or dicts with a name")
        names: list[str] = []
        tenants: set[str] = set()
        for role in roles:
            if isinstance(role, str):
                names.append(role)
            elif isinstance(role, dict) and isinstance(role.get("name"), str):
                names.append(role["name"])
                if role.get("tenantId") is not None:
                    tenants.add(check_id(role["tenantId"], "tenantId"))
            else:
                invalid("roles must be role names or dicts with a name")
        if tenant_id is not None:
            tenants.add(check_id(tenant_id, "tenant_id"))
        if len(tenants) > 1:
            invalid("all roles of a batch delete must belong to the same tenant")
        body = {"roleNames": names, "tenantId": next(iter(tenants), None)}
        return self._post("/v1/mgmt/role/delete/batch", body).map(discard)

    @api
    def delete_batch_by_ids(self, role_ids: list[str], tenant_id: str | None = None) -> Call[None]:
        """Delete several roles by id.

        Args:
            role_ids: role ids.
            tenant_id: the tenant's id.

        Raises:
            AuthException: an empty list or a bad argument (nothing is sent), or Descope
                refused.
        """
        return self._post(
            "/v1/mgmt/role/delete/batch",
            {
                "roleIds": check_id_list(role_ids, "role_ids", non_empty=True),
                "tenantId": check_opt_str(tenant_id, "tenant_id"),
            },
        ).map(discard)
