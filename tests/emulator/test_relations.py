"""The one relation evaluator, offline: the older authz schema compiled into the FGA
model answers union / intersect / sub, relationLeft, relationRight and target sets."""

from __future__ import annotations

from typing import Any

from descope_emulator.domain.relations import Checker, compile_authz


def _expr(ne_type: str, **kw: Any) -> dict[str, Any]:
    return {"nType": "child", "expression": {"neType": ne_type, **kw}}


SCHEMA = {
    "name": "docs",
    "namespaces": [
        {"name": "org", "relationDefinitions": [{"name": "member"}]},
        {
            "name": "doc",
            "relationDefinitions": [
                {"name": "owner"},
                {"name": "parent"},
                {"name": "banned"},
                {"name": "editor", "complexDefinition": {"nType": "union", "children": [
                    _expr("self"),
                    _expr("relationLeft", relationDefinition="owner"),
                ]}},
                {"name": "viewer", "complexDefinition": {"nType": "sub", "children": [
                    {"nType": "union", "children": [
                        _expr("self"),
                        _expr("relationLeft", relationDefinition="editor"),
                        _expr("relationRight", relationDefinition="parent",
                              targetRelationDefinition="viewer"),
                    ]},
                    _expr("relationLeft", relationDefinition="banned"),
                ]}},
                {"name": "both", "complexDefinition": {"nType": "intersect", "children": [
                    _expr("relationLeft", relationDefinition="owner"),
                    _expr("relationLeft", relationDefinition="editor"),
                ]}},
                {"name": "nobody", "complexDefinition": {"nType": "intersect", "children": []}},
            ],
        },
    ],
}

RELATIONS = [
    {"resource": "d1", "relationDefinition": "owner", "namespace": "doc", "target": "ann"},
    {"resource": "d1", "relationDefinition": "editor", "namespace": "doc", "target": "ed"},
    {"resource": "d1", "relationDefinition": "viewer", "namespace": "doc",
     "targetSetResource": "o1", "targetSetRelationDefinition": "member",
     "targetSetRelationDefinitionNamespace": "org"},
    {"resource": "o1", "relationDefinition": "member", "namespace": "org", "target": "mo"},
    {"resource": "d1", "relationDefinition": "banned", "namespace": "doc", "target": "mo2"},
    {"resource": "o1", "relationDefinition": "member", "namespace": "org", "target": "mo2"},
    {"resource": "d2", "relationDefinition": "parent", "namespace": "doc", "target": "d1"},
    {"resource": "d2", "relationDefinition": "parent", "namespace": "doc", "target": "d2"},
    {"resource": "x9", "relationDefinition": "undeclared", "namespace": "nowhere", "target": "u"},
]


def _lookup(ns: str, resource: str, rd: str) -> list[tuple[str, str]]:
    out = []
    for r in RELATIONS:
        if (r["namespace"], r["resource"], r["relationDefinition"]) != (ns, resource, rd):
            continue
        if r.get("target"):
            out.append(("", r["target"]))
        if r.get("targetSetResource"):
            out.append((f"{r['targetSetRelationDefinitionNamespace']}#"
                        f"{r['targetSetRelationDefinition']}", r["targetSetResource"]))
    return out


def test_authz_definitions_on_the_shared_evaluator() -> None:
    checker = Checker(compile_authz(SCHEMA), _lookup)

    def has(resource: str, rd: str, target: str) -> bool:
        return checker.check("doc", resource, rd, "", target)

    assert has("d1", "editor", "ann") and has("d1", "editor", "ed")  # relationLeft, self
    assert not has("d1", "editor", "mo")
    assert has("d1", "viewer", "ann")  # through editor <- owner
    assert has("d1", "viewer", "mo")  # a target set: members of o1
    assert not has("d1", "viewer", "mo2")  # a member, but banned (sub)
    assert has("d2", "viewer", "ann")  # relationRight: parent d1's viewers; a parent cycle ends
    assert not has("d2", "viewer", "nobody-at-all")
    assert has("d1", "both", "ann") and not has("d1", "both", "ed")  # intersect
    assert not has("d1", "nobody", "ann")  # an empty intersection holds for nobody
    # definitions the schema lacks answer from the stored relations (open world)
    assert checker.check("nowhere", "x9", "undeclared", "", "u")
