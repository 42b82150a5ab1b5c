"""`DescopeClient` and `DescopeClientAsync`: SDK-compatible facades over the same calls.

Both are `_Client`: one class body, every API method written once (`@api`). A
`DescopeClient` binds the blocking runner, so its methods return results; a
`DescopeClientAsync` binds the async runner (httpx), so the same methods are coroutines.
The facades hold no logic of their own: they wire the layers (config, transports, keys,
verifier, refresher, session manager) and describe the session calls in terms of the
shared steps (`Verify`, the refresher's single-flight refresh, `AuthCore.call_jwt`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import requests

from . import authz
from .api import Async, Blocking, Bound, M, api
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
from .auth._base import invalid_argument, jwt_result, session_result
from .calls import Call, Steps, Verify, read_dict, read_list, read_response
from .config import OPTION_DEFAULTS as _DEFAULT
from .config import DescopeConfig
from .exceptions import ERROR_TYPE_INVALID_TOKEN, AuthException, ExpiredTokenException
from .fleet import coordinator_for
from .keys import KeyStore
from .last_response import DescopeResponse, LastResponse, TaskLastResponse, ThreadLastResponse
from .mgmt import KeylessManagement, Management
from .options import AccessKeyLoginOptions
from .runner import AsyncRunner, Runner, threaded_send
from .session import Refresher, SessionManager
from .tokens import Audience, TokenVerifier
from .transport import Transport, management_key_of

if TYPE_CHECKING:
    from .async_transport import AsyncTransport

__all__ = ["DescopeClient", "DescopeClientAsync"]

C = TypeVar("C", bound="_Client[Any]")


def _require_token(token: Any, what: str) -> str:
    """`token` when it is a non-empty string; else AuthException(400) before any work."""
    if token is None or token == "":
        raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, f"{what} token is missing")
    if not isinstance(token, str):
        raise AuthException(
            400, ERROR_TYPE_INVALID_TOKEN, f"{what} token must be a string, not {type(token).__name__}"
        )
    return token


def _require_refresh(refresh_token: Any) -> str:
    return _require_token(refresh_token, "Refresh")


class _Client(Bound[M], Generic[M]):
    """The whole public surface, written once; see the module docstring."""

    _async_mode = False

    def __init__(
        self,
        project_id: str | None = None,
        public_key: str | Mapping[str, Any] | None = None,
        skip_verify: bool = False,
        management_key: str | None = None,
        timeout_seconds: float = _DEFAULT["timeout_seconds"],
        jwt_validation_leeway: int = _DEFAULT["jwt_validation_leeway"],
        auth_management_key: str | None = _DEFAULT["auth_management_key"],
        fga_cache_url: str | None = None,
        *,
        base_url: str | None = None,
        verbose: bool = False,
        jwks_ttl_seconds: float = _DEFAULT["jwks_ttl_seconds"],
        unknown_kid_cooldown_seconds: float = _DEFAULT["unknown_kid_cooldown_seconds"],
        token_cache_size: int = _DEFAULT["token_cache_size"],
        session_cookie_name: str = _DEFAULT["session_cookie_name"],
        refresh_cookie_name: str = _DEFAULT["refresh_cookie_name"],
        cookie_domain: str | None = _DEFAULT["cookie_domain"],
        cookie_path: str = _DEFAULT["cookie_path"],
        cookie_secure: bool = _DEFAULT["cookie_secure"],
        cookie_samesite: str | None = _DEFAULT["cookie_samesite"],
        connect_timeout_seconds: float | None = _DEFAULT["connect_timeout_seconds"],
        max_retries: int = _DEFAULT["max_retries"],
        retry_backoff_seconds: float = _DEFAULT["retry_backoff_seconds"],
        redis_url: str | None = _DEFAULT["redis_url"],
        config: DescopeConfig | None = None,
        http_session: requests.Session | None = None,
    ) -> None:
        """Build a client; arguments not given come from the environment (`DESCOPE_*`).

        The positional parameters are the official SDK's, in its order (`project_id`,
        `public_key`, `skip_verify`, `management_key`, ...); everything after `*` is a
        keyword. A management key passed as the second positional argument lands in
        `public_key` and is refused as a malformed key, so the mistake cannot go unseen.

        Args:
            project_id: the Descope project (default `DESCOPE_PROJECT_ID`).
            public_key: a pinned signing key (JWK dict or JSON); default: fetched.
            skip_verify: turn TLS certificate verification off (local testing only).
            management_key: enables `client.mgmt` (default `DESCOPE_MANAGEMENT_KEY`).
            timeout_seconds: read timeout of each request; shorter than the official
                SDK's 60 s because integrations refresh sessions on the request path.
            jwt_validation_leeway: seconds of clock skew accepted on `exp`/`nbf`/`iat`.
            auth_management_key: sent with sign-in calls, for projects that demand it.
            fga_cache_url: accepted for source compatibility; has no effect.
            base_url: the Descope API (default: from the project id's region).
            verbose: keep the last HTTP answer for `get_last_response()`.
            redis_url: (or `DESCOPE_REDIS_URL`) makes refreshes single-flight across
                every process sharing that Redis (`descope_core.fleet`).
            config: a resolved `DescopeConfig`, used instead of the other options.
            http_session: the `requests.Session` of the blocking transport.
            The other keywords are `DescopeConfig` fields (key cache, cookies, retries).

        Raises:
            AuthException: no project id, a malformed base URL, public key or Redis URL,
                a Redis URL without the `redis` package, or (for `DescopeClientAsync`)
                httpx is not installed.
        """
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
        self._last_response: LastResponse | None = None
        if verbose:
            self._last_response = TaskLastResponse() if self._async_mode else ThreadLastResponse()
        on_reply = self._last_response.record if self._last_response is not None else None
        self._transport = Transport(
            config, http_session, verify_tls=not skip_verify, on_reply=on_reply
        )
        keys_call: Call[Any] = Call("GET", f"/v2/keys/{config.project_id}")
        self._keys = KeyStore(
            lambda: self._core.run(keys_call),
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
        blocking = Runner(self._transport, self._verifier)
        self._async_transport: AsyncTransport | None = None
        arunner = AsyncRunner(threaded_send(self._transport), self._verifier, keys_call)
        if self._async_mode:
            try:
                from .async_transport import AsyncTransport
            except ImportError as e:  # httpx is an optional dependency
                raise ImportError(
                    "DescopeClientAsync needs httpx: pip install 'descope-suite[async]'"
                ) from e
            self._async_transport = AsyncTransport(
                config, verify_tls=not skip_verify, on_reply=on_reply
            )
            arunner = AsyncRunner(
                self._async_transport.send,
                self._verifier,
                keys_call,
                close=self._async_transport.aclose,
            )
        self._core = AuthCore(
            config, self._verifier, blocking, arunner, native_async=self._async_mode
        )
        runner: Runner | AsyncRunner = arunner if self._async_mode else blocking
        super().__init__(runner)
        self._coordinator = coordinator_for(config)
        self._refresher = Refresher(self._core, coordinator=self._coordinator)
        self._sessions = SessionManager(config, self._core, self._verifier, self._refresher)
        self.otp: OTP[M] = OTP(self._core, runner)
        self.magiclink: MagicLink[M] = MagicLink(self._core, runner)
        self.enchantedlink: EnchantedLink[M] = EnchantedLink(self._core, runner)
        self.oauth: OAuth[M] = OAuth(self._core, runner)
        self.sso: SSO[M] = SSO(self._core, runner)
        self.saml: SAML[M] = SAML(self._core, runner)
        self.totp: TOTP[M] = TOTP(self._core, runner)
        self.password: Password[M] = Password(self._core, runner)
        self.webauthn: WebAuthn[M] = WebAuthn(self._core, runner)
        self._mgmt: Management[M] = Management(runner)
        self._close_lock = threading.Lock()

    # -- plumbing ----------------------------------------------------------------------

    @property
    def config(self) -> DescopeConfig:
        """The resolved configuration."""
        return self._config

    @property
    def transport(self) -> Transport:
        """The blocking transport (used by the blocking session path)."""
        return self._transport

    @property
    def keys(self) -> KeyStore:
        """The project's signing keys."""
        return self._keys

    @property
    def verifier(self) -> TokenVerifier:
        """The token verifier (with its cache of verified tokens)."""
        return self._verifier

    @property
    def sessions(self) -> SessionManager:
        """The framework-neutral session layer the integrations use."""
        return self._sessions

    def with_cookie_settings(self: C, **cookie_options: Any) -> C:
        """This client with other cookie options for its session layer: the cookies a
        framework integration reads and writes (`session_cookie_name`,
        `refresh_cookie_name`, `cookie_domain`, `cookie_path`, `cookie_secure`,
        `cookie_samesite`). Everything else is shared with this client: transport, keys,
        the cache of verified tokens, the refresh single flight, management. Returns this
        client itself when nothing changes.

        The integrations call it when a framework's cookie settings meet a client passed
        in (`Descope(app, client=...)`, Django `DESCOPE_CLIENT`, ASGI `client=`): the
        framework's settings decide the framework's cookies.

        Args:
            cookie_options: cookie options to replace, e.g. `cookie_secure=False`.

        Returns:
            A client sharing this one's parts, or this client when nothing changes.

        Raises:
            TypeError: an option that is not a cookie option.
            AuthException: a malformed value (e.g. a SameSite other than Lax/Strict/None).
        """
        config = self._config.with_cookies(**cookie_options)
        if config is self._config:
            return self
        twin = copy.copy(self)
        twin._config = config
        twin._sessions = SessionManager(config, self._core, self._verifier, self._refresher)
        return twin

    @property
    def mgmt(self) -> Management[M]:
        """The management API (`client.mgmt.user`, ...).

        Without a management key only `mgmt.outbound_application_by_token` works (it is
        authorized by an inbound app token); every other area raises.

        Raises:
            AuthException: an area other than that one, on a client without a
                management key (nothing is sent).
        """
        if not self._config.management_key:
            config = self._config
            return cast(
                "Management[M]", KeylessManagement(self._mgmt, lambda: management_key_of(config))
            )
        return self._mgmt

    def __repr__(self) -> str:
        return f"{type(self).__name__}(project_id={self._config.project_id!r})"

    # -- sessions ----------------------------------------------------------------------

    def _validated(self, session_token: str, audience: Audience) -> Steps[dict[str, Any]]:
        claims = yield Verify(session_token, "DS", audience)
        return session_result(claims, session_token)

    def _refreshed(self, refresh_token: str, audience: Audience) -> Steps[dict[str, Any]]:
        old_claims = yield Verify(refresh_token, "DSR", audience)
        raw, session_claims, refresh_claims = yield from self._refresher.exchange(
            refresh_token, audience
        )
        assert raw.session_jwt is not None
        refresh = (
            (refresh_claims, raw.refresh_jwt)
            if refresh_claims is not None and raw.refresh_jwt
            else (old_claims, refresh_token)
        )
        return jwt_result((session_claims, raw.session_jwt), refresh, raw.body)

    @api
    def validate_session(
        self, session_token: str, audience: Audience = None
    ) -> Steps[dict[str, Any]]:
        """Verify a session token locally (tokens.md §5.1 shape).

        Args:
            session_token: the session JWT (DS).
            audience: the audience the token must carry, if any.

        Raises:
            AuthException: the token is missing, malformed, forged or expired
                (`ExpiredTokenException`).
        """
        return (yield from self._validated(session_token, audience))

    @api
    def refresh_session(
        self, refresh_token: str, audience: Audience = None
    ) -> Steps[dict[str, Any]]:
        """Exchange a refresh token for a new session (one call per token, shared).

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: the refresh token is missing or invalid, or Descope refused.
        """
        return (yield from self._refreshed(_require_refresh(refresh_token), audience))

    @api
    def validate_and_refresh_session(
        self,
        session_token: str,
        refresh_token: str,
        audience: Audience = None,
    ) -> Steps[dict[str, Any]]:
        """Validate the session token; refresh only when it has expired.

        A forged or malformed session token is refused, never refreshed around (the
        official SDK refreshes after any validation error).

        Args:
            session_token: the session JWT (DS).
            refresh_token: the refresh JWT (DSR), used only when the session expired.
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a token missing or not a string (nothing is sent), the
                session token invalid, or the refresh refused.
        """
        session_token = _require_token(session_token, "Session")
        refresh_token = _require_refresh(refresh_token)
        try:
            return (yield from self._validated(session_token, audience))
        except ExpiredTokenException:
            pass
        return (yield from self._refreshed(refresh_token, audience))

    @api
    def exchange_access_key(
        self,
        access_key: str,
        audience: Audience = None,
        login_options: AccessKeyLoginOptions | None = None,
    ) -> Steps[dict[str, Any]]:
        """A session token for an access key (tokens.md §5.3 shape).

        Args:
            access_key: the access key's secret.
            audience: the audience the tokens must carry, if any.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).

        Raises:
            AuthException: the key is empty, unknown, expired or used from a refused IP.
        """
        if not isinstance(access_key, str) or not access_key:
            raise invalid_argument("access_key must be a non-empty string")
        body = {"loginOptions": login_options.to_dict() if login_options is not None else {}}
        return (
            yield from self._core.call_jwt(
                "/v1/auth/accesskey/exchange",
                body,
                secret=access_key,
                audience=audience,
                access_key=True,
            )
        )

    @api
    def select_tenant(self, tenant_id: str, refresh_token: str) -> Steps[dict[str, Any]]:
        """New tokens whose `dct` claim is `tenant_id`.

        Args:
            tenant_id: the tenant's id.
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: no refresh token, or Descope refused.
        """
        if not isinstance(tenant_id, str) or not tenant_id:
            raise invalid_argument("tenant_id must be a non-empty string")
        secret = _require_refresh(refresh_token)
        return (
            yield from self._core.call_jwt(
                "/v1/auth/tenant/select", {"tenant": tenant_id}, secret=secret
            )
        )

    @api
    def logout(self, refresh_token: str) -> Steps[Any]:
        """Revoke this refresh token; returns the HTTP response (as the official SDK does).

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: no refresh token, or Descope refused.
        """
        secret = _require_refresh(refresh_token)
        self._refresher.forget(secret)
        call = self._core.call("/v1/auth/logout", {}, secret=secret).reading(read_response)
        return (yield call)

    @api
    def logout_all(self, refresh_token: str) -> Steps[Any]:
        """Revoke every session of the user; returns the HTTP response.

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: no refresh token, or Descope refused.
        """
        secret = _require_refresh(refresh_token)
        self._refresher.forget(secret)
        call = self._core.call("/v1/auth/logoutall", {}, secret=secret).reading(read_response)
        return (yield call)

    @api
    def me(self, refresh_token: str) -> Call[dict[str, Any]]:
        """The signed-in user's details.

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: no refresh token, or Descope refused.
        """
        secret = _require_refresh(refresh_token)
        return self._core.call("/v1/auth/me", method="GET", secret=secret).reading(read_dict)

    @api
    def history(self, refresh_token: str) -> Call[list[dict[str, Any]]]:
        """The signed-in user's authentication history.

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: no refresh token, or Descope refused.
        """
        secret = _require_refresh(refresh_token)
        return self._core.call("/v1/auth/me/history", method="GET", secret=secret).reading(
            read_list
        )

    @api
    def my_tenants(
        self, refresh_token: str, dct: bool = False, ids: list[str] | None = None
    ) -> Call[dict[str, Any]]:
        """The tenants of the signed-in user: the current one (`dct`) or the given `ids`.

        Args:
            refresh_token: the signed-in user's refresh JWT (DSR).
            dct: only the current tenant (the token's `dct`).
            ids: the ids.

        Raises:
            AuthException: no refresh token, both or neither selector, or Descope refused.
        """
        secret = _require_refresh(refresh_token)
        if dct == bool(ids):
            raise invalid_argument("Only one of 'dct' or 'ids' should be set")
        body: dict[str, Any] = {"dct": dct}
        if ids is not None:
            body["ids"] = list(ids)
        return self._core.call_dict("/v1/auth/me/tenants", body, secret=secret)

    # -- authorization helpers (tokens.md §6: return False, never raise; no I/O) -------

    def get_last_response(self) -> DescopeResponse | None:
        """The last HTTP answer this thread (async: this task) received from Descope.

        Only a client built with `verbose=True` keeps it: status, headers (`cf-ray`) and
        body of the last call, also when that call raised `AuthException`.

        Returns:
            A `DescopeResponse`, or None when verbose is off or nothing was sent yet.

        Raises:
            Nothing.
        """
        if self._last_response is None:
            return None
        return self._last_response.get()

    def validate_permissions(self, jwt_response: dict[str, Any], permissions: list[str]) -> bool:
        """True if the session holds every permission (project level).

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            permissions: permission names.

        Raises:
            Nothing: a malformed `jwt_response` gives False.
        """
        return authz.validate_permissions(jwt_response, permissions)

    def validate_roles(self, jwt_response: dict[str, Any], roles: list[str]) -> bool:
        """True if the session holds every role (project level).

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            roles: role names.

        Raises:
            Nothing: a malformed `jwt_response` gives False.
        """
        return authz.validate_roles(jwt_response, roles)

    def validate_tenant_permissions(
        self, jwt_response: dict[str, Any], tenant: str, permissions: list[str]
    ) -> bool:
        """True if the session holds every permission in `tenant`.

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            tenant: the tenant's id.
            permissions: permission names.

        Raises:
            Nothing: a malformed `jwt_response` gives False.
        """
        return authz.validate_tenant_permissions(jwt_response, tenant, permissions)

    def validate_tenant_roles(
        self, jwt_response: dict[str, Any], tenant: str, roles: list[str]
    ) -> bool:
        """True if the session holds every role in `tenant`.

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            tenant: the tenant's id.
            roles: role names.

        Raises:
            Nothing: a malformed `jwt_response` gives False.
        """
        return authz.validate_tenant_roles(jwt_response, tenant, roles)

    def get_matched_permissions(
        self, jwt_response: dict[str, Any], permissions: list[str]
    ) -> list[str]:
        """The given permissions the session holds (project level).

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            permissions: permission names.

        Raises:
            Nothing: a malformed `jwt_response` gives [].
        """
        return authz.get_matched_permissions(jwt_response, permissions)

    def get_matched_roles(self, jwt_response: dict[str, Any], roles: list[str]) -> list[str]:
        """The given roles the session holds (project level).

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            roles: role names.

        Raises:
            Nothing: a malformed `jwt_response` gives [].
        """
        return authz.get_matched_roles(jwt_response, roles)

    def get_matched_tenant_permissions(
        self, jwt_response: dict[str, Any], tenant: str, permissions: list[str]
    ) -> list[str]:
        """The given permissions the session holds in `tenant`.

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            tenant: the tenant's id.
            permissions: permission names.

        Raises:
            Nothing: a malformed `jwt_response` gives [].
        """
        return authz.get_matched_tenant_permissions(jwt_response, tenant, permissions)

    def get_matched_tenant_roles(
        self, jwt_response: dict[str, Any], tenant: str, roles: list[str]
    ) -> list[str]:
        """The given roles the session holds in `tenant`.

        Args:
            jwt_response: a validated session (the dict `validate_session` returns).
            tenant: the tenant's id.
            roles: role names.

        Raises:
            Nothing: a malformed `jwt_response` gives [].
        """
        return authz.get_matched_tenant_roles(jwt_response, tenant, roles)


class _OnTheLoop:
    """A coroutine method of a blocking client running one `@api` call from the loop.

    `DescopeClient.avalidate_session` and friends: kept for callers of earlier versions.
    The call's steps run on the loop (a verification with a cached key inline), but a
    blocking client has no async transport, so its requests go to a worker thread. Use
    `DescopeClientAsync` in async code.
    """

    def __init__(self, target: api[Any, Any]) -> None:
        self._target = target
        name = target.__name__
        self.__doc__ = (
            f"Awaitable `{name}` (runs its network steps in a thread).\n\n"
            f"Args:\n    args, kwargs: as `{name}`'s.\n\n"
            f"Raises:\n    AuthException: as `{name}`."
        )

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        target = self._target

        async def method(*args: Any, **kwargs: Any) -> Any:
            return await obj._core.arun(target.describe(obj, *args, **kwargs))

        method.__doc__ = self.__doc__
        return method


class DescopeClient(_Client[Blocking]):
    """Same names and arguments as the official SDK's `DescopeClient` (docs/contracts.md).

    Every method blocks and returns its result. In async code use `DescopeClientAsync`.
    """

    def close(self) -> None:
        """Release the pooled connections.

        Raises:
            Nothing.
        """
        self._transport.close()
        if self._coordinator is not None:
            self._coordinator.close()

    def __enter__(self) -> DescopeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def validate_session(self, session_token: str, audience: Audience = None) -> dict[str, Any]:
        """Verify a session token locally (tokens.md §5.1 shape).

        Args:
            session_token: the session JWT (DS).
            audience: the audience the token must carry, if any.

        Raises:
            AuthException: the token is missing, malformed, forged or expired
                (`ExpiredTokenException`).
        """
        # straight in the calling thread, no call description to drive: a repeated token
        # costs one cache lookup and a copy of its cached result (same docstring as the
        # async client's, which the surface test compares)
        return self._verifier.verify(session_token, "DS", audience=audience, shape=session_result)

    avalidate_session = _OnTheLoop(_Client.validate_session)
    arefresh_session = _OnTheLoop(_Client.refresh_session)
    avalidate_and_refresh_session = _OnTheLoop(_Client.validate_and_refresh_session)


class DescopeClientAsync(_Client[Async]):
    """The official SDK's `DescopeClientAsync`: the same surface, every API call a coroutine.

    Runs on httpx with one connection pool per event loop; nothing blocks the loop. The
    JWT-claim helpers (`validate_roles`, ...) stay plain functions, as in the official
    SDK. Use it as `async with DescopeClientAsync(...) as client:` or call `aclose()`.
    """

    _async_mode = True

    @property
    def async_transport(self) -> AsyncTransport:
        """The httpx transport every call of this client goes through."""
        assert self._async_transport is not None
        return self._async_transport

    async def aopen(self) -> DescopeClientAsync:
        """Nothing to prepare ahead (pools open on first use); returns the client.

        Raises:
            Nothing.
        """
        return self

    async def aclose(self) -> None:
        """Close this event loop's connection pool (and the blocking one).

        The client stays usable: a later call opens a new pool.

        Raises:
            Nothing.
        """
        await self.async_transport.aclose()
        self._transport.close()
        if self._coordinator is not None:
            await self._coordinator.aclose()

    def close(self) -> None:
        """Release what can be released outside the event loop: the blocking transport,
        and the pools of event loops that are open but not running (the running loop's
        pool is `aclose()`'s). For synchronous teardown code, e.g. a pytest fixture.

        Raises:
            Nothing.
        """
        self.async_transport.close_idle_loops()
        self._transport.close()
        if self._coordinator is not None:
            self._coordinator.close()

    async def __aenter__(self) -> DescopeClientAsync:
        return await self.aopen()

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


