"""`client.mgmt.role` (project-wide and tenant-scoped roles)."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_id, check_opt_bool, check_opt_str, check_str_list


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
        """Overwrite a role (name, description, permissions)."""
        names = {"name": check_id(name, "name"), "newName": check_id(new_name, "new_name")}
        body = _role_fields(description, permission_names, tenant_id, default, private)
        return self._post("/v1/mgmt/role/update", {**names, **body}).map(discard)

    @api
    def delete(self, name: str, tenant_id: str | None = None) -> Call[None]:
        return self._post(
            "/v1/mgmt/role/delete",
            {
                "name": check_id(name, "name"),
                "tenantId": check_opt_str(tenant_id, "tenant_id") or None,
            },
        ).map(discard)

    @api
    def load_all(self) -> Call[dict[str, Any]]:
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
