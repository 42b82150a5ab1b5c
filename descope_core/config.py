"""Resolved client configuration.

This is the only module that reads environment variables. Everything else receives a
frozen `DescopeConfig`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
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


def _option(
    default: Any = MISSING, *, setting: str | None = None, secret: bool = False
) -> Any:
    """One row of the client-option table: its default and its framework setting name."""
    return field(default=default, repr=not secret, metadata={"setting": setting})


@dataclass(frozen=True)
class DescopeConfig:
    """Everything a client needs, resolved once (explicit argument > environment).

    The fields are THE table of client options: `DescopeClient`'s keywords take their
    defaults from it (`OPTION_DEFAULTS`), `resolve` fills what is not given from it, and
    Flask's `app.config` / Django's settings use the `DESCOPE_*` names and defaults it
    lists (`FRAMEWORK_SETTINGS`, `framework_setting_defaults`). Change a default here and
    every entry point follows.
    """

    project_id: str = _option(setting="DESCOPE_PROJECT_ID")
    base_url: str = _option(setting="DESCOPE_BASE_URL")
    management_key: str | None = _option(None, setting="DESCOPE_MANAGEMENT_KEY", secret=True)
    public_key: Mapping[str, Any] | None = _option(None, setting="DESCOPE_PUBLIC_KEY", secret=True)
    timeout_seconds: float = _option(DEFAULT_TIMEOUT_SECONDS, setting="DESCOPE_TIMEOUT_SECONDS")
    connect_timeout_seconds: float | None = _option(None)  # None: same as timeout_seconds
    jwt_validation_leeway: int = _option(DEFAULT_JWT_VALIDATION_LEEWAY)
    jwks_ttl_seconds: float = _option(DEFAULT_JWKS_TTL_SECONDS)
    unknown_kid_cooldown_seconds: float = _option(DEFAULT_UNKNOWN_KID_COOLDOWN_SECONDS)
    token_cache_size: int = _option(DEFAULT_TOKEN_CACHE_SIZE)
    session_cookie_name: str = _option(SESSION_COOKIE_NAME, setting="DESCOPE_SESSION_COOKIE_NAME")
    refresh_cookie_name: str = _option(
        REFRESH_SESSION_COOKIE_NAME, setting="DESCOPE_REFRESH_COOKIE_NAME"
    )
    cookie_domain: str | None = _option(None, setting="DESCOPE_COOKIE_DOMAIN")
    cookie_path: str = _option("/", setting="DESCOPE_COOKIE_PATH")
    cookie_secure: bool = _option(True, setting="DESCOPE_COOKIE_SECURE")
    cookie_samesite: str | None = _option("Lax", setting="DESCOPE_COOKIE_SAMESITE")
    auth_management_key: str | None = _option(None, secret=True)
    max_retries: int = _option(2)
    retry_backoff_seconds: float = _option(0.1)
    # fleet-wide single-flight refresh (descope_core.fleet); None: per process only
    redis_url: str | None = _option(None, setting="DESCOPE_REDIS_URL", secret=True)

    @property
    def connect_timeout(self) -> float:
        return self.connect_timeout_seconds or self.timeout_seconds

    @classmethod
    def resolve(
        cls,
        project_id: str | None = None,
        management_key: str | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        **options: Any,
    ) -> DescopeConfig:
        """Validate the given options, fill the rest from the environment and the table.

        `options` are `DescopeConfig` field names (the `DescopeClient` keywords); an
        unknown name raises `TypeError`. `public_key` may be a dict or a JSON string.

        Raises:
            AuthException: no project id, or a malformed base URL, public key, timeout,
                cache size, SameSite value or Redis URL.
        """
        unknown = sorted(set(options) - set(OPTION_DEFAULTS))
        if unknown:
            raise TypeError(f"unknown Descope client option(s): {', '.join(unknown)}")
        o: dict[str, Any] = {**OPTION_DEFAULTS, **options}
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
        url = (
            o["base_url"] or env.get(ENV_BASE_URL) or env.get(ENV_BASE_URI) or default_base_url(pid)
        )
        if not url.startswith(("http://", "https://")):
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "base_url must be an http(s) URL")
        public_key = o["public_key"]
        pk = parse_public_key(public_key if public_key is not None else env.get(ENV_PUBLIC_KEY))
        if o["timeout_seconds"] <= 0:
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "timeout_seconds must be > 0")
        if o["token_cache_size"] < 0:
            raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, "token_cache_size must be >= 0")
        samesite: str | None = None
        if o["cookie_samesite"]:
            samesite = _SAMESITE.get(o["cookie_samesite"].lower())
            if samesite is None:
                raise AuthException(
                    400, ERROR_TYPE_INVALID_ARGUMENT, "cookie_samesite must be Lax, Strict or None"
                )
        redis = o["redis_url"] or env.get(ENV_REDIS_URL) or None
        if redis is not None and not redis.startswith(_REDIS_SCHEMES):
            raise AuthException(
                400,
                ERROR_TYPE_INVALID_ARGUMENT,
                "redis_url must be a redis://, rediss:// or unix:// URL",
            )
        return cls(
            project_id=pid,
            base_url=url.rstrip("/"),
            management_key=management_key or env.get(ENV_MANAGEMENT_KEY) or None,
            public_key=pk,
            timeout_seconds=float(o["timeout_seconds"]),
            connect_timeout_seconds=o["connect_timeout_seconds"],
            jwt_validation_leeway=int(o["jwt_validation_leeway"]),
            jwks_ttl_seconds=float(o["jwks_ttl_seconds"]),
            unknown_kid_cooldown_seconds=float(o["unknown_kid_cooldown_seconds"]),
            token_cache_size=int(o["token_cache_size"]),
            session_cookie_name=o["session_cookie_name"],
            refresh_cookie_name=o["refresh_cookie_name"],
            cookie_domain=o["cookie_domain"] or None,
            cookie_path=o["cookie_path"] or "/",
            cookie_secure=bool(o["cookie_secure"]),
            cookie_samesite=samesite,
            auth_management_key=(
                o["auth_management_key"] or env.get(ENV_AUTH_MANAGEMENT_KEY) or None
            ),
            max_retries=max(0, int(o["max_retries"])),
            retry_backoff_seconds=max(0.0, float(o["retry_backoff_seconds"])),
            redis_url=redis,
        )

    def with_cookies(self, **overrides: Any) -> DescopeConfig:
        """This configuration with other cookie options (`COOKIE_OPTIONS` only), validated
        as `resolve` validates them; the same object when nothing changes.

        Raises:
            TypeError: an option that is not a cookie option.
            AuthException: a malformed value (e.g. a SameSite other than Lax/Strict/None).
        """
        unknown = sorted(set(overrides) - set(COOKIE_OPTIONS))
        if unknown:
            raise TypeError(f"not cookie options: {', '.join(unknown)}")
        if all(getattr(self, name) == value for name, value in overrides.items()):
            return self
        current = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("project_id", "management_key")
        }
        return DescopeConfig.resolve(
            self.project_id, self.management_key, environ={}, **{**current, **overrides}
        )


COOKIE_OPTIONS: tuple[str, ...] = (
    "session_cookie_name",
    "refresh_cookie_name",
    "cookie_domain",
    "cookie_path",
    "cookie_secure",
    "cookie_samesite",
)
"""The options that shape the session cookies an integration reads and writes."""

OPTION_DEFAULTS: Mapping[str, Any] = {
    f.name: None if f.default is MISSING else f.default for f in fields(DescopeConfig)
}
"""Every client option and its default (None: from the environment, or derived)."""

FRAMEWORK_SETTINGS: Mapping[str, str] = {
    f.metadata["setting"]: f.name for f in fields(DescopeConfig) if f.metadata.get("setting")
}
"""Framework setting (`app.config["DESCOPE_*"]`, Django `DESCOPE_*`) -> client keyword."""


COOKIE_SETTINGS: Mapping[str, str] = {
    setting: name for setting, name in FRAMEWORK_SETTINGS.items() if name in COOKIE_OPTIONS
}
"""Framework cookie setting (`DESCOPE_COOKIE_SECURE`, ...) -> client keyword."""


def cookie_overrides(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Client cookie options from the framework cookie settings in `settings` (other keys
    ignored), for `DescopeClient.with_cookie_settings`."""
    return {
        COOKIE_SETTINGS[name]: bool(value) if name == "DESCOPE_COOKIE_SECURE" else value
        for name, value in settings.items()
        if name in COOKIE_SETTINGS
    }


def framework_setting_defaults() -> dict[str, Any]:
    """The `DESCOPE_*` client settings with their defaults, for a framework's config."""
    return {setting: OPTION_DEFAULTS[name] for setting, name in FRAMEWORK_SETTINGS.items()}


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
