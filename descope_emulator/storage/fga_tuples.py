"""FGA relation tuples (resourceType, resource, relation, targetType, target)."""

from __future__ import annotations

import time

from .database import Queries


class FgaTuples(Queries):
    """The ``fga_tuples`` table."""

    def add(self, tuples: list[dict[str, str]]) -> None:
        """Store tuples (existing ones are kept)."""
        with self.db.tx() as conn:
            for t in tuples:
                conn.execute(
                    "INSERT OR IGNORE INTO fga_tuples VALUES(?, ?, ?, ?, ?, ?)",
                    (t["resourceType"], t["resource"], t["relation"], t["targetType"],
                     t["target"], time.time()),
                )

    def delete(self, tuples: list[dict[str, str]]) -> None:
        """Delete tuples (missing ones are ignored)."""
        with self.db.tx() as conn:
            for t in tuples:
                conn.execute(
                    "DELETE FROM fga_tuples WHERE resource_type=? AND resource=? AND relation=? "
                    "AND target_type=? AND target=?",
                    (t["resourceType"], t["resource"], t["relation"], t["targetType"],
                     t["target"]),
                )

    def clear(self) -> None:
        """Delete every tuple."""
        self.db.execute("DELETE FROM fga_tuples")

    def targets(self, rtype: str, resource: str, relation: str) -> list[tuple[str, str]]:
        """``[(targetType, target), ...]`` related to a resource by ``relation``."""
        rows = self.db.query(
            "SELECT target_type, target FROM fga_tuples WHERE resource_type=? AND resource=? "
            "AND relation=?",
            (rtype, resource, relation),
        )
        return [(r["target_type"], r["target"]) for r in rows]

    def all(self) -> list[dict[str, str]]:
        """Every tuple, oldest first, as ``{resource, resourceType, relation, target,
        targetType}``."""
        rows = self.db.query(
            "SELECT resource_type, resource, relation, target_type, target FROM fga_tuples "
            "ORDER BY created, resource_type, resource, relation, target_type, target")
        return [{"resource": r["resource"], "resourceType": r["resource_type"],
                 "relation": r["relation"], "target": r["target"],
                 "targetType": r["target_type"]} for r in rows]

    def objects_of_type(self, object_type: str) -> list[str]:
        """The ids of every object of a type that a tuple names (as resource or target),
        in order of first appearance."""
        rows = self.db.query(
            "SELECT id FROM (SELECT resource AS id, created FROM fga_tuples "
            "WHERE resource_type=? UNION ALL SELECT target AS id, created FROM fga_tuples "
            "WHERE target_type=?) GROUP BY id ORDER BY min(created), id",
            (object_type, object_type))
        return [r["id"] for r in rows]
