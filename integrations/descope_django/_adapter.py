"""Django request -> plain dicts for the core; core values -> Django responses.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Set
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.http import http_date

from descope_core.cookies import cookie_names, parse_cookie_header
from descope_core.guard import (
    REQUEST_HEADERS,
    Denial,
    Requirements,
    cross_site_applies,
    deny_for_outcome,
    deny_for_requirements,
    withhold_cross_site,
)
from descope_core.outcome import CookieSpec, SessionOutcome

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


_NOTHING_WRITTEN: frozenset[str] = frozenset()


class RequestState:
    """Per-request data the middleware leaves on `request` for decorators and views.

    `outcome` is resolved on first read (sync), or by `await aoutcome()`; the async
    middleware resolves it eagerly. A cookie session on a cross-site unsafe request is
    withheld (`descope_core.guard.withhold_cross_site`) when `csrf_protect` is on.
    """

    __slots__ = (
        "_outcome",
        "_request",
        "client",
        "fallback_auser",
        "fallback_user",
        "settings",
        "written",
    )

    def __init__(
        self,
        request: HttpRequest,
        client: DescopeClient,
        settings: DescopeSettings,
        outcome: SessionOutcome | None = None,
    ) -> None:
        self._request = request
        self._outcome = outcome
        self.client = client
        self.settings = settings
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
            self._outcome = self.withhold(self.client.sessions.resolve(cookies, headers), headers)
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
                self._outcome = self.withhold(outcome, headers)
        return self._outcome

    @property
    def headers(self) -> dict[str, str]:
        return meta_headers(self._request.META)

    def withhold(self, outcome: SessionOutcome, headers: Mapping[str, str]) -> SessionOutcome:
        opts = self.settings
        if not opts.csrf_protect or outcome.session is None:
            return outcome
        request = self._request
        method = request.method or "GET"
        if not cross_site_applies(method, outcome):
            return outcome  # safe method or bearer token: no origin, host or scheme to read
        return withhold_cross_site(
            outcome,
            method,
            headers,
            host=request.get_host,
            scheme=request.scheme or "http",
            trusted_origins=opts.trusted_origins,
        )


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
    """The one check every decorator shares: session (cross-site rule included), then
    the route's requirements."""
    state = get_state(request)
    outcome = state.outcome
    if outcome.session is None:
        return deny_for_outcome(outcome, state.headers, state.settings.login_url)
    if requirements is not None:
        return deny_for_requirements(outcome, requirements)
    return None


async def acheck_request(
    request: HttpRequest, requirements: Requirements | None = None
) -> Denial | None:
    """`check_request` for async views: resolves with `aresolve` if still unresolved."""
    await get_state(request).aoutcome()
    return check_request(request, requirements)


def denial_response(request: HttpRequest, denial: Denial) -> HttpResponseBase:
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
