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
from ._base import check_dict, check_id, check_opt_bool, check_opt_str, check_str_list, invalid

__all__ = [
    "AssociatedTenant",
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
    idp_additional_certs: list[str] | None = None
    sp_acs_url: str | None = None
    sp_entity_id: str | None = None
    attribute_mapping: AttributeMapping | None = None
    role_mappings: list[RoleMapping] | None = None
    default_sso_roles: list[str] | None = None
    groups_priority: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    config_fga_tenant_id_resource_prefix: str | None = None
    config_fga_tenant_id_resource_suffix: str | None = None

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
    idp_entity_id: str | None = None
    sp_acs_url: str | None = None
    sp_entity_id: str | None = None
    attribute_mapping: AttributeMapping | None = None
    role_mappings: list[RoleMapping] | None = None
    default_sso_roles: list[str] | None = None
    groups_priority: list[str] | None = None
    fga_mappings: dict[str, FGAGroupMapping] | None = None
    config_fga_tenant_id_resource_prefix: str | None = None
    config_fga_tenant_id_resource_suffix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "idpMetadataUrl": check_opt_str(self.idp_metadata_url, "idp_metadata_url"),
            "entityId": check_opt_str(self.idp_entity_id, "idp_entity_id"),
            **_saml_sp_fields(self),
        }


def _saml_sp_fields(s: SSOSAMLSettings | SSOSAMLSettingsByMetadata) -> dict[str, Any]:
    """The service-provider half both SAML settings send, after their IdP fields."""
    return {
        "spACSUrl": check_opt_str(s.sp_acs_url, "sp_acs_url"),
        "spEntityId": check_opt_str(s.sp_entity_id, "sp_entity_id"),
        "attributeMapping": _mapping(s.attribute_mapping, AttributeMapping),
        "roleMappings": role_mappings_to_list(s.role_mappings),
        "defaultSSORoles": check_str_list(s.default_sso_roles, "default_sso_roles"),
        "groupsPriority": check_str_list(s.groups_priority, "groups_priority"),
        "fgaMappings": fga_mappings_to_dict(s.fga_mappings),
        "configFGATenantIDResourcePrefix": s.config_fga_tenant_id_resource_prefix,
        "configFGATenantIDResourceSuffix": s.config_fga_tenant_id_resource_suffix,
    }


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

    def to_dict(self) -> dict[str, Any]:
        return {
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
