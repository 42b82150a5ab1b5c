"""Argument classes of the management API, with the official SDK's names.

Each class knows its own JSON shape (`to_dict`) so the area modules stay a list of calls.
Where the seed README and the official SDK spell an argument differently, both spellings
are accepted (`RoleMapping(role=...)` and `RoleMapping(role_name=...)`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..options import AssociatedTenant
from ._base import (
    check_dict,
    check_id,
    check_opt_bool,
    check_opt_str,
    check_str,
    check_str_list,
    invalid,
)

__all__ = [
    "AssociatedTenant",
    "AssociatedFamily",
    "CreateUserObj",
    "CustomAttribute",
    "CustomAttributeOption",
    "FlowRunOptions",
    "MgmtLoginOptions",
    "MgmtSignUpOptions",
    "MgmtUserRequest",
    "SSOSetupSuiteSettings",
    "SSOSetupSuiteSettingsDisabledFeatures",
    "SessionExpirationUnit",
    "XAAIssuerSettings",
    "XAAJWTBearerSettings",
    "XAASettings",
    "AttributeMapping",
    "FGAGroupMapping",
    "FGAGroupMappingRelation",
    "OIDCAttributeMapping",
    "RoleMapping",
    "SAMLIDPAttributeMappingInfo",
    "SAMLIDPGroupsMappingInfo",
    "SAMLIDPRoleGroupMappingInfo",
    "SSOOIDCSettings",
    "SSOSAMLSettings",
    "SSOSAMLSettingsByMetadata",
    "Sort",
    "UserObj",
    "UserPassword",
    "UserPasswordBcrypt",
    "UserPasswordDjango",
    "UserPasswordFirebase",
    "UserPasswordPbkdf2",
    "UserStatus",
    "TenantAuthType",
    "associated_tenants_to_list",
]


class UserStatus(enum.Enum):
    ENABLED = "enabled"
    DISABLED = "disabled"
    INVITED = "invited"
    EXPIRED = "expired"


USER_STATUSES = frozenset(s.value for s in UserStatus)


def check_status(value: Any, name: str = "status") -> str | None:
    if value is None:
        return None
    if isinstance(value, UserStatus):
        return value.value
    if value not in USER_STATUSES:
        invalid(f"{name} must be one of {sorted(USER_STATUSES)}")
    return str(value)


class TenantAuthType(enum.Enum):
    NONE = "none"
    SAML = "saml"
    OIDC = "oidc"


def associated_tenants_to_list(value: Any, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list of AssociatedTenant")
    out: list[dict[str, Any]] = []
    for item in value:
        if not isinstance(item, AssociatedTenant):
            invalid(f"{name} must be a list of AssociatedTenant")
        check_id(item.tenant_id, "tenant_id")
        check_str_list(item.role_names, "role_names", default_empty=True)
        out.append(item.to_dict())
    return out


@dataclass(eq=False, repr=False)
class Sort:
    field: str
    desc: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"field": check_id(self.field, "sort.field"), "desc": bool(self.desc)}


# -- passwords (invite_batch) ------------------------------------------------------------


@dataclass(eq=False, repr=False)
class UserPasswordBcrypt:
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"bcrypt": {"hash": self.hash}}


@dataclass(eq=False, repr=False)
class UserPasswordFirebase:
    hash: str
    salt: str
    salt_separator: str
    signer_key: str
    memory: int
    rounds: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "firebase": {
                "hash": self.hash,
                "salt": self.salt,
                "saltSeparator": self.salt_separator,
                "signerKey": self.signer_key,
                "memory": self.memory,
                "rounds": self.rounds,
            }
        }


@dataclass(eq=False, repr=False)
class UserPasswordPbkdf2:
    hash: str
    salt: str
    iterations: int
    variant: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "pbkdf2": {
                "hash": self.hash,
                "salt": self.salt,
                "iterations": self.iterations,
                "type": self.variant,
            }
        }


@dataclass(eq=False, repr=False)
class UserPasswordDjango:
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"django": {"hash": self.hash}}


_Hashed = UserPasswordBcrypt | UserPasswordFirebase | UserPasswordPbkdf2 | UserPasswordDjango


@dataclass(eq=False, repr=False)
class UserPassword:
    """Either a cleartext password or a hashed one (bcrypt, firebase, pbkdf2, django)."""

    cleartext: str | None = None
    hashed: _Hashed | None = None


@dataclass(eq=False, repr=False)
class UserObj:
    """One user of `user.invite_batch`."""

    login_id: str
    email: str | None = None
    phone: str | None = None
    display_name: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    role_names: list[str] | None = None
    user_tenants: list[AssociatedTenant] | None = None
    picture: str | None = None
    custom_attributes: dict[str, Any] | None = None
    verified_email: bool | None = None
    verified_phone: bool | None = None
    additional_login_ids: list[str] | None = None
    sso_app_ids: list[str] | None = None
    password: UserPassword | str | None = None
    seed: str | None = None
    status: str | None = None
    family_associations: list[AssociatedFamily] | None = None


# -- SSO (tenant as SP) ----------------------------------------------------------------


@dataclass(eq=False, repr=False)
class AttributeMapping:
    """SAML IdP attribute names for the user's fields."""

    name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    group: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    picture: str | None = None
    custom_attributes: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phoneNumber": self.phone_number,
            "group": self.group,
            "givenName": self.given_name,
            "middleName": self.middle_name,
            "familyName": self.family_name,
            "picture": self.picture,
            "customAttributes": self.custom_attributes,
        }


