"""Flows and the project theme, stored as JSON documents (export returns exactly what
import received)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ._common import get_obj, get_str, get_str_list, ok, read_json
from ._mgmt import audit, require_mgmt

THEME_KEY = "theme"


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    flow = doc.get("flow") or {}
    return {
        "id": doc["id"],
        "name": flow.get("name", doc["id"]),
        "description": flow.get("description", ""),
        "disabled": bool(flow.get("disabled", False)),
    }


async def list_flows(request: Request) -> Response:
    e = require_mgmt(request)
    await read_json(request)
    flows = [_summary(d) for d in mgmt_store.flows_all(e.store)]
    return ok({"flows": flows, "total": len(flows)})


async def delete_flows(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    ids = get_str_list(body, "ids")
    if not ids:
        raise errors.bad_request("'ids' must not be empty")
    mgmt_store.flow_delete(e.store, ids)
    audit(e, "FlowsDeleted", data={"ids": ids})
    return ok({})


async def export_flow(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    flow_id = get_str(body, "flowId")
    doc = mgmt_store.flow_get(e.store, flow_id)
    if doc is None:
        raise errors.not_found(f"Flow '{flow_id}' not found", "E101101")
    return ok({"flow": doc["flow"], "screens": doc["screens"]})


async def import_flow(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    flow_id = get_str(body, "flowId")
    flow = get_obj(body, "flow")
    screens = body.get("screens") or []
    if not isinstance(screens, list) or not all(isinstance(s, dict) for s in screens):
        raise errors.bad_request("'screens' must be an array of objects", "E011003")
    mgmt_store.flow_save(e.store, flow_id, {"id": flow_id, "flow": flow, "screens": screens})
    audit(e, "FlowImported", data={"flowId": flow_id})
    return ok({"flow": flow, "screens": screens})


async def export_theme(request: Request) -> Response:
    e = require_mgmt(request)
    await read_json(request)
    theme = mgmt_store.doc_get(e.store, THEME_KEY)
    return ok({"theme": theme if theme is not None else {"id": "theme", "cssTemplate": {}}})


async def import_theme(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    if not isinstance(body.get("theme"), dict):
        raise errors.bad_request("'theme' must be an object", "E011003")
    mgmt_store.doc_set(e.store, THEME_KEY, body["theme"])
    audit(e, "ThemeImported")
    return ok({"theme": body["theme"]})


routes = [
    Route("/v1/mgmt/flow/list", list_flows, methods=["POST"]),
    Route("/v1/mgmt/flow/delete", delete_flows, methods=["POST"]),
    Route("/v1/mgmt/flow/export", export_flow, methods=["POST"]),
    Route("/v1/mgmt/flow/import", import_flow, methods=["POST"]),
    Route("/v1/mgmt/theme/export", export_theme, methods=["POST"]),
    Route("/v1/mgmt/theme/import", import_theme, methods=["POST"]),
]
