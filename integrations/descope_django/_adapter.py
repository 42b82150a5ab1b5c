"""Django request -> plain dicts for the core; core values -> Django responses.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Set
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.http import http_date

from descope_core.cookies import cookie_names, parse_cookie_header
from descope_core.guard import Denial, Guard, Requirements, wants_html
from descope_core.outcome import CookieSpec, SessionOutcome
from descope_core.request import REQUEST_HEADERS, RequestFacts

if TYPE_CHECKING:
    from descope_core import DescopeClient

    from .apps import DescopeSettings

STATE_ATTR = "_descope_state"

# lower-cased header name -> META key, for the few headers the core reads
_META_KEYS = tuple((name, "HTTP_" + name.upper().replace("-", "_")) for name in REQUEST_HEADERS)


def meta_headers(meta: Mapping[str, Any]) -> dict[str, str]:
    """The headers the core reads, straight from `request.META` (no header copy)."""
    return {name: meta[key] for name, key in _META_KEYS if key in meta}


def meta_cookies(meta: Mapping[str, Any], names: Collection[str]) -> dict[str, str]:
    """The client's cookies from the raw `Cookie` header, by the core's one policy."""
    return parse_cookie_header(meta.get("HTTP_COOKIE"), names)


# (config, its cookie names) for the last client config seen: the names are derived once
# per config (the config is frozen; a settings reload builds a new one), not per request
_names_for: tuple[object, frozenset[str]] = (object(), frozenset())


def _cookie_names(client: DescopeClient) -> frozenset[str]:
    global _names_for
    config = client.config
    cached = _names_for
    if cached[0] is config:
        return cached[1]
    names = cookie_names(config)
    _names_for = (config, names)
    return names


def request_inputs(request: HttpRequest, client: DescopeClient) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies) for the core."""
    meta = request.META
    return meta_headers(meta), meta_cookies(meta, _cookie_names(client))


def request_facts(request: HttpRequest, client: DescopeClient) -> RequestFacts:
    """The core's view of a Django request. Scheme and host are Django's (so
    `SECURE_PROXY_SSL_HEADER`, `USE_X_FORWARDED_HOST` and `ALLOWED_HOSTS` apply), read
    only if the cross-site rule needs them."""
    headers, cookies = request_inputs(request, client)
    return RequestFacts(
        request.method or "GET",
        headers,
        cookies,
        scheme=lambda: request.scheme or "http",
        host=request.get_host,
    )


_NOTHING_WRITTEN: frozenset[str] = frozenset()


class RequestState:
    """Per-request data the middleware leaves on `request` for decorators and views.

    `outcome` is resolved on first read (sync), or by `await aoutcome()`; the async
    middleware resolves it eagerly. (Cross-site requests never get here: the middleware
    refuses them before the view, `descope_core.guard.Guard.cross_site`.)
    """

    __slots__ = (
        "_outcome",
        "_request",
        "client",
        "fallback_auser",
        "guard",
        "fallback_user",
        "settings",
        "written",
    )

    def __init__(
        self,
        request: HttpRequest,
        client: DescopeClient,
        settings: DescopeSettings,
        guard: Guard,
        outcome: SessionOutcome | None = None,
    ) -> None:
        self._request = request
        self._outcome = outcome
        self.client = client
        self.settings = settings
        self.guard = guard
        # cookie names a view already wrote (replaced, not grown: nothing built per request)
        self.written: Set[str] = _NOTHING_WRITTEN
        self.fallback_user: Any = None  # `request.user` before the middleware, if any
        self.fallback_auser: Any = None  # and `request.auser`

    @property
    def resolved(self) -> bool:
        return self._outcome is not None

    def pending_cookies(self) -> tuple[CookieSpec, ...]:
        """The outcome's cookies to write; none when the session was never resolved."""
        outcome = self._outcome
        if outcome is None or not (outcome.cookies_to_clear or outcome.cookies_to_set):
            return ()
        return outcome.cookies

    @property
    def outcome(self) -> SessionOutcome:
        if self._outcome is None:
            headers, cookies = request_inputs(self._request, self.client)
            self._outcome = self.client.sessions.resolve(cookies, headers)
        return self._outcome  # type: ignore[return-value]

    @outcome.setter
    def outcome(self, value: SessionOutcome) -> None:
        self._outcome = value

    async def aoutcome(self) -> SessionOutcome:
        """`outcome`, resolved with `aresolve` (never blocks the event loop)."""
        if self._outcome is None:
            headers, cookies = request_inputs(self._request, self.client)
            outcome = await self.client.sessions.aresolve(cookies, headers)
            if self._outcome is None:
                self._outcome = outcome
        return self._outcome

    @property
    def headers(self) -> dict[str, str]:
        return meta_headers(self._request.META)


