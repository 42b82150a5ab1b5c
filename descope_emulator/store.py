"""SQLite state of the emulator: schema and data access.

Everything the emulator remembers lives in one SQLite database reached through the
standard library ``sqlite3`` module: a file by default, ``:memory:`` for tests.

Rules
-----
* One connection per :class:`Store`, shared by every thread behind one re-entrant lock.
  The emulator is a development tool; a single writer is plenty and keeps ``:memory:``
  databases (which are per connection) working.
* Every write happens inside :meth:`Store.tx`, which opens ``BEGIN IMMEDIATE`` and commits
  on exit (rolls back on an exception). File databases run in WAL mode with
  ``synchronous=FULL``, so a write that was acknowledged to a client survives a SIGKILL.
* Reads may use :meth:`Store.tx` too (cheap) or :meth:`Store.query` / :meth:`Store.query_one`.

Extending (e.g. the management routes of issue 4)
-------------------------------------------------
* Add tables by appending ``CREATE TABLE IF NOT EXISTS ...`` statements to :data:`SCHEMA`
  (or call :func:`register_schema` from your module at import time, before the store is
  opened). Statements must be idempotent: they run on every start, on old files too.
* Add data-access helpers as plain methods or module functions taking a ``Store`` and
  using ``with store.tx() as conn:``. JSON documents go through :func:`dumps`/:func:`loads`.
* Tables listed in :data:`RESET_KEEP` survive ``/emulator/reset``; every other table
  registered in :data:`SCHEMA` is emptied by :meth:`Store.reset`.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SCHEMA: list[str] = [
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS signing_keys (
        kid TEXT PRIMARY KEY,
        private_pem TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created REAL NOT NULL,
        retired REAL,
        max_exp REAL NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS users (
        user_id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        test INTEGER NOT NULL DEFAULT 0,
        created REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS login_ids (
        login_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE)""",
    "CREATE INDEX IF NOT EXISTS login_ids_user ON login_ids(user_id)",
    """CREATE TABLE IF NOT EXISTS tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        created REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS roles (
        name TEXT NOT NULL,
        tenant_id TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        PRIMARY KEY (name, tenant_id))""",
    """CREATE TABLE IF NOT EXISTS permissions (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS refresh_tokens (
        jti TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        exp REAL NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        context TEXT NOT NULL,
        created REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS refresh_tokens_user ON refresh_tokens(user_id)",
    # One-time secrets: OTP codes, magic/enchanted link tokens, OAuth/SSO codes,
    # embedded-link tokens. ``secret`` is the code or token; ``data`` the purpose details.
    """CREATE TABLE IF NOT EXISTS challenges (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        login_id TEXT NOT NULL,
        secret TEXT NOT NULL,
        pending_ref TEXT,
        expires REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'active',
        data TEXT NOT NULL,
        created REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS challenges_login ON challenges(kind, login_id)",
    "CREATE INDEX IF NOT EXISTS challenges_secret ON challenges(secret)",
    """CREATE TABLE IF NOT EXISTS pending_sessions (
        ref TEXT PRIMARY KEY,
        login_id TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        expires REAL NOT NULL,
        data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        login_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        created REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS outbox_login ON outbox(login_id)",
    """CREATE TABLE IF NOT EXISTS login_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        login_time REAL NOT NULL,
        data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS access_keys (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL,
        created REAL NOT NULL)""",
]

# Tables that ``/emulator/reset`` leaves alone (keys keep JWKS caches of clients valid).
RESET_KEEP: set[str] = {"meta", "signing_keys"}


def register_schema(*statements: str) -> None:
    """Add idempotent DDL statements (call at import time, before a Store opens)."""
    for statement in statements:
        if statement not in SCHEMA:
            SCHEMA.append(statement)


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def new_id(prefix: str, nbytes: int = 18) -> str:
    """A Descope-looking identifier such as ``U2abc...``."""
    return prefix + "2" + secrets.token_hex(nbytes)[: nbytes + 8]


class Store:
    """One SQLite database; thread-safe through a single lock."""

    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA foreign_keys=ON")
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._depth = 0
        with self.tx() as conn:
            for statement in SCHEMA:
                conn.execute(statement)

    # -- plumbing -------------------------------------------------------------------------
    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls join the outer one)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def query_one(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def reset(self) -> None:
        """Empty every table except those in RESET_KEEP."""
        with self.tx() as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for name in names:
                if name not in RESET_KEEP:
                    conn.execute(f'DELETE FROM "{name}"')

    # -- meta -----------------------------------------------------------------------------
    def meta_get(self, key: str) -> str | None:
        row = self.query_one("SELECT value FROM meta WHERE key=?", (key,))
        return None if row is None else str(row["value"])

    def meta_set(self, key: str, value: str) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    # -- users ----------------------------------------------------------------------------
    def user_by_login_id(self, login_id: str) -> dict[str, Any] | None:
        row = self.query_one(
            "SELECT u.data FROM users u JOIN login_ids l ON l.user_id = u.user_id "
            "WHERE l.login_id = ?",
            (login_id,),
        )
        return None if row is None else dict(loads(row["data"]))

    def user_by_id(self, user_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM users WHERE user_id=?", (user_id,))
        return None if row is None else dict(loads(row["data"]))

    def login_id_taken(self, login_id: str, except_user: str | None = None) -> bool:
        row = self.query_one("SELECT user_id FROM login_ids WHERE login_id=?", (login_id,))
        return row is not None and row["user_id"] != except_user

    def save_user(self, user: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a user document; its ``loginIds`` become lookup keys."""
        now = time.time()
        user.setdefault("createdTime", int(now))
        with self.tx() as conn:
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

    def delete_user(self, user_id: str) -> bool:
        with self.tx() as conn:
            conn.execute("DELETE FROM login_ids WHERE user_id=?", (user_id,))
            conn.execute("UPDATE refresh_tokens SET revoked=1 WHERE user_id=?", (user_id,))
            cur = conn.execute("DELETE FROM users WHERE user_id=?", (user_id,))
            return cur.rowcount > 0

    def delete_test_users(self) -> int:
        with self.tx() as conn:
            ids = [r[0] for r in conn.execute("SELECT user_id FROM users WHERE test=1")]
            for user_id in ids:
                self.delete_user(user_id)
            return len(ids)

    def all_users(self) -> list[dict[str, Any]]:
        return [dict(loads(r["data"])) for r in self.query("SELECT data FROM users ORDER BY created")]

    # -- tenants, roles, permissions ------------------------------------------------------
    def tenant(self, tenant_id: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM tenants WHERE id=?", (tenant_id,))
        return None if row is None else dict(loads(row["data"]))

    def tenant_by_id_or_name(self, ref: str) -> dict[str, Any] | None:
        row = self.query_one(
            "SELECT data FROM tenants WHERE id=? OR name=? ORDER BY id=? DESC LIMIT 1",
            (ref, ref, ref),
        )
        return None if row is None else dict(loads(row["data"]))

    def save_tenant(self, tenant: dict[str, Any]) -> dict[str, Any]:
        tenant.setdefault("createdTime", int(time.time()))
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO tenants(id, name, data, created) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, data=excluded.data",
                (tenant["id"], tenant["name"], dumps(tenant), time.time()),
            )
        return tenant

    def role(self, name: str, tenant_id: str = "") -> dict[str, Any] | None:
        row = self.query_one(
            "SELECT data FROM roles WHERE name=? AND tenant_id=?", (name, tenant_id or "")
        )
        return None if row is None else dict(loads(row["data"]))

    def save_role(self, role: dict[str, Any]) -> dict[str, Any]:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO roles(name, tenant_id, data) VALUES(?, ?, ?) "
                "ON CONFLICT(name, tenant_id) DO UPDATE SET data=excluded.data",
                (role["name"], role.get("tenantId") or "", dumps(role)),
            )
        return role

    def permission(self, name: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM permissions WHERE name=?", (name,))
        return None if row is None else dict(loads(row["data"]))

    def save_permission(self, permission: dict[str, Any]) -> dict[str, Any]:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO permissions(name, data) VALUES(?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data=excluded.data",
                (permission["name"], dumps(permission)),
            )
        return permission

    def role_permissions(self, role_names: list[str], tenant_id: str = "") -> list[str]:
        """Permissions granted by roles (a tenant role wins over a project role)."""
        out: list[str] = []
        for name in role_names:
            role = (self.role(name, tenant_id) if tenant_id else None) or self.role(name)
            for perm in (role or {}).get("permissionNames") or []:
                if perm not in out:
                    out.append(perm)
        return out

    # -- refresh tokens -------------------------------------------------------------------
    def add_refresh(self, jti: str, user_id: str, exp: float, context: dict[str, Any]) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO refresh_tokens(jti, user_id, exp, context, created) "
                "VALUES(?, ?, ?, ?, ?)",
                (jti, user_id, exp, dumps(context), time.time()),
            )

    def refresh_row(self, jti: str) -> sqlite3.Row | None:
        return self.query_one("SELECT * FROM refresh_tokens WHERE jti=?", (jti,))

    def revoke_refresh(self, jti: str) -> None:
        with self.tx() as conn:
            conn.execute("UPDATE refresh_tokens SET revoked=1 WHERE jti=?", (jti,))

    def revoke_user_refresh(self, user_id: str, except_jti: str | None = None) -> None:
        with self.tx() as conn:
            conn.execute(
                "UPDATE refresh_tokens SET revoked=1 WHERE user_id=? AND jti<>?",
                (user_id, except_jti or ""),
            )

    # -- challenges (codes and link tokens) -----------------------------------------------
    def add_challenge(
        self,
        kind: str,
        login_id: str,
        secret: str,
        expires: float,
        data: dict[str, Any],
        pending_ref: str | None = None,
        supersede: bool = True,
    ) -> str:
        cid = secrets.token_hex(12)
        with self.tx() as conn:
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

    def latest_challenge(self, kind: str, login_id: str) -> sqlite3.Row | None:
        return self.query_one(
            "SELECT * FROM challenges WHERE kind=? AND login_id=? AND state IN ('active','locked') "
            "ORDER BY created DESC LIMIT 1",
            (kind, login_id),
        )

    def challenge_by_secret(self, kind: str, secret: str) -> sqlite3.Row | None:
        return self.query_one(
            "SELECT * FROM challenges WHERE kind=? AND secret=?", (kind, secret)
        )

    def set_challenge(self, cid: str, *, state: str | None = None, attempts: int | None = None) -> None:
        with self.tx() as conn:
            if state is not None:
                conn.execute("UPDATE challenges SET state=? WHERE id=?", (state, cid))
            if attempts is not None:
                conn.execute("UPDATE challenges SET attempts=? WHERE id=?", (attempts, cid))

    # -- pending sessions (enchanted link / magic link polling) ---------------------------
    def add_pending(self, ref: str, login_id: str, expires: float, data: dict[str, Any]) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO pending_sessions(ref, login_id, expires, data) VALUES(?, ?, ?, ?)",
                (ref, login_id, expires, dumps(data)),
            )

    def pending(self, ref: str) -> sqlite3.Row | None:
        return self.query_one("SELECT * FROM pending_sessions WHERE ref=?", (ref,))

    def set_pending(self, ref: str, state: str, data: dict[str, Any] | None = None) -> None:
        with self.tx() as conn:
            conn.execute("UPDATE pending_sessions SET state=? WHERE ref=?", (state, ref))
            if data is not None:
                conn.execute(
                    "UPDATE pending_sessions SET data=? WHERE ref=?", (dumps(data), ref)
                )

    # -- outbox ---------------------------------------------------------------------------
    def add_message(
        self, login_id: str, channel: str, recipient: str, kind: str, data: dict[str, Any]
    ) -> int:
        with self.tx() as conn:
            cur = conn.execute(
                "INSERT INTO outbox(login_id, channel, recipient, kind, data, created) "
                "VALUES(?, ?, ?, ?, ?, ?)",
                (login_id, channel, recipient, kind, dumps(data), time.time()),
            )
            return int(cur.lastrowid or 0)

    def messages(self, login_id: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        if login_id is None:
            rows = self.query("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.query(
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

    # -- login history --------------------------------------------------------------------
    def add_history(self, user_id: str, login_time: float, data: dict[str, Any]) -> None:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO login_history(user_id, login_time, data) VALUES(?, ?, ?)",
                (user_id, login_time, dumps(data)),
            )

    def history(self, user_id: str) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT * FROM login_history WHERE user_id=? ORDER BY id DESC", (user_id,)
        )
        return [
            {"userId": r["user_id"], "loginTime": int(r["login_time"]), **loads(r["data"])}
            for r in rows
        ]

    # -- access keys ----------------------------------------------------------------------
    def save_access_key(self, key: dict[str, Any], secret_hash: str) -> dict[str, Any]:
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO access_keys(id, secret_hash, data, created) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
                (key["id"], secret_hash, dumps(key), time.time()),
            )
        return key

    def access_key_by_hash(self, secret_hash: str) -> dict[str, Any] | None:
        row = self.query_one("SELECT data FROM access_keys WHERE secret_hash=?", (secret_hash,))
        return None if row is None else dict(loads(row["data"]))
