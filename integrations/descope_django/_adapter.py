"""Django request -> plain dicts for the core; core values -> Django responses.

Nothing here decides anything: the session layer and `descope_core.guard` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.http import http_date

from descope_core.guard import (
    Denial,
    Requirements,
    deny_cross_site,
    deny_for_outcome,
    deny_for_requirements,
)
from descope_core.outcome import CookieSpec, SessionOutcome

if TYPE_CHECKING:
    from .apps import DescopeSettings

STATE_ATTR = "_descope_state"


@dataclass
class RequestState:
    """Per-request data the middleware leaves on `request` for decorators and views."""

    outcome: SessionOutcome
    settings: DescopeSettings
    headers: dict[str, str]
    written: set[str] = field(default_factory=set)  # cookie names a view already wrote


def request_cookies(request: HttpRequest) -> dict[str, str]:
    return dict(request.COOKIES)


def request_headers(request: HttpRequest) -> dict[str, str]:
    # `request.headers` folds the WSGI/ASGI META keys back to HTTP names.
    return dict(request.headers.items())


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
    """The one check every decorator shares: session, cross-site origin, requirements."""
    state = get_state(request)
    opts = state.settings
    denial = deny_for_outcome(state.outcome, state.headers, opts.login_url)
    if denial is None and opts.csrf_protect:
        denial = deny_cross_site(
            request.method or "GET",
            state.headers,
            state.outcome,
            host=request.get_host(),
            scheme=request.scheme or "http",
            trusted_origins=opts.trusted_origins,
        )
    if denial is None and requirements is not None:
        denial = deny_for_requirements(state.outcome, requirements)
    return denial


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
        state.written.update(spec.name for spec in specs)
