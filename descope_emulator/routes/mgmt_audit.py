"""Audit (``descope_core/mgmt/audit.py``): search the recorded events, create an event,
set an audit webhook (domain/audit_webhooks.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, audit_webhooks
from ..web.body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok

THIRTY_DAYS = 30 * 24 * 3600


async def search(request: Request) -> Response:
    """POST /v1/mgmt/audit/search (the last 30 days at most)."""
    e = require_management(request)
    body = await read_json(request)
    now_ms = int(e.now() * 1000)
    from_ms = max(get_int(body, "from"), now_ms - THIRTY_DAYS * 1000)
    to_ms = get_int(body, "to") or now_ms + 1000
    if body.get("to") and from_ms > to_ms:
        raise errors.INVALID_REQUEST("'from' is after 'to'")
    found = audit.AuditFilter(
        user_ids=get_str_list(body, "userIds"),
        actions=get_str_list(body, "actions"),
        excluded_actions=get_str_list(body, "excludedActions"),
        devices=get_str_list(body, "devices"),
        methods=get_str_list(body, "methods"),
        geos=get_str_list(body, "geos"),
        remote_addresses=get_str_list(body, "remoteAddresses"),
        login_ids=get_str_list(body, "externalIds"),
        tenants=get_str_list(body, "tenants"),
        no_tenants=get_bool(body, "noTenants"),
        text=opt_str(body, "text") or "",
    )
    out = []
    for rec in e.store.audit_events.since(from_ms / 1000):
        if rec["occurred"] > to_ms or not found.matches(rec):
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


async def create_audit_webhook(request: Request) -> Response:
    """POST /v2/mgmt/connector/audit/web/set: create or replace a webhook by name."""
    e = require_management(request)
    hook = audit_webhooks.set_webhook(e, await read_json(request))
    audit.record(e, "AuditWebhookSet", data={"name": hook["name"]})
    return ok({})
