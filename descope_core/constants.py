"""Public constants with the official SDK's names and values."""

from __future__ import annotations

import enum

SESSION_TOKEN_NAME = "sessionToken"
REFRESH_SESSION_TOKEN_NAME = "refreshSessionToken"
SESSION_COOKIE_NAME = "DS"
REFRESH_SESSION_COOKIE_NAME = "DSR"
COOKIE_DATA_NAME = "cookieData"
REDIRECT_LOCATION_COOKIE_NAME = "Location"
API_RATE_LIMIT_RETRY_AFTER_HEADER = "Retry-After"

DEFAULT_BASE_URL = "https://api.descope.com"
DEFAULT_TIMEOUT_SECONDS = 5.0
DEFAULT_JWT_VALIDATION_LEEWAY = 5
DEFAULT_JWKS_TTL_SECONDS = 600.0
DEFAULT_UNKNOWN_KID_COOLDOWN_SECONDS = 30.0
DEFAULT_TOKEN_CACHE_SIZE = 10_000


class DeliveryMethod(enum.Enum):
    """Same members and values as the official SDK."""

    WHATSAPP = 1
    SMS = 2
    EMAIL = 3
    EMBEDDED = 4
    VOICE = 5
