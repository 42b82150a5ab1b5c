"""Descope Flows and the project theme (``descope_core/mgmt/flow.py``), kept as JSON
documents: export returns exactly what import received; management runs of a flow (sync, and
async with polling: domain/flow_runs.py)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, flow_runs
from ..storage.project_documents import THEME
from ..web.body import get_bool, get_obj, get_obj_list, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    flow = doc.get("flow") or {}
    return {
        "id": doc["id"],
        "name": flow.get("name", doc["id"]),
        "description": flow.get("description", ""),
        "disabled": bool(flow.get("disabled", False)),
    }


async def list_flows(request: Request) -> Response:
    """POST /v1/mgmt/flow/list"""
    e = require_management(request)
    await read_json(request)
    flows = [_summary(d) for d in e.store.flows.all()]
    return ok({"flows": flows, "total": len(flows)})


async def delete_flows(request: Request) -> Response:
    """POST /v1/mgmt/flow/delete"""
    e = require_management(request)
    body = await read_json(request)
    ids = get_str_list(body, "ids")
    if not ids:
        raise errors.INVALID_REQUEST("'ids' must not be empty")
    e.store.flows.delete(ids)
    audit.record(e, "FlowsDeleted", data={"ids": ids})
    return ok({})


async def export_flow(request: Request) -> Response:
    """POST /v1/mgmt/flow/export"""
    e = require_management(request)
    body = await read_json(request)
    flow_id = get_str(body, "flowId")
    doc = e.store.flows.get(flow_id)
    if doc is None:
        raise errors.FLOW_NOT_FOUND(f"Flow '{flow_id}' not found")
    return ok({"flow": doc["flow"], "screens": doc["screens"]})


async def import_flow(request: Request) -> Response:
    """POST /v1/mgmt/flow/import"""
    e = require_management(request)
    body = await read_json(request)
    flow_id = get_str(body, "flowId")
    flow = get_obj(body, "flow")
    screens = get_obj_list(body, "screens")
    e.store.flows.save(flow_id, {"id": flow_id, "flow": flow, "screens": screens})
    audit.record(e, "FlowImported", data={"flowId": flow_id})
    return ok({"flow": flow, "screens": screens})


async def export_theme(request: Request) -> Response:
    """POST /v1/mgmt/theme/export"""
    e = require_management(request)
    await read_json(request)
    theme = e.store.project_documents.get(THEME)
    return ok({"theme": theme if theme is not None else {"id": "theme", "cssTemplate": {}}})


async def import_theme(request: Request) -> Response:
    """POST /v1/mgmt/theme/import"""
    e = require_management(request)
    body = await read_json(request)
    if not isinstance(body.get("theme"), dict):
        raise errors.WRONG_TYPE("'theme' must be an object")
    e.store.project_documents.set(THEME, body["theme"])
    audit.record(e, "ThemeImported")
    return ok({"theme": body["theme"]})


def _run_args(body: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
    """(flowId, input, tenant) of a management run: the Python SDK flattens the options
    into the body, the Node SDK nests them under ``options``."""
    flow_id = get_str(body, "flowId")
    options = get_obj(body, "options") if body.get("options") is not None else body
    get_bool(options, "preview")  # accepted; a preview runs like any other run
    return flow_id, get_obj(options, "input"), opt_str(options, "tenant") or ""


async def run_flow(request: Request) -> Response:
    """POST /v1/mgmt/flow/run"""
    e = require_management(request)
    flow_id, given, tenant = _run_args(await read_json(request))
    result = flow_runs.run(e, flow_id, given, tenant)
    audit.record(e, "FlowRun", data={"flowId": flow_id})
    return ok(result)


async def run_flow_async(request: Request) -> Response:
    """POST /v1/mgmt/flow/async/run"""
    e = require_management(request)
    flow_id, given, tenant = _run_args(await read_json(request))
    execution_id = flow_runs.run_async(e, flow_id, given, tenant)
    audit.record(e, "FlowRun", data={"flowId": flow_id, "async": True})
    return ok({"executionId": execution_id})


async def get_flow_async_result(request: Request) -> Response:
    """POST /v1/mgmt/flow/async/result"""
    e = require_management(request)
    return ok(flow_runs.async_result(e, get_str(await read_json(request), "executionId")))
