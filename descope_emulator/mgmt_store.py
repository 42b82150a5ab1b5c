"""Tables and data access for the management areas beyond users/tenants/roles (issue 4):
audit events, flows and theme, SSO settings, SSO applications, FGA and the older authz.

Registered with :func:`store.register_schema` at import time; every helper takes the
emulator's :class:`Store` and goes through ``store.tx()``.
"""

from __future__ import annotations

import time
from typing import Any

from .store import Store, dumps, loads, register_schema

_DDL = (
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
register_schema(*_DDL)


def _ensure(store: Store) -> Store:
    """Create the tables on a store that was opened before this module was imported."""
    if not getattr(store, "_mgmt_schema_ready", False):
        with store.tx() as conn:
            for statement in _DDL:
                conn.execute(statement)
        store._mgmt_schema_ready = True  # type: ignore[attr-defined]
    return store


# -- project documents -------------------------------------------------------------------


def doc_get(store: Store, key: str) -> Any:
    _ensure(store)
    row = store.query_one("SELECT data FROM project_docs WHERE key=?", (key,))
    return None if row is None else loads(row["data"])


def doc_set(store: Store, key: str, value: Any) -> None:
    _ensure(store)
    with store.tx() as conn:
        if value is None:
            conn.execute("DELETE FROM project_docs WHERE key=?", (key,))
        else:
            conn.execute(
                "INSERT INTO project_docs(key, data) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET data=excluded.data",
                (key, dumps(value)),
            )


# -- audit -------------------------------------------------------------------------------


def add_audit(
    store: Store,
    action: str,
    *,
    occurred: float | None = None,
    user_id: str = "",
    login_ids: list[str] | None = None,
    tenants: list[str] | None = None,
    method: str = "",
    device: str = "Unknown",
    geo: str = "",
    remote_address: str = "127.0.0.1",
    actor_id: str = "",
    event_type: str = "info",
    data: dict[str, Any] | None = None,
) -> None:
    record = {
        "action": action,
        "userId": user_id,
        "externalIds": list(login_ids or []),
        "tenants": list(tenants or []),
        "method": method,
        "device": device,
        "geo": geo,
        "remoteAddress": remote_address,
        "actorId": actor_id,
        "type": event_type,
        "data": dict(data or {}),
    }
    with store.tx() as conn:
        conn.execute(
            "INSERT INTO audit_events(occurred, action, user_id, data) VALUES(?, ?, ?, ?)",
            (time.time() if occurred is None else occurred, action, user_id, dumps(record)),
        )


def audit_events(store: Store, since: float) -> list[dict[str, Any]]:
    _ensure(store)
    rows = store.query(
        "SELECT * FROM audit_events WHERE occurred >= ? ORDER BY occurred DESC, id DESC",
        (since,),
    )
    out = []
    for r in rows:
        record = dict(loads(r["data"]))
        record["occurred"] = int(r["occurred"] * 1000)
        out.append(record)
    return out


# -- flows -------------------------------------------------------------------------------


def flow_get(store: Store, flow_id: str) -> dict[str, Any] | None:
    _ensure(store)
    row = store.query_one("SELECT data FROM flows WHERE id=?", (flow_id,))
    return None if row is None else dict(loads(row["data"]))


def flow_save(store: Store, flow_id: str, doc: dict[str, Any]) -> None:
    _ensure(store)
    with store.tx() as conn:
        conn.execute(
            "INSERT INTO flows(id, data, updated) VALUES(?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data, updated=excluded.updated",
            (flow_id, dumps(doc), time.time()),
        )


def flows_all(store: Store) -> list[dict[str, Any]]:
    _ensure(store)
    return [dict(loads(r["data"])) for r in store.query("SELECT data FROM flows ORDER BY id")]


def flow_delete(store: Store, flow_ids: list[str]) -> int:
    _ensure(store)
    with store.tx() as conn:
        n = 0
        for fid in flow_ids:
            n += conn.execute("DELETE FROM flows WHERE id=?", (fid,)).rowcount
        return n


# -- SSO settings ------------------------------------------------------------------------


def sso_get(store: Store, tenant_id: str) -> dict[str, Any] | None:
    _ensure(store)
    row = store.query_one("SELECT data FROM sso_settings WHERE tenant_id=?", (tenant_id,))
    return None if row is None else dict(loads(row["data"]))


def sso_save(store: Store, tenant_id: str, data: dict[str, Any] | None) -> None:
    _ensure(store)
    with store.tx() as conn:
        if data is None:
            conn.execute("DELETE FROM sso_settings WHERE tenant_id=?", (tenant_id,))
        else:
            conn.execute(
                "INSERT INTO sso_settings(tenant_id, data) VALUES(?, ?) "
                "ON CONFLICT(tenant_id) DO UPDATE SET data=excluded.data",
                (tenant_id, dumps(data)),
            )


def sso_all(store: Store) -> dict[str, dict[str, Any]]:
    _ensure(store)
    return {
        r["tenant_id"]: dict(loads(r["data"]))
        for r in store.query("SELECT tenant_id, data FROM sso_settings")
    }


# -- SSO applications --------------------------------------------------------------------


def app_get(store: Store, app_id: str) -> dict[str, Any] | None:
    _ensure(store)
    row = store.query_one("SELECT data FROM sso_apps WHERE id=?", (app_id,))
    return None if row is None else dict(loads(row["data"]))


def app_save(store: Store, app: dict[str, Any]) -> None:
    _ensure(store)
    with store.tx() as conn:
        conn.execute(
            "INSERT INTO sso_apps(id, data, created) VALUES(?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
            (app["id"], dumps(app), time.time()),
        )


def app_delete(store: Store, app_id: str) -> bool:
    _ensure(store)
    with store.tx() as conn:
        return conn.execute("DELETE FROM sso_apps WHERE id=?", (app_id,)).rowcount > 0


def apps_all(store: Store) -> list[dict[str, Any]]:
    _ensure(store)
    return [
        dict(loads(r["data"])) for r in store.query("SELECT data FROM sso_apps ORDER BY created")
    ]


# -- FGA tuples --------------------------------------------------------------------------


def fga_add(store: Store, tuples: list[dict[str, str]]) -> None:
    _ensure(store)
    with store.tx() as conn:
        for t in tuples:
            conn.execute(
                "INSERT OR IGNORE INTO fga_tuples VALUES(?, ?, ?, ?, ?, ?)",
                (
                    t["resourceType"],
                    t["resource"],
                    t["relation"],
                    t["targetType"],
                    t["target"],
                    time.time(),
                ),
            )


def fga_delete(store: Store, tuples: list[dict[str, str]]) -> None:
    _ensure(store)
    with store.tx() as conn:
        for t in tuples:
            conn.execute(
                "DELETE FROM fga_tuples WHERE resource_type=? AND resource=? AND relation=? "
                "AND target_type=? AND target=?",
                (t["resourceType"], t["resource"], t["relation"], t["targetType"], t["target"]),
            )


def fga_lookup(store: Store, rtype: str, resource: str, relation: str) -> list[tuple[str, str]]:
    _ensure(store)
    rows = store.query(
        "SELECT target_type, target FROM fga_tuples WHERE resource_type=? AND resource=? "
        "AND relation=?",
        (rtype, resource, relation),
    )
    return [(r["target_type"], r["target"]) for r in rows]


def fga_clear(store: Store) -> None:
    _ensure(store)
    with store.tx() as conn:
        conn.execute("DELETE FROM fga_tuples")


# -- older authz relations ---------------------------------------------------------------


def authz_add(store: Store, relations: list[dict[str, Any]]) -> None:
    _ensure(store)
    with store.tx() as conn:
        for r in relations:
            conn.execute(
                "INSERT OR IGNORE INTO authz_relations VALUES(?, ?, ?, ?, ?, ?)",
                (
                    r["resource"],
                    r["relationDefinition"],
                    r["namespace"],
                    r.get("target") or "",
                    dumps(r),
                    time.time(),
                ),
            )


def authz_delete(store: Store, relations: list[dict[str, Any]]) -> None:
    _ensure(store)
    with store.tx() as conn:
        for r in relations:
            conn.execute("DELETE FROM authz_relations WHERE data=?", (dumps(r),))


def authz_delete_resources(store: Store, resources: list[str]) -> None:
    _ensure(store)
    with store.tx() as conn:
        for res in resources:
            conn.execute("DELETE FROM authz_relations WHERE resource=?", (res,))


def authz_all(store: Store, since: float = 0.0) -> list[dict[str, Any]]:
    _ensure(store)
    rows = store.query(
        "SELECT data FROM authz_relations WHERE created >= ? ORDER BY created", (since,)
    )
    return [dict(loads(r["data"])) for r in rows]


def authz_clear(store: Store) -> None:
    _ensure(store)
    with store.tx() as conn:
        conn.execute("DELETE FROM authz_relations")
