"""Access key management (``descope_core/mgmt/access_key.py``): create (the cleartext is
returned once), load, search, update, activate / deactivate, delete, rotate (a new
cleartext, once), and the batch activate / deactivate / delete. The exchange itself
is ``/v1/auth/accesskey/exchange`` (auth_accesskey.py)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import access_keys, audit
from ..web.body import get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _key_tenants(body: dict[str, Any]) -> list[dict[str, Any]]:
    raw = body.get("keyTenants") or []
    if not isinstance(raw, list):
        raise errors.WRONG_TYPE("'keyTenants' must be an array")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("tenantId"), str):
            raise errors.WRONG_TYPE("'keyTenants' entries need a 'tenantId'")
        out.append({"tenantId": item["tenantId"],
                    "roleNames": get_str_list(item, "roleNames")})
    return out


async def create(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/create"""
    e = require_management(request)
    body = await read_json(request)
    fields = {
        "name": get_str(body, "name"),
        "description": opt_str(body, "description") or "",
        "expireTime": get_int(body, "expireTime"),
        "roleNames": get_str_list(body, "roleNames"),
        "keyTenants": _key_tenants(body),
        "userId": opt_str(body, "userId") or "",
        "customClaims": get_obj(body, "customClaims"),
        "permittedIps": get_str_list(body, "permittedIps"),
        "customAttributes": get_obj(body, "customAttributes"),
    }
    key, cleartext = access_keys.create(e, fields)
    audit.record(
        e,
        "AccessKeyCreated",
        tenants=[t["tenantId"] for t in key["keyTenants"]],
        data={"keyId": key["id"], "name": key["name"]},
    )
    return ok({"key": access_keys.public_key(key), "cleartext": cleartext})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/accesskey?id=..."""
    e = require_management(request)
    key_id = request.query_params.get("id") or ""
    if not key_id:
        raise errors.INVALID_REQUEST("'id' is required")
    return ok({"key": access_keys.public_key(access_keys.require_key(e, key_id))})


async def search_all(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/search"""
    e = require_management(request)
    body = await read_json(request)
    tenant_ids = get_str_list(body, "tenantIds")
    bound = opt_str(body, "boundUserId")
    creator = opt_str(body, "creatingUser")
    attrs = get_obj(body, "customAttributes")
    found = [
        access_keys.public_key(k)
        for k in e.store.access_keys.all()
        if access_keys.matches(k, tenant_ids, bound, creator, attrs)
    ]
    return ok({"keys": found})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/update"""
    e = require_management(request)
    body = await read_json(request)
    changes: dict[str, Any] = {"name": get_str(body, "name")}
    if body.get("description") is not None:
        changes["description"] = opt_str(body, "description") or ""
    if body.get("customClaims") is not None:
        changes["customClaims"] = get_obj(body, "customClaims")
    if body.get("permittedIps") is not None:
        changes["permittedIps"] = get_str_list(body, "permittedIps")
    if body.get("customAttributes") is not None:
        changes["customAttributes"] = get_obj(body, "customAttributes")
    access_keys.update(e, get_str(body, "id"), changes)
    return ok({})


async def _set_status(request: Request, active: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    access_keys.set_status(e, [get_str(body, "id")], active)
    return ok({})


async def activate(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/activate"""
    return await _set_status(request, True)


async def deactivate(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/deactivate"""
    return await _set_status(request, False)


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/delete"""
    e = require_management(request)
    body = await read_json(request)
    access_keys.delete(e, get_str(body, "id"))
    return ok({})


async def rotate(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/rotate: a new cleartext (shown once); the old one stops working."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        key, cleartext = access_keys.rotate(e, get_str(body, "id"))
    audit.record(e, "AccessKeyRotated", data={"keyId": key["id"]})
    return ok({"key": access_keys.public_key(key), "cleartext": cleartext})


async def _batch_status(request: Request, active: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    access_keys.set_status(e, get_str_list(body, "ids"), active, batch=True)
    return ok({})


async def activate_batch(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/activate/batch (all or none: an unknown id is 404)"""
    return await _batch_status(request, True)


async def deactivate_batch(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/deactivate/batch (all or none)"""
    return await _batch_status(request, False)


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/accesskey/delete/batch (all or none)"""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        keys = access_keys.require_keys(e, get_str_list(body, "ids"))
        for key in keys:
            e.store.access_keys.delete(key["id"])
    audit.record(e, "AccessKeysDeleted", data={"keyIds": [k["id"] for k in keys]})
    return ok({})
