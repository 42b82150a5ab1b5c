"""SQLite tables for passkeys and open WebAuthn ceremonies (the :class:`PasskeyStore` of
``passkeys.py``)."""

from __future__ import annotations

import base64
import sqlite3
from typing import Any

from .passkeys import Ceremony, Passkey
from .store import Store, dumps, loads, register_schema

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS webauthn_ceremonies (
        id TEXT PRIMARY KEY, expires REAL NOT NULL, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS passkeys (
        credential_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL, transports TEXT NOT NULL, aaguid TEXT NOT NULL,
        attestation_format TEXT NOT NULL, rp_id TEXT NOT NULL, created_time INTEGER NOT NULL,
        last_used_time INTEGER NOT NULL DEFAULT 0, backed_up INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX IF NOT EXISTS passkeys_user ON passkeys(user_id)",
)
register_schema(*SCHEMA)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def _passkey(row: sqlite3.Row) -> Passkey:
    return Passkey(
        credential_id=row["credential_id"],
        user_id=row["user_id"],
        public_key=bytes(row["public_key"]),
        sign_count=int(row["sign_count"]),
        transports=tuple(loads(row["transports"]) or ()),
        aaguid=row["aaguid"],
        attestation_format=row["attestation_format"],
        rp_id=row["rp_id"],
        created_time=int(row["created_time"]),
        last_used_time=int(row["last_used_time"]),
        backed_up=bool(row["backed_up"]),
    )


class SqlPasskeyStore:
    """Passkeys and ceremonies in the emulator's one SQLite database."""

    def __init__(self, store: Store) -> None:
        self._store = store
        with store.tx() as conn:  # also for a store opened before this module was imported
            for statement in SCHEMA:
                conn.execute(statement)

    def put_ceremony(self, ceremony: Ceremony) -> None:
        """Keep a started ceremony (and drop ceremonies that expired)."""
        doc: dict[str, Any] = {
            "registration": ceremony.registration,
            "purpose": ceremony.purpose,
            "challenge": _b64(ceremony.challenge),
            "origin": ceremony.origin,
            "rpId": ceremony.rp_id,
            "userId": ceremony.user_id,
            "allowed": list(ceremony.allowed),
            "data": ceremony.data,
        }
        with self._store.tx() as conn:
            conn.execute("DELETE FROM webauthn_ceremonies WHERE expires < ?", (ceremony.expires - 3600,))
            conn.execute(
                "INSERT INTO webauthn_ceremonies(id, expires, doc) VALUES(?, ?, ?)",
                (ceremony.id, ceremony.expires, dumps(doc)),
            )

    def take_ceremony(self, ceremony_id: str) -> Ceremony | None:
        """Remove and return a ceremony; the second caller gets None."""
        with self._store.tx() as conn:
            row = conn.execute(
                "SELECT expires, doc FROM webauthn_ceremonies WHERE id=?", (ceremony_id,)
            ).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM webauthn_ceremonies WHERE id=?", (ceremony_id,))
        doc = loads(row["doc"])
        return Ceremony(
            id=ceremony_id,
            registration=bool(doc["registration"]),
            purpose=str(doc["purpose"]),
            challenge=base64.urlsafe_b64decode(doc["challenge"]),
            origin=str(doc["origin"]),
            rp_id=str(doc["rpId"]),
            user_id=str(doc["userId"]),
            expires=float(row["expires"]),
            allowed=tuple(doc["allowed"]),
            data=dict(doc["data"]),
        )

    def add_passkey(self, passkey: Passkey) -> None:
        """Store a registered passkey."""
        with self._store.tx() as conn:
            conn.execute(
                "INSERT INTO passkeys(credential_id, user_id, public_key, sign_count, transports, "
                "aaguid, attestation_format, rp_id, created_time, last_used_time, backed_up) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    passkey.credential_id, passkey.user_id, passkey.public_key,
                    passkey.sign_count, dumps(list(passkey.transports)), passkey.aaguid,
                    passkey.attestation_format, passkey.rp_id, passkey.created_time,
                    passkey.last_used_time, int(passkey.backed_up),
                ),
            )

    def passkey(self, credential_id: str) -> Passkey | None:
        """One passkey by credential id."""
        row = self._store.query_one("SELECT * FROM passkeys WHERE credential_id=?", (credential_id,))
        return None if row is None else _passkey(row)

    def passkeys_of(self, user_id: str) -> list[Passkey]:
        """A user's passkeys, oldest first."""
        rows = self._store.query(
            "SELECT * FROM passkeys WHERE user_id=? ORDER BY created_time, rowid", (user_id,)
        )
        return [_passkey(r) for r in rows]

    def record_use(self, credential_id: str, old_count: int, new_count: int, when: int) -> bool:
        """Compare-and-set of the sign count, so two concurrent assertions cannot both pass."""
        with self._store.tx() as conn:
            cursor = conn.execute(
                "UPDATE passkeys SET sign_count=?, last_used_time=? "
                "WHERE credential_id=? AND sign_count=?",
                (new_count, when, credential_id, old_count),
            )
            return cursor.rowcount == 1

    def delete_passkey(self, user_id: str, credential_id: str) -> bool:
        """Remove one of a user's passkeys."""
        with self._store.tx() as conn:
            cursor = conn.execute(
                "DELETE FROM passkeys WHERE user_id=? AND credential_id=?", (user_id, credential_id)
            )
            return cursor.rowcount == 1

    def delete_passkeys_of(self, user_id: str) -> int:
        """Remove all of a user's passkeys."""
        with self._store.tx() as conn:
            return int(conn.execute("DELETE FROM passkeys WHERE user_id=?", (user_id,)).rowcount)
