"""A tenant's SSO settings (``descope_core/mgmt/sso.py``): load, SAML by URL or metadata,
OIDC, delete, and the deprecated v1 settings / metadata / mapping calls."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..domain import sso
from ..domain.tenants import require_tenant
from ..state import Emulator
from ..web import sso_settings
from ..web.body import get_str, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def _tenant_query(request: Request) -> tuple[Emulator, str]:
    e = require_management(request)
    tenant_id = request.query_params.get("tenantId") or ""
    require_tenant(e, tenant_id)
    return e, tenant_id


async def load_settings(request: Request) -> Response:
    """GET /v2/mgmt/sso/settings?tenantId=..."""
    e, tenant_id = await _tenant_query(request)
    return ok(sso.view(e, tenant_id))


async def configure_saml_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/saml and /v1/mgmt/sso/saml/metadata"""
    e = require_management(request)
    sso_settings.configure_saml(e, await read_json(request),
                                by_metadata=request.url.path.endswith("/metadata"))
    return ok({})


async def configure_oidc_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/oidc"""
    e = require_management(request)
    sso_settings.configure_oidc(e, await read_json(request))
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
    sso.save(e, tenant_id, doc, sso_settings.domains_of(body) or [])
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
    saml["groupsMapping"] = sso_settings.role_mappings_of(e, tenant_id, body.get("roleMappings"))
    saml["attributeMapping"] = sso.attribute_mapping(body.get("attributeMapping"))
    doc["saml"] = saml
    sso.save(e, tenant_id, doc, None)
    return ok({})
