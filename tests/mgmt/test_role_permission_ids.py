"""Role and permission ids against the emulator: every role and permission has a stable id
(kept across renames, shown by load_all), the by-id calls act on exactly that one, an
unknown id is 404 and changes nothing; a database from before ids migrates."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from descope_core import AuthException
from descope_emulator.storage import Store, schema


def _perm_ids(mgmt: Any) -> dict[str, str]:
    return {p["name"]: p["id"] for p in mgmt.permission.load_all()["permissions"]}


def _role_ids(mgmt: Any) -> dict[str, str]:
    return {(r["tenantId"], r["name"]): r["id"] for r in mgmt.role.load_all()["roles"]}


def test_permission_ids_are_stable_and_address_one_permission(mgmt: Any) -> None:
    mgmt.permission.create_batch([{"name": "read"}, {"name": "write"}, {"name": "admin"}])
    ids = _perm_ids(mgmt)
    assert all(ids.values()) and len(set(ids.values())) == len(ids)  # defaults have ids too
    mgmt.role.create("editor", permission_names=["read", "write"])

    mgmt.permission.update_by_id(ids["write"], "edit", description="edits")
    after = {p["name"]: p for p in mgmt.permission.load_all()["permissions"]}
    assert after["edit"]["id"] == ids["write"] and after["edit"]["description"] == "edits"
    assert "write" not in after
    editor = next(r for r in mgmt.role.load_all()["roles"] if r["name"] == "editor")
    assert sorted(editor["permissionNames"]) == ["edit", "read"]  # the rename is carried

    with pytest.raises(AuthException) as taken:
        mgmt.permission.update_by_id(ids["write"], "read")
    assert taken.value.status_code == 409

    mgmt.permission.delete_by_id(ids["read"])
    assert "read" not in _perm_ids(mgmt)
    editor = next(r for r in mgmt.role.load_all()["roles"] if r["name"] == "editor")
    assert editor["permissionNames"] == ["edit"]
    with pytest.raises(AuthException) as gone:
        mgmt.permission.delete_by_id(ids["read"])
    assert gone.value.status_code == 404

    with pytest.raises(AuthException) as missing:
        mgmt.permission.delete_batch_by_ids([ids["admin"], "PM2nosuchid"])
    assert missing.value.status_code == 404
    assert "admin" in _perm_ids(mgmt)  # all or none
    mgmt.permission.delete_batch_by_ids([ids["admin"], ids["write"]])
    assert {"admin", "edit"}.isdisjoint(_perm_ids(mgmt))


def test_role_ids_by_id_calls(mgmt: Any) -> None:
    mgmt.tenant.create("T", id="t1")
    mgmt.role.create("viewer")
    mgmt.role.create("viewer", tenant_id="t1")
    ids = _role_ids(mgmt)
    assert ids[("", "viewer")] != ids[("t1", "viewer")]
    assert all(ids.values())

    # a tenant role by id: its tenant comes from the role, a wrong tenant is 404
    with pytest.raises(AuthException) as wrong:
        mgmt.role.update_by_id(ids[("t1", "viewer")], "x", tenant_id="other")
    assert wrong.value.status_code == 404
    mgmt.role.update_by_id(ids[("t1", "viewer")], "reader", description="d", tenant_id="t1")
    after = _role_ids(mgmt)
    assert after[("t1", "reader")] == ids[("t1", "viewer")]
    assert after[("", "viewer")] == ids[("", "viewer")]  # the project role is untouched

    mgmt.role.delete_by_id(ids[("", "viewer")])
    after = _role_ids(mgmt)
    assert ("", "viewer") not in after and ("t1", "reader") in after
    with pytest.raises(AuthException) as gone:
        mgmt.role.delete_by_id(ids[("", "viewer")])
    assert gone.value.status_code == 404
    mgmt.role.delete_batch_by_ids([ids[("t1", "viewer")]], tenant_id="t1")
    assert ("t1", "reader") not in _role_ids(mgmt)


def test_a_database_from_before_ids_migrates(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    Store(str(db)).close()
    before_ids = schema.MIGRATIONS.index(schema.ROLE_PERMISSION_IDS)  # the version before
    conn = sqlite3.connect(db)  # roll the file back to it: rows without ids
    conn.execute("DELETE FROM roles")
    conn.execute("DELETE FROM permissions")
    conn.execute("INSERT INTO permissions VALUES ('read', ?)", (json.dumps({"name": "read"}),))
    conn.execute("INSERT INTO roles VALUES ('r', '', ?)", (json.dumps({"name": "r"}),))
    conn.execute(f"PRAGMA user_version={before_ids}")
    conn.commit()
    conn.close()
    store = Store(str(db))
    try:
        perm, role = store.permissions.get("read"), store.roles.get("r")
        assert perm is not None and role is not None
        assert perm["id"].startswith("PM2") and role["id"].startswith("RL2")
        assert store.permissions.get_by_id(perm["id"]) == perm
        assert store.roles.get_by_id(role["id"]) == role
    finally:
        store.close()
    store = Store(str(db))  # reopening keeps the ids
    try:
        assert store.permissions.get("read")["id"] == perm["id"]
    finally:
        store.close()
