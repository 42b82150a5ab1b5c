"""Cross-app access (XAA, the JWT bearer grant) of an SSO configuration.

The trust part (``enabled``, the issuers and grant settings, the IdP template) is a record
per configuration; the group -> role mapping it carries is the configuration's shared one
(the same list SAML sign-ins map with), so setting it here changes what the next SSO
sign-in and :func:`.sso.recalculate` give."""

from __future__ import annotations

from typing import Any

from ..state import Emulator
from ..storage import records
from . import audit, sso


def _trust(e: Emulator, tenant_id: str, sso_id: str) -> dict[str, Any] | None:
    return e.store.records.get(records.SSO_XAA, sso.config_key(tenant_id, sso_id))


def load(e: Emulator, tenant_id: str, sso_id: str = "") -> dict[str, Any]:
    """The XAA settings of a configuration (off when never set; 404 for an unknown named
    configuration)."""
    doc = sso.settings_of(e, tenant_id, sso_id)
    saml = sso.saml_of(e, tenant_id, doc)
    trust = _trust(e, tenant_id, sso_id) or {}
    return {
        "ssoId": sso_id,
        "enabled": bool(trust.get("enabled")),
        "settings": trust.get("settings"),
        "providerID": trust.get("providerID") or "",
        "groupsMapping": saml.get("groupsMapping") or [],
        "defaultSSORoles": saml.get("defaultSSORoles") or [],
        "fgaMappings": saml.get("fgaMappings") or {},
        "groupsPriority": saml.get("groupsPriority") or [],
        "groupPriorityEnabled": bool(doc.get("groupPriorityEnabled")),
        "allowOverrideRoles": bool(doc.get("allowOverrideRoles")),
        "audience": e.project_id,
    }


def load_all(e: Emulator, tenant_id: str) -> list[dict[str, Any]]:
    """The XAA settings of every configuration of the tenant (the default one too when
    only its XAA settings were set)."""
    ids = [sso_id for sso_id, _ in sso.configurations(e, tenant_id)]
    if "" not in ids and _trust(e, tenant_id, "") is not None:
        ids.insert(0, "")
    return [load(e, tenant_id, sso_id) for sso_id in ids]


def configure(e: Emulator, tenant_id: str, sso_id: str, trust: dict[str, Any],
              mapping: dict[str, Any], flags: dict[str, Any]) -> None:
    """Store the trust part and change the shared mapping keys given (``mapping``: SAML
    keys such as ``groupsMapping``; ``flags``: configuration-level booleans)."""
    doc = sso.settings_of(e, tenant_id, sso_id)
    key = sso.config_key(tenant_id, sso_id)
    with e.store.tx():
        current = _trust(e, tenant_id, sso_id) or {}
        e.store.records.save(records.SSO_XAA, key,
                             {**current, **trust, "_key": key, "tenantId": tenant_id})
        if mapping or flags:
            saml = sso.saml_of(e, tenant_id, doc)
            saml.update(mapping)
            doc.update(flags, saml=saml)
            sso.save(e, tenant_id, doc, None, sso_id)
    audit.record(e, "SSOXAASettingsUpdated", tenants=[tenant_id], data={"ssoId": sso_id})


def delete(e: Emulator, tenant_id: str, sso_id: str = "") -> None:
    """Remove the trust part (the shared mapping stays with the configuration)."""
    sso.settings_of(e, tenant_id, sso_id)
    e.store.records.delete(records.SSO_XAA, sso.config_key(tenant_id, sso_id))
    audit.record(e, "SSOXAASettingsDeleted", tenants=[tenant_id], data={"ssoId": sso_id})
