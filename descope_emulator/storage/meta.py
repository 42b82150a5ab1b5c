"""Key/value settings of the emulator itself (the management key)."""

from __future__ import annotations

from .database import Queries


class Meta(Queries):
    """The ``meta`` table."""

    def get(self, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        row = self.db.query_one("SELECT value FROM meta WHERE key=?", (key,))
        return None if row is None else str(row["value"])

    def set(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )
