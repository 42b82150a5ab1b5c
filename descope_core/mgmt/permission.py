"""`client.mgmt.permission`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_dict_list, check_id, check_id_list, check_opt_str


class Permission(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(self, name: str, description: str | None = None) -> Call[None]:
        """Create a permission.

        Args:
            name: the permission's name.
            description: a free-text description.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/permission/create",
            {
                "name": check_id(name, "name"),
                "description": check_opt_str(description, "description"),
            },
        ).map(discard)

    @api
    def update(self, name: str, new_name: str, description: str | None = None) -> Call[None]:
        """Overwrite a permission (name and description).

        Args:
            name: the permission's name.
            new_name: the new name (the same name to keep it).
            description: a free-text description.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/permission/update",
            {
                "name": check_id(name, "name"),
                "newName": check_id(new_name, "new_name"),
                "description": check_opt_str(description, "description"),
            },
        ).map(discard)

    @api
    def delete(self, name: str) -> Call[None]:
        """Delete a permission (roles stop granting it).

        Args:
            name: the permission's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/permission/delete", {"name": check_id(name, "name")}).map(discard)

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every permission of the project, as `{"permissions": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/permission/all")

    @api
    def update_by_id(self, id: str, new_name: str, description: str | None = None) -> Call[None]:
        """Overwrite the permission with this id (name and description).

        Args:
            id: the permission's id.
            new_name: the new name (the same name to keep it).
            description: a free-text description.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/permission/update",
            {
                "id": check_id(id, "id"),
                "newName": check_id(new_name, "new_name"),
                "description": check_opt_str(description, "description"),
            },
        ).map(discard)

    @api
    def delete_by_id(self, id: str) -> Call[None]:
        """Delete the permission with this id.

        Args:
            id: the permission's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/permission/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def create_batch(self, permissions: list[dict[str, Any]]) -> Call[None]:
        """Create several permissions (dicts with `name` and `description`).

        Args:
            permissions: permission names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"permissions": check_dict_list(permissions, "permissions")}
        return self._post("/v1/mgmt/permission/create/batch", body).map(discard)

    @api
    def update_batch(self, permissions: list[dict[str, Any]]) -> Call[None]:
        """Update several permissions (dicts with `name`, `newName`, `description`).

        Args:
            permissions: permission names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"permissions": check_dict_list(permissions, "permissions")}
        return self._post("/v1/mgmt/permission/update/batch", body).map(discard)

    @api
    def delete_batch(self, names: list[str]) -> Call[None]:
        """Delete several permissions by name.

        Args:
            names: names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"names": check_id_list(names, "names")}
        return self._post("/v1/mgmt/permission/delete/batch", body).map(discard)

    @api
    def delete_batch_by_ids(self, ids: list[str]) -> Call[None]:
        """Delete several permissions by id.

        Args:
            ids: the permissions' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"ids": check_id_list(ids, "ids")}
        return self._post("/v1/mgmt/permission/delete/batch", body).map(discard)
