"""A tenant's settings (``/v1/mgmt/tenant/settings``).

The session part (token lifetimes, inactivity, JIT, the SSO setup suite) is a record of its
own; the self-provisioning domains and SSO enforcement live on the tenant, the SSO domains
and auth type on its default SSO configuration, so every call that shows them agrees.

When the session settings are on (``enabled``; the Node SDK sends
``sessionSettingsEnabled``), :func:`token_ttls` gives the session / refresh lifetimes of
tokens whose selected tenant (``dct``) is this tenant, in place of the project's.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import records
from . import audit, sso
from .tenants import require_tenant

#: seconds per lifetime unit (the SDKs' SessionExpirationUnit values)
UNITS = {"minutes": 60, "hours": 3600, "days": 24 * 3600, "weeks": 7 * 24 * 3600}
AUTH_TYPES = ("none", "saml", "oidc")

#: the stored session settings of a tenant that never changed them
DEFAULTS: dict[str, Any] = {
    "enabled": False,
    "refreshTokenExpiration": 0,
    "refreshTokenExpirationUnit": "minutes",
    "sessionTokenExpiration": 0,
    "sessionTokenExpirationUnit": "minutes",
    "stepupTokenExpiration": 0,
    "stepupTokenExpirationUnit": "minutes",
    "enableInactivity": False,
    "inactivityTime": 0,
    "inactivityTimeUnit": "minutes",
    "JITDisabled": False,
    "ssoSetupSuiteSettings": {"enabled": False},
}
LIFETIMES = ("refreshToken", "sessionToken", "stepupToken")


def session_settings(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """The tenant's stored session settings (defaults for what was never set)."""
    return {**DEFAULTS, **(e.store.records.get(records.TENANT_SETTINGS, tenant_id) or {})}


def load(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """The answer of ``GET /v1/mgmt/tenant/settings`` (404 for an unknown tenant)."""
    tenant = require_tenant(e, tenant_id)
    doc = sso.settings_of(e, tenant_id)
    session = session_settings(e, tenant_id)
    return {
        "tenantId": tenant_id,
        "selfProvisioningDomains": tenant.get("selfProvisioningDomains") or [],
        "domains": doc["domains"],
        "authType": doc["authType"],
        **session,
        "sessionSettingsEnabled": session["enabled"],
        "enforceSSO": bool(tenant.get("enforceSSO")),
        "enforceSSOExclusions": tenant.get("enforceSSOExclusions") or [],
        "federatedAppIds": tenant.get("federatedAppIds") or [],
    }


def update(e: Emulator, tenant_id: str, self_provisioning_domains: list[str], *,
           session: dict[str, Any], tenant_fields: dict[str, Any],
           domains: list[str] | None, auth_type: str | None) -> None:
    """``POST /v1/mgmt/tenant/settings``: set the self-provisioning domains and change only
    the other settings given (``session``: stored session keys; ``tenant_fields``: SSO
    enforcement keys of the tenant; ``domains`` / ``auth_type``: the default SSO
    configuration's)."""
    tenant = require_tenant(e, tenant_id)
    if auth_type is not None and auth_type not in AUTH_TYPES:
        raise errors.INVALID_REQUEST(f"'authType' must be one of {', '.join(AUTH_TYPES)}")
    tenant["selfProvisioningDomains"] = list(self_provisioning_domains)
    tenant.update(tenant_fields)
    with e.store.tx():
        e.store.tenants.save(tenant)
        if session:
            e.store.records.save(records.TENANT_SETTINGS, tenant_id,
                                 {**session_settings(e, tenant_id), **session})
        if domains is not None or auth_type is not None:
            doc = sso.settings_of(e, tenant_id)
            if auth_type is not None:
                doc["authType"] = auth_type
            sso.save(e, tenant_id, doc, domains)
    audit.record(e, "TenantSettingsUpdated", tenants=[tenant_id], data={"keys": sorted(session)})


def _seconds(settings: dict[str, Any], prefix: str) -> int | None:
    count = settings.get(f"{prefix}Expiration") or 0
    if not isinstance(count, int) or count <= 0:
        return None
    return count * UNITS.get(str(settings.get(f"{prefix}ExpirationUnit")), 60)


def jit_disabled(e: Emulator, tenant_id: str) -> bool:
    """Whether SSO sign-ins of the tenant may only sign in users who already exist."""
    stored = e.store.records.get(records.TENANT_SETTINGS, tenant_id)
    return bool(stored and stored.get("JITDisabled"))


def inactivity_limit(e: Emulator, tenant_id: str | None) -> int | None:
    """Seconds without a refresh after which a session of the tenant ends (session settings
    and inactivity on), else None."""
    if not tenant_id:
        return None
    stored = e.store.records.get(records.TENANT_SETTINGS, tenant_id)
    if not stored or not stored.get("enabled") or not stored.get("enableInactivity"):
        return None
    count = stored.get("inactivityTime") or 0
    if not isinstance(count, int) or count <= 0:
        return None
    return count * UNITS.get(str(stored.get("inactivityTimeUnit")), 60)


def token_ttls(e: Emulator, tenant_id: str | None) -> tuple[int | None, int | None]:
    """(session, refresh) lifetimes in seconds set by the tenant's session settings; None
    for each the tenant leaves to the project (session settings off, or no value)."""
    if not tenant_id:
        return None, None
    stored = e.store.records.get(records.TENANT_SETTINGS, tenant_id)
    if not stored or not stored.get("enabled"):
        return None, None
    return _seconds(stored, "sessionToken"), _seconds(stored, "refreshToken")


# -- the project file: what a tenant holds beyond its document -----------------------------------

#: project-file key -> record kind of the per-tenant documents it carries
_FILE_KINDS = {"ssoConfigurations": records.SSO_CONFIG, "xaaSettings": records.SSO_XAA}
#: every record kind the tenants' entries of the project file carry (project_file.py leaves
#: them out of its generic ``records``)
FILE_RECORD_KINDS: frozenset[str] = frozenset({records.TENANT_SETTINGS, *_FILE_KINDS.values()})


def file_extras(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """A tenant's session settings, named SSO configurations and XAA settings for the
    project file (only the keys it has)."""
    out: dict[str, Any] = {}
    session = e.store.records.get(records.TENANT_SETTINGS, tenant_id)
    if session is not None:
        out["sessionSettings"] = session
    for key, kind in _FILE_KINDS.items():
        docs = [d for d in e.store.records.all(kind) if d.get("tenantId") == tenant_id]
        if docs:
            out[key] = docs
    return out


def load_file_extras(e: Emulator, tenant_id: str, tenant: dict[str, Any]) -> None:
    """Store what :func:`file_extras` wrote (popped from the tenant entry ``tenant``)."""
    session = tenant.pop("sessionSettings", None)
    if isinstance(session, dict):
        e.store.records.save(records.TENANT_SETTINGS, tenant_id, session)
    for key, kind in _FILE_KINDS.items():
        for doc in tenant.pop(key, None) or []:
            if isinstance(doc, dict) and isinstance(doc.get("_key"), str):
                e.store.records.save(kind, doc["_key"], {**doc, "tenantId": tenant_id})
