"""Relations of the older ReBAC authz API (resource, relationDefinition, namespace and a
target or a target set)."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps


class AuthzRelations(Queries):
    """The ``authz_relations`` table."""

    def add(self, relations: list[dict[str, Any]]) -> None:
        """Store relations (existing ones are kept)."""
        with self.db.tx() as conn:
            for r in relations:
                conn.execute(
                    "INSERT OR IGNORE INTO authz_relations VALUES(?, ?, ?, ?, ?, ?)",
                    (r["resource"], r["relationDefinition"], r["namespace"],
                     r.get("target") or "", dumps(r), time.time()),
                )

    def delete(self, relations: list[dict[str, Any]]) -> None:
        """Delete relations equal to the given ones."""
        with self.db.tx() as conn:
            for r in relations:
                conn.execute("DELETE FROM authz_relations WHERE data=?", (dumps(r),))

    def delete_resources(self, resources: list[str]) -> None:
        """Delete every relation of the given resources."""
        with self.db.tx() as conn:
            for res in resources:
                conn.execute("DELETE FROM authz_relations WHERE resource=?", (res,))

    def delete_touching(self, resources: list[str]) -> int:
        """Delete every relation in which one of the given resources is the resource or the
        target; returns how many were deleted."""
        deleted = 0
        with self.db.tx() as conn:
            for res in resources:
                deleted += conn.execute(
                    "DELETE FROM authz_relations WHERE resource=? OR target=?", (res, res)
                ).rowcount
        return deleted

    def all(self, since: float = 0.0) -> list[dict[str, Any]]:
        """Relations created at or after ``since`` (seconds), oldest first."""
        return self.db.documents(
            "SELECT data FROM authz_relations WHERE created >= ? ORDER BY created", (since,)
        )

    def clear(self) -> None:
        """Delete every relation."""
        self.db.execute("DELETE FROM authz_relations")
