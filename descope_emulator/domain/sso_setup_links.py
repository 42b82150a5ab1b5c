"""Admin links to a tenant's self-service SSO setup (``adminlinks/sso``).

A link carries a random token; only its SHA-256 is stored, with the tenant, the SSO
configuration, the expiry and who it was made for; a link made for an ``email`` goes to
the outbox too (as Descope mails it). The emulator's setup page
(``/emulator/sso-setup``) accepts a link until it expires or is revoked; revoking drops
every link of the tenant (or of one of its configurations)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from .. import errors
from ..state import Emulator
from ..storage import records
from . import audit, delivery, sso
from .tenants import require_tenant

#: lifetime of a link made without ``expireTime`` (seconds)
DEFAULT_LIFETIME = 24 * 3600
PATH = "/emulator/sso-setup"


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def generate(e: Emulator, base_url: str, tenant_id: str, sso_id: str, expire_time: int,
             email: str, actor_id: str) -> str:
    """A new link for the tenant's admin (404 for an unknown tenant or configuration)."""
    require_tenant(e, tenant_id)
    if sso_id:
        sso.settings_of(e, tenant_id, sso_id)
    if expire_time < 0:
        raise errors.INVALID_REQUEST("'expireTime' must not be negative")
    token = secrets.token_urlsafe(32)
    key = _key(token)
    now = int(e.now())
    e.store.records.save(records.SSO_SETUP_LINK, key, {
        "_key": key, "tenantId": tenant_id, "ssoId": sso_id, "email": email,
        "actorId": actor_id, "createdTime": now,
        "expires": now + (expire_time or DEFAULT_LIFETIME),
    })
    audit.record(e, "SSOSetupLinkGenerated", tenants=[tenant_id],
                 data={"ssoId": sso_id, "actorId": actor_id})
    link = f"{base_url}{PATH}?{urlencode({'t': token})}"
    if email:
        delivery.send(e, email, "email", email, "sso-setup-link",
                      {"link": link, "token": token, "tenantId": tenant_id, "ssoId": sso_id})
    return link


def revoke(e: Emulator, tenant_id: str, sso_id: str) -> int:
    """Revoke the tenant's links (only those of ``sso_id`` when given); how many."""
    require_tenant(e, tenant_id)
    gone = 0
    with e.store.tx():
        for link in e.store.records.all(records.SSO_SETUP_LINK):
            if link.get("tenantId") == tenant_id and (not sso_id or link.get("ssoId") == sso_id):
                gone += e.store.records.delete(records.SSO_SETUP_LINK, link["_key"])
    audit.record(e, "SSOSetupLinkRevoked", tenants=[tenant_id], data={"ssoId": sso_id})
    return gone


def check(e: Emulator, token: str) -> dict[str, Any]:
    """What a link opens: the tenant, its configuration and the expiry (401 when the link
    was revoked, never issued or has expired)."""
    link = e.store.records.get(records.SSO_SETUP_LINK, _key(token)) if token else None
    if link is None:
        raise errors.SSO_SETUP_LINK_UNKNOWN("SSO setup link is unknown or was revoked")
    if link["expires"] <= e.now():
        raise errors.SSO_SETUP_LINK_EXPIRED("SSO setup link expired")
    tenant = require_tenant(e, link["tenantId"])
    return {"tenantId": tenant["id"], "tenantName": tenant.get("name", ""),
            "ssoId": link["ssoId"], "email": link["email"], "expires": link["expires"]}
