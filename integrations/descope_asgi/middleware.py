"""`DescopeMiddleware`: pure ASGI, for Starlette, FastAPI or any ASGI app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.authentication import AuthCredentials, BaseUser, UnauthenticatedUser
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from descope_core.config import COOKIE_OPTIONS
from descope_core.cookies import cookie_names
from descope_core.exceptions import DescopeError
from descope_core.guard import Denial, Guard
from descope_core.outcome import CookieSpec, DescopeSession
from descope_core.request import SAFE_METHODS, RequestFacts

from ._adapter import (
    denial_response,
    request_facts,
    request_path,
    scope_inputs,
    websocket_close,
    with_cookies,
)

if TYPE_CHECKING:
    from descope_core import DescopeClient, DescopeClientAsync

SCOPE_SESSION = "descope_session"
SCOPE_OUTCOME = "descope_outcome"
SCOPE_STATE = "descope"
SCOPE_COOKIES = "descope_cookies"  # name -> CookieSpec, written at response start


class DescopeUser(BaseUser):
    """Starlette's user protocol, backed by a `DescopeSession`."""

    def __init__(self, session: DescopeSession) -> None:
        self.session = session

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def identity(self) -> str:
        return self.session.user_id

    @property
    def display_name(self) -> str:
        for claim in ("name", "email", "loginId"):
            value = self.session.claims.get(claim)
            if isinstance(value, str) and value:
                return value
        return self.session.user_id

    def __repr__(self) -> str:
        return f"DescopeUser(identity={self.identity!r})"


class SessionCredentials(AuthCredentials):
    """Starlette's `scope["auth"]` for a session: "authenticated", then the session's
    roles and permissions. The list is built when `scopes` is first read (Starlette's
    `requires`, `has_required_scope`), not for every request."""

    def __init__(self, session: DescopeSession) -> None:  # no super(): scopes are lazy
        self._session = session
        self._scopes: list[str] | None = None

    @property  # type: ignore[override]
    def scopes(self) -> list[str]:
        if self._scopes is None:
            session = self._session
            self._scopes = ["authenticated", *session.roles, *session.permissions]
        return self._scopes

    @scopes.setter
    def scopes(self, value: list[str]) -> None:
        self._scopes = list(value)


