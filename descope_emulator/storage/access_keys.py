"""Access key documents and the hash of each key's secret."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps, loads


class AccessKeys(Queries):
    """The ``access_keys`` table."""

    def add(self, key: dict[str, Any], secret_hash: str) -> dict[str, Any]:
        """Store a new key with the hash of its cleartext."""
        self.db.execute(
            "INSERT INTO access_keys(id, secret_hash, data, created) VALUES(?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
            (key["id"], secret_hash, dumps(key), time.time()),
        )
        return key

    def save(self, key: dict[str, Any]) -> None:
        """Replace the document of an existing key."""
        self.db.execute("UPDATE access_keys SET data=? WHERE id=?", (dumps(key), key["id"]))

    def set_secret(self, key_id: str, secret_hash: str) -> bool:
        """Replace the hash of a key's cleartext (the old cleartext stops matching)."""
        return self.db.execute(
            "UPDATE access_keys SET secret_hash=? WHERE id=?", (secret_hash, key_id)
        ) > 0

    def get(self, key_id: str) -> dict[str, Any] | None:
        """The key with this id, or None."""
        return self.db.document("SELECT data FROM access_keys WHERE id=?", (key_id,))

    def by_secret_hash(self, secret_hash: str) -> dict[str, Any] | None:
        """The key whose cleartext hashes to ``secret_hash``, or None."""
        return self.db.document(
            "SELECT data FROM access_keys WHERE secret_hash=?", (secret_hash,)
        )

    def delete(self, key_id: str) -> bool:
        """Delete a key; False when there was none."""
        return self.db.execute("DELETE FROM access_keys WHERE id=?", (key_id,)) > 0

    def all(self) -> list[dict[str, Any]]:
        """Every key, oldest first."""
        return self.db.documents("SELECT data FROM access_keys ORDER BY created")

    def all_with_hashes(self) -> list[tuple[dict[str, Any], str]]:
        """Every key with the hash of its cleartext, oldest first (for the project file)."""
        return [(loads(r["data"]), r["secret_hash"]) for r in self.db.query(
            "SELECT data, secret_hash FROM access_keys ORDER BY created")]
