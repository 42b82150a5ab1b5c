"""Descope Flow documents (exported / imported as they are)."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps


class Flows(Queries):
    """The ``flows`` table."""

    def get(self, flow_id: str) -> dict[str, Any] | None:
        """The flow document, or None."""
        return self.db.document("SELECT data FROM flows WHERE id=?", (flow_id,))

    def save(self, flow_id: str, doc: dict[str, Any]) -> None:
        """Insert or replace a flow document."""
        self.db.execute(
            "INSERT INTO flows(id, data, updated) VALUES(?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data, updated=excluded.updated",
            (flow_id, dumps(doc), time.time()),
        )

    def all(self) -> list[dict[str, Any]]:
        """Every flow, by id."""
        return self.db.documents("SELECT data FROM flows ORDER BY id")

    def delete(self, flow_ids: list[str]) -> int:
        """Delete flows; returns how many existed."""
        with self.db.tx() as conn:
            return sum(
                conn.execute("DELETE FROM flows WHERE id=?", (fid,)).rowcount for fid in flow_ids
            )
