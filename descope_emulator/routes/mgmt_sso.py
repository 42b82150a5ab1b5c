"""A tenant's SSO settings (``descope_core/mgmt/sso.py``): load, SAML by URL or metadata,
OIDC, delete, several configurations per tenant (new, load all, delete one), redirect
URLs, auth type, recalculating mappings, cross-app access (XAA), and the deprecated v1
settings / metadata / mapping calls."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import sso, sso_xaa
from ..domain.tenants import require_role_names, require_tenant
from ..state import Emulator
from ..web import sso_settings
from ..web.body import get_bool, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def _tenant_query(request: Request) -> tuple[Emulator, str]:
    e = require_management(request)
    tenant_id = request.query_params.get("tenantId") or ""
    require_tenant(e, tenant_id)
    return e, tenant_id


async def load_settings(request: Request) -> Response:
    """GET /v2/mgmt/sso/settings?tenantId=...&ssoId=..."""
    e, tenant_id = await _tenant_query(request)
    sso_id = request.query_params.get("ssoId") or ""
    return ok(sso_settings.answer(e, tenant_id, sso_id, sso.settings_of(e, tenant_id, sso_id)))


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
    """DELETE /v1/mgmt/sso/settings?tenantId=...&ssoId=... (the others stay)"""
    e, tenant_id = await _tenant_query(request)
    sso.delete(e, tenant_id, request.query_params.get("ssoId") or "")
    return ok({})


# -- several configurations, redirect URLs, auth type, mappings ------------------------------


async def _tenant_body(request: Request) -> tuple[Emulator, dict[str, Any], str, str]:
    """(emulator, body, tenant id, sso id) of a body naming a tenant and maybe a
    configuration (404 for either unknown)."""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    sso_id = opt_str(body, "ssoId") or ""
    if sso_id:
        sso.settings_of(e, tenant_id, sso_id)
    return e, body, tenant_id, sso_id


async def new_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/settings/new: add a configuration; answers it."""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    sso_id = sso.new_config(e, tenant_id, get_str(body, "displayName"),
                            opt_str(body, "ssoId") or "")
    return ok(sso_settings.answer(e, tenant_id, sso_id, sso.settings_of(e, tenant_id, sso_id)))


async def load_all_settings(request: Request) -> Response:
    """GET /v2/mgmt/sso/settings/all?tenantId=..."""
    e, tenant_id = await _tenant_query(request)
    return ok({"SSOSettings": [sso_settings.answer(e, tenant_id, sso_id, doc)
                               for sso_id, doc in sso.configurations(e, tenant_id)]})


async def configure_sso_redirect_url(request: Request) -> Response:
    """POST /v1/mgmt/sso/redirect: where SAML / OAuth (OIDC) sign-ins land by default."""
    e, body, tenant_id, sso_id = await _tenant_body(request)
    doc = sso.settings_of(e, tenant_id, sso_id)
    saml_url, oauth_url = opt_str(body, "samlRedirectUrl"), opt_str(body, "oauthRedirectUrl")
    if saml_url is not None:
        doc["saml"] = {**sso.saml_of(e, tenant_id, doc), "redirectUrl": saml_url}
    if oauth_url is not None:
        doc["oauthRedirectUrl"] = oauth_url
        if doc.get("oidc"):
            doc["oidc"]["redirectUrl"] = oauth_url
    sso.save(e, tenant_id, doc, None, sso_id)
    return ok({})


async def configure_auth_type(request: Request) -> Response:
    """POST /v1/mgmt/sso/settings/authtype: ``saml``, ``oidc`` or ``none`` (no SSO
    sign-in)."""
    e, body, tenant_id, sso_id = await _tenant_body(request)
    auth_type = get_str(body, "authType")
    if auth_type not in ("none", "saml", "oidc"):
        raise errors.INVALID_REQUEST("'authType' must be one of none, saml, oidc")
    doc = sso.settings_of(e, tenant_id, sso_id)
    doc["authType"] = auth_type
    sso.save(e, tenant_id, doc, None, sso_id)
    return ok({})


async def recalculate_sso_mappings(request: Request) -> Response:
    """POST /v1/mgmt/sso/recalculate-mappings"""
    e, _, tenant_id, sso_id = await _tenant_body(request)
    sso.recalculate(e, tenant_id, sso_id)
    return ok({})


# -- cross-app access (XAA) --------------------------------------------------------------------


def _opt_bool(body: dict[str, Any], key: str) -> bool | None:
    return None if body.get(key) is None else get_bool(body, key)


async def configure_xaa_settings(request: Request) -> Response:
    """POST /v1/mgmt/sso/xaa/settings"""
    e, body, tenant_id, sso_id = await _tenant_body(request)
    trust: dict[str, Any] = {"enabled": bool(_opt_bool(body, "enabled"))}
    if body.get("settings") is not None:
        trust["settings"] = get_obj(body, "settings")
    if body.get("providerID") is not None:
        trust["providerID"] = get_str(body, "providerID", empty=True)
    mapping: dict[str, Any] = {}
    if body.get("roleMappings") is not None:
        mapping["groupsMapping"] = sso_settings.role_mappings_of(e, tenant_id, body["roleMappings"])
    for key in ("defaultSSORoles", "groupsPriority"):
        if body.get(key) is not None:
            mapping[key] = get_str_list(body, key)
    if mapping.get("defaultSSORoles"):
        require_role_names(e, tenant_id, mapping["defaultSSORoles"])
    if body.get("fgaMappings") is not None:
        mapping["fgaMappings"] = get_obj(body, "fgaMappings")
    flags = {k: v for k in ("groupPriorityEnabled", "allowOverrideRoles")
             if (v := _opt_bool(body, k)) is not None}
    sso_xaa.configure(e, tenant_id, sso_id, trust, mapping, flags)
    return ok({})


async def load_xaa_settings(request: Request) -> Response:
    """GET /v1/mgmt/sso/xaa/settings?tenantId=...&ssoId=..."""
    e, tenant_id = await _tenant_query(request)
    return ok(sso_xaa.load(e, tenant_id, request.query_params.get("ssoId") or ""))


async def load_all_xaa_settings(request: Request) -> Response:
    """GET /v1/mgmt/sso/xaa/settings/all?tenantId=..."""
    e, tenant_id = await _tenant_query(request)
    return ok({"XAASettings": sso_xaa.load_all(e, tenant_id)})


async def delete_xaa_settings(request: Request) -> Response:
    """DELETE /v1/mgmt/sso/xaa/settings?tenantId=...&ssoId=..."""
    e, tenant_id = await _tenant_query(request)
    sso_xaa.delete(e, tenant_id, request.query_params.get("ssoId") or "")
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