@dataclass(eq=False, repr=False)
class OIDCAttributeMapping:
    """OIDC claim names for the user's fields (all eleven are required)."""

    login_id: str
    name: str
    given_name: str
    middle_name: str
    family_name: str
    email: str
    verified_email: str
    username: str
    phone_number: str
    verified_phone: str
    picture: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "loginId": self.login_id,
            "name": self.name,
            "givenName": self.given_name,
            "middleName": self.middle_name,
            "familyName": self.family_name,
            "email": self.email,
            "verifiedEmail": self.verified_email,
            "username": self.username,
            "phoneNumber": self.phone_number,
            "verifiedPhone": self.verified_phone,
            "picture": self.picture,
        }


class RoleMapping:
    """IdP groups mapped to one Descope role.

    The official SDK names the role `role_name`; the seed README writes `role=`. Both work,
    positionally too: `RoleMapping(["grp"], "Tenant Admin")`.
    """

    def __init__(
        self, groups: list[str], role_name: str | None = None, *, role: str | None = None
    ) -> None:
        if role_name is not None and role is not None and role_name != role:
            invalid("RoleMapping: give role_name or role, not both")
        self.groups = list(groups) if groups is not None else []
        self.role_name = role_name if role_name is not None else role

    @property
    def role(self) -> str | None:
        return self.role_name

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": check_str_list(self.groups, "groups", default_empty=True),
            "roleName": check_id(self.role_name, "role_name"),
        }


def role_mappings_to_list(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        invalid("role_mappings must be a list of RoleMapping")
    out = []
    for item in value:
        if not isinstance(item, RoleMapping):
            invalid("role_mappings must be a list of RoleMapping")
        out.append(item.to_dict())
    return out


@dataclass(eq=False, repr=False)
class FGAGroupMappingRelation:
    resource: str
    relation_definition: str
    namespace: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "resource": self.resource,
            "relationDefinition": self.relation_definition,
            "namespace": self.namespace,
        }


class FGAGroupMapping:
    def __init__(self, relations: list[FGAGroupMappingRelation]) -> None:
        self.relations = list(relations)

    def to_dict(self) -> dict[str, Any]:
        return {"relations": [r.to_dict() for r in self.relations]}


