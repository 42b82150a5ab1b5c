"""Passkeys (registered WebAuthn credentials) and the WebAuthn ceremonies that are started
but not finished yet. Rows become the records below; the rules are in
``domain/passkeys.py``."""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .database import Queries, dumps, loads


@dataclass(frozen=True)
class Passkey:
    """A registered credential. ``public_key`` is the COSE key the authenticator sent."""

    credential_id: str  # base64url, as the browser reports it
    user_id: str
    public_key: bytes = field(repr=False)
    sign_count: int
    transports: tuple[str, ...]
    aaguid: str
    attestation_format: str
    rp_id: str
    created_time: int
    last_used_time: int = 0
    backed_up: bool = False


@dataclass(frozen=True)
class Ceremony:
    """A started ceremony. ``purpose`` is the caller's word (signup, signin, update);
    ``data`` is the caller's context, handed back when it finishes."""

    id: str
    registration: bool
    purpose: str
    challenge: bytes = field(repr=False)
    origin: str
    rp_id: str
    user_id: str
    expires: float
    allowed: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


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


class Passkeys(Queries):
    """The ``passkeys`` and ``webauthn_ceremonies`` tables. A user's passkeys go with the
    user (``ON DELETE CASCADE``)."""

    # -- ceremonies -------------------------------------------------------------------------
    def put_ceremony(self, ceremony: Ceremony) -> None:
        """Keep a started ceremony (ceremonies expired for an hour are dropped)."""
        doc: dict[str, Any] = {
            "registration": ceremony.registration,
            "purpose": ceremony.purpose,
            "challenge": base64.urlsafe_b64encode(ceremony.challenge).decode(),
            "origin": ceremony.origin,
            "rpId": ceremony.rp_id,
            "userId": ceremony.user_id,
            "allowed": list(ceremony.allowed),
            "data": ceremony.data,
        }
        with self.db.tx() as conn:
            conn.execute("DELETE FROM webauthn_ceremonies WHERE expires < ?",
                         (ceremony.expires - 3600,))
            conn.execute("INSERT INTO webauthn_ceremonies(id, expires, data) VALUES(?, ?, ?)",
                         (ceremony.id, ceremony.expires, dumps(doc)))

    def take_ceremony(self, ceremony_id: str) -> Ceremony | None:
        """Remove and return a ceremony: a second take of the same id gets None."""
        with self.db.tx() as conn:
            row = conn.execute("SELECT expires, data FROM webauthn_ceremonies WHERE id=?",
                               (ceremony_id,)).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM webauthn_ceremonies WHERE id=?", (ceremony_id,))
        doc = loads(row["data"])
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

    # -- passkeys ---------------------------------------------------------------------------
    def add(self, passkey: Passkey) -> None:
        """Store a registered passkey (its user must exist)."""
        self.db.execute(
            "INSERT INTO passkeys(credential_id, user_id, public_key, sign_count, transports, "
            "aaguid, attestation_format, rp_id, created_time, last_used_time, backed_up) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                passkey.credential_id, passkey.user_id, passkey.public_key, passkey.sign_count,
                dumps(list(passkey.transports)), passkey.aaguid, passkey.attestation_format,
                passkey.rp_id, passkey.created_time, passkey.last_used_time,
                int(passkey.backed_up),
            ),
        )

    def get(self, credential_id: str) -> Passkey | None:
        """One passkey by credential id."""
        row = self.db.query_one("SELECT * FROM passkeys WHERE credential_id=?", (credential_id,))
        return None if row is None else _passkey(row)

    def of_user(self, user_id: str) -> list[Passkey]:
        """A user's passkeys, oldest first."""
        rows = self.db.query(
            "SELECT * FROM passkeys WHERE user_id=? ORDER BY created_time, rowid", (user_id,)
        )
        return [_passkey(r) for r in rows]

    def record_use(self, credential_id: str, old_count: int, new_count: int, when: int) -> bool:
        """Compare-and-set of the sign count, so two concurrent assertions with the same
        count cannot both pass; False when the count changed meanwhile."""
        changed = self.db.execute(
            "UPDATE passkeys SET sign_count=?, last_used_time=? "
            "WHERE credential_id=? AND sign_count=?",
            (new_count, when, credential_id, old_count),
        )
        return changed == 1

    def delete(self, user_id: str, credential_id: str) -> bool:
        """Remove one of a user's passkeys; False when the user has no such passkey."""
        return self.db.execute(
            "DELETE FROM passkeys WHERE user_id=? AND credential_id=?", (user_id, credential_id)
        ) == 1

    def delete_all(self, user_id: str) -> int:
        """Remove all of a user's passkeys; returns how many there were."""
        return self.db.execute("DELETE FROM passkeys WHERE user_id=?", (user_id,))
