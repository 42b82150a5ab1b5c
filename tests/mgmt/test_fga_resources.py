"""mgmt.fga against the emulator: a schema dry run reports what saving would delete and
changes nothing, while saving really deletes the dropped tuples; resource details are
stored and loaded; a tenant's mappable schema and resource search see the stored tuples
and details, limited per type."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException

SCHEMA = """model AuthZ 1.0

type user

type folder
  relation viewer: user

type doc
  relation parent: folder
  relation owner: user
  relation viewer: user
  permission can_view: viewer | owner | parent.viewer
"""
OWNER = {"resource": "d1", "resourceType": "doc", "relation": "owner", "target": "u1",
         "targetType": "user"}
IN_FOLDER = {"resource": "d1", "resourceType": "doc", "relation": "parent", "target": "f1",
             "targetType": "folder"}
FOLDER_VIEWER = {"resource": "f1", "resourceType": "folder", "relation": "viewer",
                 "target": "u2", "targetType": "user"}
WITHOUT_FOLDERS = (SCHEMA.replace("type folder\n  relation viewer: user\n\n", "")
                   .replace("  relation parent: folder\n", "").replace(" | parent.viewer", ""))


def _allowed(mgmt: Any, *tuples: dict[str, str]) -> list[bool]:
    return [r["allowed"] for r in mgmt.fga.check(list(tuples))]


def test_dry_run_reports_and_changes_nothing_save_deletes(mgmt: Any) -> None:
    assert mgmt.fga.save_schema_dryrun(SCHEMA) == {
        "deletesPreview": {"hasDeletes": False, "relations": [], "types": []}}
    with pytest.raises(AuthException):  # the dry run saved no schema
        mgmt.fga.create_relations([OWNER])

    mgmt.fga.save_schema(SCHEMA)
    mgmt.fga.create_relations([OWNER, IN_FOLDER, FOLDER_VIEWER])
    can_view_u2 = {**OWNER, "relation": "can_view", "target": "u2"}
    assert _allowed(mgmt, OWNER, can_view_u2) == [True, True]

    preview = mgmt.fga.save_schema_dryrun(WITHOUT_FOLDERS)["deletesPreview"]
    assert preview == {"hasDeletes": True, "relations": ["doc#parent"], "types": ["folder"]}
    assert _allowed(mgmt, OWNER, can_view_u2) == [True, True]  # nothing changed

    narrowed = SCHEMA.replace("relation owner: user", "relation owner: folder")
    assert mgmt.fga.save_schema_dryrun(narrowed)["deletesPreview"] == {
        "hasDeletes": True, "relations": ["doc#owner"], "types": []}  # u1 no longer fits

    mgmt.fga.save_schema(WITHOUT_FOLDERS)  # saving deletes what the preview listed
    assert _allowed(mgmt, OWNER) == [True]
    assert mgmt.fga.save_schema_dryrun(SCHEMA)["deletesPreview"]["hasDeletes"] is False
    mgmt.fga.save_schema(SCHEMA)
    assert _allowed(mgmt, IN_FOLDER, FOLDER_VIEWER, can_view_u2) == [False, False, False]

    with pytest.raises(AuthException) as bad:
        mgmt.fga.save_schema_dryrun("type doc\n  relation owner: nosuchtype\n")
    assert bad.value.status_code == 400


def test_resource_details_and_mappable_resources(mgmt: Any) -> None:
    tid = mgmt.tenant.create("Acme")["id"]
    assert mgmt.fga.load_mappable_schema(tid) == {"schema": None, "mappableResources": []}
    mgmt.fga.save_schema(SCHEMA)
    mgmt.fga.create_relations([OWNER, IN_FOLDER, {**OWNER, "resource": "d2"},
                               {**OWNER, "resource": "d3"}])
    mgmt.fga.save_resources_details([
        {"resourceId": "d2", "resourceType": "doc", "displayName": "Budget 2026"},
        {"resourceId": "d9", "resourceType": "doc", "displayName": "Draft budget"},
    ])
    assert mgmt.fga.load_resources_details([
        {"resourceId": "d9", "resourceType": "doc"}, {"resourceId": "d1", "resourceType": "doc"},
        {"resourceId": "d2", "resourceType": "folder"},
    ]) == [{"resourceId": "d9", "resourceType": "doc", "displayName": "Draft budget"}]
    mgmt.fga.save_resources_details(
        [{"resourceId": "d9", "resourceType": "doc", "displayName": "Final budget"}])
    assert mgmt.fga.load_resources_details(
        [{"resourceId": "d9", "resourceType": "doc"}])[0]["displayName"] == "Final budget"

    schema = mgmt.fga.load_mappable_schema(tid, resources_limit=2)
    assert [t["name"] for t in schema["schema"]["types"]] == ["user", "folder", "doc"]
    assert schema["schema"]["namespaces"][2] == {"name": "doc", "relationDefinitions": [
        {"name": "parent"}, {"name": "owner"}, {"name": "viewer"}, {"name": "can_view"}]}
    by_type = {m["type"]: m["resources"] for m in schema["mappableResources"]}
    assert by_type == {
        "user": [{"resource": "u1"}],
        "folder": [{"resource": "f1"}],
        "doc": [{"resource": "d1"}, {"resource": "d2", "displayName": "Budget 2026"}],
    }

    found = mgmt.fga.load_mappable_resources(
        tid, [{"type": "doc", "queries": ["BUDGET"]}, {"type": "folder", "queries": []}])
    assert found == [
        {"type": "doc", "resources": [{"resource": "d2", "displayName": "Budget 2026"},
                                      {"resource": "d9", "displayName": "Final budget"}]},
        {"type": "folder", "resources": [{"resource": "f1"}]},
    ]
    limited = mgmt.fga.load_mappable_resources(tid, [{"type": "doc"}], resources_limit=1)
    assert limited == [{"type": "doc", "resources": [{"resource": "d1"}]}]

    for call, args in ((mgmt.fga.load_mappable_schema, ("no-such-tenant",)),
                       (mgmt.fga.load_mappable_resources, ("no-such-tenant", [{"type": "doc"}])),
                       (mgmt.fga.load_mappable_resources, (tid, [{"type": "nosuchtype"}]))):
        with pytest.raises(AuthException) as refused:
            call(*args)
        assert refused.value.status_code in (400, 404)