def fga_mappings_to_dict(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        invalid("fga_mappings must be a dict of FGAGroupMapping")
    out: dict[str, Any] = {}
    for group, mapping in value.items():
        out[group] = mapping.to_dict() if isinstance(mapping, FGAGroupMapping) else mapping
    return out


@dataclass(eq=False, repr=False)
class SSOSAMLSettings:
    idp_url: str
    idp_entity_id: str
    idp_cert: str
    attribute_mapping: AttributeMapping | None = None
    role_mappings: list[RoleMapping] | None = None
    default_sso_roles: list[str] | None = None
    idp_additional_certs: list[str] | None = None
    groups_priority: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    config_fga_tenant_id_resource_prefix: str | None = None
    config_fga_tenant_id_resource_suffix: str | None = None
    sp_acs_url: str | None = None
    sp_entity_id: str | None = None
    disable_sign_request: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "idpUrl": check_opt_str(self.idp_url, "idp_url"),
            "entityId": check_opt_str(self.idp_entity_id, "idp_entity_id"),
            "idpCert": check_opt_str(self.idp_cert, "idp_cert"),
            "idpAdditionalCerts": check_str_list(self.idp_additional_certs, "idp_additional_certs"),
            **_saml_sp_fields(self),
        }


@dataclass(eq=False, repr=False)
class SSOSAMLSettingsByMetadata:
    idp_metadata_url: str
    attribute_mapping: AttributeMapping | None = None
    role_mappings: list[RoleMapping] | None = None
    default_sso_roles: list[str] | None = None
    groups_priority: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    config_fga_tenant_id_resource_prefix: str | None = None
    config_fga_tenant_id_resource_suffix: str | None = None
    sp_acs_url: str | None = None
    sp_entity_id: str | None = None
    idp_entity_id: str | None = None
    disable_sign_request: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "idpMetadataUrl": check_opt_str(self.idp_metadata_url, "idp_metadata_url"),
            "entityId": check_opt_str(self.idp_entity_id, "idp_entity_id"),
            **_saml_sp_fields(self),
        }


def _saml_sp_fields(s: SSOSAMLSettings | SSOSAMLSettingsByMetadata) -> dict[str, Any]:
    """The service-provider half both SAML settings send, after their IdP fields."""
    out = {
        "spACSUrl": check_opt_str(s.sp_acs_url, "sp_acs_url"),
        "spEntityId": check_opt_str(s.sp_entity_id, "sp_entity_id"),
        "attributeMapping": _mapping(s.attribute_mapping, AttributeMapping),
        "roleMappings": role_mappings_to_list(s.role_mappings),
        "defaultSSORoles": check_str_list(s.default_sso_roles, "default_sso_roles"),
        "groupsPriority": check_str_list(s.groups_priority, "groups_priority"),
        "fgaMappings": fga_mappings_to_dict(s.fga_mappings),
        "configFGATenantIDResourcePrefix": s.config_fga_tenant_id_resource_prefix,
        "configFGATenantIDResourceSuffix": s.config_fga_tenant_id_resource_suffix,
        "disableSignRequest": bool(check_opt_bool(s.disable_sign_request, "disable_sign_request")),
    }
    if s.default_sso_roles is not None and len(s.default_sso_roles) == 0:
        # an explicit empty list clears the default roles (None leaves them alone)
        out["replaceDefaultSSORoles"] = True
    return out


