"""The older ReBAC authz API (``descope_core/mgmt/authz.py``): schema, namespaces,
relation definitions and relations, with queries answered by the shared relation
evaluator (domain/relations.py). ``schema/load`` also answers FGA's "load schema"."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, authz
from ..web.body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _relations(body: dict[str, Any]) -> list[dict[str, Any]]:
    raw = body.get("relations")
    if not isinstance(raw, list):
        raise errors.WRONG_TYPE("'relations' must be an array")
    out = []
    for r in raw:
        if not isinstance(r, dict):
            raise errors.WRONG_TYPE("each relation must be an object")
        get_str(r, "resource")
        get_str(r, "relationDefinition")
        get_str(r, "namespace")
        out.append({k: v for k, v in r.items() if v is not None})
    return out


async def save_schema(request: Request) -> Response:
    """POST /v1/mgmt/authz/schema/save"""
    e = require_management(request)
    body = await read_json(request)
    schema = get_obj(body, "schema")
    get_bool(body, "upgrade")
    authz.save_schema(e, schema)
    audit.record(e, "AuthzSchemaSaved")
    return ok({})


async def delete_schema(request: Request) -> Response:
    """POST /v1/mgmt/authz/schema/delete (relations go too)."""
    e = require_management(request)
    await read_json(request)
    authz.save_schema(e, None)
    return ok({})


async def load_schema(request: Request) -> Response:
    """POST /v1/mgmt/authz/schema/load"""
    e = require_management(request)
    await read_json(request)
    return ok(authz.load_schema(e))


async def save_namespace(request: Request) -> Response:
    """POST /v1/mgmt/authz/ns/save"""
    e = require_management(request)
    body = await read_json(request)
    namespace = get_obj(body, "namespace")
    name = get_str(namespace, "name")
    authz.save_namespace(e, namespace, opt_str(body, "oldName") or name)
    return ok({})


async def delete_namespace(request: Request) -> Response:
    """POST /v1/mgmt/authz/ns/delete"""
    e = require_management(request)
    authz.delete_namespace(e, get_str(await read_json(request), "name"))
    return ok({})


async def save_relation_definition(request: Request) -> Response:
    """POST /v1/mgmt/authz/rd/save"""
    e = require_management(request)
    body = await read_json(request)
    rd = get_obj(body, "relationDefinition")
    name = get_str(rd, "name")
    ns_name = get_str(body, "namespace")
    authz.save_relation_definition(e, ns_name, rd, opt_str(body, "oldName") or name)
    return ok({})


async def delete_relation_definition(request: Request) -> Response:
    """POST /v1/mgmt/authz/rd/delete"""
    e = require_management(request)
    body = await read_json(request)
    name = get_str(body, "name")
    authz.delete_relation_definition(e, get_str(body, "namespace"), name)
    return ok({})


async def create_relations(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/create"""
    e = require_management(request)
    e.store.authz_relations.add(_relations(await read_json(request)))
    return ok({})


async def delete_relations(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/delete"""
    e = require_management(request)
    e.store.authz_relations.delete(_relations(await read_json(request)))
    return ok({})


async def delete_relations_for_resources(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/deleteresources"""
    e = require_management(request)
    body = await read_json(request)
    e.store.authz_relations.delete_resources(get_str_list(body, "resources"))
    return ok({})


async def delete_resource_relations_for_resources(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/deleteresourcesrelations (the Node SDK's
    ``deleteResourceRelationsForResources``): every relation in which one of ``resources``
    is the resource or the target."""
    e = require_management(request)
    body = await read_json(request)
    resources = get_str_list(body, "resources")
    if not resources:
        raise errors.INVALID_REQUEST("'resources' is required")
    e.store.authz_relations.delete_touching(resources)
    return ok({})


async def has_relations(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/has"""
    e = require_management(request)
    body = await read_json(request)
    queries = body.get("relationQueries")
    if not isinstance(queries, list):
        raise errors.WRONG_TYPE("'relationQueries' must be an array")
    relations = authz.Relations(e)
    out = []
    for q in queries:
        if not isinstance(q, dict):
            raise errors.WRONG_TYPE("each relation query must be an object")
        has = relations.has(
            get_str(q, "resource"),
            get_str(q, "relationDefinition"),
            get_str(q, "namespace"),
            get_str(q, "target"),
        )
        out.append({**q, "hasRelation": has})
    return ok({"relationQueries": out})


async def who_can_access(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/who"""
    e = require_management(request)
    body = await read_json(request)
    resource = get_str(body, "resource")
    rd = get_str(body, "relationDefinition")
    ns = get_str(body, "namespace")
    relations = authz.Relations(e)
    return ok({"targets": [t for t in relations.targets() if relations.has(resource, rd, ns, t)]})


async def resource_relations(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/resource"""
    e = require_management(request)
    resource = get_str(await read_json(request), "resource")
    return ok({"relations": [r for r in e.store.authz_relations.all()
                             if r["resource"] == resource]})


async def targets_relations(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/targets"""
    e = require_management(request)
    targets = get_str_list(await read_json(request), "targets")
    return ok({"relations": [r for r in e.store.authz_relations.all()
                             if r.get("target") in targets]})


async def what_can_target_access(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/targetall"""
    e = require_management(request)
    target = get_str(await read_json(request), "target")
    return ok({"relations": [r for r in e.store.authz_relations.all()
                             if r.get("target") == target]})


async def what_can_target_access_with_relation(request: Request) -> Response:
    """POST /v1/mgmt/authz/re/targetwithrelation: ``relations`` (what the Python SDK reads)
    and ``resources`` (their ids, what the Node SDK reads)."""
    e = require_management(request)
    body = await read_json(request)
    target = get_str(body, "target")
    rd = get_str(body, "relationDefinition")
    ns = get_str(body, "namespace")
    relations = authz.Relations(e)
    found = [
        {"resource": res, "relationDefinition": rd, "namespace": ns, "target": target}
        for res in relations.resources(ns)
        if relations.has(res, rd, ns, target)
    ]
    return ok({"relations": found, "resources": [r["resource"] for r in found]})


async def get_modified(request: Request) -> Response:
    """POST /v1/mgmt/authz/getmodified"""
    e = require_management(request)
    since = get_int(await read_json(request), "since")
    rels = e.store.authz_relations.all(since / 1000)
    return ok(
        {
            "relations": rels,
            "resources": sorted({r["resource"] for r in rels}),
            "targets": sorted({r["target"] for r in rels if r.get("target")}),
            "schemaChanged": False,
        }
    )
