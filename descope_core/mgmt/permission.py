"""`client.mgmt.permission`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_id, check_opt_str


class Permission(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(self, name: str, description: str | None = None) -> Call[None]:
        return self._post(
            "/v1/mgmt/permission/create",
            {
                "name": check_id(name, "name"),
                "description": check_opt_str(description, "description"),
            },
        ).map(discard)

    @api
    def update(self, name: str, new_name: str, description: str | None = None) -> Call[None]:
        """Overwrite a permission (name and description)."""
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
        return self._post("/v1/mgmt/permission/delete", {"name": check_id(name, "name")}).map(discard)

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/permission/all")
