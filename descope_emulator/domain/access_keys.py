"""Access keys: creation (the cleartext is shown once, only its hash is kept), the rules
of the exchange (status, expiry, permitted IPs / CIDR ranges, bound user) and the
session an exchange mints."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import new_id
from . import audit, networks, sessions


def hash_secret(value: str) -> str:
    """The stored hash of a key's cleartext."""
    return hashlib.sha256(value.encode()).hexdigest()


def public_key(key: dict[str, Any]) -> dict[str, Any]:
    """The key as the management API shows it."""
    return {k: v for k, v in key.items() if not k.startswith("_")}


def check_ips(ips: list[str]) -> list[str]:
    """400 unless every entry is an IP address or a CIDR range."""
    networks.normalize(ips)
    return ips


def require_key(e: Emulator, key_id: str) -> dict[str, Any]:
    """The key with this id (404 when unknown)."""
    key = e.store.access_keys.get(key_id)
    if key is None:
        raise errors.ACCESS_KEY_NOT_FOUND(f"Access key '{key_id}' not found")
    return key


def create(e: Emulator, fields: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Store a new active key from its fields; returns (key, cleartext)."""
    user_id = fields.get("userId") or ""
    if user_id and e.store.users.by_id(user_id) is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {user_id}")
    for t in fields.get("keyTenants") or []:
        if e.store.tenants.get(t["tenantId"]) is None:
            raise errors.TENANT_NOT_FOUND(f"Tenant '{t['tenantId']}' not found")
    key: dict[str, Any] = {
        "id": new_id("K"),
        **fields,
        "userId": user_id,
        "boundUserId": user_id,
        "permittedIps": check_ips(list(fields.get("permittedIps") or [])),
        "status": "active",
        "createdTime": int(e.now()),
        "createdBy": "management-key",
        "editable": True,
    }
    cleartext = _new_cleartext(key["id"])
    e.store.access_keys.add(key, hash_secret(cleartext))
    return key, cleartext


def _new_cleartext(key_id: str) -> str:
    return key_id + secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")


def rotate(e: Emulator, key_id: str) -> tuple[dict[str, Any], str]:
    """A new secret for the key (404 when unknown); the old one stops working at once."""
    key = require_key(e, key_id)
    cleartext = _new_cleartext(key["id"])
    e.store.access_keys.set_secret(key["id"], hash_secret(cleartext))
    return key, cleartext


def update(e: Emulator, key_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply ``changes`` to a key (404 unknown): ``name``, ``description``,
    ``customClaims``, ``permittedIps`` (400 unless IPs/CIDRs), ``customAttributes``,
    ``roleNames``, ``keyTenants`` (each tenant must exist, 404); store and audit it."""
    with e.store.tx():
        key = require_key(e, key_id)
        if "permittedIps" in changes:
            check_ips(list(changes["permittedIps"]))
        for t in changes.get("keyTenants") or []:
            if e.store.tenants.get(t["tenantId"]) is None:
                raise errors.TENANT_NOT_FOUND(f"Tenant '{t['tenantId']}' not found")
        key.update(changes)
        e.store.access_keys.save(key)
    audit.record(e, "AccessKeyUpdated", data={"keyId": key_id})
    return key


def set_status(e: Emulator, key_ids: list[str], active: bool, *, batch: bool = False) -> None:
    """Activate or deactivate keys, all or none (400 empty, 404 for the first unknown);
    an inactive key's exchange is refused. ``batch``: audited as one batch call."""
    status = "active" if active else "inactive"
    with e.store.tx():
        keys = require_keys(e, key_ids)
        for key in keys:
            key["status"] = status
            e.store.access_keys.save(key)
    verb = "Activated" if active else "Deactivated"
    if batch:
        audit.record(e, f"AccessKeys{verb}", data={"keyIds": [k["id"] for k in keys]})
    else:
        for key in keys:
            audit.record(e, f"AccessKey{verb}", data={"keyId": key["id"]})


def require_keys(e: Emulator, key_ids: list[str]) -> list[dict[str, Any]]:
    """Every key named (404 for the first unknown one, before anything changes)."""
    if not key_ids:
        raise errors.INVALID_REQUEST("'ids' must not be empty")
    return [require_key(e, key_id) for key_id in key_ids]


def check_use(e: Emulator, key: dict[str, Any], client_ip: str | None) -> None:
    """Rules of the exchange beyond status/expiry: permitted IPs/CIDRs, a bound user that
    still exists and is enabled."""
    permitted = key.get("permittedIps") or []
    if permitted and not networks.contains(permitted, client_ip):
            raise errors.ACCESS_KEY_ADDRESS("Access key is not permitted from this address")
    bound = key.get("userId")
    if bound:
        user = e.store.users.by_id(bound)
        if user is None or user.get("status") == "disabled":
            raise errors.ACCESS_KEY_USER_INACTIVE("Access key's user is not active")


def exchange(
    e: Emulator,
    candidates: list[str],
    client_ip: str | None,
    *,
    nsec: dict[str, Any],
    selected_tenant: str | None,
) -> dict[str, Any]:
    """Exchange a key's cleartext (one of ``candidates``) for a session JWT answer."""
    key = None
    for part in candidates:
        key = e.store.access_keys.by_secret_hash(hash_secret(part))
        if key is not None:
            break
    now = e.now()
    if key is None or key.get("status", "active") != "active":
        raise errors.ACCESS_KEY_INVALID("Invalid access key")
    if key.get("expireTime") and key["expireTime"] <= now:
        raise errors.ACCESS_KEY_EXPIRED("Access key expired")
    check_use(e, key, client_ip)
    tenants = [
        {"tenantId": t.get("tenantId"), "roleNames": t.get("roleNames") or []}
        for t in key.get("keyTenants") or []
    ]
    if selected_tenant and selected_tenant not in [t["tenantId"] for t in tenants]:
        raise errors.NOT_TENANT_MEMBER(f"Access key is not a member of tenant '{selected_tenant}'")
    authz = sessions.authz_claims(e, list(key.get("roleNames") or []), [], tenants)
    context: dict[str, Any] = {
        "amr": ["accesskey"],
        "customClaims": key.get("customClaims") or {},
        "nsec": nsec or None,
        "dct": selected_tenant or None,
    }
    session_jwt, exp = sessions.mint_session(e, key["id"], context, authz)
    return {
        "sessionJwt": session_jwt,
        "keyId": key["id"],
        "expiration": exp,
        "cookieDomain": "",
        "cookiePath": "/",
        "cookieMaxAge": max(exp - int(now), 0),
        "cookieExpiration": exp,
    }


def matches(key: dict[str, Any], tenant_ids: list[str], bound: str | None, creator: str | None,
            attrs: dict[str, Any]) -> bool:
    """The filter of ``/v1/mgmt/accesskey/search``."""
    if tenant_ids and not {t["tenantId"] for t in key.get("keyTenants") or []} & set(tenant_ids):
        return False
    if bound and key.get("userId") != bound:
        return False
    if creator and key.get("createdBy") != creator:
        return False
    mine = key.get("customAttributes") or {}
    return not any(mine.get(k) != v for k, v in attrs.items())


def delete(e: Emulator, key_id: str) -> None:
    """Delete an access key (404 unknown) and audit it."""
    if not e.store.access_keys.delete(key_id):
        raise errors.ACCESS_KEY_NOT_FOUND(f"Access key '{key_id}' not found")
    audit.record(e, "AccessKeyDeleted", data={"keyId": key_id})

