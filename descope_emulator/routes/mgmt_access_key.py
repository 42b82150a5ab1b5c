"""Access keys: create (cleartext returned once), load, search, update, (de)activate,
delete. The exchange itself is `/v1/auth/accesskey/exchange` (auth_session.py); the
IP/CIDR and bound-user rules it needs live here in :func:`check_key_use`."""

from __future__ import annotations

import ipaddress
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..service import Emulator, hash_secret
from ..store import dumps, new_id
from ._common import get_int, get_obj, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import all_access_keys, audit, delete_access_key, require_mgmt


def _public(key: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in key.items() if not k.startswith("_")}


def _key(e: Emulator, key_id: str) -> dict[str, Any]:
    for key in all_access_keys(e):
        if key["id"] == key_id:
            return key
    raise errors.not_found(f"Access key '{key_id}' not found", "E062801")


def _save(e: Emulator, key: dict[str, Any]) -> None:
    with e.store.tx() as conn:
        conn.execute("UPDATE access_keys SET data=? WHERE id=?", (dumps(key), key["id"]))


def _tenants(body: dict[str, Any], key: str) -> list[dict[str, Any]]:
    raw = body.get(key) or []
    if not isinstance(raw, list):
        raise errors.bad_request(f"'{key}' must be an array", "E011003")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("tenantId"), str):
            raise errors.bad_request(f"'{key}' entries need a 'tenantId'", "E011003")
        out.append({"tenantId": item["tenantId"], "roleNames": list(item.get("roleNames") or [])})
    return out


def _check_ips(ips: list[str]) -> list[str]:
    for ip in ips:
        try:
            ipaddress.ip_network(ip, strict=False)
        except ValueError as exc:
            raise errors.bad_request(f"'{ip}' is not an IP address or CIDR range") from exc
    return ips


def check_key_use(e: Emulator, key: dict[str, Any], client_ip: str | None) -> None:
    """Rules of the exchange beyond status/expiry: permitted IPs/CIDRs, a bound user that
    still exists and is enabled."""
    permitted = key.get("permittedIps") or []
    if permitted:
        try:
            addr = ipaddress.ip_address(client_ip or "")
        except ValueError:
            addr = None
        if addr is None or not any(
            addr in ipaddress.ip_network(net, strict=False) for net in permitted
        ):
            raise errors.unauthorized("Access key is not permitted from this address", "E062703")
    bound = key.get("userId")
    if bound:
        user = e.store.user_by_id(bound)
        if user is None or user.get("status") == "disabled":
            raise errors.unauthorized("Access key's user is not active", "E062704")


async def create(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    name = get_str(body, "name")
    user_id = opt_str(body, "userId") or ""
    if user_id and e.store.user_by_id(user_id) is None:
        raise errors.user_not_found(user_id)
    key_tenants = _tenants(body, "keyTenants")
    for t in key_tenants:
        if e.store.tenant(t["tenantId"]) is None:
            raise errors.not_found(f"Tenant '{t['tenantId']}' not found", "E091101")
    key: dict[str, Any] = {
        "id": new_id("K"),
        "name": name,
        "description": opt_str(body, "description") or "",
        "expireTime": get_int(body, "expireTime"),
        "roleNames": get_str_list(body, "roleNames"),
        "keyTenants": key_tenants,
        "userId": user_id,
        "boundUserId": user_id,
        "customClaims": get_obj(body, "customClaims"),
        "permittedIps": _check_ips(get_str_list(body, "permittedIps")),
        "customAttributes": get_obj(body, "customAttributes"),
        "status": "active",
        "createdTime": int(e.now()),
        "createdBy": "management-key",
        "editable": True,
    }
    cleartext = key["id"] + secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")
    e.store.save_access_key(key, hash_secret(cleartext))
    audit(
        e,
        "AccessKeyCreated",
        tenants=[t["tenantId"] for t in key_tenants],
        data={"keyId": key["id"], "name": name},
    )
    return ok({"key": _public(key), "cleartext": cleartext})


async def load(request: Request) -> Response:
    e = require_mgmt(request)
    key_id = request.query_params.get("id") or ""
    if not key_id:
        raise errors.bad_request("'id' is required")
    return ok({"key": _public(_key(e, key_id))})


async def search(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_ids = get_str_list(body, "tenantIds")
    bound = opt_str(body, "boundUserId")
    creator = opt_str(body, "creatingUser")
    attrs = get_obj(body, "customAttributes")
    out = []
    for key in all_access_keys(e):
        if tenant_ids and not {t["tenantId"] for t in key.get("keyTenants") or []} & set(
            tenant_ids
        ):
            continue
        if bound and key.get("userId") != bound:
            continue
        if creator and key.get("createdBy") != creator:
            continue
        mine = key.get("customAttributes") or {}
        if any(mine.get(k) != v for k, v in attrs.items()):
            continue
        out.append(_public(key))
    return ok({"keys": out})


async def update(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    key = _key(e, get_str(body, "id"))
    key["name"] = get_str(body, "name")
    if body.get("description") is not None:
        key["description"] = opt_str(body, "description") or ""
    if body.get("customClaims") is not None:
        key["customClaims"] = get_obj(body, "customClaims")
    if body.get("permittedIps") is not None:
        key["permittedIps"] = _check_ips(get_str_list(body, "permittedIps"))
    if body.get("customAttributes") is not None:
        key["customAttributes"] = get_obj(body, "customAttributes")
    _save(e, key)
    audit(e, "AccessKeyUpdated", data={"keyId": key["id"]})
    return ok({})


def _status(status: str, action: str) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        key = _key(e, get_str(body, "id"))
        key["status"] = status
        _save(e, key)
        audit(e, action, data={"keyId": key["id"]})
        return ok({})

    return handler


async def delete(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    key_id = get_str(body, "id")
    if not delete_access_key(e, key_id):
        raise errors.not_found(f"Access key '{key_id}' not found", "E062801")
    audit(e, "AccessKeyDeleted", data={"keyId": key_id})
    return ok({})


routes = [
    Route("/v1/mgmt/accesskey/create", create, methods=["POST"]),
    Route("/v1/mgmt/accesskey", load, methods=["GET"]),
    Route("/v1/mgmt/accesskey/search", search, methods=["POST"]),
    Route("/v1/mgmt/accesskey/update", update, methods=["POST"]),
    Route("/v1/mgmt/accesskey/activate", _status("active", "AccessKeyActivated"), methods=["POST"]),
    Route(
        "/v1/mgmt/accesskey/deactivate",
        _status("inactive", "AccessKeyDeactivated"),
        methods=["POST"],
    ),
    Route("/v1/mgmt/accesskey/delete", delete, methods=["POST"]),
]
