"""mgmt.fga (the `model AuthZ 1.0` language, relation-graph checks) and the older
mgmt.authz calls, against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException

SCHEMA = """model AuthZ 1.0
type user
type org
  relation member: user
  relation parent: org
type folder
  relation parent: folder
  relation owner: user | org#member
  relation editor: user
  relation viewer: user
  permission can_create: owner | parent.owner
  permission can_edit: editor | can_create
  permission can_view: viewer | can_edit
type doc
  relation parent: folder
  relation owner: user | org#member
  relation editor: user
  relation viewer: user
  permission can_create: owner | parent.owner
  permission can_edit: editor | can_create
  permission can_view: viewer | can_edit
"""


def rel(resource: str, rtype: str, relation: str, target: str, ttype: str) -> dict[str, str]:
    return {"resource": resource, "resourceType": rtype, "relation": relation,
            "target": target, "targetType": ttype}


def allowed(mgmt: Any, *tuples: dict[str, str]) -> list[bool]:
    return [r["allowed"] for r in mgmt.fga.check(list(tuples))]


def test_seed_example_and_indirect_answers(mgmt: Any) -> None:
    mgmt.fga.save_schema(SCHEMA)
    mgmt.fga.create_relations([rel("some-doc", "doc", "owner", "u1", "user")])
    out = mgmt.fga.check([rel("some-doc", "doc", "owner", "u1", "user")])
    assert out == [{"relation": rel("some-doc", "doc", "owner", "u1", "user"), "allowed": True}]
    assert allowed(mgmt, rel("some-doc", "doc", "can_view", "u1", "user")) == [True]

    # the owner of the parent folder can view the doc; an org's members own via org#member
    mgmt.fga.create_relations([
        rel("d2", "doc", "parent", "f1", "folder"),
        rel("f1", "folder", "owner", "u2", "user"),
        rel("f2", "folder", "owner", "acme", "org"),
        rel("acme", "org", "member", "u3", "user"),
        rel("d3", "doc", "parent", "f2", "folder"),
        rel("d4", "doc", "editor", "u4", "user"),
    ])
    assert allowed(
        mgmt,
        rel("d2", "doc", "can_view", "u2", "user"),
        rel("d2", "doc", "can_create", "u2", "user"),
        rel("d2", "doc", "owner", "u2", "user"),
        rel("d3", "doc", "can_edit", "u3", "user"),
        rel("d3", "doc", "can_view", "u2", "user"),
        rel("d4", "doc", "can_view", "u4", "user"),
        rel("d4", "doc", "can_create", "u4", "user"),
    ) == [True, True, False, True, False, True, False]

    mgmt.fga.delete_relations([rel("acme", "org", "member", "u3", "user")])
    assert allowed(mgmt, rel("d3", "doc", "can_edit", "u3", "user")) == [False]


def test_schema_syntax_error_names_line_and_column(mgmt: Any) -> None:
    bad = "model AuthZ 1.0\ntype user\ntype doc\n  relation owner: user\n  permission view: owner | | x\n"
    with pytest.raises(AuthException) as err:
        mgmt.fga.save_schema(bad)
    assert err.value.status_code == 400
    assert "line 5, column" in str(err.value.error_message)
    with pytest.raises(AuthException) as err:
        mgmt.fga.save_schema("model AuthZ 1.0\ntype doc\n  relation owner: usr\n")
    assert "line 3, column 19" in str(err.value.error_message)
    with pytest.raises(AuthException):
        mgmt.fga.save_schema("type user\n")


def test_relations_are_checked_against_the_schema(mgmt: Any) -> None:
    mgmt.fga.save_schema(SCHEMA)
    for bad in (
        rel("d", "doc", "can_view", "u", "user"),   # a permission, not a relation
        rel("d", "doc", "owner", "f", "folder"),    # folder is not an owner type
        rel("d", "nope", "owner", "u", "user"),     # unknown type
    ):
        with pytest.raises(AuthException) as err:
            mgmt.fga.create_relations([bad])
        assert err.value.status_code == 400


def test_load_schema_returns_the_saved_dsl(mgmt: Any) -> None:
    mgmt.fga.save_schema(SCHEMA)
    loaded = mgmt.fga.load_schema()
    assert loaded["dsl"] == SCHEMA
    names = [t["name"] for t in loaded["schema"]["types"]]
    assert names == ["user", "org", "folder", "doc"]


def test_older_authz_api(mgmt: Any) -> None:
    schema = {
        "name": "docs",
        "namespaces": [
            {"name": "user", "relationDefinitions": []},
            {
                "name": "folder",
                "relationDefinitions": [
                    {"name": "owner"},
                    {
                        "name": "viewer",
                        "complexDefinition": {
                            "nType": "union",
                            "children": [
                                {"nType": "child", "expression": {"neType": "self"}},
                                {"nType": "child", "expression": {
                                    "neType": "relationLeft", "relationDefinition": "owner",
                                    "relationDefinitionNamespace": "folder"}},
                            ],
                        },
                    },
                ],
            },
        ],
    }
    mgmt.authz.save_schema(schema, upgrade=True)
    assert mgmt.authz.load_schema() == schema
    mgmt.authz.create_relations([
        {"resource": "f1", "relationDefinition": "owner", "namespace": "folder", "target": "u1"},
        {"resource": "f1", "relationDefinition": "viewer", "namespace": "folder", "target": "u2"},
    ])
    answers = mgmt.authz.has_relations([
        {"resource": "f1", "relationDefinition": "viewer", "namespace": "folder", "target": t}
        for t in ("u1", "u2", "u3")
    ])
    assert [a["hasRelation"] for a in answers] == [True, True, False]
    assert sorted(mgmt.authz.who_can_access("f1", "viewer", "folder")) == ["u1", "u2"]
    assert len(mgmt.authz.resource_relations("f1")) == 2
    assert [r["target"] for r in mgmt.authz.targets_relations(["u1"])] == ["u1"]
    assert len(mgmt.authz.what_can_target_access("u2")) == 1
    assert [r["resource"] for r in
            mgmt.authz.what_can_target_access_with_relation("u1", "viewer", "folder")] == ["f1"]
    assert len(mgmt.authz.get_modified()) == 2
    mgmt.authz.save_namespace({"name": "group", "relationDefinitions": []})
    mgmt.authz.save_relation_definition({"name": "member"}, "group")
    names = [ns["name"] for ns in mgmt.authz.load_schema()["namespaces"]]
    assert names == ["user", "folder", "group"]
    mgmt.authz.delete_relation_definition("member", "group")
    mgmt.authz.delete_namespace("group")
    mgmt.authz.delete_relations([
        {"resource": "f1", "relationDefinition": "viewer", "namespace": "folder", "target": "u2"}
    ])
    assert mgmt.authz.who_can_access("f1", "viewer", "folder") == ["u1"]
    mgmt.authz.delete_relations_for_resources(["f1"])
    assert mgmt.authz.resource_relations("f1") == []
    mgmt.authz.delete_schema()
    assert mgmt.authz.load_schema()["namespaces"] == []


def test_parser_operators_and_cycles_offline() -> None:
    """The emulator's evaluator on its own: `&`, `-`, parentheses, recursive parents."""
    from descope_emulator.domain.relations import Checker, parse

    schema = parse(
        "model AuthZ 1.0\n"
        "type user\n"
        "type folder  // folders nest\n"
        "  relation parent: folder\n"
        "  relation member: user\n"
        "  relation banned: user\n"
        "  relation viewer: user\n"
        "  permission view: (viewer | member | parent.view) - banned\n"
        "  permission both: viewer & member\n"
    )
    tuples = {
        ("folder", "a", "parent"): [("folder", "b")],
        ("folder", "b", "parent"): [("folder", "a")],  # a cycle must not loop forever
        ("folder", "b", "member"): [("user", "u1"), ("user", "u2")],
        ("folder", "a", "banned"): [("user", "u2")],
        ("folder", "a", "viewer"): [("user", "u1")],
    }
    check = Checker(schema, lambda t, r, rel: tuples.get((t, r, rel), [])).check
    assert check("folder", "a", "view", "user", "u1") is True
    assert check("folder", "a", "view", "user", "u2") is False  # banned here
    assert check("folder", "b", "view", "user", "u2") is True
    assert check("folder", "a", "both", "user", "u1") is False
    assert check("folder", "a", "view", "user", "u3") is False
