"""User documents and their login ids (each login id names one user)."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps


class Users(Queries):
    """The ``users`` and ``login_ids`` tables."""

    def by_login_id(self, login_id: str) -> dict[str, Any] | None:
        """The user one of whose login ids is ``login_id``, or None."""
        return self.db.document(
            "SELECT u.data FROM users u JOIN login_ids l ON l.user_id = u.user_id "
            "WHERE l.login_id = ?",
            (login_id,),
        )

    def by_id(self, user_id: str) -> dict[str, Any] | None:
        """The user with this id, or None."""
        return self.db.document("SELECT data FROM users WHERE user_id=?", (user_id,))

    def login_id_taken(self, login_id: str, except_user: str | None = None) -> bool:
        """Whether a user other than ``except_user`` holds ``login_id``."""
        row = self.db.query_one("SELECT user_id FROM login_ids WHERE login_id=?", (login_id,))
        return row is not None and row["user_id"] != except_user

    def save(self, user: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a user document; its ``loginIds`` become lookup keys."""
        now = time.time()
        user.setdefault("createdTime", int(now))
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO users(user_id, data, test, created) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(user_id) DO UPDATE SET data=excluded.data, test=excluded.test",
                (user["userId"], dumps(user), 1 if user.get("test") else 0, now),
            )
            conn.execute("DELETE FROM login_ids WHERE user_id=?", (user["userId"],))
            for login_id in user.get("loginIds", []):
                conn.execute(
                    "INSERT OR REPLACE INTO login_ids(login_id, user_id) VALUES(?, ?)",
                    (login_id, user["userId"]),
                )
        return user

    def delete(self, user_id: str) -> bool:
        """Delete a user and revoke its refresh tokens; False when there was none."""
        with self.db.tx() as conn:
            conn.execute("DELETE FROM login_ids WHERE user_id=?", (user_id,))
            conn.execute("UPDATE refresh_tokens SET revoked=1 WHERE user_id=?", (user_id,))
            cur = conn.execute("DELETE FROM users WHERE user_id=?", (user_id,))
            return cur.rowcount > 0

    def delete_test_users(self) -> int:
        """Delete every test user; returns how many."""
        with self.db.tx() as conn:
            ids = [r[0] for r in conn.execute("SELECT user_id FROM users WHERE test=1")]
            for user_id in ids:
                self.delete(user_id)
            return len(ids)

    def all(self) -> list[dict[str, Any]]:
        """Every user, oldest first."""
        return self.db.documents("SELECT data FROM users ORDER BY created")
