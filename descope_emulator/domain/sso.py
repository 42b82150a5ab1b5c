"""A tenant's SSO: its settings document (SAML / OIDC, domains, role mappings), what an
SSO sign-in does with the IdP's groups, and the groups the management API reports.

:func:`apply_sso_login` maps the IdP's groups to roles through the tenant's role mappings
(else the default SSO roles), puts the user in the tenant with those roles and remembers
the groups, which the group endpoints then report."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from . import audit

SAML_MAPPING_KEYS = (
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
OIDC_MAPPING_KEYS = (
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


def empty_saml(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """SAML settings of a tenant that configured none."""
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
            **{k: "" for k in SAML_MAPPING_KEYS},
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
    """A tenant's settings document (defaults when never configured)."""
    doc = e.store.sso_settings.get(tenant_id)
    if doc is None:
        doc = {"authType": "none", "domains": [], "saml": empty_saml(e, tenant_id), "oidc": None}
    return doc


def saml_of(e: Emulator, tenant_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The SAML part of a settings document (defaults when absent)."""
    saml: dict[str, Any] = doc.get("saml") or empty_saml(e, tenant_id)
    return saml


def save(e: Emulator, tenant_id: str, doc: dict[str, Any], domains: list[str] | None) -> None:
    """Store a tenant's settings; the tenant shows its SSO domains and auth type."""
    if domains is not None:
        doc["domains"] = list(domains)
    with e.store.tx():
        e.store.sso_settings.save(tenant_id, doc)
        tenant = e.store.tenants.get(tenant_id)
        if tenant is not None:
            tenant["domains"] = doc["domains"]
            tenant["authType"] = doc["authType"]
            e.store.tenants.save(tenant)
    audit.record(e, "SSOSettingsUpdated", tenants=[tenant_id], data={"authType": doc["authType"]})


def delete(e: Emulator, tenant_id: str) -> None:
    """Forget a tenant's settings."""
    with e.store.tx():
        e.store.sso_settings.save(tenant_id, None)
        tenant = e.store.tenants.get(tenant_id)
        if tenant is not None:
            tenant["domains"] = []
            tenant["authType"] = "none"
            e.store.tenants.save(tenant)
    audit.record(e, "SSOSettingsDeleted", tenants=[tenant_id])


def role_mappings(e: Emulator, tenant_id: str, mappings: list[tuple[str, list[str]]]
                  ) -> list[dict[str, Any]]:
    """``groupsMapping`` from (role name, groups) pairs; every role must exist (404)."""
    out = []
    for role, groups in mappings:
        if e.store.roles.get(role, tenant_id) is None and e.store.roles.get(role) is None:
            raise errors.ROLE_NOT_FOUND(f"Role '{role}' not found")
        out.append({"role": {"name": role}, "groups": groups})
    return out


def attribute_mapping(raw: Any) -> dict[str, Any]:
    """A SAML attribute mapping with every key present."""
    raw = raw if isinstance(raw, dict) else {}
    out: dict[str, Any] = {k: raw.get(k) or "" for k in SAML_MAPPING_KEYS}
    out["customAttributes"] = raw.get("customAttributes") or {}
    return out


def public_oidc(oidc: dict[str, Any] | None) -> dict[str, Any]:
    """OIDC settings as the API shows them (the client secret is not)."""
    return {k: v for k, v in (oidc or {}).items() if not k.startswith("_")}


def tenant_for_email(e: Emulator, email: str) -> str | None:
    """The tenant whose SSO domains include the email's domain."""
    domain = email.rpartition("@")[2].lower()
    if not domain:
        return None
    for tenant_id, doc in e.store.sso_settings.all().items():
        if domain in [d.lower() for d in doc.get("domains") or []]:
            return tenant_id
    return None


def sso_roles_for(e: Emulator, tenant_id: str, groups: list[str]) -> list[str]:
    """The tenant roles the IdP groups map to (else the default SSO roles)."""
    saml = settings_of(e, tenant_id).get("saml") or {}
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
    configured = e.store.sso_settings.get(tenant_id) is not None
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
    e.store.users.save(user)
    return user


def groups(e: Emulator, tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's groups (mapped ones and those users brought) with their members."""
    names: list[str] = []
    for mapping in (settings_of(e, tenant_id).get("saml") or {}).get("groupsMapping") or []:
        for g in mapping.get("groups") or []:
            if g not in names:
                names.append(g)
    members: dict[str, list[dict[str, Any]]] = {}
    for user in e.store.users.all():
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
