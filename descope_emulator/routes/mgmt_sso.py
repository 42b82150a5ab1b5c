"""A tenant's SSO settings (SAML / OIDC; new and deprecated calls) and groups.

:func:`apply_sso_login` is what an SSO sign-in for a tenant does with the IdP's groups:
it maps them to roles through the tenant's role mappings (plus the default SSO roles),
puts the user in the tenant with those roles and remembers the groups, which the group
endpoints then report.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ..service import Emulator
from ._common import get_obj, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import audit, require_mgmt, require_tenant

_SAML_MAPPING_KEYS = (
    "name",
    "email",
    "username",
    "phoneNumber",
    "group",
    "givenName",
    "middleName",
    "familyName",
    "picture",
)
_OIDC_MAPPING_KEYS = (
    "loginId",
    "name",
    "givenName",
    "middleName",
    "familyName",
    "email",
    "verifiedEmail",
    "username",
    "phoneNumber",
    "verifiedPhone",
    "picture",
)


def _empty_saml(e: Emulator, tenant_id: str) -> dict[str, Any]:
    return {
        "idpEntityId": "",
        "idpSSOUrl": "",
        "idpCertificate": "",
        "idpAdditionalCertificates": [],
        "defaultSSORoles": [],
        "idpMetadataUrl": "",
        "spEntityId": f"{e.project_id}-{tenant_id}",
        "spACSUrl": f"http://localhost/v1/auth/saml/acs?projectId={e.project_id}&tenantId={tenant_id}",
        "spCertificate": "",
        "attributeMapping": {
            **{k: "" for k in _SAML_MAPPING_KEYS},
            "name": "name",
            "email": "email",
            "phoneNumber": "phone",
            "customAttributes": {},
        },
        "groupsMapping": [],
        "groupsPriority": [],
        "redirectUrl": "",
        "lastSuccessTestTime": 0,
    }


def settings_of(e: Emulator, tenant_id: str) -> dict[str, Any]:
    doc = mgmt_store.sso_get(e.store, tenant_id)
    if doc is None:
        doc = {"authType": "none", "domains": [], "saml": _empty_saml(e, tenant_id), "oidc": None}
    return doc


def _save(e: Emulator, tenant_id: str, doc: dict[str, Any], domains: Any) -> None:
    if domains is not None:
        doc["domains"] = list(domains)
    mgmt_store.sso_save(e.store, tenant_id, doc)
    tenant = e.store.tenant(tenant_id)
    if tenant is not None:
        tenant["domains"] = doc["domains"]
        tenant["authType"] = doc["authType"]
        e.store.save_tenant(tenant)
    audit(e, "SSOSettingsUpdated", tenants=[tenant_id], data={"authType": doc["authType"]})


def _domains(body: dict[str, Any]) -> list[str] | None:
    return None if body.get("domains") is None else get_str_list(body, "domains")


def _role_mappings(e: Emulator, tenant_id: str, raw: Any) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise errors.bad_request("'roleMappings' must be an array", "E011003")
    out = []
    for m in raw:
        if not isinstance(m, dict):
            raise errors.bad_request("each role mapping must be an object", "E011003")
        role = get_str(m, "roleName")
        if e.store.role(role, tenant_id) is None and e.store.role(role) is None:
            raise errors.bad_request(f"Role '{role}' does not exist", "E091302")
        out.append({"role": {"name": role}, "groups": get_str_list(m, "groups")})
    return out


def _attr_mapping(raw: Any) -> dict[str, Any]:
    raw = raw if isinstance(raw, dict) else {}
    out: dict[str, Any] = {k: raw.get(k) or "" for k in _SAML_MAPPING_KEYS}
    out["customAttributes"] = raw.get("customAttributes") or {}
    return out


async def load_settings(request: Request) -> Response:
    e = require_mgmt(request)
    tenant_id = request.query_params.get("tenantId") or ""
    tenant = require_tenant(e, tenant_id)
    doc = settings_of(e, tenant_id)
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
            "saml": doc.get("saml") or _empty_saml(e, tenant_id),
            "oidc": _public_oidc(doc.get("oidc")),
        }
    )


async def configure_saml(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    s = get_obj(body, "settings")
    by_metadata = request.url.path.endswith("/metadata")
    doc = settings_of(e, tenant_id)
    saml = _empty_saml(e, tenant_id)
    saml.update(
        idpEntityId=opt_str(s, "entityId") or "",
        idpSSOUrl="" if by_metadata else get_str(s, "idpUrl"),
        idpCertificate="" if by_metadata else get_str(s, "idpCert"),
        idpAdditionalCertificates=get_str_list(s, "idpAdditionalCerts"),
        idpMetadataUrl=get_str(s, "idpMetadataUrl") if by_metadata else "",
        defaultSSORoles=get_str_list(s, "defaultSSORoles"),
        groupsPriority=get_str_list(s, "groupsPriority"),
        attributeMapping=_attr_mapping(s.get("attributeMapping")),
        groupsMapping=_role_mappings(e, tenant_id, s.get("roleMappings")),
        redirectUrl=opt_str(body, "redirectUrl") or "",
        fgaMappings=get_obj(s, "fgaMappings"),
    )
    if opt_str(s, "spACSUrl"):
        saml["spACSUrl"] = s["spACSUrl"]
    if opt_str(s, "spEntityId"):
        saml["spEntityId"] = s["spEntityId"]
    doc.update(authType="saml", saml=saml)
    _save(e, tenant_id, doc, _domains(body))
    return ok({})


async def configure_oidc(request: Request) -> Response:
    e = require_mgmt(request)
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
        "userAttrMapping": {k: (mapping or {}).get(k) or "" for k in _OIDC_MAPPING_KEYS},
        "manageProviderTokens": bool(s.get("manageProviderTokens")),
        "callbackDomain": opt_str(s, "callbackDomain") or "",
        "prompt": get_str_list(s, "prompt"),
        "grantType": opt_str(s, "grantType") or "",
        "issuer": opt_str(s, "issuer") or "",
        "groupsPriority": get_str_list(s, "groupsPriority"),
        "lastSuccessTestTime": 0,
    }
    doc = settings_of(e, tenant_id)
    doc.update(authType="oidc", oidc=oidc)
    _save(e, tenant_id, doc, _domains(body))
    return ok({})


def _public_oidc(oidc: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (oidc or {}).items() if not k.startswith("_")}


async def delete_settings(request: Request) -> Response:
    e = require_mgmt(request)
    tenant_id = request.query_params.get("tenantId") or ""
    require_tenant(e, tenant_id)
    mgmt_store.sso_save(e.store, tenant_id, None)
    tenant = e.store.tenant(tenant_id)
    if tenant is not None:
        tenant["domains"] = []
        tenant["authType"] = "none"
        e.store.save_tenant(tenant)
    audit(e, "SSOSettingsDeleted", tenants=[tenant_id])
    return ok({})


# -- deprecated v1 calls -------------------------------------------------------------------


async def get_settings(request: Request) -> Response:
    e = require_mgmt(request)
    tenant_id = request.query_params.get("tenantId") or ""
    require_tenant(e, tenant_id)
    doc = settings_of(e, tenant_id)
    saml = doc.get("saml") or _empty_saml(e, tenant_id)
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
    """The older `/v1/mgmt/sso/settings`, `/metadata` and `/mapping` all edit the stored SAML."""
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    doc = settings_of(e, tenant_id)
    return e, body, tenant_id, doc, doc.get("saml") or _empty_saml(e, tenant_id)


def _save_v1_saml(
    e: Emulator, body: dict[str, Any], tenant_id: str, doc: dict[str, Any], saml: dict[str, Any]
) -> Response:
    if body.get("redirectURL") is not None:
        saml["redirectUrl"] = opt_str(body, "redirectURL") or ""
    doc.update(authType="saml", saml=saml)
    _save(e, tenant_id, doc, _domains(body) or [])
    return ok({})


async def configure_v1(request: Request) -> Response:
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml.update(
        idpSSOUrl=get_str(body, "idpURL"),
        idpEntityId=get_str(body, "entityId"),
        idpCertificate=get_str(body, "idpCert"),
        idpMetadataUrl="",
    )
    return _save_v1_saml(e, body, tenant_id, doc, saml)


async def configure_metadata_v1(request: Request) -> Response:
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml.update(idpMetadataUrl=get_str(body, "idpMetadataURL"))
    return _save_v1_saml(e, body, tenant_id, doc, saml)


async def mapping_v1(request: Request) -> Response:
    e, body, tenant_id, doc, saml = await _v1_saml_request(request)
    saml["groupsMapping"] = _role_mappings(e, tenant_id, body.get("roleMappings"))
    saml["attributeMapping"] = _attr_mapping(body.get("attributeMapping"))
    doc["saml"] = saml
    _save(e, tenant_id, doc, None)
    return ok({})


# -- SSO sign-in and groups ------------------------------------------------------------------


def tenant_for_email(e: Emulator, email: str) -> str | None:
    """The tenant whose SSO domains include the email's domain."""
    domain = email.rpartition("@")[2].lower()
    if not domain:
        return None
    for tenant_id, doc in mgmt_store.sso_all(e.store).items():
        if domain in [d.lower() for d in doc.get("domains") or []]:
            return tenant_id
    return None


