"""A tenant's SSO: its settings documents (SAML / OIDC, domains, role mappings), what an
SSO sign-in does with the IdP's groups, and the groups the management API reports.

A tenant has a default configuration (``sso_id`` ``""``: the ``sso_settings`` table) and
may have more, each with an ``ssoId`` (records of kind ``sso_config``); calls that take an
``sso_id`` address one of those, the others the default one.

:func:`apply_sso_login` maps the IdP's groups to roles through the configuration's role
mappings (else its default SSO roles, else the tenant's default roles), puts the user in
the tenant with those roles and remembers the groups, which the group endpoints then
report; :func:`recalculate` re-applies the mappings to the users who signed in before."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import new_id, records
from . import audit
from .tenants import default_roles, require_role_names

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


def config_key(tenant_id: str, sso_id: str) -> str:
    """The record id of a tenant's configuration (the tenant id's length first, so no two
    (tenant, sso id) pairs share one whatever characters the ids hold)."""
    return f"{len(tenant_id)}:{tenant_id}/{sso_id}"


def settings_of(e: Emulator, tenant_id: str, sso_id: str = "") -> dict[str, Any]:
    """A configuration's settings document: the default one (defaults when never
    configured) or the named ``sso_id`` (404 when the tenant has none by that id)."""
    if sso_id:
        doc = e.store.records.get(records.SSO_CONFIG, config_key(tenant_id, sso_id))
        if doc is None:
            raise errors.SSO_CONFIG_NOT_FOUND(f"SSO configuration '{sso_id}' not found")
        return doc
    doc = e.store.sso_settings.get(tenant_id)
    if doc is None:
        doc = {"authType": "none", "domains": [], "saml": empty_saml(e, tenant_id), "oidc": None}
    return doc


def is_active(e: Emulator, tenant_id: str, sso_id: str = "") -> bool:
    """Whether a sign-in can go through the configuration (it exists, with a protocol)."""
    if sso_id:
        doc = e.store.records.get(records.SSO_CONFIG, config_key(tenant_id, sso_id))
    else:
        doc = e.store.sso_settings.get(tenant_id)
    return doc is not None and doc.get("authType") != "none"


def redirect_url_of(e: Emulator, tenant_id: str, sso_id: str = "") -> str:
    """Where a sign-in through the configuration lands when the app names no URL (the
    SAML or OIDC redirect URL, by its auth type)."""
    doc = settings_of(e, tenant_id, sso_id)
    if doc.get("authType") == "oidc":
        return str((doc.get("oidc") or {}).get("redirectUrl") or doc.get("oauthRedirectUrl") or "")
    return str(saml_of(e, tenant_id, doc).get("redirectUrl") or "")


def saml_of(e: Emulator, tenant_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The SAML part of a settings document (defaults when absent)."""
    saml: dict[str, Any] = doc.get("saml") or empty_saml(e, tenant_id)
    return saml


def save(e: Emulator, tenant_id: str, doc: dict[str, Any], domains: list[str] | None,
         sso_id: str = "") -> None:
    """Store a configuration; the tenant shows its default one's SSO domains and auth
    type."""
    if domains is not None:
        doc["domains"] = list(domains)
    if sso_id:
        key = config_key(tenant_id, sso_id)
        e.store.records.save(records.SSO_CONFIG, key,
                             {**doc, "_key": key, "tenantId": tenant_id, "ssoId": sso_id})
    else:
        with e.store.tx():
            e.store.sso_settings.save(tenant_id, doc)
            tenant = e.store.tenants.get(tenant_id)
            if tenant is not None:
                tenant["domains"] = doc["domains"]
                tenant["authType"] = doc["authType"]
                e.store.tenants.save(tenant)
    audit.record(e, "SSOSettingsUpdated", tenants=[tenant_id],
                 data={"authType": doc["authType"], "ssoId": sso_id})


def delete(e: Emulator, tenant_id: str, sso_id: str = "") -> None:
    """Forget a configuration (and its cross-app access settings); the others stay."""
    with e.store.tx():
        e.store.records.delete(records.SSO_XAA, config_key(tenant_id, sso_id))
        if sso_id:
            settings_of(e, tenant_id, sso_id)  # 404 when unknown
            e.store.records.delete(records.SSO_CONFIG, config_key(tenant_id, sso_id))
        else:
            e.store.sso_settings.save(tenant_id, None)
            tenant = e.store.tenants.get(tenant_id)
            if tenant is not None:
                tenant["domains"] = []
                tenant["authType"] = "none"
                e.store.tenants.save(tenant)
    audit.record(e, "SSOSettingsDeleted", tenants=[tenant_id], data={"ssoId": sso_id})


def new_config(e: Emulator, tenant_id: str, display_name: str, sso_id: str) -> str:
    """Add a named configuration (``sso_id`` made up when empty; 409 when taken);
    returns its id."""
    sso_id = sso_id or new_id("SSO", 14)
    if e.store.records.get(records.SSO_CONFIG, config_key(tenant_id, sso_id)) is not None:
        raise errors.SSO_CONFIG_EXISTS(f"SSO configuration '{sso_id}' already exists")
    doc = {"authType": "none", "domains": [], "saml": empty_saml(e, tenant_id), "oidc": None,
           "displayName": display_name}
    save(e, tenant_id, doc, None, sso_id)
    return sso_id


