"""mgmt.role / mgmt.permission batches and by-id calls against the emulator: a batch
changes every item or, when one fails, none."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def _role_names(mgmt: Any) -> set[str]:
    return {r["name"] for r in mgmt.role.load_all()["roles"]} - SYSTEM_ROLES


def _perms(mgmt: Any) -> dict[str, str]:
    return {p["name"]: p["description"] for p in mgmt.permission.load_all()["permissions"]
            if not p["systemDefault"]}


SYSTEM_ROLES = {"Tenant Admin"}


def test_permission_batches(mgmt: Any) -> None:
    mgmt.permission.create_batch([{"name": "read"}, {"name": "write", "description": "w"}])
    mgmt.role.create("editor", permission_names=["read", "write"])
    mgmt.permission.update_batch([{"name": "write", "newName": "edit", "description": "e"}])
    assert _perms(mgmt) == {"read": "", "edit": "e"}
    editor = next(r for r in mgmt.role.load_all()["roles"] if r["name"] == "editor")
    assert sorted(editor["permissionNames"]) == ["edit", "read"]  # the rename is carried

    with pytest.raises(AuthException) as dup:
        mgmt.permission.create_batch([{"name": "new"}, {"name": "read"}])
    assert dup.value.status_code == 409
    assert "new" not in _perms(mgmt)

    mgmt.permission.delete_batch(["read", "edit"])
    assert _perms(mgmt) == {}
    with pytest.raises(AuthException) as by_id:
        mgmt.permission.delete_batch_by_ids(["p1"])
    assert by_id.value.status_code == 404  # permissions have ids; this one does not exist


def test_role_batches_and_by_id(mgmt: Any) -> None:
    mgmt.tenant.create("T", id="t1")
    mgmt.role.create_batch([{"name": "a"}, {"name": "b"}, {"name": "a", "tenantId": "t1"}])
    assert _role_names(mgmt) == {"a", "b"}
    ids = {r["name"]: r["id"] for r in mgmt.role.search(role_names=["b"])["roles"]}

    mgmt.role.update_by_id(ids["b"], "b2", description="renamed")
    found = mgmt.role.search(role_ids=[ids["b"]])["roles"]
    assert [(r["name"], r["description"]) for r in found] == [("b2", "renamed")]

    mgmt.role.update_batch([{"name": "a", "newName": "a2"}])
    assert _role_names(mgmt) == {"a2", "b2", "a"}  # the tenant's "a" is another role

    with pytest.raises(AuthException) as missing:
        mgmt.role.delete_batch(["a2", "nope"])
    assert missing.value.status_code == 404
    assert "a2" in _role_names(mgmt)  # nothing was deleted

    mgmt.role.delete_batch([{"name": "a", "tenantId": "t1"}])
    mgmt.role.delete_by_id(ids["b"])
    mgmt.role.delete_batch(["a2"])
    assert _role_names(mgmt) == set()
