"""The older ReBAC authz API (namespaces, relation definitions, relations), evaluated
over the stored relations with the schema's complex definitions (union / intersect /
sub; self, targetSet, relationLeft, relationRight).

`schema/load` also answers the seed README's FGA "load schema": when only an FGA DSL was
saved it returns that schema (as JSON) and the DSL text.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ..fga import parse
from ..service import Emulator
from ._common import get_bool, get_int, get_obj, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import audit, require_mgmt
from .mgmt_fga import DSL_KEY

SCHEMA_KEY = "authz_schema"


def _schema(e: Emulator) -> dict[str, Any]:
    schema = mgmt_store.doc_get(e.store, SCHEMA_KEY)
    return dict(schema) if isinstance(schema, dict) else {"name": "", "namespaces": []}


def _namespace(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    for ns in schema.get("namespaces") or []:
        if ns.get("name") == name:
            return dict(ns)
    return None


def _rd(schema: dict[str, Any], ns: str, name: str) -> dict[str, Any] | None:
    namespace = _namespace(schema, ns)
    for rd in (namespace or {}).get("relationDefinitions") or []:
        if rd.get("name") == name:
            return dict(rd)
    return None


class _Evaluator:
    def __init__(self, e: Emulator) -> None:
        self.schema = _schema(e)
        self.relations = mgmt_store.authz_all(e.store)

    def _direct(self, resource: str, rd: str, ns: str) -> list[dict[str, Any]]:
        return [
            r
            for r in self.relations
            if r["resource"] == resource and r["relationDefinition"] == rd and r["namespace"] == ns
        ]

    def has(
        self, resource: str, rd: str, ns: str, target: str, seen: frozenset[Any] = frozenset()
    ) -> bool:
        key = (resource, rd, ns)
        if key in seen:
            return False
        seen = seen | {key}
        definition = _rd(self.schema, ns, rd) or {}
        complex_def = definition.get("complexDefinition")
        if not complex_def:
            return self._self(resource, rd, ns, target, seen)
        return self._node(complex_def, resource, rd, ns, target, seen)

    def _self(self, resource: str, rd: str, ns: str, target: str, seen: frozenset[Any]) -> bool:
        for rel in self._direct(resource, rd, ns):
            if rel.get("target") == target:
                return True
            if rel.get("targetSetResource") and self.has(
                rel["targetSetResource"],
                rel.get("targetSetRelationDefinition") or "",
                rel.get("targetSetRelationDefinitionNamespace") or ns,
                target,
                seen,
            ):
                return True
        return False

    def _node(
        self,
        node: dict[str, Any],
        resource: str,
        rd: str,
        ns: str,
        target: str,
        seen: frozenset[Any],
    ) -> bool:
        kind = node.get("nType", "child")
        children = node.get("children") or []
        if kind == "union":
            return any(self._node(c, resource, rd, ns, target, seen) for c in children)
        if kind == "intersect":
            return bool(children) and all(
                self._node(c, resource, rd, ns, target, seen) for c in children
            )
        if kind == "sub":
            return (
                bool(children)
                and self._node(children[0], resource, rd, ns, target, seen)
                and not any(self._node(c, resource, rd, ns, target, seen) for c in children[1:])
            )
        expr = node.get("expression") or {}
        ne = expr.get("neType", "self")
        if ne in ("self", "targetSet"):
            return self._self(resource, rd, ns, target, seen)
        other = expr.get("relationDefinition") or ""
        other_ns = expr.get("relationDefinitionNamespace") or ns
        if ne == "relationLeft":  # holders of `other` on this resource
            return self.has(resource, other, other_ns, target, seen)
        if ne == "relationRight":  # follow `other` to resources, ask the target relation
            t_rd = expr.get("targetRelationDefinition") or ""
            t_ns = expr.get("targetRelationDefinitionNamespace") or ns
            for rel in self._direct(resource, other, other_ns):
                hop = rel.get("target") or rel.get("targetSetResource")
                if hop and self.has(hop, t_rd, t_ns, target, seen):
                    return True
        return False

    def targets(self) -> list[str]:
        out: list[str] = []
        for r in self.relations:
            t = r.get("target")
            if t and t not in out:
                out.append(t)
        return out

    def resources(self, ns: str) -> list[str]:
        out: list[str] = []
        for r in self.relations:
            if r["namespace"] == ns and r["resource"] not in out:
                out.append(r["resource"])
        return out


def _relations(body: dict[str, Any]) -> list[dict[str, Any]]:
    raw = body.get("relations")
    if not isinstance(raw, list):
        raise errors.bad_request("'relations' must be an array", "E011003")
    out = []
    for r in raw:
        if not isinstance(r, dict):
            raise errors.bad_request("each relation must be an object", "E011003")
        get_str(r, "resource")
        get_str(r, "relationDefinition")
        get_str(r, "namespace")
        out.append({k: v for k, v in r.items() if v is not None})
    return out


async def save_schema(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    schema = get_obj(body, "schema")
    get_bool(body, "upgrade")
    mgmt_store.doc_set(e.store, SCHEMA_KEY, schema)
    audit(e, "AuthzSchemaSaved")
    return ok({})


async def delete_schema(request: Request) -> Response:
    e = require_mgmt(request)
    await read_json(request)
    mgmt_store.doc_set(e.store, SCHEMA_KEY, None)
    mgmt_store.authz_clear(e.store)
    return ok({})


async def load_schema(request: Request) -> Response:
    e = require_mgmt(request)
    await read_json(request)
    stored = mgmt_store.doc_get(e.store, SCHEMA_KEY)
    dsl = mgmt_store.doc_get(e.store, DSL_KEY)
    if stored is None and dsl:
        return ok({"schema": parse(dsl).to_json(), "dsl": dsl})
    out: dict[str, Any] = {"schema": stored or {"name": "", "namespaces": []}}
    if dsl:
        out["dsl"] = dsl
    return ok(out)


async def save_namespace(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    namespace = get_obj(body, "namespace")
    name = get_str(namespace, "name")
    old = opt_str(body, "oldName") or name
    schema = _schema(e)
    spaces = [ns for ns in schema.get("namespaces") or [] if ns.get("name") not in (old, name)]
    spaces.append(namespace)
    schema["namespaces"] = spaces
    mgmt_store.doc_set(e.store, SCHEMA_KEY, schema)
    return ok({})


async def delete_namespace(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    schema = _schema(e)
    if _namespace(schema, name) is None:
        raise errors.not_found(f"Namespace '{name}' not found")
    schema["namespaces"] = [ns for ns in schema["namespaces"] if ns.get("name") != name]
    mgmt_store.doc_set(e.store, SCHEMA_KEY, schema)
    return ok({})


async def save_rd(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    rd = get_obj(body, "relationDefinition")
    name = get_str(rd, "name")
    ns_name = get_str(body, "namespace")
    old = opt_str(body, "oldName") or name
    schema = _schema(e)
    ns = _namespace(schema, ns_name)
    if ns is None:
        raise errors.not_found(f"Namespace '{ns_name}' not found")
    rds = [r for r in ns.get("relationDefinitions") or [] if r.get("name") not in (old, name)]
    ns["relationDefinitions"] = rds + [rd]
    schema["namespaces"] = [n if n.get("name") != ns_name else ns for n in schema["namespaces"]]
    mgmt_store.doc_set(e.store, SCHEMA_KEY, schema)
    return ok({})


async def delete_rd(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    ns_name = get_str(body, "namespace")
    schema = _schema(e)
    ns = _namespace(schema, ns_name)
    if ns is None or _rd(schema, ns_name, name) is None:
        raise errors.not_found(f"Relation definition '{ns_name}.{name}' not found")
    ns["relationDefinitions"] = [r for r in ns["relationDefinitions"] if r.get("name") != name]
    schema["namespaces"] = [n if n.get("name") != ns_name else ns for n in schema["namespaces"]]
    mgmt_store.doc_set(e.store, SCHEMA_KEY, schema)
    return ok({})


async def create_relations(request: Request) -> Response:
    e = require_mgmt(request)
    mgmt_store.authz_add(e.store, _relations(await read_json(request)))
    return ok({})


async def delete_relations(request: Request) -> Response:
    e = require_mgmt(request)
    mgmt_store.authz_delete(e.store, _relations(await read_json(request)))
    return ok({})


async def delete_resources(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    mgmt_store.authz_delete_resources(e.store, get_str_list(body, "resources"))
    return ok({})


async def has_relations(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    queries = body.get("relationQueries")
    if not isinstance(queries, list):
        raise errors.bad_request("'relationQueries' must be an array", "E011003")
    ev = _Evaluator(e)
    out = []
    for q in queries:
        if not isinstance(q, dict):
            raise errors.bad_request("each relation query must be an object", "E011003")
        has = ev.has(
            get_str(q, "resource"),
            get_str(q, "relationDefinition"),
            get_str(q, "namespace"),
            get_str(q, "target"),
        )
        out.append({**q, "hasRelation": has})
    return ok({"relationQueries": out})


async def who_can_access(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    resource = get_str(body, "resource")
    rd = get_str(body, "relationDefinition")
    ns = get_str(body, "namespace")
    ev = _Evaluator(e)
    return ok({"targets": [t for t in ev.targets() if ev.has(resource, rd, ns, t)]})


async def resource_relations(request: Request) -> Response:
    e = require_mgmt(request)
    resource = get_str(await read_json(request), "resource")
    rels = [r for r in mgmt_store.authz_all(e.store) if r["resource"] == resource]
    return ok({"relations": rels})


async def targets_relations(request: Request) -> Response:
    e = require_mgmt(request)
    targets = get_str_list(await read_json(request), "targets")
    rels = [r for r in mgmt_store.authz_all(e.store) if r.get("target") in targets]
    return ok({"relations": rels})


async def target_all(request: Request) -> Response:
    e = require_mgmt(request)
    target = get_str(await read_json(request), "target")
    rels = [r for r in mgmt_store.authz_all(e.store) if r.get("target") == target]
    return ok({"relations": rels})


async def target_with_relation(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    target = get_str(body, "target")
    rd = get_str(body, "relationDefinition")
    ns = get_str(body, "namespace")
    ev = _Evaluator(e)
    rels = [
        {"resource": res, "relationDefinition": rd, "namespace": ns, "target": target}
        for res in ev.resources(ns)
        if ev.has(res, rd, ns, target)
    ]
    return ok({"relations": rels})


async def get_modified(request: Request) -> Response:
    e = require_mgmt(request)
    since = get_int(await read_json(request), "since")
    rels = mgmt_store.authz_all(e.store, since / 1000)
    return ok(
        {
            "relations": rels,
            "resources": sorted({r["resource"] for r in rels}),
            "targets": sorted({r["target"] for r in rels if r.get("target")}),
            "schemaChanged": False,
        }
    )


routes = [
    Route("/v1/mgmt/authz/schema/save", save_schema, methods=["POST"]),
    Route("/v1/mgmt/authz/schema/delete", delete_schema, methods=["POST"]),
    Route("/v1/mgmt/authz/schema/load", load_schema, methods=["POST"]),
    Route("/v1/mgmt/authz/ns/save", save_namespace, methods=["POST"]),
    Route("/v1/mgmt/authz/ns/delete", delete_namespace, methods=["POST"]),
    Route("/v1/mgmt/authz/rd/save", save_rd, methods=["POST"]),
    Route("/v1/mgmt/authz/rd/delete", delete_rd, methods=["POST"]),
    Route("/v1/mgmt/authz/re/create", create_relations, methods=["POST"]),
    Route("/v1/mgmt/authz/re/delete", delete_relations, methods=["POST"]),
    Route("/v1/mgmt/authz/re/deleteresources", delete_resources, methods=["POST"]),
    Route("/v1/mgmt/authz/re/has", has_relations, methods=["POST"]),
    Route("/v1/mgmt/authz/re/who", who_can_access, methods=["POST"]),
    Route("/v1/mgmt/authz/re/resource", resource_relations, methods=["POST"]),
    Route("/v1/mgmt/authz/re/targets", targets_relations, methods=["POST"]),
    Route("/v1/mgmt/authz/re/targetall", target_all, methods=["POST"]),
    Route("/v1/mgmt/authz/re/targetwithrelation", target_with_relation, methods=["POST"]),
    Route("/v1/mgmt/authz/getmodified", get_modified, methods=["POST"]),
]
