"""The storage layer on real SQLite files: the schema is created and migrated by version,
old unversioned files migrate, data survives a reopen, reset keeps the keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from descope_emulator.storage import Store, schema


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_new_file_gets_every_migration(tmp_path: Path) -> None:
    db = tmp_path / "emu.sqlite3"
    store = Store(str(db))
    store.close()
    assert _version(db) == len(schema.MIGRATIONS) >= 1


def test_unversioned_file_migrates_and_keeps_its_rows(tmp_path: Path) -> None:
    """A file written before versioning (tables present, user_version 0)."""
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('management_key', 'K2old')")
    conn.commit()
    conn.close()
    store = Store(str(db))
    try:
        assert store.meta.get("management_key") == "K2old"
        store.tenants.save({"id": "t1", "name": "T1"})  # a table the old file lacked
        assert store.tenants.get("t1") == {"id": "t1", "name": "T1",
                                           "createdTime": store.tenants.get("t1")["createdTime"]}
    finally:
        store.close()
    assert _version(db) == len(schema.MIGRATIONS)


def test_migrations_run_once(tmp_path: Path) -> None:
    db = tmp_path / "emu.sqlite3"
    Store(str(db)).close()
    store = Store(str(db))  # a second open runs nothing (the steps would not fail either)
    try:
        store.users.save({"userId": "U1", "loginIds": ["a@example.com"]})
    finally:
        store.close()
    store = Store(str(db))
    try:
        assert store.users.by_login_id("a@example.com")["userId"] == "U1"
    finally:
        store.close()


def test_reset_keeps_keys_and_meta(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "emu.sqlite3"))
    try:
        store.meta.set("management_key", "K2x")
        store.signing_keys.add_active("kid1", "pem", {"kid": "kid1"})
        store.users.save({"userId": "U1", "loginIds": ["a"]})
        store.audit_events.add(1.0, "A", "U1", {"action": "A"})
        store.reset()
        assert store.users.all() == [] and store.audit_events.since(0) == []
        assert store.meta.get("management_key") == "K2x"
        assert store.signing_keys.active_kid() == "kid1"
    finally:
        store.close()


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "emu.sqlite3"))
    try:
        try:
            with store.tx():
                store.tenants.save({"id": "t1", "name": "T1"})
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        assert store.tenants.get("t1") is None
    finally:
        store.close()
