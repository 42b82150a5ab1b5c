"""`mgmt.project` list / delete / snapshots end to end through the emulator: the snapshot
holds the project, imports back exactly, validation names real problems, and deleting the
project leaves a fresh one."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import requests

from descope_core import AuthException


def _seed(mgmt: Any) -> None:
    mgmt.permission.create("read:docs", "Read documents")
    mgmt.role.create("Reader", permission_names=["read:docs"])
    mgmt.tenant.create("Acme", id="t-acme")
    mgmt.user.create("ada@x.io", role_names=["Reader"])
    mgmt.user.add_tenant("ada@x.io", "t-acme")
    mgmt.project.update_name("Snapshot source")


def test_list_projects_shows_this_project_and_its_clones(
    descope_emulator: Any, mgmt: Any
) -> None:
    mgmt.project.update_name("Main")
    mgmt.project.update_tags(["blue"])
    projects = mgmt.project.list_projects()["projects"]
    assert projects == [{"id": descope_emulator.project_id, "name": "Main", "environment": "",
                         "tags": ["blue"]}]  # `tag` removed by the client, as the SDK does
    clone = mgmt.project.clone("Prod copy", "production", ["p"])
    listed = {p["id"]: p for p in mgmt.project.list_projects()["projects"]}
    assert listed[clone["projectId"]] == {"id": clone["projectId"], "name": "Prod copy",
                                          "environment": "production", "tags": ["p"]}


def test_snapshot_round_trips_exactly(descope_client: Any, mgmt: Any) -> None:
    _seed(mgmt)
    session = mgmt.jwt.sign_in("ada@x.io")["refreshSessionToken"]["jwt"]
    files = mgmt.project.export_snapshot()["files"]
    assert files["project.json"]["name"] == "Snapshot source"
    assert [t["id"] for t in files["tenants.json"]] == ["t-acme"]
    assert "read:docs" in {p["name"] for p in files["permissions.json"]}
    assert mgmt.project.validate_snapshot(files) == {"ok": True}
    mgmt.tenant.delete("t-acme")
    mgmt.role.delete("Reader")
    mgmt.user.delete("ada@x.io")
    mgmt.project.update_name("changed")
    mgmt.project.import_snapshot(files)
    assert mgmt.tenant.load("t-acme")["name"] == "Acme"
    user = mgmt.user.load("ada@x.io")["user"]
    assert user["roleNames"] == ["Reader"] and user["userTenants"][0]["tenantId"] == "t-acme"
    assert mgmt.project.export_snapshot()["files"] == files
    # ada was deleted before the import: her session ended with her
    with pytest.raises(AuthException):
        descope_client.refresh_session(session)


def test_import_keeps_the_sessions_of_users_it_keeps(descope_client: Any, mgmt: Any) -> None:
    _seed(mgmt)
    session = mgmt.jwt.sign_in("ada@x.io")["refreshSessionToken"]["jwt"]
    files = mgmt.project.export_snapshot()["files"]
    mgmt.tenant.delete("t-acme")
    mgmt.project.import_snapshot(files)
    refreshed = descope_client.refresh_session(session)["sessionToken"]
    assert refreshed["roles"] == ["Reader"] and refreshed["dct"] == "t-acme"


def test_import_keeps_what_is_excluded_or_absent(mgmt: Any) -> None:
    _seed(mgmt)
    files = mgmt.project.export_snapshot()["files"]
    mgmt.tenant.create("Later", id="t-later")
    mgmt.project.update_name("kept name")
    only = {"meta.json": files["meta.json"], "project.json": files["project.json"],
            "tenants.json": files["tenants.json"]}
    mgmt.project.import_snapshot(only, excludes=["project"])
    assert mgmt.project.export_project()["project.json"]["name"] == "kept name"
    with pytest.raises(AuthException):  # tenants.json was imported: t-later is gone
        mgmt.tenant.load("t-later")
    assert mgmt.user.load("ada@x.io")["user"]["roleNames"] == ["Reader"]  # users kept


def test_validate_names_the_problems_and_import_refuses_them(mgmt: Any) -> None:
    _seed(mgmt)
    files = mgmt.project.export_snapshot()["files"]
    bad = copy.deepcopy(files)
    bad["roles.json"] = [r for r in bad["roles.json"] if r["name"] != "Reader"]
    bad["roles.json"].append({"name": "Writer", "permissionNames": ["write:docs"]})
    bad["mystery.json"] = {}
    result = mgmt.project.validate_snapshot(bad)
    assert result["ok"] is False
    assert any("mystery.json" in f for f in result["failures"])
    bad.pop("mystery.json")
    result = mgmt.project.validate_snapshot(bad)
    failures = " ".join(result["failures"])
    assert "write:docs" in failures and "Reader" in failures  # unknown permission, lost role
    with pytest.raises(AuthException) as err:
        mgmt.project.import_snapshot(bad)
    assert err.value.status_code == 400
    assert mgmt.role.load_all()["roles"][-1]["name"] != "Writer"  # nothing was imported
    wrong = copy.deepcopy(files)
    wrong["tenants.json"] = {"not": "a list"}
    assert mgmt.project.validate_snapshot(wrong)["ok"] is False
    secrets = {"connectors": [{"id": "c1", "name": "n", "type": "t", "value": ""}]}
    assert mgmt.project.validate_snapshot(files, secrets)["ok"] is False


def test_delete_leaves_a_fresh_project(descope_emulator: Any, mgmt: Any) -> None:
    _seed(mgmt)
    mgmt.flow.delete_flows(["sign-in"])
    clone = mgmt.project.clone("Copy")
    mgmt.project.delete()
    assert mgmt.tenant.load_all()["tenants"] == []
    assert mgmt.user.search_all()["users"] == []
    assert [r["name"] for r in mgmt.role.load_all()["roles"]] == ["Tenant Admin"]
    assert "sign-in" in {f["id"] for f in mgmt.flow.list_flows()["flows"]}
    projects = mgmt.project.list_projects()["projects"]
    assert projects[0]["name"] != "Snapshot source"
    assert clone["projectId"] in {p["id"] for p in projects}  # other projects stay


def test_bad_snapshot_bodies(descope_emulator: Any) -> None:
    base = descope_emulator.base_url
    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    for path, body in (("/v1/mgmt/project/snapshot/import", {}),
                       ("/v1/mgmt/project/snapshot/import", {"files": []}),
                       ("/v1/mgmt/project/snapshot/validate", {"files": "x"}),
                       ("/v1/mgmt/project/snapshot/import", {"files": {}, "excludes": [1]}),
                       ("/v1/mgmt/project/snapshot/export", {"format": "zip"})):
        r = requests.post(base + path, headers=auth, json=body, timeout=10)
        assert r.status_code == 400, (path, r.text)
    r = requests.post(f"{base}/v1/mgmt/project/delete", json={}, timeout=10)
    assert r.status_code == 401


@pytest.mark.parametrize(("part", "value", "reason"), [
    ("tenants.json", [{"id": "t"}], "tenant has no 'name'"),
    ("users.json", [{"userId": "u1", "loginIds": ["same"]}, {"userId": "u2", "loginIds": ["same"]}],
     "belongs to two users"),
    ("users.json", [{"userId": "u1", "loginIds": ["a"], "roleNames": "r"}], "must be a list"),
    ("roles.json", [{"name": 5}], "role has no 'name'"),
    ("flows.json", [{"id": "f"}, {"id": "f"}], "appears twice"),
])
def test_snapshots_the_import_could_not_store_are_refused(
    mgmt: Any, part: str, value: Any, reason: str
) -> None:
    files = mgmt.project.export_snapshot()["files"]
    bad = {**files, part: value}
    result = mgmt.project.validate_snapshot(bad)
    assert result["ok"] is False and any(reason in f for f in result["failures"]), result
    with pytest.raises(AuthException) as err:
        mgmt.project.import_snapshot(bad)
    assert err.value.status_code == 400
    assert mgmt.project.export_snapshot()["files"] == files  # nothing changed
