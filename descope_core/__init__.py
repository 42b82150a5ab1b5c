"""descope_core: the framework-free Descope client (SDK-compatible names)."""

from .constants import (
    API_RATE_LIMIT_RETRY_AFTER_HEADER,
    COOKIE_DATA_NAME,
    REFRESH_SESSION_COOKIE_NAME,
    REFRESH_SESSION_TOKEN_NAME,
    SESSION_COOKIE_NAME,
    SESSION_TOKEN_NAME,
    DeliveryMethod,
)
from .exceptions import AuthException, DescopeError, RateLimitException
from .outcome import CookieSpec, DescopeSession, Reason, SessionOutcome

__all__ = [
    "API_RATE_LIMIT_RETRY_AFTER_HEADER",
    "COOKIE_DATA_NAME",
    "REFRESH_SESSION_COOKIE_NAME",
    "REFRESH_SESSION_TOKEN_NAME",
    "SESSION_COOKIE_NAME",
    "SESSION_TOKEN_NAME",
    "AuthException",
    "CookieSpec",
    "DeliveryMethod",
    "DescopeError",
    "DescopeSession",
    "RateLimitException",
    "Reason",
    "SessionOutcome",
]
