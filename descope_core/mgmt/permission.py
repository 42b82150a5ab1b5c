"""`client.mgmt.permission`."""

from __future__ import annotations

from typing import Any

from ._base import MgmtArea, check_id, check_opt_str


class Permission(MgmtArea):
    __slots__ = ()

    def create(self, name: str, description: str | None = None) -> None:
        self._post(
            "/v1/mgmt/permission/create",
            {
                "name": check_id(name, "name"),
                "description": check_opt_str(description, "description"),
            },
        )

    def update(self, name: str, new_name: str, description: str | None = None) -> None:
        """Overwrite a permission (name and description)."""
        self._post(
            "/v1/mgmt/permission/update",
            {
                "name": check_id(name, "name"),
                "newName": check_id(new_name, "new_name"),
                "description": check_opt_str(description, "description"),
            },
        )

    def delete(self, name: str) -> None:
        self._post("/v1/mgmt/permission/delete", {"name": check_id(name, "name")})

    def load_all(self) -> dict[str, Any]:
        return self._get("/v1/mgmt/permission/all")