@dataclass(eq=False, repr=False)
class SSOOIDCSettings:
    name: str
    client_id: str
    client_secret: str | None = None
    redirect_url: str | None = None
    auth_url: str | None = None
    token_url: str | None = None
    user_data_url: str | None = None
    scope: list[str] | None = None
    jwks_url: str | None = None
    attribute_mapping: OIDCAttributeMapping | None = None
    manage_provider_tokens: bool = False
    callback_domain: str | None = None
    prompt: list[str] | None = None
    grant_type: str | None = None
    issuer: str | None = None
    groups_priority: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    use_pkce: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        body = {
            "name": check_opt_str(self.name, "name"),
            "clientId": check_opt_str(self.client_id, "client_id"),
            "clientSecret": check_opt_str(self.client_secret, "client_secret"),
            "redirectUrl": check_opt_str(self.redirect_url, "redirect_url"),
            "authUrl": check_opt_str(self.auth_url, "auth_url"),
            "tokenUrl": check_opt_str(self.token_url, "token_url"),
            "userDataUrl": check_opt_str(self.user_data_url, "user_data_url"),
            "scope": check_str_list(self.scope, "scope"),
            "JWKsUrl": check_opt_str(self.jwks_url, "jwks_url"),
            "userAttrMapping": _mapping(self.attribute_mapping, OIDCAttributeMapping),
            "manageProviderTokens": bool(
                check_opt_bool(self.manage_provider_tokens, "manage_provider_tokens")
            ),
            "callbackDomain": check_opt_str(self.callback_domain, "callback_domain"),
            "prompt": check_str_list(self.prompt, "prompt"),
            "grantType": check_opt_str(self.grant_type, "grant_type"),
            "issuer": check_opt_str(self.issuer, "issuer"),
            "groupsPriority": check_str_list(self.groups_priority, "groups_priority"),
            "fgaMappings": fga_mappings_to_dict(self.fga_mappings),
        }
        if self.use_pkce is not None:
            body["usePkce"] = check_opt_bool(self.use_pkce, "use_pkce")
        return body


def _mapping(value: Any, cls: type) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, cls):
        invalid(f"attribute_mapping must be a {cls.__name__}")
    return value.to_dict()  # type: ignore[no-any-return,attr-defined,unused-ignore]


# -- SSO applications (Descope as IdP) --------------------------------------------------


@dataclass(eq=False, repr=False)
class SAMLIDPAttributeMappingInfo:
    name: str
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "value": self.value}


@dataclass(eq=False, repr=False)
class SAMLIDPRoleGroupMappingInfo:
    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(eq=False, repr=False)
class SAMLIDPGroupsMappingInfo:
    name: str
    type: str
    filter_type: str
    value: str
    roles: list[SAMLIDPRoleGroupMappingInfo]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "filterType": self.filter_type,
            "value": self.value,
            "roles": [r.to_dict() for r in (self.roles or [])],
        }


def to_dict_list(value: Any, cls: type, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list of {cls.__name__}")
    out = []
    for item in value:
        if not isinstance(item, cls):
            invalid(f"{name} must be a list of {cls.__name__}")
        out.append(item.to_dict())  # type: ignore[attr-defined]
    return out


def custom_attributes(value: Any, name: str = "custom_attributes") -> dict[str, Any] | None:
    return check_dict(value, name)


# -- families and custom attribute definitions --------------------------------------------


@dataclass(eq=False, repr=False)
class AssociatedFamily:
    """A family a user belongs to, with roles and family-scoped attributes in it."""

    family_id: str
    role_names: list[str] | None = None
    family_scoped_attributes: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"familyId": check_id(self.family_id, "family_id")}
        if self.role_names is not None:
            out["roleNames"] = check_str_list(self.role_names, "role_names")
        if self.family_scoped_attributes is not None:
            out["familyScopedAttributes"] = check_dict(
                self.family_scoped_attributes, "family_scoped_attributes"
            )
        return out


def associated_families_to_list(value: Any, name: str) -> list[dict[str, Any]]:
    """`[AssociatedFamily]` as the wire list (`None` -> `[]`)."""
    return to_dict_list(value, AssociatedFamily, name)


@dataclass(eq=False, repr=False)
class CustomAttributeOption:
    """One allowed value of a select-type custom attribute."""

    value: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": check_str(self.value, "value"), "label": check_str(self.label, "label")}


