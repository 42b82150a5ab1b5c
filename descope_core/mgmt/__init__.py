"""`client.mgmt`: the Descope Management API, one attribute per area.

Areas are created on first use; touching any of them without a management key raises
`AuthException(error_type="invalid argument")` and sends nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..exceptions import ERROR_TYPE_INVALID_ARGUMENT, AuthException
from .access_key import AccessKey
from .audit import Audit
from .authz import Authz
from .fga import FGA
from .flow import Flow
from .group import Group
from .jwt import JWT
from .license import License
from .permission import Permission
from .project import Project
from .role import Role
from .sso import SSOSettings
from .sso_application import SSOApplication
from .tenant import Tenant
from .types import (
    AssociatedTenant,
    AttributeMapping,
    FGAGroupMapping,
    FGAGroupMappingRelation,
    OIDCAttributeMapping,
    RoleMapping,
    SAMLIDPAttributeMappingInfo,
    SAMLIDPGroupsMappingInfo,
    SAMLIDPRoleGroupMappingInfo,
    Sort,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    TenantAuthType,
    UserObj,
    UserPassword,
    UserPasswordBcrypt,
    UserPasswordDjango,
    UserPasswordFirebase,
    UserPasswordPbkdf2,
    UserStatus,
)
from .user import User

if TYPE_CHECKING:
    from ..config import DescopeConfig
    from ..transport import Transport

__all__ = [
    "Management",
    "AssociatedTenant",
    "AttributeMapping",
    "FGAGroupMapping",
    "FGAGroupMappingRelation",
    "OIDCAttributeMapping",
    "RoleMapping",
    "SAMLIDPAttributeMappingInfo",
    "SAMLIDPGroupsMappingInfo",
    "SAMLIDPRoleGroupMappingInfo",
    "Sort",
    "SSOOIDCSettings",
    "SSOSAMLSettings",
    "SSOSAMLSettingsByMetadata",
    "TenantAuthType",
    "UserObj",
    "UserPassword",
    "UserPasswordBcrypt",
    "UserPasswordDjango",
    "UserPasswordFirebase",
    "UserPasswordPbkdf2",
    "UserStatus",
]

_AREAS: dict[str, type] = {
    "tenant": Tenant,
    "user": User,
    "access_key": AccessKey,
    "sso": SSOSettings,
    "permission": Permission,
    "role": Role,
    "group": Group,
    "flow": Flow,
    "jwt": JWT,
    "audit": Audit,
    "fga": FGA,
    "authz": Authz,
    "project": Project,
    "sso_application": SSOApplication,
    "license": License,
}


class Management:
    """Every management area as an attribute (`mgmt.user`, `mgmt.tenant`, ...)."""

    tenant: Tenant
    user: User
    access_key: AccessKey
    sso: SSOSettings
    permission: Permission
    role: Role
    group: Group
    flow: Flow
    jwt: JWT
    audit: Audit
    fga: FGA
    authz: Authz
    project: Project
    sso_application: SSOApplication
    license: License

    def __init__(self, transport: Transport, config: DescopeConfig) -> None:
        self._transport = transport
        self._config = config
        self._areas: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        cls = _AREAS.get(name)
        if cls is None:
            raise AttributeError(name)
        if not self._config.management_key:
            raise AuthException(
                None, ERROR_TYPE_INVALID_ARGUMENT, "a management key is required for client.mgmt"
            )
        area = self._areas.get(name)
        if area is None:
            area = self._areas[name] = cls(self._transport, self._config)
        return area

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(_AREAS))
