"""FGA: the `model AuthZ 1.0` schema, relation tuples and checks evaluated by walking
the relation graph (see descope_emulator/fga.py)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ..fga import Checker, FgaSyntaxError, Schema, parse
from ..service import Emulator
from ._common import get_str, ok, read_json
from ._mgmt import audit, require_mgmt

DSL_KEY = "fga_dsl"
_KEYS = ("resource", "resourceType", "relation", "target", "targetType")


def schema_of(e: Emulator) -> Schema:
    dsl = mgmt_store.doc_get(e.store, DSL_KEY)
    if not dsl:
        raise errors.bad_request("No FGA schema has been saved", "E121001")
    return parse(dsl)


def _tuples(body: dict[str, Any]) -> list[dict[str, str]]:
    raw = body.get("tuples")
    if not isinstance(raw, list) or not raw:
        raise errors.bad_request("'tuples' must be a non-empty array", "E011003")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.bad_request("each tuple must be an object", "E011003")
        for key in _KEYS:
            if not isinstance(item.get(key), str) or not item[key]:
                raise errors.bad_request(f"tuple '{key}' must be a non-empty string", "E011003")
        out.append({k: item[k] for k in _KEYS})
    return out


def _validate(schema: Schema, t: dict[str, str]) -> None:
    tdef = schema.types.get(t["resourceType"])
    if tdef is None:
        raise errors.bad_request(f"Unknown type '{t['resourceType']}'", "E121002")
    rel = tdef.relations.get(t["relation"])
    if rel is None:
        raise errors.bad_request(f"Type '{tdef.name}' has no relation '{t['relation']}'", "E121003")
    tt = t["targetType"]
    allowed = {s.replace(":*", "") for s in rel.subjects}
    if tt not in allowed and not any(s.startswith(tt + "#") for s in allowed):
        raise errors.bad_request(
            f"Relation '{tdef.name}.{rel.name}' does not accept '{tt}' targets", "E121004"
        )


async def save_schema(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    dsl = get_str(body, "dsl")
    try:
        parse(dsl)
    except FgaSyntaxError as exc:
        raise errors.ApiError(
            400,
            "E121000",
            "Invalid FGA schema",
            f"line {exc.line}, column {exc.column}: {exc.message}",
        ) from exc
    mgmt_store.doc_set(e.store, DSL_KEY, dsl)
    audit(e, "FGASchemaSaved")
    return ok({})


async def create_relations(request: Request) -> Response:
    e = require_mgmt(request)
    tuples = _tuples(await read_json(request))
    schema = schema_of(e)
    for t in tuples:
        _validate(schema, t)
    mgmt_store.fga_add(e.store, tuples)
    return ok({})


async def delete_relations(request: Request) -> Response:
    e = require_mgmt(request)
    tuples = _tuples(await read_json(request))
    mgmt_store.fga_delete(e.store, tuples)
    return ok({})


async def check(request: Request) -> Response:
    e = require_mgmt(request)
    tuples = _tuples(await read_json(request))
    checker = Checker(schema_of(e), lambda rt, r, rel: mgmt_store.fga_lookup(e.store, rt, r, rel))
    out = []
    for t in tuples:
        allowed = checker.check(
            t["resourceType"], t["resource"], t["relation"], t["targetType"], t["target"]
        )
        out.append({"tuple": t, "allowed": allowed})
    return ok({"tuples": out})


routes = [
    Route("/v1/mgmt/fga/schema", save_schema, methods=["POST"]),
    Route("/v1/mgmt/fga/relations", create_relations, methods=["POST"]),
    Route("/v1/mgmt/fga/relations/delete", delete_relations, methods=["POST"]),
    Route("/v1/mgmt/fga/check", check, methods=["POST"]),
]
