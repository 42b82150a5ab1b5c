"""Pending sessions that a browser polls (enchanted link, magic link)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, loads


class PendingSessions(Queries):
    """The ``pending_sessions`` table."""

    def add(self, ref: str, login_id: str, expires: float, data: dict[str, Any]) -> None:
        """Open a pending session."""
        self.db.execute(
            "INSERT INTO pending_sessions(ref, login_id, expires, data) VALUES(?, ?, ?, ?)",
            (ref, login_id, expires, dumps(data)),
        )

    def get(self, ref: str) -> dict[str, Any] | None:
        """``{"ref", "loginId", "state", "expires", "data"}``, or None."""
        row = self.db.query_one("SELECT * FROM pending_sessions WHERE ref=?", (ref,))
        if row is None:
            return None
        return {
            "ref": row["ref"],
            "loginId": row["login_id"],
            "state": row["state"],
            "expires": row["expires"],
            "data": dict(loads(row["data"]) or {}),
        }

    def set(self, ref: str, state: str, data: dict[str, Any] | None = None) -> None:
        """Change the state (and the data) of a pending session."""
        with self.db.tx() as conn:
            conn.execute("UPDATE pending_sessions SET state=? WHERE ref=?", (state, ref))
            if data is not None:
                conn.execute(
                    "UPDATE pending_sessions SET data=? WHERE ref=?", (dumps(data), ref)
                )
