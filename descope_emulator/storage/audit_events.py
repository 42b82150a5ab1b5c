"""Audit events (``/v1/mgmt/audit/search``)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, loads


class AuditEvents(Queries):
    """The ``audit_events`` table."""

    def add(self, occurred: float, action: str, user_id: str, record: dict[str, Any]) -> None:
        """Store one event."""
        self.db.execute(
            "INSERT INTO audit_events(occurred, action, user_id, data) VALUES(?, ?, ?, ?)",
            (occurred, action, user_id, dumps(record)),
        )

    def since(self, since: float) -> list[dict[str, Any]]:
        """Events at or after ``since`` (seconds), newest first, ``occurred`` in ms."""
        rows = self.db.query(
            "SELECT * FROM audit_events WHERE occurred >= ? ORDER BY occurred DESC, id DESC",
            (since,),
        )
        out = []
        for r in rows:
            record = dict(loads(r["data"]))
            record["occurred"] = int(r["occurred"] * 1000)
            out.append(record)
        return out
