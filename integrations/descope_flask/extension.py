"""The `Descope` Flask extension: configuration, lazy per-request session, cookie writes.

The session is resolved when it is first read (`current_session`, `g.descope_session`
after that, `get_outcome()`, or a route guard), then cached on `g`. Cookies come from the
raw `Cookie` header through `descope_core.cookies` (first `DS` wins, as on every
framework); only the few headers the core reads are taken from the WSGI environ.

Cross-site rule (`descope_core.guard`, the same on every framework): a `before_request`
hook refuses an unsafe request that carries the DS/DSR cookies from another site with
403 `{"error": "forbidden", "reason": "cross_site"}`, before any view runs, guarded or
not, `descope_logout()` included. `DESCOPE_CSRF_PROTECT = False` turns it off;
`DESCOPE_TRUSTED_ORIGINS` lists other origins to accept. Behind a proxy, wrap the app in
Werkzeug's `ProxyFix` so the scheme and host the browser used are the ones compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from werkzeug.local import LocalProxy

from descope_core.config import framework_setting_defaults
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
    """

    def __init__(self, app: Flask | None = None, *, client: DescopeClient | None = None) -> None:
        self._client = client
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        for key, value in _DEFAULTS.items():
            app.config.setdefault(key, value)
        cfg = app.config
        first_time = EXTENSION_KEY not in app.extensions
        client = self._client or _build_client(cfg)
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
    return denial_response(denial) if denial is not None else None


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
