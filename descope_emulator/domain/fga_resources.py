"""FGA resources as the console and tenant mappings see them: display details saved per
(type, id), and the "mappable" view of a tenant: the saved schema with the resources of
each type (every object a stored tuple names, plus those with saved details), searchable
by id or display name and limited per type."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.records import FGA_RESOURCE_DETAILS
from . import fga
from .tenants import require_tenant

if TYPE_CHECKING:
    from ..state import Emulator

MAX_LIMIT = 1000
"""The most resources answered per type (also the default)."""


def _key(resource_type: str, resource_id: str) -> str:
    return json.dumps([resource_type, resource_id])


def _identifier(item: Any, what: str) -> tuple[str, str]:
    """(resourceType, resourceId) of one entry; 400 unless both are non-empty strings."""
    if not isinstance(item, dict):
        raise errors.WRONG_TYPE(f"each {what} must be an object")
    for key in ("resourceType", "resourceId"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise errors.WRONG_TYPE(f"{what} '{key}' must be a non-empty string")
    return item["resourceType"], item["resourceId"]


def save_details(e: Emulator, details: list[Any]) -> None:
    """Store the details of each resource (replacing earlier ones); ``displayName`` must
    be a string when given. All or none: a bad entry stores nothing."""
    clean = []
    for item in details:
        rtype, rid = _identifier(item, "resource detail")
        if item.get("displayName") is not None and not isinstance(item["displayName"], str):
            raise errors.WRONG_TYPE("'displayName' must be a string")
        clean.append({**item, "resourceType": rtype, "resourceId": rid,
                      "displayName": item.get("displayName") or ""})
    with e.store.tx():
        for item in clean:
            e.store.records.save(FGA_RESOURCE_DETAILS,
                                 _key(item["resourceType"], item["resourceId"]), item)


def load_details(e: Emulator, identifiers: list[Any]) -> list[dict[str, Any]]:
    """The stored details of the identified resources, in the asked order (resources
    without details are left out)."""
    out = []
    for item in identifiers:
        found = e.store.records.get(FGA_RESOURCE_DETAILS, _key(*_identifier(item, "identifier")))
        if found is not None:
            out.append(found)
    return out


def parse_limit(raw: Any) -> int:
    """A ``resourcesLimit`` (the SDKs send the number as a string); absent or 0 -> the
    maximum; 400 unless a whole number from 0 to :data:`MAX_LIMIT`."""
    if raw is None or raw == "":
        return MAX_LIMIT
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise errors.WRONG_TYPE("'resourcesLimit' must be a number")
    try:
        limit = int(raw)
    except ValueError:
        raise errors.WRONG_TYPE("'resourcesLimit' must be a whole number") from None
    if not 0 <= limit <= MAX_LIMIT:
        raise errors.INVALID_REQUEST(f"'resourcesLimit' must be from 0 to {MAX_LIMIT}")
    return limit or MAX_LIMIT


def _resources(e: Emulator, rtype: str, queries: list[str], limit: int) -> list[dict[str, Any]]:
    """The resources of a type whose id or display name contains one of the queries
    (case-insensitive; no query: all), at most ``limit``."""
    names = {d["resourceId"]: d.get("displayName") or ""
             for d in e.store.records.all(FGA_RESOURCE_DETAILS) if d["resourceType"] == rtype}
    ids = list(dict.fromkeys([*e.store.fga_tuples.objects_of_type(rtype), *names]))
    wanted = [q.lower() for q in queries if q]
    out: list[dict[str, Any]] = []
    for rid in ids:
        if wanted and not any(q in rid.lower() or q in names.get(rid, "").lower()
                              for q in wanted):
            continue
        entry: dict[str, Any] = {"resource": rid}
        if names.get(rid):
            entry["displayName"] = names[rid]
        out.append(entry)
        if len(out) >= limit:
            break
    return out


def mappable_schema(e: Emulator, tenant_id: str, limit: int) -> dict[str, Any]:
    """``{"schema", "mappableResources": [{"type", "resources"}]}`` for a tenant (404 when
    unknown): the saved schema (null without one; its namespaces with their relations and
    permissions as relation definitions, its types, its text) and up to ``limit`` resources
    per type."""
    require_tenant(e, tenant_id)
    dsl = fga.saved_dsl(e)
    if not dsl:
        return {"schema": None, "mappableResources": []}
    schema = fga.schema_of(e)
    namespaces = [{"name": t.name, "relationDefinitions": [
        {"name": n} for n in [*t.relations, *t.permissions]]} for t in schema.types.values()]
    return {
        # the authz shape the Node SDK types it with (namespaces), plus the FGA types and text
        "schema": {"name": "", "namespaces": namespaces, "dsl": dsl, **schema.to_json()},
        "mappableResources": [{"type": t, "resources": _resources(e, t, [], limit)}
                              for t in schema.types],
    }


def search_mappable(
    e: Emulator, tenant_id: str, queries: list[Any], limit: int
) -> list[dict[str, Any]]:
    """``[{"type", "resources"}]`` for each query ``{"type", "queries"?: [str]}`` (404 for an
    unknown tenant, 400 for a type the saved schema lacks)."""
    require_tenant(e, tenant_id)
    schema = fga.schema_of(e)
    out = []
    for q in queries:
        if not isinstance(q, dict) or not isinstance(q.get("type"), str) or not q["type"]:
            raise errors.WRONG_TYPE("each resources query needs a non-empty 'type'")
        texts = q.get("queries") or []
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise errors.WRONG_TYPE("'queries' must be an array of strings")
        if q["type"] not in schema.types:
            raise errors.FGA_UNKNOWN_TYPE(f"Unknown type '{q['type']}'")
        out.append({"type": q["type"], "resources": _resources(e, q["type"], texts, limit)})
    return out
