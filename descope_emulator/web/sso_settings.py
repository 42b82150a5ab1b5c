"""Bodies and answers of the calls that configure a tenant's SSO (SAML by URL or by
metadata, OIDC; the default configuration or a named one, ``ssoId``), read into the
settings documents ``domain.sso`` stores. The management API (``routes/mgmt_sso.py``) and
the console both configure and show SSO through these."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..domain import sso
from ..domain.tenants import require_tenant
from ..state import Emulator
from .body import get_obj, get_str, get_str_list, opt_str


def domains_of(body: dict[str, Any]) -> list[str] | None:
    """The optional ``domains`` list (None when absent: the stored domains stay)."""
    return None if body.get("domains") is None else get_str_list(body, "domains")


def role_mappings_of(e: Emulator, tenant_id: str, raw: Any) -> list[dict[str, Any]]:
    """``roleMappings`` (``[{"roleName", "groups"}]``) as stored ``groupsMapping``; every
    role must exist (404)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise errors.WRONG_TYPE("'roleMappings' must be an array")
    pairs = []
    for m in raw:
        if not isinstance(m, dict):
            raise errors.WRONG_TYPE("each role mapping must be an object")
        pairs.append((get_str(m, "roleName"), get_str_list(m, "groups")))
    return sso.role_mappings(e, tenant_id, pairs)


def answer(e: Emulator, tenant_id: str, sso_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    """One configuration as ``GET /v2/mgmt/sso/settings`` shows it (no client secret)."""
    tenant = require_tenant(e, tenant_id)
    return {
        "tenant": {
            "id": tenant["id"],
            "name": tenant.get("name", ""),
            "selfProvisioningDomains": tenant.get("selfProvisioningDomains") or [],
            "customAttributes": tenant.get("customAttributes") or {},
            "authType": doc["authType"],
            "domains": doc["domains"],
        },
        "saml": sso.saml_of(e, tenant_id, doc),
        "oidc": sso.public_oidc(doc.get("oidc")),
        "ssoId": sso_id,
        "displayName": doc.get("displayName") or "",
    }


def configure_saml(e: Emulator, body: dict[str, Any], *, by_metadata: bool) -> None:
    """Store SAML settings from a ``/v1/mgmt/sso/saml`` (or ``.../saml/metadata``) body:
    ``tenantId``, ``settings``, ``redirectUrl``?, ``domains``?, ``ssoId``?. Raises 400 /
    404 (unknown tenant, configuration or mapped role)."""
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    s = get_obj(body, "settings")
    sso_id = opt_str(body, "ssoId") or ""
    doc = sso.settings_of(e, tenant_id, sso_id)
    saml = sso.empty_saml(e, tenant_id)
    saml.update(
        idpEntityId=opt_str(s, "entityId") or "",
        idpSSOUrl="" if by_metadata else get_str(s, "idpUrl"),
        idpCertificate="" if by_metadata else get_str(s, "idpCert"),
        idpAdditionalCertificates=get_str_list(s, "idpAdditionalCerts"),
        idpMetadataUrl=get_str(s, "idpMetadataUrl") if by_metadata else "",
        defaultSSORoles=get_str_list(s, "defaultSSORoles"),
        groupsPriority=get_str_list(s, "groupsPriority"),
        attributeMapping=sso.attribute_mapping(s.get("attributeMapping")),
        groupsMapping=role_mappings_of(e, tenant_id, s.get("roleMappings")),
        redirectUrl=opt_str(body, "redirectUrl") or "",
        fgaMappings=get_obj(s, "fgaMappings"),
    )
    if opt_str(s, "spACSUrl"):
        saml["spACSUrl"] = s["spACSUrl"]
    if opt_str(s, "spEntityId"):
        saml["spEntityId"] = s["spEntityId"]
    doc.update(authType="saml", saml=saml)
    sso.save(e, tenant_id, doc, domains_of(body), sso_id)


def configure_oidc(e: Emulator, body: dict[str, Any], *, keep_blank_secret: bool = False) -> None:
    """Store OIDC settings from a ``/v1/mgmt/sso/oidc`` body: ``tenantId``, ``settings``,
    ``domains``?, ``ssoId``?. The client secret is kept but never shown. The API replaces
    the whole configuration (as Descope does); ``keep_blank_secret`` (the console, whose
    form cannot show the secret) keeps the stored one when none is typed. Raises 400 /
    404."""
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    s = get_obj(body, "settings")
    mapping = s.get("userAttrMapping") if isinstance(s.get("userAttrMapping"), dict) else {}
    oidc = {
        "name": get_str(s, "name"),
        "clientId": get_str(s, "clientId"),
        "clientSecret": "",
        "_clientSecret": opt_str(s, "clientSecret") or "",
        "redirectUrl": opt_str(s, "redirectUrl") or "",
        "authUrl": opt_str(s, "authUrl") or "",
        "tokenUrl": opt_str(s, "tokenUrl") or "",
        "userDataUrl": opt_str(s, "userDataUrl") or "",
        "scope": get_str_list(s, "scope"),
        "JWKsUrl": opt_str(s, "JWKsUrl") or "",
        "userAttrMapping": {k: (mapping or {}).get(k) or "" for k in sso.OIDC_MAPPING_KEYS},
        "manageProviderTokens": bool(s.get("manageProviderTokens")),
        "callbackDomain": opt_str(s, "callbackDomain") or "",
        "prompt": get_str_list(s, "prompt"),
        "grantType": opt_str(s, "grantType") or "",
        "issuer": opt_str(s, "issuer") or "",
        "groupsPriority": get_str_list(s, "groupsPriority"),
        "lastSuccessTestTime": 0,
    }
    sso_id = opt_str(body, "ssoId") or ""
    doc = sso.settings_of(e, tenant_id, sso_id)
    if keep_blank_secret and not oidc["_clientSecret"]:
        oidc["_clientSecret"] = str((doc.get("oidc") or {}).get("_clientSecret") or "")
    if not oidc["redirectUrl"]:  # one set earlier through configure_sso_redirect_url
        oidc["redirectUrl"] = str(doc.get("oauthRedirectUrl") or "")
    doc.update(authType="oidc", oidc=oidc)
    sso.save(e, tenant_id, doc, domains_of(body), sso_id)
