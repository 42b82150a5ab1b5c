"""Descope sessions for WebSocket routes (Starlette and FastAPI).

    @app.websocket_route("/ws")                         # Starlette
    async def ws(websocket):
        async with descope_websocket(websocket, roles=["chat"]) as session:
            ...                                         # accepted; session is valid

    @app.websocket("/ws")                               # FastAPI
    async def ws(websocket: WebSocket, session=Depends(websocket_session(roles=["chat"]))):
        ...                                             # accepted by the dependency

At the handshake the session comes from the cookies (`DS`/`DSR`, refreshed when expired)
or from a token sent the way a browser can send one: the subprotocol list
`new WebSocket(url, ["descope", sessionJwt])` (the server answers with the `descope`
subprotocol, never the token; query strings are not read, since they end up in access
logs: keep tokens out of the URL). Mind server logs too: uvicorn at `--log-level debug`
logs each handshake's headers, which carry the `DS`/`DSR` cookies or the
`["descope", jwt]` subprotocol token; run it at `info` or above where real users connect
(docs/security.md). Without a valid session, or when the route's roles/permissions/tenant
are not met, or for a cookie session on a handshake from another site, the socket is
closed with 1008 (policy violation) before it is accepted (1013 when Descope is unreachable): the
server answers the handshake with 403 and nothing of the app runs.

Once open, the socket is watched: when its session expires it is refreshed with the
connection's refresh token; when that fails (no refresh token, revoked, expired) the
socket is closed with 1008 ("session expired"), 1013 when Descope cannot be reached.
The endpoint then sees a normal disconnect, which the context manager swallows.

With `DescopeMiddleware` the middleware's handshake outcome (and its cross-site rule)
is reused; without it, pass `client=` (the middleware's client is found in the scope).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from starlette.exceptions import WebSocketException
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from descope_core.guard import (
    Denial,
    Guard,
    Requirements,
    deny_for_outcome,
    deny_for_requirements,
)
from descope_core.outcome import DescopeSession, SessionOutcome

from ._adapter import request_facts, set_cookie_headers, websocket_close, websocket_close_code
from .middleware import SCOPE_OUTCOME, SCOPE_SESSION, SCOPE_STATE, DescopeASGIState

if TYPE_CHECKING:
    from descope_core import DescopeClient

logger = logging.getLogger("descope_asgi.websocket")

SUBPROTOCOL = "descope"  # offered first by browsers: ["descope", <session jwt>]
EXPIRED_REASON = "session expired"
_WAKE_MARGIN = 0.05  # seconds past the verifier's deadline before re-checking


def subprotocol_token(scope: Mapping[str, Any]) -> str | None:
    """The session token offered as a subprotocol after `descope`, if any."""
    offered = scope.get("subprotocols") or ()
    if SUBPROTOCOL not in offered:
        return None
    for value in offered:
        if value != SUBPROTOCOL and value.count(".") == 2:
            return str(value)
    return None


class DescopeWebSocket:
    """The async context manager returned by `descope_websocket` (see the module doc).

    `session` is the connection's current `DescopeSession` (replaced after a refresh,
    also kept at `websocket.scope["descope_session"]`).
    """

    def __init__(
        self,
        websocket: WebSocket,
        requirements: Requirements,
        *,
        client: DescopeClient | None = None,
        trusted_origins: Iterable[str] | None = None,
        csrf_protect: bool | None = None,
        subprotocol: str | None = None,
    ) -> None:
        self.websocket = websocket
        self.requirements = requirements
        state: DescopeASGIState | None = websocket.scope.get(SCOPE_STATE)
        if client is None:
            if state is None:
                raise RuntimeError(
                    "descope_websocket needs a client: pass client= or add DescopeMiddleware"
                )
            client = state.client
        self.client = client
        self._state = state
        if state is not None and trusted_origins is None and csrf_protect is None:
            self.guard = state.guard  # the middleware's rule (it applied it already)
        else:
            base = state.guard if state is not None else Guard()
            self.guard = Guard.for_config(
                client.config,
                csrf_protect=base.csrf_protect if csrf_protect is None else csrf_protect,
                trusted_origins=base.trusted_origins if trusted_origins is None else trusted_origins,
            )
        self._subprotocol = subprotocol
        self.session: DescopeSession | None = None
        self.closed_by_descope = False
        self._watch: asyncio.Task[None] | None = None

    # -- handshake ---------------------------------------------------------------------

    async def handshake(self) -> tuple[SessionOutcome, Denial | None]:
        """The handshake's outcome: the middleware's, or resolved from the cookies or the
        subprotocol token; and the cross-site refusal when there is no middleware to
        have applied it (checked first: nothing is validated for such a handshake)."""
        scope = self.websocket.scope
        token = subprotocol_token(scope)
        done: SessionOutcome | None = scope.get(SCOPE_OUTCOME)
        if done is not None and (done.session is not None or token is None):
            return done, None  # the middleware resolved it (after its cross-site rule)
        names = self._state.cookie_names if self._state else _cookie_names(self.client)
        facts = request_facts(scope, names)
        if done is None:
            refused = self.guard.cross_site(facts)
            if refused is not None:
                return SessionOutcome(), refused
        headers = dict(facts.headers)
        if token is not None:
            headers["authorization"] = "Bearer " + token
        return await self.client.sessions.aresolve(facts.cookies, headers), None

    def denial(self, outcome: SessionOutcome) -> Denial | None:
        """Why a session outcome is refused, or None (no login redirects for sockets)."""
        return deny_for_outcome(outcome, {}) or deny_for_requirements(outcome, self.requirements)

    async def __aenter__(self) -> DescopeSession:
        outcome, denial = await self.handshake()
        denial = denial or self.denial(outcome)
        if denial is not None:
            close = websocket_close(denial)
            raise WebSocketException(close["code"], close["reason"])
        session = outcome.session
        assert session is not None
        self._set_session(session)
        offered = self.websocket.scope.get("subprotocols") or ()
        chosen = self._subprotocol or (SUBPROTOCOL if SUBPROTOCOL in offered else None)
        # cookies of a refresh done here; the middleware writes its own at accept
        own = outcome is not self.websocket.scope.get(SCOPE_OUTCOME)
        headers = set_cookie_headers(outcome.cookies) if own and outcome.cookies else None
        await self.websocket.accept(subprotocol=chosen, headers=headers)
        self._watch = asyncio.create_task(self._watch_expiry(), name="descope-websocket-expiry")
        return session

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        task, self._watch = self._watch, None
        if task is not None:
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task  # re-raises an error of the watch itself, not left unretrieved
        # the socket we closed on expiry ends the endpoint with a disconnect: not an error
        return bool(
            exc_type is not None
            and issubclass(exc_type, WebSocketDisconnect)
            and self.closed_by_descope
        )

    # -- expiry ------------------------------------------------------------------------

    def _set_session(self, session: DescopeSession) -> None:
        self.session = session
        self.websocket.scope[SCOPE_SESSION] = session

    def _seconds_left(self, session: DescopeSession) -> float | None:
        exp = session.expires_at
        if exp is None:
            return None
        return exp + self.client.verifier.leeway - time.time()

    async def _watch_expiry(self) -> None:
        config = self.client.config
        while True:
            session = self.session
            assert session is not None
            left = self._seconds_left(session)
            if left is None:
                return
            if left > 0:
                await asyncio.sleep(left + _WAKE_MARGIN)
            if not self._open():
                return
            cookies = {config.session_cookie_name: session.session_token}
            if session.refresh_token:
                cookies[config.refresh_cookie_name] = session.refresh_token
            outcome = await self.client.sessions.aresolve(cookies, {})
            denial = self.denial(outcome)
            if denial is not None:
                await self._close(denial)
                return
            assert outcome.session is not None
            self._set_session(outcome.session)

    def _open(self) -> bool:
        ws = self.websocket
        return (
            ws.application_state == WebSocketState.CONNECTED
            and ws.client_state == WebSocketState.CONNECTED
        )

    async def _close(self, denial: Denial) -> None:
        code = websocket_close_code(denial)
        reason = EXPIRED_REASON if denial.status == 401 else websocket_close(denial)["reason"]
        logger.info("closing a WebSocket (%s): %s", code, denial.reason)
        self.closed_by_descope = True
        with contextlib.suppress(RuntimeError):  # the client may be gone already
            await self.websocket.close(code, reason)


def _cookie_names(client: DescopeClient) -> frozenset[str]:
    config = client.config
    return frozenset((config.session_cookie_name, config.refresh_cookie_name))


def descope_websocket(
    websocket: WebSocket,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
    *,
    client: DescopeClient | None = None,
    trusted_origins: Iterable[str] | None = None,
    csrf_protect: bool | None = None,
    subprotocol: str | None = None,
) -> DescopeWebSocket:
    """Authenticate and accept `websocket`; use as `async with ... as session:`.

    Args:
        websocket: the Starlette/FastAPI `WebSocket`, not yet accepted.
        roles, permissions, tenant: what the session must hold (tenant-scoped when given).
        client: the `DescopeClient`; default: `DescopeMiddleware`'s.
        trusted_origins, csrf_protect: the cross-site rule (default: the middleware's).
        subprotocol: the subprotocol to accept with (default: `descope` when offered).

    Raises:
        WebSocketException: on entry, 1008 (or 1013) before accept when refused;
            Starlette closes the socket with that code.
    """
    return DescopeWebSocket(
        websocket,
        Requirements.of(roles, permissions, tenant),
        client=client,
        trusted_origins=trusted_origins,
        csrf_protect=csrf_protect,
        subprotocol=subprotocol,
    )


def websocket_session(
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
    *,
    client: DescopeClient | None = None,
) -> Callable[[WebSocket], AsyncIterator[DescopeSession]]:
    """A FastAPI dependency for WebSocket routes: `Depends(websocket_session(roles=...))`.

    It refuses (1008 before accept) or accepts the socket and yields the session; the
    expiry watch runs until the endpoint returns.
    """

    async def dependency(websocket: WebSocket) -> AsyncIterator[DescopeSession]:
        async with descope_websocket(
            websocket, roles, permissions, tenant, client=client
        ) as session:
            yield session

    return dependency


__all__ = [
    "SUBPROTOCOL",
    "DescopeWebSocket",
    "descope_websocket",
    "subprotocol_token",
    "websocket_session",
]
