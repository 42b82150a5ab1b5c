"""Resolved client configuration.

This is the only module that reads environment variables. Everything else receives a
frozen `DescopeConfig`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .constants import (
    DEFAULT_BASE_URL,
    DEFAULT_JWKS_TTL_SECONDS,
    DEFAULT_JWT_VALIDATION_LEEWAY,
    DEFAULT_TIMEOUT_SECONDS,
    DEFAULT_TOKEN_CACHE_SIZE,
    DEFAULT_UNKNOWN_KID_COOLDOWN_SECONDS,
    REFRESH_SESSION_COOKIE_NAME,
    SESSION_COOKIE_NAME,
)
from .exceptions import (
    ERROR_TYPE_INVALID_ARGUMENT,
    ERROR_TYPE_INVALID_PUBLIC_KEY,
    AuthException,
)

ENV_PROJECT_ID = "DESCOPE_PROJECT_ID"
ENV_MANAGEMENT_KEY = "DESCOPE_MANAGEMENT_KEY"
ENV_BASE_URL = "DESCOPE_BASE_URL"
ENV_BASE_URI = "DESCOPE_BASE_URI"
ENV_PUBLIC_KEY = "DESCOPE_PUBLIC_KEY"
ENV_AUTH_MANAGEMENT_KEY = "DESCOPE_AUTH_MANAGEMENT_KEY"
ENV_REDIS_URL = "DESCOPE_REDIS_URL"
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

_SAMESITE = {"lax": "Lax", "strict": "Strict", "none": "None"}


def default_base_url(project_id: str) -> str:
    """The regional rule: ids of 32+ characters carry their region in characters 2-5."""
    if len(project_id) >= 32:
        return f"https://api.{project_id[1:5]}.descope.com"
    return DEFAULT_BASE_URL


def parse_public_key(value: str | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A pinned JWK given as a dict or a JSON string; it must carry `kid` and `alg`."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError as e:
            raise AuthException(
                500, ERROR_TYPE_INVALID_PUBLIC_KEY, "public key is not valid JSON"
            ) from e
    else:
        parsed = value
    if not isinstance(parsed, Mapping):
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "public key must be a JWK object")
    jwk = dict(parsed)
    if not isinstance(jwk.get("kid"), str) or not isinstance(jwk.get("alg"), str):
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "public key needs 'kid' and 'alg'")
    return jwk


@dataclass(frozen=True)
class DescopeConfig:
    """Everything a client needs, resolved once (explicit argument > environment)."""

    project_id: str
    base_url: str
    management_key: str | None = field(default=None, repr=False)
    public_key: Mapping[str, Any] | None = field(default=None, repr=False)
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    connect_timeout_seconds: float | None = None  # None: same as timeout_seconds
    jwt_validation_leeway: int = DEFAULT_JWT_VALIDATION_LEEWAY
    jwks_ttl_seconds: float = DEFAULT_JWKS_TTL_SECONDS
    unknown_kid_cooldown_seconds: float = DEFAULT_UNKNOWN_KID_COOLDOWN_SECONDS
    token_cache_size: int = DEFAULT_TOKEN_CACHE_SIZE
    session_cookie_name: str = SESSION_COOKIE_NAME
    refresh_cookie_name: str = REFRESH_SESSION_COOKIE_NAME
    cookie_domain: str | None = None
    cookie_path: str = "/"
    cookie_secure: bool = True
    cookie_samesite: str | None = "Lax"
    auth_management_key: str | None = field(default=None, repr=False)
    max_retries: int = 2
    retry_backoff_seconds: float = 0.1
    # fleet-wide single-flight refresh (descope_core.fleet); None: per process only
    redis_url: str | None = field(default=None, repr=False)

    @property
    def connect_timeout(self) -> float:
        return self.connect_timeout_seconds or self.timeout_seconds

    @classmethod
    def resolve(
        cls,
        project_id: str | None = None,
        management_key: str | None = None,
        *,
        base_url: str | None = None,
        public_key: str | Mapping[str, Any] | None = None,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        jwt_validation_leeway: int = DEFAULT_JWT_VALIDATION_LEEWAY,
        jwks_ttl_seconds: float = DEFAULT_JWKS_TTL_SECONDS,
        unknown_kid_cooldown_seconds: float = DEFAULT_UNKNOWN_KID_COOLDOWN_SECONDS,
        token_cache_size: int = DEFAULT_TOKEN_CACHE_SIZE,
        session_cookie_name: str = SESSION_COOKIE_NAME,
        refresh_cookie_name: str = REFRESH_SESSION_COOKIE_NAME,
        cookie_domain: str | None = None,
        cookie_path: str = "/",
        cookie_secure: bool = True,
        cookie_samesite: str | None = "Lax",
        auth_management_key: str | None = None,
        connect_timeout_seconds: float | None = None,
        max_retries: int = 2,
        retry_backoff_seconds: float = 0.1,
        redis_url: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> DescopeConfig:
        env: Mapping[str, str] = os.environ if environ is None else environ
        pid = project_id or env.get(ENV_PROJECT_ID, "")
        if not isinstance(pid, str) or not pid.strip():
            raise AuthException(
                400,
                ERROR_TYPE_INVALID_ARGUMENT,
                f"Unable to init DescopeClient because project_id cannot be empty. "
                f"Set the {ENV_PROJECT_ID} environment variable or pass project_id",
            )
        pid = pid.strip()
        url = base_url or env.get(ENV_BASE_URL) or env.get(ENV_BASE_URI) or default_base_url(pid)
        if not url.startswith(("http://", "https://")):
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "base_url must be an http(s) URL")
        pk = parse_public_key(public_key if public_key is not None else env.get(ENV_PUBLIC_KEY))
        if timeout_seconds <= 0:
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "timeout_seconds must be > 0")
        if token_cache_size < 0:
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "token_cache_size must be >= 0")
        samesite: str | None = None
        if cookie_samesite:
            samesite = _SAMESITE.get(cookie_samesite.lower())
            if samesite is None:
                raise AuthException(
                    400, ERROR_TYPE_INVALID_ARGUMENT, "cookie_samesite must be Lax, Strict or None"
                )
        redis = redis_url or env.get(ENV_REDIS_URL) or None
        if redis is not None and not redis.startswith(_REDIS_SCHEMES):
            raise AuthException(
                400, ERROR_TYPE_INVALID_ARGUMENT, "redis_url must be a redis://, rediss:// or unix:// URL"
            )
        return cls(
            project_id=pid,
            base_url=url.rstrip("/"),
            management_key=management_key or env.get(ENV_MANAGEMENT_KEY) or None,
            public_key=pk,
            timeout_seconds=float(timeout_seconds),
            connect_timeout_seconds=connect_timeout_seconds,
            jwt_validation_leeway=int(jwt_validation_leeway),
            jwks_ttl_seconds=float(jwks_ttl_seconds),
            unknown_kid_cooldown_seconds=float(unknown_kid_cooldown_seconds),
            token_cache_size=int(token_cache_size),
            session_cookie_name=session_cookie_name,
            refresh_cookie_name=refresh_cookie_name,
            cookie_domain=cookie_domain or None,
            cookie_path=cookie_path or "/",
            cookie_secure=bool(cookie_secure),
            cookie_samesite=samesite,
            auth_management_key=auth_management_key or env.get(ENV_AUTH_MANAGEMENT_KEY) or None,
            max_retries=max(0, int(max_retries)),
            retry_backoff_seconds=max(0.0, float(retry_backoff_seconds)),
            redis_url=redis,
        )


# Framework setting -> `DescopeClient` keyword. Flask's `app.config` and Django's settings
# use these names; one table so both adapters build the client the same way.
FRAMEWORK_SETTINGS: Mapping[str, str] = {
    "DESCOPE_PROJECT_ID": "project_id",
    "DESCOPE_MANAGEMENT_KEY": "management_key",
    "DESCOPE_BASE_URL": "base_url",
    "DESCOPE_PUBLIC_KEY": "public_key",
    "DESCOPE_TIMEOUT_SECONDS": "timeout_seconds",
    "DESCOPE_SESSION_COOKIE_NAME": "session_cookie_name",
    "DESCOPE_REFRESH_COOKIE_NAME": "refresh_cookie_name",
    "DESCOPE_COOKIE_DOMAIN": "cookie_domain",
    "DESCOPE_COOKIE_PATH": "cookie_path",
    "DESCOPE_COOKIE_SECURE": "cookie_secure",
    "DESCOPE_COOKIE_SAMESITE": "cookie_samesite",
    "DESCOPE_REDIS_URL": "redis_url",
}


def client_kwargs_from_settings(get: Callable[[str], Any]) -> dict[str, Any]:
    """`DescopeClient` keywords from a framework's `DESCOPE_*` settings.

    Unset (None) settings are left out, so the environment and the core's defaults apply.
    """
    kwargs: dict[str, Any] = {}
    for name, keyword in FRAMEWORK_SETTINGS.items():
        value = get(name)
        if value is not None:
            kwargs[keyword] = bool(value) if keyword == "cookie_secure" else value
    return kwargs
