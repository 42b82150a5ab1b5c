"""Signing key rows: private key PEM, public JWK, retirement and the latest expiry each
key signed."""

from __future__ import annotations

import json
import time
from typing import Any

from .database import Queries


class SigningKeys(Queries):
    """The ``signing_keys`` table."""

    def active_kid(self) -> str | None:
        """The newest key that is not retired, or None."""
        row = self.db.query_one(
            "SELECT kid FROM signing_keys WHERE retired IS NULL ORDER BY created DESC LIMIT 1"
        )
        return None if row is None else str(row["kid"])

    def private_pem(self, kid: str) -> str | None:
        """The private key of ``kid`` (PEM), or None when unknown."""
        row = self.db.query_one("SELECT private_pem FROM signing_keys WHERE kid=?", (kid,))
        return None if row is None else str(row["private_pem"])

    def add_active(self, kid: str, private_pem: str, public_jwk: dict[str, Any]) -> None:
        """Retire the active key and make ``kid`` the active one."""
        now = time.time()
        with self.db.tx() as conn:
            conn.execute("UPDATE signing_keys SET retired=? WHERE retired IS NULL", (now,))
            conn.execute(
                "INSERT INTO signing_keys(kid, private_pem, public_jwk, created) "
                "VALUES(?, ?, ?, ?)",
                (kid, private_pem, json.dumps(public_jwk), now),
            )

    def published(self, now: float) -> list[dict[str, Any]]:
        """Public JWKs of the active key and of retired keys whose tokens live on."""
        rows = self.db.query(
            "SELECT public_jwk FROM signing_keys WHERE retired IS NULL OR max_exp > ? "
            "ORDER BY created DESC",
            (now,),
        )
        return [json.loads(r["public_jwk"]) for r in rows]

    def note_expiry(self, kid: str, exp: float) -> None:
        """Remember that ``kid`` signed a token living until ``exp``."""
        self.db.execute(
            "UPDATE signing_keys SET max_exp=? WHERE kid=? AND max_exp<?", (exp, kid, exp)
        )