def sso_roles_for(e: Emulator, tenant_id: str, groups: list[str]) -> list[str]:
    doc = settings_of(e, tenant_id)
    saml = doc.get("saml") or {}
    roles: list[str] = []
    for mapping in saml.get("groupsMapping") or []:
        if set(mapping.get("groups") or []) & set(groups):
            name = (mapping.get("role") or {}).get("name")
            if name and name not in roles:
                roles.append(name)
    if not roles:
        roles = list(saml.get("defaultSSORoles") or [])
    return roles


def apply_sso_login(
    e: Emulator, tenant_id: str, user: dict[str, Any], groups: list[str]
) -> dict[str, Any]:
    """Give `user` the tenant roles the IdP groups map to and remember the groups."""
    configured = mgmt_store.sso_get(e.store, tenant_id) is not None
    current = next(
        (t for t in user.get("userTenants") or [] if t.get("tenantId") == tenant_id), None
    )
    roles = (
        sso_roles_for(e, tenant_id, groups)
        if configured
        else list((current or {}).get("roleNames") or [])
    )
    tenants = [t for t in user.get("userTenants") or [] if t.get("tenantId") != tenant_id]
    tenants.append({**(current or {}), "tenantId": tenant_id, "roleNames": roles})
    user["userTenants"] = tenants
    sso_groups = dict(user.get("ssoGroups") or {})
    sso_groups[tenant_id] = list(groups)
    user["ssoGroups"] = sso_groups
    user["SAML"] = True
    e.store.save_user(user)
    return user


