"""The body of ``POST /v1/mgmt/tenant/settings`` (self-provisioning domains, SSO
enforcement, the tenant's session settings, its default SSO configuration's domains and
auth type), read and applied through ``domain.tenant_settings``. The management API
(``routes/mgmt_tenant.py``) and the console both change tenant settings through it."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..domain import tenant_settings
from ..state import Emulator
from .body import get_bool, get_int, get_obj, get_str, get_str_list, opt_str

# body key -> stored key (the Node SDK sends `sessionSettingsEnabled` and capitalises the
# inactivity pair; the Python SDK sends `enabled`)
_SESSION_ALIASES = {"sessionSettingsEnabled": "enabled", "InactivityTime": "inactivityTime",
                    "InactivityTimeUnit": "inactivityTimeUnit"}


def _count(body: dict[str, Any], key: str) -> int:
    value = get_int(body, key)
    if value < 0:
        raise errors.INVALID_REQUEST(f"'{key}' must not be negative")
    return value


def _unit(body: dict[str, Any], key: str) -> str:
    unit = get_str(body, key)
    if unit not in tenant_settings.UNITS:
        raise errors.INVALID_REQUEST(f"'{key}' must be one of {', '.join(tenant_settings.UNITS)}")
    return unit


def _session_changes(raw: dict[str, Any]) -> dict[str, Any]:
    """The session settings a ``/v1/mgmt/tenant/settings`` body sets (only the keys it
    carries; 400 when wrong)."""
    body = {_SESSION_ALIASES.get(k, k): v for k, v in raw.items()}
    changes: dict[str, Any] = {}
    for key in ("enabled", "enableInactivity", "JITDisabled"):
        if body.get(key) is not None:
            changes[key] = get_bool(body, key)
    for prefix in (*tenant_settings.LIFETIMES, "inactivity"):
        count_key = "inactivityTime" if prefix == "inactivity" else f"{prefix}Expiration"
        if body.get(count_key) is not None:
            changes[count_key] = _count(body, count_key)
        if body.get(count_key + "Unit") is not None:
            changes[count_key + "Unit"] = _unit(body, count_key + "Unit")
    if body.get("ssoSetupSuiteSettings") is not None:
        suite = get_obj(body, "ssoSetupSuiteSettings")
        features = get_obj(suite, "disabledFeatures")
        changes["ssoSetupSuiteSettings"] = {
            "enabled": get_bool(suite, "enabled"),
            "styleId": opt_str(suite, "styleId") or "",
            "disabledFeatures": {k: get_bool(features, k) for k in features},
        }
    return changes


def update_settings(e: Emulator, body: dict[str, Any]) -> None:
    """Apply a ``/v1/mgmt/tenant/settings`` body: ``tenantId``, ``selfProvisioningDomains``
    (required, replaced), then only what it carries. Raises 400 / 404."""
    tenant_id = get_str(body, "tenantId")
    if not isinstance(body.get("selfProvisioningDomains"), list):
        raise errors.INVALID_REQUEST("'selfProvisioningDomains' must be an array of strings")
    tenant_fields: dict[str, Any] = {}
    if body.get("enforceSSO") is not None:
        tenant_fields["enforceSSO"] = get_bool(body, "enforceSSO")
    for key in ("enforceSSOExclusions", "federatedAppIds"):
        if body.get(key) is not None:
            tenant_fields[key] = get_str_list(body, key)
    tenant_settings.update(
        e, tenant_id, get_str_list(body, "selfProvisioningDomains"),
        session=_session_changes(body),
        tenant_fields=tenant_fields,
        domains=None if body.get("domains") is None else get_str_list(body, "domains"),
        auth_type=opt_str(body, "authType"),
    )
