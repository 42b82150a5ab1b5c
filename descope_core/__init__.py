"""descope_core: the framework-free Descope client (SDK-compatible names)."""

from .client import DescopeClient, DescopeClientAsync
from .config import DescopeConfig
from .constants import (
    API_RATE_LIMIT_RETRY_AFTER_HEADER,
    COOKIE_DATA_NAME,
    REFRESH_SESSION_COOKIE_NAME,
    REFRESH_SESSION_TOKEN_NAME,
    SESSION_COOKIE_NAME,
    SESSION_TOKEN_NAME,
    DeliveryMethod,
)
from .exceptions import (
    AuthException,
    DescopeError,
    ExpiredTokenException,
    RateLimitException,
    ServiceUnavailableException,
)
from .options import AccessKeyLoginOptions, AssociatedTenant, LoginOptions, SignUpOptions
from .outcome import AnonymousSession, CookieSpec, DescopeSession, Reason, SessionOutcome
from .session import SessionManager

__all__ = [
    "API_RATE_LIMIT_RETRY_AFTER_HEADER",
    "COOKIE_DATA_NAME",
    "REFRESH_SESSION_COOKIE_NAME",
    "REFRESH_SESSION_TOKEN_NAME",
    "SESSION_COOKIE_NAME",
    "SESSION_TOKEN_NAME",
    "AccessKeyLoginOptions",
    "AnonymousSession",
    "AssociatedTenant",
    "AuthException",
    "CookieSpec",
    "DeliveryMethod",
    "DescopeClient",
    "DescopeClientAsync",
    "DescopeConfig",
    "DescopeError",
    "DescopeSession",
    "ExpiredTokenException",
    "LoginOptions",
    "RateLimitException",
    "Reason",
    "ServiceUnavailableException",
    "SessionManager",
    "SessionOutcome",
    "SignUpOptions",
]

# --- management types ---
from .mgmt.types import (  # noqa: E402
    AssociatedFamily,
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

__all__ += [
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

# --- management key types ---
from .mgmt.management_key import (  # noqa: E402
    MgmtKeyProjectRole,
    MgmtKeyReBac,
    MgmtKeyStatus,
    MgmtKeyTagRole,
)

__all__ += ["MgmtKeyProjectRole", "MgmtKeyReBac", "MgmtKeyStatus", "MgmtKeyTagRole"]
