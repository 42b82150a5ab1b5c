"""Permission documents. Every permission has a stable ``id`` (given on save when missing;
older databases got theirs from a migration step)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, new_id


class Permissions(Queries):
    """The ``permissions`` table."""

    def get(self, name: str) -> dict[str, Any] | None:
        """The permission ``name``, or None."""
        return self.db.document("SELECT data FROM permissions WHERE name=?", (name,))

    def get_by_id(self, permission_id: str) -> dict[str, Any] | None:
        """The permission with this id, or None."""
        return self.db.document(
            "SELECT data FROM permissions WHERE json_extract(data, '$.id')=?", (permission_id,)
        )

    def save(self, permission: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a permission document (one without an id gets one)."""
        if not permission.get("id"):
            permission["id"] = new_id("PM", 12)
        self.db.execute(
            "INSERT INTO permissions(name, data) VALUES(?, ?) "
            "ON CONFLICT(name) DO UPDATE SET data=excluded.data",
            (permission["name"], dumps(permission)),
        )
        return permission

    def delete(self, name: str) -> bool:
        """Delete a permission; False when there was none."""
        return self.db.execute("DELETE FROM permissions WHERE name=?", (name,)) > 0

    def all(self) -> list[dict[str, Any]]:
        """Every permission, in creation order."""
        return self.db.documents("SELECT data FROM permissions ORDER BY rowid")
