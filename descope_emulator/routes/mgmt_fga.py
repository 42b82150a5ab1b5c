"""FGA (``descope_core/mgmt/fga.py``): the `model AuthZ 1.0` schema (saving one deletes the
tuples it drops; a dry run reports them), relation tuples, checks answered by the shared
relation evaluator (domain/relations.py), resource details and a tenant's mappable
resources. Loading the schema is the authz area's ``/v1/mgmt/authz/schema/load``."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, fga, fga_resources
from ..web.body import get_obj_list, get_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _tuples(body: dict[str, Any]) -> list[dict[str, str]]:
    raw = body.get("tuples")
    if not isinstance(raw, list) or not raw:
        raise errors.WRONG_TYPE("'tuples' must be a non-empty array")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.WRONG_TYPE("each tuple must be an object")
        for key in fga.TUPLE_KEYS:
            if not isinstance(item.get(key), str) or not item[key]:
                raise errors.WRONG_TYPE(f"tuple '{key}' must be a non-empty string")
        out.append({k: item[k] for k in fga.TUPLE_KEYS})
    return out


async def save_schema(request: Request) -> Response:
    """POST /v1/mgmt/fga/schema"""
    e = require_management(request)
    body = await read_json(request)
    fga.save_schema(e, get_str(body, "dsl"))
    audit.record(e, "FGASchemaSaved")
    return ok({})


async def load_schema(request: Request) -> Response:
    """GET /v1/mgmt/fga/schema (the Node SDK's ``fga.loadSchema``): ``{"dsl"}``."""
    e = require_management(request)
    return ok({"dsl": fga.saved_dsl(e) or ""})


async def delete_all_relations(request: Request) -> Response:
    """DELETE /v1/mgmt/fga/relations (the Node SDK's ``fga.deleteAllRelations``)."""
    e = require_management(request)
    e.store.fga_tuples.clear()
    audit.record(e, "FGARelationsDeleted")
    return ok({})


async def create_relations(request: Request) -> Response:
    """POST /v1/mgmt/fga/relations (each tuple must fit the schema)."""
    e = require_management(request)
    fga.add_tuples(e, _tuples(await read_json(request)))
    return ok({})


async def delete_relations(request: Request) -> Response:
    """POST /v1/mgmt/fga/relations/delete"""
    e = require_management(request)
    e.store.fga_tuples.delete(_tuples(await read_json(request)))
    return ok({})


async def check(request: Request) -> Response:
    """POST /v1/mgmt/fga/check"""
    e = require_management(request)
    return ok({"tuples": fga.check(e, _tuples(await read_json(request)))})


async def save_schema_dryrun(request: Request) -> Response:
    """POST /v1/mgmt/fga/schema/dryrun: what saving ``dsl`` would delete (types, relations
    ``type#relation``), saving and deleting nothing; 400 when the text is invalid."""
    e = require_management(request)
    return ok(fga.dry_run(e, get_str(await read_json(request), "dsl")))


async def save_resources_details(request: Request) -> Response:
    """POST /v1/mgmt/fga/resources/save ``{"resourcesDetails": [{resourceId, resourceType,
    displayName?, ...}]}`` (all or none)."""
    e = require_management(request)
    body = await read_json(request)
    fga_resources.save_details(e, get_obj_list(body, "resourcesDetails", required=True))
    return ok({})


async def load_resources_details(request: Request) -> Response:
    """POST /v1/mgmt/fga/resources/load ``{"resourceIdentifiers": [{resourceId,
    resourceType}]}`` -> ``{"resourcesDetails": [...]}`` (unknown ones left out)."""
    e = require_management(request)
    body = await read_json(request)
    found = fga_resources.load_details(e, get_obj_list(body, "resourceIdentifiers",
                                                       required=True))
    return ok({"resourcesDetails": found})


async def load_mappable_schema(request: Request) -> Response:
    """GET /v1/mgmt/fga/mappable/schema?tenantId=&resourcesLimit= -> ``{"schema",
    "mappableResources"}`` (404 for an unknown tenant)."""
    e = require_management(request)
    params = dict(request.query_params)
    limit = fga_resources.parse_limit(params.get("resourcesLimit"))
    return ok(fga_resources.mappable_schema(e, get_str(params, "tenantId"), limit))


async def load_mappable_resources(request: Request) -> Response:
    """POST /v1/mgmt/fga/mappable/resources ``{tenantId, resourcesQueries: [{type,
    queries}], resourcesLimit?}`` -> ``{"mappableResources": [{type, resources}]}``."""
    e = require_management(request)
    body = await read_json(request)
    limit = fga_resources.parse_limit(body.get("resourcesLimit"))
    found = fga_resources.search_mappable(
        e, get_str(body, "tenantId"), get_obj_list(body, "resourcesQueries", required=True),
        limit)
    return ok({"mappableResources": found})
