"""Each user's sign-ins (``/v1/auth/me/history``, ``/v1/mgmt/user/history``)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, loads


class LoginHistory(Queries):
    """The ``login_history`` table."""

    def add(self, user_id: str, login_time: float, data: dict[str, Any]) -> None:
        """Record one sign-in."""
        self.db.execute(
            "INSERT INTO login_history(user_id, login_time, data) VALUES(?, ?, ?)",
            (user_id, login_time, dumps(data)),
        )

    def of(self, user_id: str) -> list[dict[str, Any]]:
        """A user's sign-ins, newest first."""
        rows = self.db.query(
            "SELECT * FROM login_history WHERE user_id=? ORDER BY id DESC", (user_id,)
        )
        return [
            {"userId": r["user_id"], "loginTime": int(r["login_time"]), **loads(r["data"])}
            for r in rows
        ]