def _groups(e: Emulator, tenant_id: str) -> list[dict[str, Any]]:
    names: list[str] = []
    for mapping in (settings_of(e, tenant_id).get("saml") or {}).get("groupsMapping") or []:
        for g in mapping.get("groups") or []:
            if g not in names:
                names.append(g)
    members: dict[str, list[dict[str, Any]]] = {}
    for user in e.store.all_users():
        for g in (user.get("ssoGroups") or {}).get(tenant_id) or []:
            if g not in names:
                names.append(g)
            members.setdefault(g, []).append(
                {
                    "loginId": (user.get("loginIds") or [""])[0],
                    "userId": user["userId"],
                    "display": user.get("name") or "",
                }
            )
    return [
        {"id": g, "display": g, "source": "jit", "ssoId": "", "members": members.get(g, [])}
        for g in names
    ]


async def groups_all(request: Request) -> Response:
    e = require_mgmt(request)
    tenant_id = get_str(await read_json(request), "tenantId")
    require_tenant(e, tenant_id)
    return ok(_groups(e, tenant_id))


async def groups_for_members(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    user_ids = set(get_str_list(body, "userIds"))
    login_ids = set(get_str_list(body, "loginIds"))
    if not user_ids and not login_ids:
        raise errors.bad_request("'userIds' or 'loginIds' is required")
    out = []
    for group in _groups(e, tenant_id):
        if any(m["userId"] in user_ids or m["loginId"] in login_ids for m in group["members"]):
            out.append(group)
    return ok(out)


async def group_members(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    group_id = get_str(body, "groupId")
    require_tenant(e, tenant_id)
    return ok([g for g in _groups(e, tenant_id) if g["id"] == group_id])


routes = [
    Route("/v2/mgmt/sso/settings", load_settings, methods=["GET"]),
    Route("/v1/mgmt/sso/saml", configure_saml, methods=["POST"]),
    Route("/v1/mgmt/sso/saml/metadata", configure_saml, methods=["POST"]),
    Route("/v1/mgmt/sso/oidc", configure_oidc, methods=["POST"]),
    Route("/v1/mgmt/sso/settings", get_settings, methods=["GET"]),
    Route("/v1/mgmt/sso/settings", configure_v1, methods=["POST"]),
    Route("/v1/mgmt/sso/settings", delete_settings, methods=["DELETE"]),
    Route("/v1/mgmt/sso/metadata", configure_metadata_v1, methods=["POST"]),
    Route("/v1/mgmt/sso/mapping", mapping_v1, methods=["POST"]),
    Route("/v1/mgmt/group/all", groups_all, methods=["POST"]),
    Route("/v1/mgmt/group/member/all", groups_for_members, methods=["POST"]),
    Route("/v1/mgmt/group/members", group_members, methods=["POST"]),
]
