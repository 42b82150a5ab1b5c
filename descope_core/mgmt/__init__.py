"""`client.mgmt`: the Descope Management API, one attribute per area.

Every area is written once (`@api` methods returning call descriptions) and runs
blocking under `DescopeClient` or as coroutines under `DescopeClientAsync`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..api import Bound, M
from .access_key import AccessKey
from .analytics import Analytics
from .audit import Audit
from .authz import Authz
from .descoper import (
    Descoper,
    DescoperAttributes,
    DescoperCreate,
    DescoperProjectRole,
    DescoperRBAC,
    DescoperRole,
    DescoperTagRole,
)
from .engine import Engine
from .family import Family
from .fga import FGA
from .flow import Flow
from .group import Group
from .jwt import JWT
from .license import License
from .list import Lists
from .management_key import (
    ManagementKey,
    MgmtKeyProjectRole,
    MgmtKeyReBac,
    MgmtKeyStatus,
    MgmtKeyTagRole,
)
from .outbound_application import (
    AccessType,
    OutboundApplication,
    OutboundApplicationByToken,
    PromptType,
    URLParam,
)
from .outbound_scim import OutboundSCIM
from .password import PasswordSettings
from .permission import Permission
from .project import Project
from .role import Role
from .scope_claim_mapping import ScopeClaimMapping
from .sso import SSOSettings
from .sso_application import SSOApplication
from .tenant import Tenant
from .third_party_application import ThirdPartyApplication
from .types import (
    AssociatedFamily,
    AssociatedTenant,
    AttributeMapping,
    CreateUserObj,
    CustomAttribute,
    CustomAttributeOption,
    FGAGroupMapping,
    FGAGroupMappingRelation,
    FlowRunOptions,
    MgmtLoginOptions,
    MgmtSignUpOptions,
    MgmtUserRequest,
    OIDCAttributeMapping,
    RoleMapping,
    SAMLIDPAttributeMappingInfo,
    SAMLIDPGroupsMappingInfo,
    SAMLIDPRoleGroupMappingInfo,
    SessionExpirationUnit,
    Sort,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    SSOSetupSuiteSettings,
    SSOSetupSuiteSettingsDisabledFeatures,
    TenantAuthType,
    UserObj,
    UserPassword,
    UserPasswordBcrypt,
    UserPasswordDjango,
    UserPasswordFirebase,
    UserPasswordPbkdf2,
    UserStatus,
    XAAIssuerSettings,
    XAAJWTBearerSettings,
    XAASettings,
)
from .user import User

if TYPE_CHECKING:
    from ..runner import AsyncRunner, Runner

__all__ = [
    "Management",
    "MgmtKeyProjectRole",
    "MgmtKeyReBac",
    "MgmtKeyStatus",
    "MgmtKeyTagRole",
    "KeylessManagement",
    # -- outbound applications, third-party applications, descopers
    "AccessType",
    "PromptType",
    "URLParam",
    "DescoperAttributes",
    "DescoperCreate",
    "DescoperProjectRole",
    "DescoperRBAC",
    "DescoperRole",
    "DescoperTagRole",
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

class Management(Bound[M]):
    """Every management area as an attribute (`mgmt.user`, `mgmt.tenant`, ...).

    Reached through `client.mgmt`, which refuses without a management key. A new area
    is one module (`mgmt/<area>.py`, a `MgmtArea[M]` subclass) plus one line here.
    """

    __slots__ = (
        "tenant",
        "user",
        "access_key",
        "sso",
        "permission",
        "role",
        "group",
        "flow",
        "jwt",
        "audit",
        "fga",
        "authz",
        "project",
        "sso_application",
        "license",
        # -- areas of the official SDK 2.16
        "engine",
        "list",
        "scope_claim_mapping",
        # -- applications, SCIM, descopers, password policy, management keys
        "outbound_application",
        "outbound_application_by_token",
        "third_party_application",
        "outbound_scim",
        "descoper",
        "password",
        "management_key",
        # -- family, analytics
        "family",
        "analytics",
    )

    def __init__(self, runner: Runner | AsyncRunner) -> None:
        super().__init__(runner)
        self.tenant: Tenant[M] = Tenant(runner)
        self.user: User[M] = User(runner)
        self.access_key: AccessKey[M] = AccessKey(runner)
        self.sso: SSOSettings[M] = SSOSettings(runner)
        self.permission: Permission[M] = Permission(runner)
        self.role: Role[M] = Role(runner)
        self.group: Group[M] = Group(runner)
        self.flow: Flow[M] = Flow(runner)
        self.jwt: JWT[M] = JWT(runner)
        self.audit: Audit[M] = Audit(runner)
        self.fga: FGA[M] = FGA(runner)
        self.authz: Authz[M] = Authz(runner)
        self.project: Project[M] = Project(runner)
        self.sso_application: SSOApplication[M] = SSOApplication(runner)
        self.license: License[M] = License(runner)
        self.engine: Engine[M] = Engine(runner)
        self.list: Lists[M] = Lists(runner)
        self.scope_claim_mapping: ScopeClaimMapping[M] = ScopeClaimMapping(runner)
        # -- applications and descopers
        self.outbound_application: OutboundApplication[M] = OutboundApplication(runner)
        self.outbound_application_by_token: OutboundApplicationByToken[M] = (
            OutboundApplicationByToken(runner)
        )
        self.third_party_application: ThirdPartyApplication[M] = ThirdPartyApplication(runner)
        self.outbound_scim: OutboundSCIM[M] = OutboundSCIM(runner)
        self.descoper: Descoper[M] = Descoper(runner)
        self.password: PasswordSettings[M] = PasswordSettings(runner)
        self.management_key: ManagementKey[M] = ManagementKey(runner)
        self.family: Family[M] = Family(runner)
        self.analytics: Analytics[M] = Analytics(runner)

    def __repr__(self) -> str:
        return "Management()"


KEYLESS_AREAS = frozenset({"outbound_application_by_token"})
"""The areas a client without a management key may use (they carry their own token)."""


class KeylessManagement:
    """`client.mgmt` of a client without a management key: only `KEYLESS_AREAS` work;
    touching any other area raises the management-key `AuthException` (nothing is sent).
    """

    __slots__ = ("_mgmt", "_refuse")

    def __init__(self, mgmt: Management[Any], refuse: Callable[[], object]) -> None:
        self._mgmt: Management[Any] = mgmt
        self._refuse = refuse

    def __getattr__(self, name: str) -> Any:
        if name in KEYLESS_AREAS:
            return getattr(self._mgmt, name)
        if name in Management.__slots__:
            self._refuse()
        raise AttributeError(name)

    def __repr__(self) -> str:
        return "Management(without management key)"