def get_state(request: HttpRequest) -> RequestState:
    state = getattr(request, STATE_ATTR, None)
    if state is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            'The Descope decorators need the middleware: add "descope_django.middleware.'
            'DescopeMiddleware" to MIDDLEWARE, after '
            '"django.contrib.auth.middleware.AuthenticationMiddleware"'
        )
    assert isinstance(state, RequestState)
    return state


def check_request(request: HttpRequest, requirements: Requirements | None = None) -> Denial | None:
    """The one check every decorator shares: a session, then the route's requirements
    (the middleware already applied the cross-site rule)."""
    state = get_state(request)
    outcome = state.outcome
    if outcome.session is None:
        return state.guard.deny(outcome, state.headers)
    return state.guard.deny(outcome, {}, requirements)


async def acheck_request(
    request: HttpRequest, requirements: Requirements | None = None
) -> Denial | None:
    """`check_request` for async views: resolves with `aresolve` if still unresolved."""
    await get_state(request).aoutcome()
    return check_request(request, requirements)


class DescopePermissionDenied(PermissionDenied):
    """Django's `PermissionDenied` for a Descope 403 to a browser: the project's
    `handler403` (or its `403.html` template, whose `exception` is `str(exc)`, the
    denial's message) renders it. `denial` holds the reason, missing names and tenant."""

    def __init__(self, denial: Denial) -> None:
        super().__init__(denial.message)
        self.denial = denial


def denial_response(request: HttpRequest, denial: Denial) -> HttpResponseBase:
    """The response for a denial, in Django's conventions for a browser (`Accept:
    text/html`): a 401 redirects to the login URL with `next` when one is configured,
    a 403 raises `DescopePermissionDenied` so the project's `handler403` renders it. API
    clients get the JSON body (`descope_core.guard.Denial.body`).

    Raises:
        DescopePermissionDenied: a 403 to a browser.
    """
    if denial.status == 403 and wants_html(meta_headers(request.META)):
        raise DescopePermissionDenied(denial)
    response: HttpResponseBase
    if denial.redirect_to:
        from django.contrib.auth.views import redirect_to_login  # needs the app registry

        response = redirect_to_login(request.get_full_path(), denial.redirect_to)
    else:
        response = JsonResponse(denial.body(), status=denial.status)
    for name, value in denial.headers.items():
        response[name] = value
    return response


def write_cookies(
    response: HttpResponseBase, cookies: Iterable[CookieSpec], skip: Iterable[str] = ()
) -> None:
    """Copy `CookieSpec`s onto `response`; names in `skip` were already written by a view."""
    skipped = set(skip)
    for spec in cookies:
        if spec.name in skipped:
            continue
        response.set_cookie(
            spec.name,
            spec.value,
            max_age=spec.max_age,
            expires=http_date(spec.expires) if spec.expires is not None else None,
            path=spec.path,
            domain=spec.domain,
            secure=spec.secure,
            httponly=spec.http_only,
            samesite=spec.same_site,
        )


def write_now(
    request: HttpRequest, response: HttpResponseBase, cookies: Iterable[CookieSpec]
) -> None:
    """Write cookies from a view; the middleware will not overwrite these names."""
    specs = tuple(cookies)
    write_cookies(response, specs)
    state = getattr(request, STATE_ATTR, None)
    if isinstance(state, RequestState):
        state.written = state.written | {spec.name for spec in specs}


_LOGGED_OUT = "_descope_logged_out"


def end_session(
    request: HttpRequest, client: DescopeClient, *, always_clear: bool
) -> SessionOutcome | None:
    """Revoke the request's refresh token (best effort), once per request, and mark the
    session gone; the middleware then writes the clearing cookies on the response.

    Used by the `logout` view (`always_clear=True`) and on Django's `user_logged_out`
    signal (admin "Log out", `django.contrib.auth.logout`), which acts only when the
    request carries DS/DSR. Returns the logout outcome, or None when nothing was done.
    """
    if getattr(request, _LOGGED_OUT, False):
        return None
    setattr(request, _LOGGED_OUT, True)
    headers, cookies = request_inputs(request, client)
    if not cookies and not always_clear:
        return None
    outcome = client.sessions.logout(cookies, headers)
    state = getattr(request, STATE_ATTR, None)
    if isinstance(state, RequestState):
        # the session is gone for the rest of the request; its clears go out with it
        state.outcome = SessionOutcome(cookies_to_clear=outcome.cookies_to_clear)
    request.descope_session = None  # type: ignore[attr-defined]
    return outcome