@dataclass(eq=False, repr=False)
class CustomAttribute:
    """A custom attribute definition (`type` is Descope's integer type code)."""

    name: str
    type: int
    display_name: str | None = None
    options: list[CustomAttributeOption] | None = None
    default_value: Any = None
    view_permissions: list[str] | None = None
    edit_permissions: list[str] | None = None

    def to_dict(self) -> dict[str, Any]:
        if isinstance(self.type, bool) or not isinstance(self.type, int):
            invalid("type must be an integer")
        out: dict[str, Any] = {"name": check_id(self.name, "name"), "type": self.type}
        if self.display_name is not None:
            out["displayName"] = check_str(self.display_name, "display_name")
        if self.options is not None:
            out["options"] = to_dict_list(self.options, CustomAttributeOption, "options")
        if self.default_value is not None:
            out["defaultValue"] = self.default_value
        if self.view_permissions is not None:
            out["viewPermissions"] = check_str_list(self.view_permissions, "view_permissions")
        if self.edit_permissions is not None:
            out["editPermissions"] = check_str_list(self.edit_permissions, "edit_permissions")
        return out


@dataclass(eq=False, repr=False)
class CreateUserObj:
    """The user of `user.generate_sign_up_embedded_link` (sent with its Python names)."""

    email: str | None = None
    phone: str | None = None
    name: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # the official SDK sends the object's attributes as they are named in Python
        return {
            "email": check_opt_str(self.email, "email"),
            "phone": check_opt_str(self.phone, "phone"),
            "name": check_opt_str(self.name, "name"),
            "given_name": check_opt_str(self.given_name, "given_name"),
            "middle_name": check_opt_str(self.middle_name, "middle_name"),
            "family_name": check_opt_str(self.family_name, "family_name"),
        }


# -- tenant session settings and the SSO setup suite ----------------------------------------


class SessionExpirationUnit(enum.Enum):
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"


def enum_value(value: Any, cls: type[enum.Enum], name: str) -> str | None:
    """An enum member or its string value as the string (`None` stays `None`)."""
    if value is None:
        return None
    if isinstance(value, cls):
        return str(value.value)
    allowed = {str(m.value) for m in cls}
    if value not in allowed:
        invalid(f"{name} must be one of {sorted(allowed)}")
    return str(value)


@dataclass(eq=False, repr=False)
class SSOSetupSuiteSettingsDisabledFeatures:
    saml: bool = False
    oidc: bool = False
    scim: bool = False
    sso_domains: bool = False
    group_mapping: bool = False

    def to_dict(self) -> dict[str, bool]:
        return {
            "saml": bool(self.saml),
            "oidc": bool(self.oidc),
            "scim": bool(self.scim),
            "ssoDomains": bool(self.sso_domains),
            "groupMapping": bool(self.group_mapping),
        }


@dataclass(eq=False, repr=False)
class SSOSetupSuiteSettings:
    enabled: bool
    style_id: str | None = None
    disabled_features: SSOSetupSuiteSettingsDisabledFeatures | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"enabled": bool(check_opt_bool(self.enabled, "enabled"))}
        if self.style_id is not None:
            out["styleId"] = check_str(self.style_id, "style_id")
        if self.disabled_features is not None:
            if not isinstance(self.disabled_features, SSOSetupSuiteSettingsDisabledFeatures):
                invalid("disabled_features must be a SSOSetupSuiteSettingsDisabledFeatures")
            out["disabledFeatures"] = self.disabled_features.to_dict()
        return out


# -- cross-app access (XAA, JWT bearer grant) per SSO configuration -------------------------


@dataclass(eq=False, repr=False)
class XAAIssuerSettings:
    jwks_uri: str | None = None
    sign_algorithm: str | None = None
    user_info_uri: str | None = None
    external_id_field_name: str | None = None
    jit_disabled: bool | None = None
    attribute_mapping: AttributeMapping | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "jwksUri": check_opt_str(self.jwks_uri, "jwks_uri"),
            "signAlgorithm": check_opt_str(self.sign_algorithm, "sign_algorithm"),
            "userInfoUri": check_opt_str(self.user_info_uri, "user_info_uri"),
            "externalIdFieldName": check_opt_str(
                self.external_id_field_name, "external_id_field_name"
            ),
            "jitDisabled": check_opt_bool(self.jit_disabled, "jit_disabled"),
            "attributeMapping": _mapping(self.attribute_mapping, AttributeMapping),
        }


