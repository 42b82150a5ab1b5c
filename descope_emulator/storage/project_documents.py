"""Project-level JSON documents by key: theme, FGA DSL, authz schema, project name/tags,
clones."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, loads

THEME = "theme"
FGA_DSL = "fga_dsl"
AUTHZ_SCHEMA = "authz_schema"
PROJECT = "project"
PROJECT_CLONES = "project_clones"
SCOPE_CLAIM_MAPPING = "scope_claim_mapping"


class ProjectDocuments(Queries):
    """The ``project_docs`` table."""

    def get(self, key: str) -> Any:
        """The document stored under ``key``, or None."""
        row = self.db.query_one("SELECT data FROM project_docs WHERE key=?", (key,))
        return None if row is None else loads(row["data"])

    def set(self, key: str, value: Any) -> None:
        """Store a document under ``key`` (None deletes it)."""
        if value is None:
            self.db.execute("DELETE FROM project_docs WHERE key=?", (key,))
            return
        self.db.execute(
            "INSERT INTO project_docs(key, data) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET data=excluded.data",
            (key, dumps(value)),
        )

    def keys(self) -> list[str]:
        """Every stored key, sorted."""
        return [row["key"] for row in self.db.query("SELECT key FROM project_docs ORDER BY key")]
