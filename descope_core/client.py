"""`DescopeClient`: the SDK-compatible facade. It composes the layers and holds no logic."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from typing import Any

import requests

from . import authz
from .auth import (
    OTP,
    SAML,
    SSO,
    TOTP,
    AuthCore,
    EnchantedLink,
    MagicLink,
    OAuth,
    Password,
    WebAuthn,
)
from .auth._base import invalid_argument, session_result
from .config import DescopeConfig
from .constants import (
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
    ERROR_TYPE_INVALID_TOKEN,
    ERROR_TYPE_SERVER_ERROR,
    AuthException,
    ExpiredTokenException,
)
from .fleet import coordinator_for
from .keys import KeyStore, NeedsNetwork
from .options import AccessKeyLoginOptions
from .session import Refresher, SessionManager
from .tokens import Audience, TokenVerifier
from .transport import Transport


class DescopeClient:
    """Same names and arguments as the official SDK's `DescopeClient` (see docs/contracts.md)."""

    def __init__(
        self,
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
        skip_verify: bool = False,
        verbose: bool = False,
        fga_cache_url: str | None = None,
        config: DescopeConfig | None = None,
        http_session: requests.Session | None = None,
    ) -> None:
        """`skip_verify` turns TLS verification off; `verbose` and `fga_cache_url` are
        accepted for source compatibility with the official SDK and have no effect.
        `redis_url` (or `DESCOPE_REDIS_URL`) makes refreshes single-flight across every
        process sharing that Redis (`descope_core.fleet`)."""
        if config is None:
            config = DescopeConfig.resolve(
                project_id,
                management_key,
                base_url=base_url,
                public_key=public_key,
                timeout_seconds=timeout_seconds,
                jwt_validation_leeway=jwt_validation_leeway,
                jwks_ttl_seconds=jwks_ttl_seconds,
                unknown_kid_cooldown_seconds=unknown_kid_cooldown_seconds,
                token_cache_size=token_cache_size,
                session_cookie_name=session_cookie_name,
                refresh_cookie_name=refresh_cookie_name,
                cookie_domain=cookie_domain,
                cookie_path=cookie_path,
                cookie_secure=cookie_secure,
                cookie_samesite=cookie_samesite,
                auth_management_key=auth_management_key,
                connect_timeout_seconds=connect_timeout_seconds,
                max_retries=max_retries,
                retry_backoff_seconds=retry_backoff_seconds,
                redis_url=redis_url,
            )
        self._config = config
        self._transport = Transport(config, http_session)
        if skip_verify:
            self._transport._session.verify = False
        keys_path = f"/v2/keys/{config.project_id}"
        self._keys = KeyStore(
            lambda: self._transport.request_json("GET", keys_path),
            pinned=config.public_key,
            ttl_seconds=config.jwks_ttl_seconds,
            unknown_kid_cooldown_seconds=config.unknown_kid_cooldown_seconds,
        )
        self._verifier = TokenVerifier(
            config.project_id,
            self._keys,
            leeway=config.jwt_validation_leeway,
            cache_size=config.token_cache_size,
        )
        self._core = AuthCore(config, self._transport, self._verifier)
        self._coordinator = coordinator_for(config)
        self._refresher = Refresher(self._core, coordinator=self._coordinator)
        self._sessions = SessionManager(config, self._core, self._verifier, self._refresher)
        self.otp = OTP(self._core)
        self.magiclink = MagicLink(self._core)
        self.enchantedlink = EnchantedLink(self._core)
        self.oauth = OAuth(self._core)
        self.sso = SSO(self._core)
        self.saml = SAML(self._core)
        self.totp = TOTP(self._core)
        self.password = Password(self._core)
        self.webauthn = WebAuthn(self._core)
        self._mgmt: Any = None
        self._mgmt_lock = threading.Lock()

    # -- plumbing ----------------------------------------------------------------------

    @property
    def config(self) -> DescopeConfig:
        return self._config

    @property
    def transport(self) -> Transport:
        return self._transport

    @property
    def keys(self) -> KeyStore:
        return self._keys

    @property
    def verifier(self) -> TokenVerifier:
        return self._verifier

    @property
    def sessions(self) -> SessionManager:
        return self._sessions

    @property
    def mgmt(self) -> Any:
        """The management API (`descope_core.mgmt.Management`); needs a management key."""
        if not self._config.management_key:
            raise AuthException(
                400,
                ERROR_TYPE_INVALID_ARGUMENT,
                "Management functions require a management key "
                "(management_key argument or DESCOPE_MANAGEMENT_KEY)",
            )
        if self._mgmt is None:
            with self._mgmt_lock:
                if self._mgmt is None:
                    try:
                        from .mgmt import Management  # type: ignore[attr-defined,unused-ignore]
                    except ImportError as e:
                        raise AuthException(
                            400,
                            ERROR_TYPE_INVALID_ARGUMENT,
                            "the management API is not available in this installation",
                        ) from e
                    self._mgmt = Management(self._transport, self._config)
        return self._mgmt

    def close(self) -> None:
        self._transport.close()
        if self._coordinator is not None:
            self._coordinator.close()

    def __enter__(self) -> DescopeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DescopeClient(project_id={self._config.project_id!r})"

    # -- sessions ----------------------------------------------------------------------

    def validate_session(self, session_token: str, audience: Audience = None) -> dict[str, Any]:
        """Verify a session token locally; tokens.md §5.1 shape."""
        claims = self._verifier.verify(session_token, "DS", audience=audience)
        return session_result(claims, session_token)

    async def avalidate_session(
        self, session_token: str, audience: Audience = None
    ) -> dict[str, Any]:
        try:
            claims = self._verifier.verify(session_token, "DS", audience=audience, network=False)
        except NeedsNetwork:
            claims = await asyncio.to_thread(
                self._verifier.verify, session_token, "DS", audience=audience
            )
        return session_result(claims, session_token)

    def refresh_session(self, refresh_token: str, audience: Audience = None) -> dict[str, Any]:
        if not refresh_token:
            raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "Refresh token is missing")
        self._verifier.verify(refresh_token, "DSR", audience=audience)
        raw = self._refresher.refresh(refresh_token)
        return self._core.build_jwt_response(
            raw.body,
            raw.session_jwt,
            raw.refresh_jwt,
            audience=audience,
            sent_refresh=refresh_token,
        )

    async def arefresh_session(
        self, refresh_token: str, audience: Audience = None
    ) -> dict[str, Any]:
        return await asyncio.to_thread(self.refresh_session, refresh_token, audience)

    def validate_and_refresh_session(
        self,
        session_token: str | None = None,
        refresh_token: str | None = None,
        audience: Audience = None,
    ) -> dict[str, Any]:
        """Validate; refresh only when the session is missing or expired (never on key errors)."""
        if session_token:
            try:
                return self.validate_session(session_token, audience)
            except ExpiredTokenException:
                if not refresh_token:
                    raise
        elif not refresh_token:
            raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "Session token is missing")
        assert refresh_token is not None
        return self.refresh_session(refresh_token, audience)

    async def avalidate_and_refresh_session(
        self,
        session_token: str | None = None,
        refresh_token: str | None = None,
        audience: Audience = None,
    ) -> dict[str, Any]:
        if session_token:
            try:
                return await self.avalidate_session(session_token, audience)
            except ExpiredTokenException:
                if not refresh_token:
                    raise
        elif not refresh_token:
            raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "Session token is missing")
        assert refresh_token is not None
        return await self.arefresh_session(refresh_token, audience)

    def exchange_access_key(
        self,
        access_key: str,
        audience: Audience = None,
        login_options: AccessKeyLoginOptions | None = None,
    ) -> dict[str, Any]:
        if not access_key:
            raise invalid_argument("Access key cannot be empty")
        body = {"loginOptions": login_options.to_dict() if login_options is not None else {}}
        return self._core.call_jwt(
            "/v1/auth/accesskey/exchange",
            body,
            secret=access_key,
            audience=audience,
            access_key=True,
        )

    def select_tenant(self, tenant_id: str, refresh_token: str) -> dict[str, Any]:
        self._require_refresh(refresh_token)
        return self._core.call_jwt(
            "/v1/auth/tenant/select", {"tenant": tenant_id}, secret=refresh_token
        )

    def logout(self, refresh_token: str) -> requests.Response:
        self._require_refresh(refresh_token)
        self._refresher.forget(refresh_token)
        return self._core.call("/v1/auth/logout", {}, secret=refresh_token)

    def logout_all(self, refresh_token: str) -> requests.Response:
        self._require_refresh(refresh_token)
        self._refresher.forget(refresh_token)
        return self._core.call("/v1/auth/logoutall", {}, secret=refresh_token)

    def me(self, refresh_token: str) -> dict[str, Any]:
        self._require_refresh(refresh_token)
        data = self._core.call_json("/v1/auth/me", method="GET", secret=refresh_token)
        if not isinstance(data, dict):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
        return data

    def history(self, refresh_token: str) -> list[dict[str, Any]]:
        self._require_refresh(refresh_token)
        data = self._core.call_json("/v1/auth/me/history", method="GET", secret=refresh_token)
        if not isinstance(data, list):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
        return data

    def my_tenants(
        self, refresh_token: str, dct: bool = False, ids: list[str] | None = None
    ) -> dict[str, Any]:
        self._require_refresh(refresh_token)
        if dct == bool(ids):
            raise invalid_argument("Only one of 'dct' or 'ids' should be set")
        body: dict[str, Any] = {"dct": dct}
        if ids is not None:
            body["ids"] = list(ids)
        data = self._core.call_json("/v1/auth/me/tenants", body, secret=refresh_token)
        if not isinstance(data, dict):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
        return data

    @staticmethod
    def _require_refresh(refresh_token: Any) -> None:
        if not isinstance(refresh_token, str) or not refresh_token:
            raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "Refresh token is missing")

    # -- authorization helpers (tokens.md §6: return False, never raise) -----------------

    def validate_permissions(self, jwt_response: dict[str, Any], permissions: list[str]) -> bool:
        return authz.validate_permissions(jwt_response, permissions)

    def validate_roles(self, jwt_response: dict[str, Any], roles: list[str]) -> bool:
        return authz.validate_roles(jwt_response, roles)

    def validate_tenant_permissions(
        self, jwt_response: dict[str, Any], tenant: str, permissions: list[str]
    ) -> bool:
        return authz.validate_tenant_permissions(jwt_response, tenant, permissions)

    def validate_tenant_roles(
        self, jwt_response: dict[str, Any], tenant: str, roles: list[str]
    ) -> bool:
        return authz.validate_tenant_roles(jwt_response, tenant, roles)

    def get_matched_permissions(
        self, jwt_response: dict[str, Any], permissions: list[str]
    ) -> list[str]:
        return authz.get_matched_permissions(jwt_response, permissions)

    def get_matched_roles(self, jwt_response: dict[str, Any], roles: list[str]) -> list[str]:
        return authz.get_matched_roles(jwt_response, roles)

    def get_matched_tenant_permissions(
        self, jwt_response: dict[str, Any], tenant: str, permissions: list[str]
    ) -> list[str]:
        return authz.get_matched_tenant_permissions(jwt_response, tenant, permissions)

    def get_matched_tenant_roles(
        self, jwt_response: dict[str, Any], tenant: str, roles: list[str]
    ) -> list[str]:
        return authz.get_matched_tenant_roles(jwt_response, tenant, roles)
