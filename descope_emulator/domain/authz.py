"""The older ReBAC authz API: its schema (namespaces, relation definitions) edited in
place, its stored relations, and queries answered by the shared evaluator of
:mod:`.relations` (the schema is compiled into the same model as FGA's)."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage.project_documents import AUTHZ_SCHEMA, FGA_DSL
from . import fga
from .relations import Checker, compile_authz, parse


def schema_doc(e: Emulator) -> dict[str, Any]:
    """The saved schema (an empty one when none was saved)."""
    schema = e.store.project_documents.get(AUTHZ_SCHEMA)
    return dict(schema) if isinstance(schema, dict) else {"name": "", "namespaces": []}


def save_schema(e: Emulator, schema: dict[str, Any] | None) -> None:
    """Store the schema (None deletes it and every relation; the FGA form of the schema and
    its tuples too, as ``load_schema`` shows one schema)."""
    with e.store.tx():
        e.store.project_documents.set(AUTHZ_SCHEMA, schema)
        if schema is None:
            e.store.authz_relations.clear()
            e.store.project_documents.set(FGA_DSL, None)
            e.store.fga_tuples.clear()


def load_schema(e: Emulator) -> dict[str, Any]:
    """``{"schema", "dsl"?}``: the saved schema; when only an FGA schema was saved, that
    schema as JSON with its text."""
    stored = e.store.project_documents.get(AUTHZ_SCHEMA)
    dsl = fga.saved_dsl(e)
    if stored is None and dsl:
        return {"schema": parse(dsl).to_json(), "dsl": dsl}
    out: dict[str, Any] = {"schema": stored or {"name": "", "namespaces": []}}
    if dsl:
        out["dsl"] = dsl
    return out


def _namespace(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    for ns in schema.get("namespaces") or []:
        if ns.get("name") == name:
            return dict(ns)
    return None


def _require_namespace(schema: dict[str, Any], name: str) -> dict[str, Any]:
    ns = _namespace(schema, name)
    if ns is None:
        raise errors.AUTHZ_NAMESPACE_NOT_FOUND(f"Namespace '{name}' not found")
    return ns


def save_namespace(e: Emulator, namespace: dict[str, Any], old_name: str) -> None:
    """Add or replace a namespace (``old_name``: the one it replaces)."""
    schema = schema_doc(e)
    name = namespace["name"]
    spaces = [ns for ns in schema.get("namespaces") or [] if ns.get("name") not in (old_name, name)]
    schema["namespaces"] = spaces + [namespace]
    e.store.project_documents.set(AUTHZ_SCHEMA, schema)


def delete_namespace(e: Emulator, name: str) -> None:
    """Delete a namespace (404 when unknown)."""
    schema = schema_doc(e)
    _require_namespace(schema, name)
    schema["namespaces"] = [ns for ns in schema["namespaces"] if ns.get("name") != name]
    e.store.project_documents.set(AUTHZ_SCHEMA, schema)


def save_relation_definition(e: Emulator, ns_name: str, rd: dict[str, Any], old_name: str) -> None:
    """Add or replace a relation definition of a namespace (404 unknown namespace)."""
    schema = schema_doc(e)
    ns = _require_namespace(schema, ns_name)
    name = rd["name"]
    rds = [r for r in ns.get("relationDefinitions") or [] if r.get("name") not in (old_name, name)]
    ns["relationDefinitions"] = rds + [rd]
    schema["namespaces"] = [n if n.get("name") != ns_name else ns for n in schema["namespaces"]]
    e.store.project_documents.set(AUTHZ_SCHEMA, schema)


def delete_relation_definition(e: Emulator, ns_name: str, name: str) -> None:
    """Delete a relation definition (404 when unknown)."""
    schema = schema_doc(e)
    ns = _namespace(schema, ns_name)
    if ns is None or not any(r.get("name") == name for r in ns.get("relationDefinitions") or []):
        raise errors.AUTHZ_RELATION_DEFINITION_NOT_FOUND(
            f"Relation definition '{ns_name}.{name}' not found"
        )
    ns["relationDefinitions"] = [r for r in ns["relationDefinitions"] if r.get("name") != name]
    schema["namespaces"] = [n if n.get("name") != ns_name else ns for n in schema["namespaces"]]
    e.store.project_documents.set(AUTHZ_SCHEMA, schema)


class Relations:
    """The stored relations with the schema, ready for questions."""

    def __init__(self, e: Emulator) -> None:
        self.relations = e.store.authz_relations.all()
        self.checker = Checker(compile_authz(schema_doc(e)), self._lookup)

    def _lookup(self, ns: str, resource: str, rd: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for r in self.relations:
            if r["resource"] != resource or r["relationDefinition"] != rd or r["namespace"] != ns:
                continue
            if r.get("target"):
                out.append(("", r["target"]))
            if r.get("targetSetResource"):
                set_ns = r.get("targetSetRelationDefinitionNamespace") or ns
                set_rd = r.get("targetSetRelationDefinition") or ""
                out.append((f"{set_ns}#{set_rd}", r["targetSetResource"]))
        return out

    def has(self, resource: str, rd: str, ns: str, target: str) -> bool:
        """Whether ``target`` has relation ``rd`` (of namespace ``ns``) on ``resource``."""
        return self.checker.check(ns, resource, rd, "", target)

    def targets(self) -> list[str]:
        """Every target named by a stored relation."""
        out: list[str] = []
        for r in self.relations:
            t = r.get("target")
            if t and t not in out:
                out.append(t)
        return out

    def resources(self, ns: str) -> list[str]:
        """Every resource of a namespace named by a stored relation."""
        out: list[str] = []
        for r in self.relations:
            if r["namespace"] == ns and r["resource"] not in out:
                out.append(r["resource"])
        return out
