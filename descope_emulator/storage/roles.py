"""Role documents (project roles have tenant id ``""``). Every role has a stable ``id``
(given on save when missing; older databases got theirs from a migration step)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, new_id


class Roles(Queries):
    """The ``roles`` table."""

    def get(self, name: str, tenant_id: str = "") -> dict[str, Any] | None:
        """The role ``name`` of a tenant (``""``: the project role), or None."""
        return self.db.document(
            "SELECT data FROM roles WHERE name=? AND tenant_id=?", (name, tenant_id or "")
        )

    def get_by_id(self, role_id: str) -> dict[str, Any] | None:
        """The role with this id (ids are unique in the project), or None."""
        return self.db.document(
            "SELECT data FROM roles WHERE json_extract(data, '$.id')=?", (role_id,)
        )

    def save(self, role: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a role document (a role without an id gets one)."""
        if not role.get("id"):
            role["id"] = new_id("RL", 12)
        self.db.execute(
            "INSERT INTO roles(name, tenant_id, data) VALUES(?, ?, ?) "
            "ON CONFLICT(name, tenant_id) DO UPDATE SET data=excluded.data",
            (role["name"], role.get("tenantId") or "", dumps(role)),
        )
        return role

    def delete(self, name: str, tenant_id: str = "") -> bool:
        """Delete a role; False when there was none."""
        return self.db.execute(
            "DELETE FROM roles WHERE name=? AND tenant_id=?", (name, tenant_id or "")
        ) > 0

    def all(self) -> list[dict[str, Any]]:
        """Every role, in creation order."""
        return self.db.documents("SELECT data FROM roles ORDER BY rowid")