def configurations(e: Emulator, tenant_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(sso id, settings) of every configuration of the tenant: the default one when it
    was configured, then the named ones, oldest first."""
    out: list[tuple[str, dict[str, Any]]] = []
    default = e.store.sso_settings.get(tenant_id)
    if default is not None:
        out.append(("", default))
    for doc in e.store.records.all(records.SSO_CONFIG):
        if doc.get("tenantId") == tenant_id:
            out.append((str(doc.get("ssoId") or ""), doc))
    return out


def role_mappings(e: Emulator, tenant_id: str, mappings: list[tuple[str, list[str]]]
                  ) -> list[dict[str, Any]]:
    """``groupsMapping`` from (role name, groups) pairs; every role must exist (404)."""
    require_role_names(e, tenant_id, [role for role, _ in mappings])
    return [{"role": {"name": role}, "groups": groups} for role, groups in mappings]


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
    """The tenant whose SSO domains include the email's domain (one with a working SSO
    configuration first, when several list the domain), or None."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    matches = [tenant_id for tenant_id, doc in e.store.sso_settings.all().items()
               if domain in [str(d).lower() for d in doc.get("domains") or []]]
    active = [tenant_id for tenant_id in matches if is_active(e, tenant_id)]
    return (active or matches or [None])[0]


def sso_roles_for(e: Emulator, tenant_id: str, groups: list[str], sso_id: str = ""
                  ) -> list[str]:
    """The tenant roles the IdP groups map to (else the configuration's default SSO
    roles, else the tenant's default roles)."""
    saml = settings_of(e, tenant_id, sso_id).get("saml") or {}
    roles: list[str] = []
    for mapping in saml.get("groupsMapping") or []:
        if set(mapping.get("groups") or []) & set(groups):
            name = (mapping.get("role") or {}).get("name")
            if name and name not in roles:
                roles.append(name)
    if not roles:
        roles = list(saml.get("defaultSSORoles") or [])
    return roles or default_roles(e, tenant_id)


def apply_sso_login(
    e: Emulator, tenant_id: str, user: dict[str, Any], groups: list[str], sso_id: str = ""
) -> dict[str, Any]:
    """Give `user` the tenant roles the IdP groups map to and remember the groups (and
    the configuration they came through)."""
    current = next(
        (t for t in user.get("userTenants") or [] if t.get("tenantId") == tenant_id), None
    )
    roles = (
        sso_roles_for(e, tenant_id, groups, sso_id)
        if is_active(e, tenant_id, sso_id)
        else list((current or {}).get("roleNames") or [])
    )
    tenants = [t for t in user.get("userTenants") or [] if t.get("tenantId") != tenant_id]
    tenants.append({**(current or {}), "tenantId": tenant_id, "roleNames": roles})
    user["userTenants"] = tenants
    sso_groups = dict(user.get("ssoGroups") or {})
    sso_groups[tenant_id] = list(groups)
    user["ssoGroups"] = sso_groups
    user["ssoIds"] = {**(user.get("ssoIds") or {}), tenant_id: sso_id}
    user["SAML"] = True
    e.store.users.save(user)
    return user


def recalculate(e: Emulator, tenant_id: str, sso_id: str = "") -> int:
    """Re-apply the configuration's mappings to the tenant's users who signed in through
    it, with the groups their IdP last sent; returns how many users changed."""
    settings_of(e, tenant_id, sso_id)  # 404 for an unknown named configuration
    changed = 0
    with e.store.tx():
        for user in e.store.users.all():
            groups = (user.get("ssoGroups") or {}).get(tenant_id)
            if groups is None or (user.get("ssoIds") or {}).get(tenant_id, "") != sso_id:
                continue
            roles = sso_roles_for(e, tenant_id, list(groups), sso_id)
            memberships = list(user.get("userTenants") or [])
            for assoc in memberships:
                if assoc.get("tenantId") == tenant_id and assoc.get("roleNames") != roles:
                    assoc["roleNames"] = roles
                    user["userTenants"] = memberships
                    e.store.users.save(user)
                    changed += 1
    audit.record(e, "SSOMappingsRecalculated", tenants=[tenant_id],
                 data={"ssoId": sso_id, "users": changed})
    return changed


def groups(e: Emulator, tenant_id: str, sso_id: str = "") -> list[dict[str, Any]]:
    """The groups of a configuration of the tenant (the mapped ones and those its users'
    IdP sent) with their members."""
    names: list[str] = []
    for mapping in (settings_of(e, tenant_id, sso_id).get("saml") or {}).get("groupsMapping") or []:
        for g in mapping.get("groups") or []:
            if g not in names:
                names.append(g)
    members: dict[str, list[dict[str, Any]]] = {}
    for user in e.store.users.all():
        if (user.get("ssoIds") or {}).get(tenant_id, "") != sso_id:
            continue
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
        {"id": g, "display": g, "source": "jit", "ssoId": sso_id, "members": members.get(g, [])}
        for g in names
    ]
