"""The emulator's one database schema and the one way it is created and migrated.

:data:`MIGRATIONS` is an ordered list of steps; step ``n`` (1-based) brings a database from
version ``n - 1`` to ``n`` (SQLite's ``PRAGMA user_version``). A database opened by
:class:`.database.Database` runs every step it has not run yet, in one transaction.
Statements are idempotent (``IF NOT EXISTS``), so databases written before versioning
(user_version 0, tables present) migrate cleanly.

Adding tables for a new area: append ONE new step at the end (never edit a released one),
then write the queries in a ``storage/<area>.py`` module. Tables listed in
:data:`RESET_KEEP` survive ``/emulator/reset``; every other table is emptied by it.
"""

from __future__ import annotations

import sqlite3

# Step 1: the tables of the first releases (auth flows, sessions, users, tenants, roles,
# permissions, access keys, outbox; then audit, flows, SSO, SSO apps, FGA, authz, project).
_INITIAL: tuple[str, ...] = (
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

    """CREATE TABLE IF NOT EXISTS audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        occurred REAL NOT NULL,
        action TEXT NOT NULL,
        user_id TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events(occurred)",
    """CREATE TABLE IF NOT EXISTS flows (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sso_settings (
        tenant_id TEXT PRIMARY KEY,
        data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sso_apps (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        created REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS fga_tuples (
        resource_type TEXT NOT NULL,
        resource TEXT NOT NULL,
        relation TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (resource_type, resource, relation, target_type, target))""",
    """CREATE TABLE IF NOT EXISTS authz_relations (
        resource TEXT NOT NULL,
        relation_definition TEXT NOT NULL,
        namespace TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (resource, relation_definition, namespace, data))""",
    # project-level documents (theme, FGA DSL, authz schema, project name/tags)
    """CREATE TABLE IF NOT EXISTS project_docs (
        key TEXT PRIMARY KEY,
        data TEXT NOT NULL)""",
)

# Step 2: passkeys (WebAuthn credentials, gone with their user) and open WebAuthn ceremonies.
_PASSKEYS: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS passkeys (
        credential_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL,
        transports TEXT NOT NULL,
        aaguid TEXT NOT NULL,
        attestation_format TEXT NOT NULL,
        rp_id TEXT NOT NULL,
        created_time INTEGER NOT NULL,
        last_used_time INTEGER NOT NULL DEFAULT 0,
        backed_up INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX IF NOT EXISTS passkeys_user ON passkeys(user_id)",
    """CREATE TABLE IF NOT EXISTS webauthn_ceremonies (
        id TEXT PRIMARY KEY,
        expires REAL NOT NULL,
        data TEXT NOT NULL)""",
)

# Step 3: one table of JSON records by kind, for areas whose objects are documents looked up
# by id (engines, lists, management keys, outbound and third-party apps, families, ...).
_RECORDS: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (kind, id))""",
)

# Step 4: roles and permissions carry a stable ``id`` in their document (the ``*_by_id``
# management calls); rows written before get a random one, and ids are looked up by index.
ROLE_PERMISSION_IDS: tuple[str, ...] = (
    """UPDATE roles SET data = json_set(data, '$.id', 'RL2' || lower(hex(randomblob(10))))
        WHERE coalesce(json_extract(data, '$.id'), '') = ''""",
    """UPDATE permissions SET data = json_set(data, '$.id', 'PM2' || lower(hex(randomblob(10))))
        WHERE coalesce(json_extract(data, '$.id'), '') = ''""",
    "CREATE INDEX IF NOT EXISTS roles_id ON roles(json_extract(data, '$.id'))",
    "CREATE INDEX IF NOT EXISTS permissions_id ON permissions(json_extract(data, '$.id'))",
)

MIGRATIONS: list[tuple[str, ...]] = [
    _INITIAL,
    _PASSKEYS,
    _RECORDS,
    ROLE_PERMISSION_IDS,
]

# Tables that ``/emulator/reset`` leaves alone (keys keep JWKS caches of clients valid).
RESET_KEEP: frozenset[str] = frozenset({"meta", "signing_keys"})


def migrate(conn: sqlite3.Connection) -> int:
    """Run the steps of :data:`MIGRATIONS` the database has not run yet (inside the
    caller's transaction); returns the resulting version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        for statement in step:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version={number}")
        version = number
    return version
