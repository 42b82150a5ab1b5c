"""The `Descope` Flask extension: configuration, lazy per-request session, cookie writes.

The session is resolved when it is first read (`current_session`, `g.descope_session`
after that, `get_outcome()`, or a route guard), then cached on `g`. Cookies come from the
raw `Cookie` header through `descope_core.cookies` (first `DS` wins, as on every
framework); only the few headers the core reads are taken from the WSGI environ.

Cross-site rule (`descope_core.guard`, the same on every framework): a `before_request`
hook refuses an unsafe request that carries the DS/DSR cookies from another site with
403, reason `cross_site`, before any view runs, guarded or not, `descope_logout()`
included. Every denial goes through `respond`: the app's `Descope.unauthorized_handler`
/ `forbidden_handler` when registered, else JSON (docs/denials.md). `DESCOPE_CSRF_PROTECT = False` turns it off;
`DESCOPE_TRUSTED_ORIGINS` lists other origins to accept. Behind a proxy, wrap the app in
Werkzeug's `ProxyFix` so the scheme and host the browser used are the ones compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.local import LocalProxy

from descope_core.config import COOKIE_SETTINGS, cookie_overrides, framework_setting_defaults
from descope_core.cookies import cookie_names
from descope_core.guard import Denial, Guard, Requirements
from descope_core.outcome import (
    ANONYMOUS,
    AnonymousSession,
    CookieSpec,
    DescopeSession,
    SessionOutcome,
)
from descope_core.request import SAFE_METHODS

from ._adapter import (
    denial_response,
    environ_cookies,
    environ_headers,
    request_facts,
    write_cookies,
)

if TYPE_CHECKING:
    from descope_core import DescopeClient

EXTENSION_KEY = "descope"
DenialHandler = Callable[[Denial], ResponseReturnValue]
H = TypeVar("H", bound=DenialHandler)
_G_OUTCOME = "_descope_outcome"  # the resolved SessionOutcome, once touched
_G_PENDING = "_descope_pending_cookies"  # name -> CookieSpec still to be written

_DEFAULTS: dict[str, Any] = {
    # the client's DESCOPE_* settings and defaults come from the core's one option table
    # (None: the core falls back to the environment)
    **framework_setting_defaults(),
    "DESCOPE_LOGIN_URL": None,
    "DESCOPE_CSRF_PROTECT": True,
    "DESCOPE_TRUSTED_ORIGINS": (),
}


@dataclass(frozen=True)
class DescopeState:
    """What `init_app` stores in `app.extensions["descope"]`."""

    extension: Descope
    client: DescopeClient
    guard: Guard  # the cross-site rule and the denials, decided in the core
    cookie_names: frozenset[str] = frozenset(("DS", "DSR"))  # the client's DS/DSR names
    defaulted: frozenset[str] = frozenset()  # DESCOPE_* keys init_app filled with defaults

    @property
    def login_url(self) -> str | None:
        return self.guard.login_url

    @property
    def csrf_protect(self) -> bool:
        return self.guard.csrf_protect


class Descope:
    """Flask extension. `Descope(app)` or `descope = Descope(); descope.init_app(app)`.

    Pass `client=` to share an existing `DescopeClient`; otherwise one client is built per
    app from `app.config["DESCOPE_*"]` (unset values fall back to the environment).

    With `client=`, the app's own cookie settings (`DESCOPE_SESSION_COOKIE_NAME`,
    `DESCOPE_REFRESH_COOKIE_NAME`, `DESCOPE_COOKIE_DOMAIN`, `DESCOPE_COOKIE_PATH`,
    `DESCOPE_COOKIE_SECURE`, `DESCOPE_COOKIE_SAMESITE`) still decide the app's cookies:
    each one the app sets replaces the client's (`DescopeClient.with_cookie_settings`;
    everything else is the client's). Calling `init_app` again (e.g. `Descope(app,
    client=...)` in a test, after the app factory's `Descope(app)`) replaces the client.
    """

    def __init__(self, app: Flask | None = None, *, client: DescopeClient | None = None) -> None:
        self._client = client
        self._unauthorized: DenialHandler | None = None
        self._forbidden: DenialHandler | None = None
        if app is not None:
            self.init_app(app)

    def unauthorized_handler(self, callback: H) -> H:
        """Register what to answer instead of the 401 (or the login redirect): a request
        with no usable session. As flask-login's `unauthorized_handler`, usable as a
        decorator; `callback(denial)` gets the `descope_core.guard.Denial` (its `reason`,
        `message`, `title`, `status`) and returns any Flask response value, e.g.
        `(html, denial.status)` or a redirect. A 503 (Descope unreachable) keeps the
        default answer.

        Args:
            callback: `(denial) -> response value`.

        Returns:
            `callback`, unchanged.
        """
        self._unauthorized = callback
        return callback

    def forbidden_handler(self, callback: H) -> H:
        """Register what to answer instead of the 403: a request from another site
        (`denial.reason == "cross_site"`), or a session lacking a role, permission or
        tenant (`denial.missing`, `denial.tenant`). Usable as a decorator.

        Args:
            callback: `(denial) -> response value`.

        Returns:
            `callback`, unchanged.
        """
        self._forbidden = callback
        return callback

    def handler_for(self, denial: Denial) -> DenialHandler | None:
        """The registered handler for `denial` (401 or 403), or None for the default."""
        if denial.status == 401:
            return self._unauthorized
        if denial.status == 403:
            return self._forbidden
        return None

    def init_app(self, app: Flask) -> None:
        """Configure `app`: defaults for the `DESCOPE_*` keys it lacks, its client and
        guard in `app.extensions["descope"]`, and the request hooks (once per app).

        Raises:
            AuthException: no project id (not in `app.config`, not in the environment),
                or a malformed setting.
            ValueError: a `DESCOPE_TRUSTED_ORIGINS` entry that is not an origin.
        """
        cfg = app.config
        prior: DescopeState | None = app.extensions.get(EXTENSION_KEY)
        defaulted = prior.defaulted if prior is not None else frozenset()
        # the cookie settings the app chose itself: present, and not a default we filled in
        own_cookies = {
            key: cfg[key]
            for key in COOKIE_SETTINGS
            if key in cfg and not (key in defaulted and cfg[key] == _DEFAULTS[key])
        }
        defaulted = defaulted | {key for key in _DEFAULTS if key not in cfg}
        for key, value in _DEFAULTS.items():
            cfg.setdefault(key, value)
        first_time = prior is None
        if self._client is not None:
            client = self._client.with_cookie_settings(**cookie_overrides(own_cookies))
        else:
            client = _build_client(cfg)
        guard = Guard.for_config(
            client.config,
            login_url=cfg["DESCOPE_LOGIN_URL"],
            csrf_protect=cfg["DESCOPE_CSRF_PROTECT"],
            trusted_origins=cfg["DESCOPE_TRUSTED_ORIGINS"] or (),
        )
        app.extensions[EXTENSION_KEY] = DescopeState(
            extension=self,
            client=client,
            guard=guard,
            cookie_names=cookie_names(client.config),
            defaulted=frozenset(defaulted),
        )
        if first_time:
            app.before_request(_refuse_cross_site)
            app.after_request(_write_pending_cookies)
            app.context_processor(_template_context)

    @property
    def client(self) -> DescopeClient:
        """The client of the current app."""
        return _state().client


def _build_client(cfg: Mapping[str, Any]) -> DescopeClient:
    from descope_core import DescopeClient
    from descope_core.config import client_kwargs_from_settings

    return DescopeClient(**client_kwargs_from_settings(cfg.get))


def _state() -> DescopeState:
    try:
        state = current_app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError(
            "descope_flask is not initialised on this app: call Descope(app) or "
            "Descope().init_app(app) in the app factory"
        ) from None
    assert isinstance(state, DescopeState)
    return state


def _pending() -> dict[str, CookieSpec]:
    pending: dict[str, CookieSpec] | None = g.get(_G_PENDING)
    if pending is None:
        pending = {}
        setattr(g, _G_PENDING, pending)
    return pending


def _refuse_cross_site() -> Response | None:
    """`before_request`: the core's cross-site rule, before any view (see the module doc)."""
    if request.environ.get("REQUEST_METHOD", "GET") in SAFE_METHODS:
        return None  # the common case, decided without building anything
    state = _state()
    denial = state.guard.cross_site(request_facts(request, state.cookie_names))
    return respond(denial) if denial is not None else None


def respond(denial: Denial) -> Response:
    """The response for a denial: the app's `unauthorized_handler` / `forbidden_handler`
    when one is registered, else JSON (or the login redirect for a browser)."""
    handler = _state().extension.handler_for(denial)
    if handler is None:
        return denial_response(denial)
    return current_app.make_response(handler(denial))


def get_outcome() -> SessionOutcome:
    """The request's `SessionOutcome`, resolved on first use and cached on `g`."""
    outcome: SessionOutcome | None = g.get(_G_OUTCOME)
    if outcome is None:
        outcome = _resolve(_state())
    return outcome


def _resolve(state: DescopeState) -> SessionOutcome:
    environ = request.environ
    outcome = state.client.sessions.resolve(
        environ_cookies(environ, state.cookie_names), environ_headers(environ)
    )
    ctx_g = g._get_current_object()  # one proxy lookup for the three writes below
    setattr(ctx_g, _G_OUTCOME, outcome)
    ctx_g.descope_session = outcome.session
    if outcome.cookies_to_set or outcome.cookies_to_clear:
        pending = _pending()
        for spec in outcome.cookies:
            pending[spec.name] = spec
    return outcome


def _get_session() -> DescopeSession | AnonymousSession:
    if not has_request_context():
        raise RuntimeError("current_session is only available during a request")
    return get_outcome().session or ANONYMOUS


current_session: DescopeSession | AnonymousSession = LocalProxy(_get_session)  # type: ignore[assignment]
"""The request's `DescopeSession`, or the falsy `AnonymousSession` (`is_authenticated`
False) when there is none; resolved lazily. `g.descope_session` stays None then."""


def _template_context() -> dict[str, Any]:
    # the proxy itself: a template that never reads it resolves nothing
    return {"descope_session": current_session}


def check_request(requirements: Requirements | None = None) -> Denial | None:
    """The one check shared by every decorator: a session, then the route's requirements
    (the cross-site rule already ran before the view).

    Returns None when the request may proceed, else the `Denial` to answer with.
    """
    state = _state()
    outcome: SessionOutcome | None = g.get(_G_OUTCOME)
    if outcome is None:
        outcome = _resolve(state)
    if outcome.session is None:  # browsers come back here after signing in (`next`)
        path = request.path + ("?" + request.query_string.decode("latin-1") if request.query_string else "")
        return state.guard.deny(outcome, environ_headers(request.environ), path=path)
    return state.guard.deny(outcome, {}, requirements)


def _write_pending_cookies(response: Response) -> Response:
    pending: dict[str, CookieSpec] | None = g.get(_G_PENDING)
    if pending:
        write_cookies(response, pending.values())
        pending.clear()
    return response


def _write_now(response: Response, cookies: Iterable[CookieSpec]) -> None:
    """Write cookies to `response` and drop same-named ones still pending from the outcome."""
    specs = tuple(cookies)
    pending = _pending()
    for spec in specs:
        pending.pop(spec.name, None)
    write_cookies(response, specs)


def descope_logout(response: Response | None = None) -> Response:
    """Revoke the request's refresh token (best effort) and clear the DS/DSR cookies.

    Returns `response` (default: JSON `{"logged_out": true}`) carrying the clearing cookies.
    """
    state = _state()
    facts = request_facts(request, state.cookie_names)
    outcome = state.client.sessions.logout(facts.cookies, facts.headers)
    if response is None:
        response = jsonify({"logged_out": True})
    setattr(g, _G_OUTCOME, SessionOutcome())  # the session is gone for the rest of the request
    g.descope_session = None
    _write_now(response, outcome.cookies)
    return response


def set_session_cookies(response: Response, jwt_response: Mapping[str, Any]) -> Response:
    """After a sign-in call (`otp.verify_code`, `password.sign_in`, ...): set DS/DSR."""
    _write_now(response, _state().client.sessions.cookies_for(dict(jwt_response)))
    return response