@dataclass(eq=False, repr=False)
class XAAJWTBearerSettings:
    issuers: dict[str, XAAIssuerSettings] | None = None
    jwt_bearer_grant_type_audience_to_use: str | None = None
    jwt_bearer_grant_type_scope_to_use: str | None = None
    jwt_bearer_grant_type_custom_claims_to_use: str | None = None

    def to_dict(self) -> dict[str, Any]:
        issuers: dict[str, Any] | None = None
        if self.issuers is not None:
            if not isinstance(self.issuers, dict):
                invalid("issuers must be a dict of issuer URL -> XAAIssuerSettings")
            issuers = {}
            for url, issuer in self.issuers.items():
                if not isinstance(issuer, XAAIssuerSettings):
                    invalid("issuers must be a dict of issuer URL -> XAAIssuerSettings")
                issuers[check_id(url, "issuer url")] = issuer.to_dict()
        return {
            "issuers": issuers,
            "jwtBearerGrantTypeAudienceToUse": self.jwt_bearer_grant_type_audience_to_use,
            "jwtBearerGrantTypeScopeToUse": self.jwt_bearer_grant_type_scope_to_use,
            "jwtBearerGrantTypeCustomClaimsToUse": self.jwt_bearer_grant_type_custom_claims_to_use,
        }


@dataclass(eq=False, repr=False)
class XAASettings:
    enabled: bool | None = None
    settings: XAAJWTBearerSettings | None = None
    role_mappings: list[RoleMapping] | None = None
    default_sso_roles: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    groups_priority: list[str] | None = None
    group_priority_enabled: bool | None = None
    allow_override_roles: bool | None = None
    provider_id: str | None = None


# -- management sign-in (jwt.sign_in / sign_up / sign_up_or_in) ----------------------------


@dataclass(eq=False, repr=False)
class MgmtLoginOptions:
    stepup: bool = False
    mfa: bool = False
    revoke_other_sessions: bool | None = None
    custom_claims: dict[str, Any] | None = None
    jwt: str | None = None
    refresh_duration: int | None = None


@dataclass(eq=False, repr=False)
class MgmtUserRequest:
    name: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    phone: str | None = None
    email: str | None = None
    email_verified: bool | None = None
    phone_verified: bool | None = None
    sso_app_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": check_opt_str(self.name, "name"),
            "givenName": check_opt_str(self.given_name, "given_name"),
            "middleName": check_opt_str(self.middle_name, "middle_name"),
            "familyName": check_opt_str(self.family_name, "family_name"),
            "phone": check_opt_str(self.phone, "phone"),
            "email": check_opt_str(self.email, "email"),
            "emailVerified": check_opt_bool(self.email_verified, "email_verified"),
            "phoneVerified": check_opt_bool(self.phone_verified, "phone_verified"),
            "ssoAppId": check_opt_str(self.sso_app_id, "sso_app_id"),
        }


@dataclass(eq=False, repr=False)
class MgmtSignUpOptions:
    custom_claims: dict[str, Any] | None = None
    refresh_duration: int | None = None


# -- flows ------------------------------------------------------------------------------------


@dataclass(eq=False, repr=False)
class FlowRunOptions:
    """How `flow.run_flow` runs a flow: its input, preview mode, the tenant."""

    flow_input: dict[str, Any] | None = None
    preview: bool | None = None
    tenant: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.flow_input is not None:
            out["input"] = check_dict(self.flow_input, "flow_input")
        if self.preview is not None:
            out["preview"] = check_opt_bool(self.preview, "preview")
        if self.tenant is not None:
            out["tenant"] = check_str(self.tenant, "tenant")
        return out

    @staticmethod
    def from_dict(options: Any) -> FlowRunOptions:
        """A dict with the wire names (`input`, `preview`, `tenant`); other keys are dropped."""
        if not isinstance(options, dict):
            invalid("options must be a FlowRunOptions or a dict")
        return FlowRunOptions(options.get("input"), options.get("preview"), options.get("tenant"))