class DescopeDenied(DescopeError):
    """Raised by endpoint guards / FastAPI dependencies; the middleware renders it."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.status, denial.message)
        self.denial = denial


OnError = Callable[[HTTPConnection, Denial], Response]


@dataclass(frozen=True)
class DescopeASGIState:
    """What guards find at `scope["descope"]`."""

    client: DescopeClient | DescopeClientAsync
    guard: Guard  # the cross-site rule and the denials, decided in the core
    cookie_names: frozenset[str] = frozenset(("DS", "DSR"))  # the client's DS/DSR names
    on_error: OnError | None = None  # the app's own answer to a denial

    @property
    def login_url(self) -> str | None:
        return self.guard.login_url

    def respond(self, scope: Scope, denial: Denial) -> Response:
        """The HTTP response for a denial: `on_error(conn, denial)` when the app gave
        one, else JSON (or the login redirect for a browser)."""
        if self.on_error is None:
            return denial_response(denial)
        return self.on_error(HTTPConnection(scope), denial)


class DescopeMiddleware:
    """Resolve the Descope session for every HTTP/WebSocket connection.

    * `scope["descope_session"]` (or None), `scope["descope_outcome"]`, and Starlette's
      `scope["user"]` / `scope["auth"]` (scopes: "authenticated", roles, permissions).
    * Refreshed or cleared cookies are appended at `http.response.start`.
    * Cookies are read from the raw `Cookie` header(s) by `descope_core.cookies` (first
      occurrence wins, as in every framework adapter).
    * The core's cross-site rule (`descope_core.guard`): an unsafe request (or WebSocket
      handshake) carrying the DS/DSR cookies from another site is refused with 403
      before the app sees it, unless `csrf_protect=False`; `trusted_origins` lists other
      origins to accept.
    * `require_session=True` refuses connections without a session (401/503 or a redirect
      to `login_url` for browsers); by default they pass through and routes decide.
    * `on_error(conn, denial) -> Response`, as Starlette's `AuthenticationMiddleware` has:
      the app's own answer to every HTTP denial (the cross-site refusal, `require_session`,
      the endpoint guards, the FastAPI dependencies), e.g. an HTML page from
      `denial.title` / `denial.message`. WebSocket refusals stay close frames (their
      reason is the denial's message). FastAPI's `app.exception_handler(DescopeDenied)`
      works too (it runs inside the app, before this middleware sees the exception).

    Given a `DescopeClientAsync`, session checks and refreshes run on its async
    transport (httpx); given a `DescopeClient`, network steps go to a worker thread.
    Without `client=`, one `DescopeClient` is built from the keyword options given (unset
    ones fall back to the environment, then to the client's defaults). With `client=`,
    the cookie options given here (`session_cookie_name`, `refresh_cookie_name`,
    `cookie_domain`, `cookie_path`, `cookie_secure`, `cookie_samesite`) decide the app's
    cookies over the client's (`DescopeClient.with_cookie_settings`); any other client
    option with `client=` is a `TypeError`.
    """

    def __init__(
        self,
        app: ASGIApp,
        client: DescopeClient | DescopeClientAsync | None = None,
        *,
        login_url: str | None = None,
        require_session: bool = False,
        csrf_protect: bool = True,
        trusted_origins: Iterable[str] = (),
        on_error: OnError | None = None,
        # DescopeClient options, used only when no `client` is given. They are spelled
        # out (no **kwargs) so `app.add_middleware(DescopeMiddleware, ...)` type-checks.
        project_id: str | None = None,
        management_key: str | None = None,
        base_url: str | None = None,
        public_key: str | Mapping[str, Any] | None = None,
        timeout_seconds: float | None = None,
        session_cookie_name: str | None = None,
        refresh_cookie_name: str | None = None,
        cookie_domain: str | None = None,
        cookie_path: str | None = None,
        cookie_secure: bool | None = None,
        cookie_samesite: str | None = None,
    ) -> None:
        self.app = app
        given: dict[str, Any] = {
            name: value
            for name, value in (
                ("project_id", project_id),
                ("management_key", management_key),
                ("base_url", base_url),
                ("public_key", public_key),
                ("timeout_seconds", timeout_seconds),
                ("session_cookie_name", session_cookie_name),
                ("refresh_cookie_name", refresh_cookie_name),
                ("cookie_domain", cookie_domain),
                ("cookie_path", cookie_path),
                ("cookie_secure", cookie_secure),
                ("cookie_samesite", cookie_samesite),
            )
            if value is not None
        }
        if client is None:
            from descope_core import DescopeClient

            client = DescopeClient(**given)
        else:
            # the app's cookie options decide its cookies, over the client's own
            cookies = {name: value for name, value in given.items() if name in COOKIE_OPTIONS}
            others = sorted(set(given) - set(cookies))
            if others:
                raise TypeError(
                    "pass either client= or DescopeClient options, not both (only cookie "
                    "options may go with client=): " + ", ".join(others)
                )
            client = client.with_cookie_settings(**cookies)
        self.client = client
        self.require_session = require_session
        self.state = DescopeASGIState(
            client=client,
            guard=Guard.for_config(
                client.config,
                login_url=login_url,
                csrf_protect=csrf_protect,
                trusted_origins=trusted_origins,
            ),
            cookie_names=cookie_names(client.config),
            on_error=on_error,
        )
        self._anonymous = UnauthenticatedUser()  # stateless: one instance serves all

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        state = self.state
        guard = state.guard
        facts: RequestFacts | None = None
        if kind == "http" and scope.get("method", "GET") in SAFE_METHODS:
            # the common case: the cross-site rule has nothing to check
            headers, cookies = scope_inputs(scope, state.cookie_names)
        else:
            facts = request_facts(scope, state.cookie_names)
            headers, cookies = facts.headers, facts.cookies
            denial = guard.cross_site(facts)  # before anything is validated or refreshed
            if denial is not None:
                if kind == "websocket":
                    await send(websocket_close(denial))
                else:
                    await state.respond(scope, denial)(scope, receive, send)
                return
        outcome = await self.client.sessions.aresolve(cookies, headers)
        scope[SCOPE_STATE] = self.state
        scope[SCOPE_OUTCOME] = outcome
        session = outcome.session
        scope[SCOPE_SESSION] = session
        if session is not None:
            scope["user"] = DescopeUser(session)
            scope["auth"] = SessionCredentials(session)
        else:
            scope["user"] = self._anonymous
            scope["auth"] = AuthCredentials()

        # Guards and helpers (`set_session_cookies`, `descope_logout`) may add to it.
        pending: dict[str, CookieSpec] = (
            {spec.name: spec for spec in outcome.cookies} if outcome.cookies else {}
        )
        scope[SCOPE_COOKIES] = pending
        denial = None
        if self.require_session:
            denial = guard.deny(outcome, facts or headers, path=request_path(scope))

        if kind == "websocket":
            if denial is not None:
                await send(websocket_close(denial))
                return

            async def accept_with_cookies(message: Message) -> None:
                if pending and message["type"] == "websocket.accept":
                    message = with_cookies(message, pending.values())
                await send(message)

            try:
                await self.app(scope, receive, accept_with_cookies)
            except DescopeDenied as exc:
                await send(websocket_close(exc.denial))
            return

        started = False

        async def send_with_cookies(message: Message) -> None:
            # Allocates nothing unless there are cookies to write at response start.
            nonlocal started
            if not started and message["type"] == "http.response.start":
                started = True
                if pending:
                    message = with_cookies(message, pending.values())
            await send(message)

        if denial is not None:
            await state.respond(scope, denial)(scope, receive, send_with_cookies)
            return
        try:
            await self.app(scope, receive, send_with_cookies)
        except DescopeDenied as exc:
            if started:
                raise
            await state.respond(scope, exc.denial)(scope, receive, send_with_cookies)
