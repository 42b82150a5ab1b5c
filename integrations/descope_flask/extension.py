"""The `Descope` Flask extension: configuration, lazy per-request session, cookie writes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from werkzeug.local import LocalProxy

from descope_core.guard import (
    Denial,
    Requirements,
    deny_cross_site,
    deny_for_outcome,
    deny_for_requirements,
)
from descope_core.outcome import CookieSpec, DescopeSession, SessionOutcome

from ._adapter import request_cookies, request_headers, write_cookies

if TYPE_CHECKING:
    from descope_core import DescopeClient

EXTENSION_KEY = "descope"
_G_OUTCOME = "_descope_outcome"  # the resolved SessionOutcome, once touched
_G_PENDING = "_descope_pending_cookies"  # name -> CookieSpec still to be written

_DEFAULTS: dict[str, Any] = {
    "DESCOPE_PROJECT_ID": None,  # None: the core falls back to the environment
    "DESCOPE_MANAGEMENT_KEY": None,
    "DESCOPE_BASE_URL": None,
    "DESCOPE_COOKIE_SECURE": True,
    "DESCOPE_COOKIE_SAMESITE": "Lax",
    "DESCOPE_COOKIE_DOMAIN": None,
    "DESCOPE_COOKIE_PATH": "/",
    "DESCOPE_SESSION_COOKIE_NAME": "DS",
    "DESCOPE_REFRESH_COOKIE_NAME": "DSR",
    "DESCOPE_LOGIN_URL": None,
    "DESCOPE_CSRF_PROTECT": True,
    "DESCOPE_TRUSTED_ORIGINS": (),
}


@dataclass(frozen=True)
class DescopeState:
    """What `init_app` stores in `app.extensions["descope"]`."""

    extension: Descope
    client: DescopeClient
    login_url: str | None
    csrf_protect: bool
    trusted_origins: tuple[str, ...]


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
        app.extensions[EXTENSION_KEY] = DescopeState(
            extension=self,
            client=client,
            login_url=cfg["DESCOPE_LOGIN_URL"] or None,
            csrf_protect=bool(cfg["DESCOPE_CSRF_PROTECT"]),
            trusted_origins=tuple(cfg["DESCOPE_TRUSTED_ORIGINS"] or ()),
        )
        if first_time:
            app.after_request(_write_pending_cookies)

    @property
    def client(self) -> DescopeClient:
        """The client of the current app."""
        return _state().client


def _build_client(cfg: Mapping[str, Any]) -> DescopeClient:
    from descope_core import DescopeClient

    return DescopeClient(
        project_id=cfg["DESCOPE_PROJECT_ID"],
        management_key=cfg["DESCOPE_MANAGEMENT_KEY"],
        base_url=cfg["DESCOPE_BASE_URL"],
        session_cookie_name=cfg["DESCOPE_SESSION_COOKIE_NAME"],
        refresh_cookie_name=cfg["DESCOPE_REFRESH_COOKIE_NAME"],
        cookie_domain=cfg["DESCOPE_COOKIE_DOMAIN"],
        cookie_path=cfg["DESCOPE_COOKIE_PATH"],
        cookie_secure=bool(cfg["DESCOPE_COOKIE_SECURE"]),
        cookie_samesite=cfg["DESCOPE_COOKIE_SAMESITE"],
    )


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


def get_outcome() -> SessionOutcome:
    """The request's `SessionOutcome`, resolved on first use and cached on `g`."""
    outcome: SessionOutcome | None = g.get(_G_OUTCOME)
    if outcome is None:
        outcome = _state().client.sessions.resolve(
            request_cookies(request), request_headers(request)
        )
        setattr(g, _G_OUTCOME, outcome)
        g.descope_session = outcome.session
        pending = _pending()
        for spec in outcome.cookies:
            pending[spec.name] = spec
    return outcome


def _get_session() -> DescopeSession | None:
    if not has_request_context():
        raise RuntimeError("current_session is only available during a request")
    return get_outcome().session


current_session: DescopeSession | None = LocalProxy(_get_session)  # type: ignore[assignment]
"""The request's `DescopeSession` (falsy `None` when there is none); resolved lazily."""


def check_request(requirements: Requirements | None = None) -> Denial | None:
    """The one check shared by every decorator: session, cross-site origin, requirements.

    Returns None when the request may proceed, else the `Denial` to answer with. Views that
    read `current_session` without a decorator on unsafe methods should call this too:
    the cross-site origin check lives here, not in the lazy proxy.
    """
    state = _state()
    outcome = get_outcome()
    headers = request_headers(request)
    denial = deny_for_outcome(outcome, headers, state.login_url)
    if denial is None and state.csrf_protect:
        denial = deny_cross_site(
            request.method,
            headers,
            outcome,
            host=request.host,
            scheme=request.scheme,
            trusted_origins=state.trusted_origins,
        )
    if denial is None and requirements is not None:
        denial = deny_for_requirements(outcome, requirements)
    return denial


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
    outcome = _state().client.sessions.logout(request_cookies(request), request_headers(request))
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
