"""A tenant's SSO settings (``descope_core/mgmt/sso.py``): load, SAML by URL or metadata,
OIDC, delete, and the deprecated v1 settings / metadata / mapping calls."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import sso
from ..domain.tenants import require_tenant
from ..state import Emulator
from ..web.body import get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _domains(body: dict[str, Any]) -> list[str] | None:
    return None if body.get("domains") is None else get_str_list(body, "domains")


def _role_mappings(e: Emulator, tenant_id: str, raw: Any) -> list[dict[str, Any]]:
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


async def _tenant_query(request: Request) -> tuple[Emulator, str]:
    e = require_management(request)
    tenant_id = request.query_params.get("tenantId") or ""
    require_tenant(e, tenant_id)
    return e, tenant_id


async def load_settings(request: Request) -> Response:
    """GET /v2/mgmt/sso/settings?tenantId=..."""
    e, tenant_id = await _tenant_query(request)
    tenant = require_tenant(e, tenant_id)
    doc = sso.settings_of(e, tenant_id)
    return ok(
        {
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
        }
    )


async def configure_saml_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/saml and /v1/mgmt/sso/saml/metadata"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    s = get_obj(body, "settings")
    by_metadata = request.url.path.endswith("/metadata")
    doc = sso.settings_of(e, tenant_id)
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
        groupsMapping=_role_mappings(e, tenant_id, s.get("roleMappings")),
        redirectUrl=opt_str(body, "redirectUrl") or "",
        fgaMappings=get_obj(s, "fgaMappings"),
    )
    if opt_str(s, "spACSUrl"):
        saml["spACSUrl"] = s["spACSUrl"]
    if opt_str(s, "spEntityId"):
        saml["spEntityId"] = s["spEntityId"]
    doc.update(authType="saml", saml=saml)
    sso.save(e, tenant_id, doc, _domains(body))
    return ok({})


async def configure_oidc_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/oidc"""
    e = require_management(request)
    body = await read_json(request)
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
    doc = sso.settings_of(e, tenant_id)
    doc.update(authType="oidc", oidc=oidc)
    sso.save(e, tenant_id, doc, _domains(body))
    return ok({})


async def delete_settings(request: Request) -> Response:
    """DELETE /v1/mgmt/sso/settings?tenantId=..."""
    e, tenant_id = await _tenant_query(request)
    sso.delete(e, tenant_id)
    return ok({})


# -- deprecated v1 calls ---------------------------------------------------------------------


async def get_settings(request: Request) -> Response:
    """GET /v1/mgmt/sso/settings?tenantId=... (deprecated)"""
    e, tenant_id = await _tenant_query(request)
    doc = sso.settings_of(e, tenant_id)
    saml = sso.saml_of(e, tenant_id, doc)
    user_mapping = dict(saml["attributeMapping"])
    user_mapping.setdefault("verifiedEmail", "")
    user_mapping.setdefault("verifiedPhone", "")
    return ok(
        {
            "tenantId": tenant_id,
            "idpEntityId": saml["idpEntityId"],
            "idpSSOUrl": saml["idpSSOUrl"],
            "idpCertificate": saml["idpCertificate"],
            "idpMetadataUrl": saml["idpMetadataUrl"],
            "spEntityId": saml["spEntityId"],
            "spACSUrl": saml["spACSUrl"],
            "redirectUrl": saml["redirectUrl"],
            "domain": (doc["domains"] or [""])[0],
            "domains": doc["domains"],
            "groupsMapping": saml["groupsMapping"],
            "userMapping": user_mapping,
        }
    )


async def _v1_saml_request(
    request: Request,
) -> tuple[Emulator, dict[str, Any], str, dict[str, Any], dict[str, Any]]:
    """The older settings, metadata and mapping calls all edit the stored SAML."""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    doc = sso.settings_of(e, tenant_id)
    return e, body, tenant_id, doc, sso.saml_of(e, tenant_id, doc)


def _save_v1_saml(
    e: Emulator, body: dict[str, Any], tenant_id: str, doc: dict[str, Any], saml: dict[str, Any]
) -> Response:
    if body.get("redirectURL") is not None:
        saml["redirectUrl"] = opt_str(body, "redirectURL") or ""
    doc.update(authType="saml", saml=saml)
    sso.save(e, tenant_id, doc, _domains(body) or [])
    return ok({})


async def configure(request: Request) -> Response:
    """POST /v1/mgmt/sso/settings (deprecated)"""
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml.update(
        idpSSOUrl=get_str(body, "idpURL"),
        idpEntityId=get_str(body, "entityId"),
        idpCertificate=get_str(body, "idpCert"),
        idpMetadataUrl="",
    )
    return _save_v1_saml(e, body, tenant_id, doc, saml)


async def configure_via_metadata(request: Request) -> Response:
    """POST /v1/mgmt/sso/metadata (deprecated)"""
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml.update(idpMetadataUrl=get_str(body, "idpMetadataURL"))
    return _save_v1_saml(e, body, tenant_id, doc, saml)


async def mapping(request: Request) -> Response:
    """POST /v1/mgmt/sso/mapping (deprecated)"""
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml["groupsMapping"] = _role_mappings(e, tenant_id, body.get("roleMappings"))
    saml["attributeMapping"] = sso.attribute_mapping(body.get("attributeMapping"))
    doc["saml"] = saml
    sso.save(e, tenant_id, doc, None)
    return ok({})
