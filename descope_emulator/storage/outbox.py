"""Every code and link the emulator would have sent (``/emulator/outbox``)."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps, loads


class Outbox(Queries):
    """The ``outbox`` table."""

    def add(
        self, login_id: str, channel: str, recipient: str, kind: str, data: dict[str, Any]
    ) -> int:
        """Store a message; returns its id."""
        return self.db.insert(
            "INSERT INTO outbox(login_id, channel, recipient, kind, data, created) "
            "VALUES(?, ?, ?, ?, ?, ?)",
            (login_id, channel, recipient, kind, dumps(data), time.time()),
        )

    def messages(self, login_id: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """Messages (to or for ``login_id`` when given), newest first."""
        if login_id is None:
            rows = self.db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.db.query(
                "SELECT * FROM outbox WHERE login_id=? OR recipient=? ORDER BY id DESC LIMIT ?",
                (login_id, login_id, limit),
            )
        out = []
        for r in rows:
            msg = {
                "id": r["id"],
                "loginId": r["login_id"],
                "channel": r["channel"],
                "to": r["recipient"],
                "kind": r["kind"],
                "createdAt": r["created"],
            }
            msg.update(loads(r["data"]))
            out.append(msg)
        return out
