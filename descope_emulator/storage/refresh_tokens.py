"""Issued refresh tokens (by ``jti``): owner, expiry, revocation and the sign-in context
that refreshes reproduce."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps, loads


class RefreshTokens(Queries):
    """The ``refresh_tokens`` table."""

    def add(self, jti: str, user_id: str, exp: float, context: dict[str, Any]) -> None:
        """Record an issued refresh token."""
        self.db.execute(
            "INSERT INTO refresh_tokens(jti, user_id, exp, context, created) "
            "VALUES(?, ?, ?, ?, ?)",
            (jti, user_id, exp, dumps(context), time.time()),
        )

    def get(self, jti: str) -> dict[str, Any] | None:
        """``{"jti", "userId", "exp", "revoked", "context"}`` of a token, or None."""
        row = self.db.query_one("SELECT * FROM refresh_tokens WHERE jti=?", (jti,))
        if row is None:
            return None
        return {
            "jti": row["jti"],
            "userId": row["user_id"],
            "exp": row["exp"],
            "revoked": bool(row["revoked"]),
            "context": dict(loads(row["context"]) or {}),
        }

    def set_context(self, jti: str, context: dict[str, Any]) -> None:
        """Replace the stored context of a token (rotation marks it there)."""
        self.db.execute("UPDATE refresh_tokens SET context=? WHERE jti=?", (dumps(context), jti))

    def revoke(self, jti: str) -> None:
        """Revoke one token."""
        self.db.execute("UPDATE refresh_tokens SET revoked=1 WHERE jti=?", (jti,))

    def revoke_user(self, user_id: str, except_jti: str | None = None) -> None:
        """Revoke every token of a user (but ``except_jti``)."""
        self.db.execute(
            "UPDATE refresh_tokens SET revoked=1 WHERE user_id=? AND jti<>?",
            (user_id, except_jti or ""),
        )

    def live_of(self, user_id: str, now: float) -> list[dict[str, Any]]:
        """A user's unrevoked, unexpired tokens, newest first: ``{"jti", "exp", "created",
        "context"}``."""
        rows = self.db.query(
            "SELECT * FROM refresh_tokens WHERE user_id=? AND revoked=0 AND exp>? "
            "ORDER BY created DESC", (user_id, now),
        )
        return [{"jti": r["jti"], "exp": r["exp"], "created": r["created"],
                 "context": dict(loads(r["context"]) or {})} for r in rows]

    def live_count(self, now: float) -> int:
        """How many unrevoked, unexpired tokens exist."""
        row = self.db.query_one(
            "SELECT COUNT(*) AS n FROM refresh_tokens WHERE revoked=0 AND exp>?", (now,))
        return int(row["n"]) if row else 0

