"""Audit (``descope_core/mgmt/audit.py``): search the recorded events, create an event."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit
from ..web.body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok

THIRTY_DAYS = 30 * 24 * 3600


def _keep(rec: dict[str, Any], body: dict[str, Any]) -> bool:
    def among(key: str, value: Any) -> bool:
        wanted = get_str_list(body, key)
        return not wanted or value in wanted

    if not among("userIds", rec["userId"]) or not among("actions", rec["action"]):
        return False
    if rec["action"] in get_str_list(body, "excludedActions"):
        return False
    if not among("devices", rec.get("device")) or not among("methods", rec.get("method")):
        return False
    if not among("geos", rec.get("geo")) or not among("remoteAddresses", rec.get("remoteAddress")):
        return False
    login_ids = get_str_list(body, "externalIds")
    if login_ids and not set(login_ids) & set(rec.get("externalIds") or []):
        return False
    tenants = get_str_list(body, "tenants")
    if tenants and not set(tenants) & set(rec.get("tenants") or []):
        return False
    if get_bool(body, "noTenants") and rec.get("tenants"):
        return False
    text = (opt_str(body, "text") or "").lower()
    return not text or text in json.dumps(rec, sort_keys=True).lower()


async def search(request: Request) -> Response:
    """POST /v1/mgmt/audit/search (the last 30 days at most)."""
    e = require_management(request)
    body = await read_json(request)
    now_ms = int(e.now() * 1000)
    from_ms = max(get_int(body, "from"), now_ms - THIRTY_DAYS * 1000)
    to_ms = get_int(body, "to") or now_ms + 1000
    if body.get("to") and from_ms > to_ms:
        raise errors.INVALID_REQUEST("'from' is after 'to'")
    out = []
    for rec in e.store.audit_events.since(from_ms / 1000):
        if rec["occurred"] > to_ms or not _keep(rec, body):
            continue
        out.append(
            {
                "projectId": e.project_id,
                "userId": rec["userId"],
                "action": rec["action"],
                "occurred": rec["occurred"],
                "device": rec.get("device", ""),
                "method": rec.get("method", ""),
                "geo": rec.get("geo", ""),
                "remoteAddress": rec.get("remoteAddress", ""),
                "externalIds": rec.get("externalIds") or [],
                "tenants": rec.get("tenants") or [],
                "data": rec.get("data") or {},
            }
        )
    limit = get_int(body, "limit")
    return ok({"audits": out[:limit] if limit > 0 else out})


async def create_event(request: Request) -> Response:
    """POST /v1/mgmt/audit/event"""
    e = require_management(request)
    body = await read_json(request)
    event_type = get_str(body, "type")
    if event_type not in ("info", "warn", "error"):
        raise errors.INVALID_REQUEST("'type' must be info, warn or error")
    tenant_id = get_str(body, "tenantId")
    user_id = opt_str(body, "userId") or ""
    user = e.store.users.by_id(user_id) if user_id else None
    audit.record(
        e,
        get_str(body, "action"),
        user_id=user_id,
        login_ids=list(user.get("loginIds") or []) if user else [],
        tenants=[tenant_id],
        actor_id=get_str(body, "actorId"),
        event_type=event_type,
        data=get_obj(body, "data"),
    )
    return ok({})
