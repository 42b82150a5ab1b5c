"""Framework-neutral session layer: cookies + headers in, a `SessionOutcome` out.

The decision flow is written once, as a generator of the client's call steps
(`descope_core.calls`: verify a token, refresh a session), and run by the client's runners:
`resolve` in the calling thread, `aresolve` on the event loop without blocking it (a
verification whose key is cached runs inline; requests go out on httpx for a
`DescopeClientAsync`, in a worker thread for a `DescopeClient`). Concurrent refreshes of
one refresh token (threads and coroutines alike) share a single call to Descope; the
refresh step itself (`Refresher.exchange`) is shared with `client.refresh_session`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, NamedTuple

from . import telemetry
from .auth._base import AuthCore, tokens_of
from .calls import Delegate, Reply, Steps, Verify
from .config import DescopeConfig
from .constants import REFRESH_SESSION_TOKEN_NAME, SESSION_TOKEN_NAME
from .exceptions import (
    AuthException,
    ExpiredTokenException,
    RateLimitException,
    ServiceUnavailableException,
)
from .fleet import RefreshCoordinator
from .outcome import CookieSpec, DescopeSession, Reason, SessionOutcome
from .request import bearer_of
from .tokens import Audience, TokenVerifier, unverified_exp, unverified_user_id, user_id_of

logger = logging.getLogger("descope_core.session")

REFRESH_PATH = "/v1/auth/refresh"
LOGOUT_PATH = "/v1/auth/logout"
# a remembered refresh result is handed out again only if its session token stays
# acceptable for at least this long (covers the time until the consumer verifies it)
REUSE_MARGIN_SECONDS = 1.0


@dataclass(frozen=True)
class RawRefresh:
    """What `/v1/auth/refresh` answered (tokens not yet verified by the consumer)."""

    body: Mapping[str, Any]
    session_jwt: str | None
    refresh_jwt: str | None  # the rotated token, None when Descope kept the old one
    session_exp: float | None = None  # `exp` of session_jwt, read unverified (reuse only)

    def __repr__(self) -> str:
        return f"RawRefresh(rotated={self.refresh_jwt is not None})"


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def is_unavailable(exc: AuthException) -> bool:
    """Descope unreachable / overloaded, as opposed to a refusal."""
    if isinstance(exc, (ServiceUnavailableException, RateLimitException)):
        return True
    return isinstance(exc.status_code, int) and exc.status_code >= 500 and (
        exc.error_type == "server error"
    )


def retry_after_of(exc: AuthException) -> int:
    if isinstance(exc, RateLimitException):
        return exc.retry_after or 1
    value = getattr(exc, "retry_after", None)
    return value if isinstance(value, int) and value > 0 else 5


class Refresher:
    """Single-flight `/v1/auth/refresh`: one call per refresh token, shared by all waiters.

    A finished refresh is remembered for `reuse_seconds` so requests that arrive just after
    it (same old refresh token) get the same answer instead of a second call, but only
    while its session token is still accepted by the verifier (its `exp`, leeway included,
    at least `REUSE_MARGIN_SECONDS` away by the verifier's clock). A remembered result
    whose session token expired (short session TTLs) is dropped and a new single-flight
    refresh runs: handing it out would fail verification and log the user out.
    """

    def __init__(
        self,
        core: AuthCore,
        *,
        reuse_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        coordinator: RefreshCoordinator | None = None,
    ) -> None:
        self._core = core
        self._coordinator = coordinator  # fleet-wide single flight (descope_core.fleet)
        self._reuse = reuse_seconds
        self._clock = clock
        self._lock = threading.Lock()  # bookkeeping only, never held during I/O
        self._inflight: dict[str, Future[RawRefresh]] = {}
        self._recent: dict[str, tuple[float, RawRefresh]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.calls = 0

    def _claim(self, token: str) -> tuple[Future[RawRefresh], bool]:
        key = _fingerprint(token)
        now = self._clock()
        with self._lock:
            recent = self._recent.get(key)
            if recent is not None:
                if now - recent[0] < self._reuse and self._still_valid(recent[1]):
                    done: Future[RawRefresh] = Future()
                    done.set_running_or_notify_cancel()
                    done.set_result(recent[1])
                    return done, False
                del self._recent[key]
            fut = self._inflight.get(key)
            if fut is not None:
                return fut, False
            fut = Future()
            fut.set_running_or_notify_cancel()  # a cancelled waiter cannot cancel it
            self._inflight[key] = fut
            if len(self._recent) > 1024:
                self._recent = {
                    k: v
                    for k, v in self._recent.items()
                    if now - v[0] < self._reuse and self._still_valid(v[1])
                }
            return fut, True

    def _still_valid(self, result: RawRefresh) -> bool:
        """Whether a remembered result's session token would still pass verification."""
        exp = result.session_exp
        if exp is None:
            return False
        return self._core.verifier.is_live(exp, margin=REUSE_MARGIN_SECONDS)

    def _raw(self, reply: Reply, token: str) -> RawRefresh:
        body, session_jwt, refresh_jwt = tokens_of(reply)
        if refresh_jwt == token:
            refresh_jwt = None
        return RawRefresh(body, session_jwt, refresh_jwt, unverified_exp(session_jwt))

    def _settle(
        self,
        token: str,
        fut: Future[RawRefresh],
        result: RawRefresh | None = None,
        error: BaseException | None = None,
    ) -> None:
        """Record the leader's outcome and release every waiter (exactly once)."""
        key = _fingerprint(token)
        with self._lock:
            self._inflight.pop(key, None)
            if result is not None:
                self._recent[key] = (self._clock(), result)
        if fut.done():
            return
        if result is not None:
            fut.set_result(result)
        else:
            fut.set_exception(error or ServiceUnavailableException("refresh aborted"))

    def _run(self, token: str, fut: Future[RawRefresh]) -> None:
        try:
            if self._coordinator is None:
                result = self._fetch(token)
            else:
                result = self._coordinator.run(token, partial(self._fetch, token), RawRefresh)
        except AuthException as e:
            self._settle(token, fut, error=e)
        else:
            self._settle(token, fut, result)
        finally:
            if not fut.done():  # unexpected error: never leave waiters hanging
                self._settle(token, fut)

    async def _arun(self, token: str, fut: Future[RawRefresh]) -> None:
        """The async transport's leader; runs as its own task (see `arefresh`)."""
        try:
            if self._coordinator is None:
                result = await self._afetch(token)
            else:
                result = await self._coordinator.arun(
                    token, partial(self._afetch, token), RawRefresh
                )
        except AuthException as e:
            self._settle(token, fut, error=e)
        else:
            self._settle(token, fut, result)
        finally:
            if not fut.done():
                self._settle(token, fut)

    def _fetch(self, token: str) -> RawRefresh:
        """The call to Descope, made by this process (blocking transport)."""
        self.calls += 1
        telemetry.count(telemetry.REFRESHES)
        try:
            with telemetry.span(telemetry.REFRESH):
                reply = self._core.run(self._core.call(REFRESH_PATH, {}, secret=token))
        except AuthException:
            telemetry.count(telemetry.REFRESH_FAILURES)
            raise
        return self._raw(reply, token)

    async def _afetch(self, token: str) -> RawRefresh:
        """The call to Descope, made by this process (async transport)."""
        self.calls += 1
        telemetry.count(telemetry.REFRESHES)
        try:
            with telemetry.span(telemetry.REFRESH):
                reply = await self._core.arun(self._core.call(REFRESH_PATH, {}, secret=token))
        except AuthException:
            telemetry.count(telemetry.REFRESH_FAILURES)
            raise
        return self._raw(reply, token)

    def refresh(self, token: str) -> RawRefresh:
        fut, leader = self._claim(token)
        if leader:
            self._run(token, fut)
        return fut.result()

    async def arefresh(self, token: str) -> RawRefresh:
        """Refresh from the event loop; a cancelled caller never leaves a refresh half-done.

        With the async transport the leader's call runs as a task of its own: if the
        caller that started it is cancelled, the refresh still completes and its result
        is remembered, so the rotated token is not lost (the next request gets it).
        """
        fut, leader = self._claim(token)
        if leader:
            if self._core.native_async:
                task = asyncio.get_running_loop().create_task(self._arun(token, fut))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            else:
                await asyncio.to_thread(self._run, token, fut)
        return await asyncio.wrap_future(fut)

    def exchange(
        self, token: str, audience: Audience = None
    ) -> Steps[tuple[RawRefresh, dict[str, Any], dict[str, Any] | None]]:
        """The refresh step, written once for the session flow and `refresh_session`.

        The caller has verified `token` (a refresh token) already. Refreshes it (single
        flight), then verifies what Descope answered: the new session token, and the
        rotated refresh token when there is one. Returns (raw answer, session claims,
        rotated refresh claims or None).
        """
        raw: RawRefresh = yield Delegate(partial(self.refresh, token), partial(self.arefresh, token))
        if not raw.session_jwt:
            raise AuthException(500, "invalid token", "refresh returned no session token")
        session_claims = yield Verify(raw.session_jwt, "DS", audience)
        refresh_claims = None
        if raw.refresh_jwt:
            refresh_claims = yield Verify(raw.refresh_jwt, "DSR", audience)
        return raw, session_claims, refresh_claims

    def forget(self, token: str) -> None:
        with self._lock:
            self._recent.pop(_fingerprint(token), None)
        if self._coordinator is not None:
            self._coordinator.forget(token)




class Credentials(NamedTuple):
    """The tokens a request presents (`SessionManager.credentials`)."""

    session_token: str | None
    refresh_token: str | None  # always None for a bearer request
    via: Literal["bearer", "cookie"] | None  # None: no credential at all

    def __repr__(self) -> str:  # never print tokens
        return f"Credentials(via={self.via!r})"


_Flow = Steps[SessionOutcome]
_UNSEEN = object()
_OWNERS_SIZE = 1024  # refresh tokens whose user is remembered (`SessionManager._owner`)
_OWNER_TOKEN_MAX = 8 * 1024  # longer ones are read each time (Descope's are ~1 KiB)


class SessionManager:
    """One per client; see docs/contracts.md for the contract."""

    def __init__(
        self,
        config: DescopeConfig,
        core: AuthCore,
        verifier: TokenVerifier,
        refresher: Refresher | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._config = config
        self._core = core
        self._verifier = verifier
        self._refresher = refresher or Refresher(core)
        self._clock = clock
        self._owners: dict[str, str | None] = {}  # refresh token -> the user it names

    @property
    def refresher(self) -> Refresher:
        return self._refresher

    # -- public API --------------------------------------------------------------------

    def resolve(self, cookies: Mapping[str, str], headers: Mapping[str, str]) -> SessionOutcome:
        """The request's session outcome (blocking: verify, refresh when expired)."""
        creds = self.credentials(cookies, headers)
        if telemetry.tracing():
            with telemetry.span(telemetry.VALIDATE) as current:
                outcome = self._known_valid(creds) or self._core.run(self._flow(creds))
                telemetry.session_result(current, outcome)
                return outcome
        return self._known_valid(creds) or self._core.run(self._flow(creds))

    async def aresolve(
        self, cookies: Mapping[str, str], headers: Mapping[str, str]
    ) -> SessionOutcome:
        """The same decision from the event loop; never blocks it."""
        creds = self.credentials(cookies, headers)
        if telemetry.tracing():
            with telemetry.span(telemetry.VALIDATE) as current:
                outcome = self._known_valid(creds) or await self._decide(creds)
                telemetry.session_result(current, outcome)
                return outcome
        return self._known_valid(creds) or await self._decide(creds)

    async def _decide(self, creds: Credentials) -> SessionOutcome:
        """`_flow` on the event loop (typed apart: mypy would infer the runner's result
        from the Optional left operand of ``or``)."""
        return await self._core.arun(self._flow(creds))

    def logout(self, cookies: Mapping[str, str], headers: Mapping[str, str]) -> SessionOutcome:
        return self._core.run(self._logout(cookies))

    async def alogout(
        self, cookies: Mapping[str, str], headers: Mapping[str, str]
    ) -> SessionOutcome:
        return await self._core.arun(self._logout(dict(cookies)))

    def _logout(self, cookies: Mapping[str, str]) -> Steps[SessionOutcome]:
        token = self._refresh_token(cookies)
        if token:
            self._refresher.forget(token)
            try:
                yield self._core.call(LOGOUT_PATH, {}, secret=token)
            except AuthException as e:
                logger.info("logout call failed (%s); clearing cookies anyway", e.status_code)
        return SessionOutcome(
            reason=Reason.MISSING, detail="logged out", cookies_to_clear=self.clear_cookies()
        )

    def cookies_for(self, jwt_response: Mapping[str, Any]) -> tuple[CookieSpec, ...]:
        """DS/DSR cookies to set after a sign-in call, from its jwt_response."""
        out: list[CookieSpec] = []
        now = self._clock()
        session = jwt_response.get(SESSION_TOKEN_NAME)
        if isinstance(session, Mapping) and isinstance(session.get("jwt"), str):
            out.append(
                self._cookie(
                    self._config.session_cookie_name,
                    session["jwt"],
                    self._ttl(session.get("exp"), now),
                    now,
                )
            )
        refresh = jwt_response.get(REFRESH_SESSION_TOKEN_NAME)
        if isinstance(refresh, Mapping) and isinstance(refresh.get("jwt"), str):
            data = jwt_response.get("cookieData")
            max_age = data.get("maxAge") if isinstance(data, Mapping) else None
            out.append(
                self._cookie(
                    self._config.refresh_cookie_name,
                    refresh["jwt"],
                    self._refresh_ttl(max_age, refresh.get("exp"), now),
                    now,
                )
            )
        return tuple(out)

    def clear_cookies(self) -> tuple[CookieSpec, ...]:
        return tuple(
            CookieSpec(
                name=name,
                value="",
                max_age=0,
                expires=0,
                path=self._config.cookie_path,
                domain=self._config.cookie_domain,
                http_only=True,
                secure=self._config.cookie_secure,
                same_site=self._config.cookie_samesite,
            )
            for name in (self._config.session_cookie_name, self._config.refresh_cookie_name)
        )

    # -- the decision flow (shared by sync and async) --------------------------------------

    def _refresh_token(self, cookies: Mapping[str, str]) -> str | None:
        value = cookies.get(self._config.refresh_cookie_name)
        return value if isinstance(value, str) and value else None

    def credentials(
        self, cookies: Mapping[str, str], headers: Mapping[str, str]
    ) -> Credentials:
        """Which tokens this request presents, and where from (the one place that decides).

        An `Authorization: Bearer` header is an explicit credential: when present, the
        cookies are not read at all, so a bearer token that fails is never rescued by a
        session or refresh cookie. Otherwise the session and refresh cookies.
        """
        bearer = bearer_of(headers)
        if bearer is not None:
            return Credentials(bearer, None, "bearer")
        value = cookies.get(self._config.session_cookie_name)
        session_token = value if isinstance(value, str) and value else None
        refresh_token = self._refresh_token(cookies)
        if session_token is None and refresh_token is None:
            return Credentials(None, None, None)
        return Credentials(session_token, refresh_token, "cookie")

    def _known_valid(self, creds: Credentials) -> SessionOutcome | None:
        """The hot path, taken by `resolve` and `aresolve` for every adapter: a session
        token the verifier already holds as valid (`TokenVerifier.cached`) is decided
        here, with no step runner and no await; the outcome is the one `_flow` gives.
        None for anything else (no token, first sight, expired, key set changed): then
        `_flow` decides."""
        session_token = creds.session_token
        if not session_token:
            return None
        claims = self._verifier.cached(session_token, "DS")
        if claims is None:
            return None
        return self._valid(claims, session_token, creds.refresh_token, creds.via)

    def _valid(
        self,
        claims: dict[str, Any],
        session_token: str,
        refresh_token: str | None,
        via: Literal["bearer", "cookie"] | None,
    ) -> SessionOutcome:
        """The outcome of a verified, unexpired session token."""
        if refresh_token is not None and self._owner(refresh_token) != user_id_of(claims):
            refresh_token = None  # another user's refresh token: ignored
        session = DescopeSession(claims, session_token, refresh_token, refreshed=False)
        return SessionOutcome(session=session, via=via)

    def _owner(self, refresh_token: str) -> str | None:
        """The user a refresh cookie names, read unverified (only to ignore another
        user's), remembered per token: a browser sends the same one with every request."""
        owners = self._owners
        owner = owners.get(refresh_token, _UNSEEN)
        if owner is _UNSEEN:
            owner = unverified_user_id(refresh_token)
            if len(refresh_token) <= _OWNER_TOKEN_MAX:
                if len(owners) >= _OWNERS_SIZE:
                    owners.clear()  # a flood of distinct tokens only costs re-reading
                owners[refresh_token] = owner
        return owner  # type: ignore[return-value]

    def _flow(self, creds: Credentials) -> _Flow:
        session_token, refresh_token, via = creds
        if via is None:
            return SessionOutcome(reason=Reason.MISSING, detail="no session")
        if via == "bearer" and not session_token:
            return SessionOutcome(reason=Reason.INVALID, detail="empty bearer token", via=via)

        expired_user: str | None = None
        if session_token is not None:
            try:
                claims = yield Verify(session_token, "DS")
            except ExpiredTokenException:
                if refresh_token is None:
                    return SessionOutcome(reason=Reason.EXPIRED, detail="session expired", via=via)
                # authentic (the signature is checked before expiry), only expired: the
                # refresh token must name the same user
                expired_user = unverified_user_id(session_token)
            except AuthException as e:
                if is_unavailable(e):
                    return self._unavailable(e, via)
                return SessionOutcome(
                    reason=Reason.INVALID, detail=e.error_message or "invalid token", via=via
                )
            else:
                return self._valid(claims, session_token, refresh_token, via)

        # the session is missing or expired, and there is a refresh token
        assert refresh_token is not None
        try:
            old_refresh_claims = yield Verify(refresh_token, "DSR")
        except AuthException as e:
            if is_unavailable(e):
                return self._unavailable(e, "cookie")
            # the cookie itself is bad: the one case that clears (see _refresh_failed)
            return self._refresh_failed(e, clear=not isinstance(e, ExpiredTokenException))
        if session_token is not None and user_id_of(old_refresh_claims) != expired_user:
            return SessionOutcome(
                reason=Reason.MISMATCH,
                detail="the session and refresh tokens belong to different users",
                via="cookie",
            )
        try:
            raw, new_claims, refresh_claims = yield from self._refresher.exchange(refresh_token)
        except AuthException as e:
            if is_unavailable(e):
                return self._unavailable(e, "cookie")
            return self._refresh_failed(e, clear=False)
        assert raw.session_jwt is not None  # exchange refuses an answer without one
        now = self._clock()
        to_set = [
            self._cookie(
                self._config.session_cookie_name,
                raw.session_jwt,
                self._ttl(new_claims.get("exp"), now),
                now,
            )
        ]
        current_refresh = refresh_token
        if raw.refresh_jwt and refresh_claims is not None:
            current_refresh = raw.refresh_jwt
            to_set.append(
                self._cookie(
                    self._config.refresh_cookie_name,
                    raw.refresh_jwt,
                    self._refresh_ttl(
                        raw.body.get("cookieMaxAge"), refresh_claims.get("exp"), now
                    ),
                    now,
                )
            )
        session = DescopeSession(new_claims, raw.session_jwt, current_refresh, refreshed=True)
        return SessionOutcome(session=session, cookies_to_set=tuple(to_set), via="cookie")

    # -- helpers -------------------------------------------------------------------------

    # The cookie rule of a failed refresh (docs/contracts.md): DS/DSR are cleared only when
    # the refresh cookie the browser sent is itself bad by local verification (malformed,
    # forged, another project's, not a refresh token). A refresh Descope refuses, a refresh
    # token past its `exp`, or a failure after the refresh call leaves them alone. A browser
    # sends parallel requests with the same cookies; with refresh-token rotation, one of
    # them refreshes (on any worker or host) and Descope refuses the old token for the
    # others. The winner's response sets newer cookies; a loser's clearing response that
    # arrived later would wipe them and sign the user out. A refusal cannot tell "rotated
    # out by a sibling" from "revoked", so it never clears; an expired refresh token needs
    # no clearing (its cookie's Max-Age ends with it). Logout always clears.
    def _refresh_failed(self, e: AuthException, *, clear: bool) -> SessionOutcome:
        return SessionOutcome(
            reason=Reason.REFRESH_FAILED,
            detail=e.error_message or "refresh failed",
            cookies_to_clear=self.clear_cookies() if clear else (),
            via="cookie",
        )

    @staticmethod
    def _unavailable(e: AuthException, via: Literal["bearer", "cookie"] | None) -> SessionOutcome:
        return SessionOutcome(
            reason=Reason.UNAVAILABLE,
            detail="Descope is unavailable",
            retry_after=retry_after_of(e),
            via=via,
        )

    @staticmethod
    def _ttl(exp: Any, now: float) -> int:
        if isinstance(exp, (int, float)) and not isinstance(exp, bool):
            return max(0, int(exp - now))
        return 0

    def _refresh_ttl(self, max_age: Any, exp: Any, now: float) -> int:
        if isinstance(max_age, int) and not isinstance(max_age, bool) and max_age > 0:
            return max_age
        return self._ttl(exp, now)

    def _cookie(self, name: str, value: str, max_age: int, now: float) -> CookieSpec:
        return CookieSpec(
            name=name,
            value=value,
            max_age=max_age,
            expires=int(now) + max_age,
            path=self._config.cookie_path,
            domain=self._config.cookie_domain,
            http_only=True,
            secure=self._config.cookie_secure,
            same_site=self._config.cookie_samesite,
        )
