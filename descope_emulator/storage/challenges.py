"""One-time secrets: OTP codes, magic/enchanted link tokens, OAuth/SSO states and codes,
embedded-link tokens. ``secret`` is the code or token; ``data`` the purpose details."""

from __future__ import annotations

import secrets
import sqlite3
import time
from typing import Any

from .database import Queries, dumps, loads


def _challenge(row: sqlite3.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "id": row["id"],
        "kind": row["kind"],
        "loginId": row["login_id"],
        "secret": row["secret"],
        "pendingRef": row["pending_ref"],
        "expires": row["expires"],
        "attempts": row["attempts"],
        "state": row["state"],
        "data": dict(loads(row["data"]) or {}),
    }


class Challenges(Queries):
    """The ``challenges`` table."""

    def add(
        self,
        kind: str,
        login_id: str,
        secret: str,
        expires: float,
        data: dict[str, Any],
        pending_ref: str | None = None,
        supersede: bool = True,
    ) -> str:
        """Store a new challenge (``supersede``: earlier active ones of the same kind and
        login id stop working); returns its id."""
        cid = secrets.token_hex(12)
        with self.db.tx() as conn:
            if supersede:
                conn.execute(
                    "UPDATE challenges SET state='superseded' "
                    "WHERE kind=? AND login_id=? AND state='active'",
                    (kind, login_id),
                )
            conn.execute(
                "INSERT INTO challenges(id, kind, login_id, secret, pending_ref, expires, "
                "data, created) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, kind, login_id, secret, pending_ref, expires, dumps(data), time.time()),
            )
        return cid

    def latest(self, kind: str, login_id: str) -> dict[str, Any] | None:
        """The newest active or locked challenge of a kind for a login id."""
        return _challenge(self.db.query_one(
            "SELECT * FROM challenges WHERE kind=? AND login_id=? AND state IN ('active','locked') "
            "ORDER BY created DESC LIMIT 1",
            (kind, login_id),
        ))

    def active_for(self, kind: str, login_id: str, secret: str) -> dict[str, Any] | None:
        """The active challenge of a kind for a login id whose secret is ``secret``."""
        return _challenge(self.db.query_one(
            "SELECT * FROM challenges WHERE kind=? AND login_id=? AND secret=? AND state='active'",
            (kind, login_id, secret),
        ))

    def by_secret(self, kind: str, secret: str) -> dict[str, Any] | None:
        """The challenge of a kind whose secret is ``secret``."""
        return _challenge(self.db.query_one(
            "SELECT * FROM challenges WHERE kind=? AND secret=?", (kind, secret)
        ))

    def set(self, cid: str, *, state: str | None = None, attempts: int | None = None) -> None:
        """Change the state and/or the wrong-attempt count of a challenge."""
        with self.db.tx() as conn:
            if state is not None:
                conn.execute("UPDATE challenges SET state=? WHERE id=?", (state, cid))
            if attempts is not None:
                conn.execute("UPDATE challenges SET attempts=? WHERE id=?", (attempts, cid))

    def set_expiry(self, kind: str, secret: str, expires: float) -> None:
        """Move the expiry of the challenge whose secret is ``secret``."""
        self.db.execute(
            "UPDATE challenges SET expires=? WHERE kind=? AND secret=?", (expires, kind, secret)
        )

    def use_all_of_pending(self, kind: str, pending_ref: str) -> None:
        """Mark every challenge of a kind that belongs to a pending session used."""
        self.db.execute(
            "UPDATE challenges SET state='used' WHERE kind=? AND pending_ref=?",
            (kind, pending_ref),
        )
