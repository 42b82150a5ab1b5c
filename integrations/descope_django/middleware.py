"""`DescopeMiddleware`: one session outcome per request, attached Django-style.

Place it after `SessionMiddleware` and `AuthenticationMiddleware` (a system check says
so). It sets:

* `request.descope_session`: the `DescopeSession`, or None;
* `request.user` (lazy) / `request.auser()` (async): when there is a Descope session, the
  project's user model instance for it, created on first sight and updated only when a
  synced field changed; otherwise whatever `AuthenticationMiddleware` put there.

After the view it writes the outcome's cookies (a refreshed `DS`, or clears after a
refused refresh) on every response, except names the view wrote itself.

The middleware is hybrid: under ASGI it awaits `client.sessions.aresolve` and never
blocks the event loop; under WSGI it calls `resolve`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import SimpleLazyObject

from descope_core.outcome import SessionOutcome

from ._adapter import (
    STATE_ATTR,
    RequestState,
    request_cookies,
    request_headers,
    write_cookies,
)
from .apps import get_config

GetResponse = Callable[[HttpRequest], Any]

_USER_CACHE = "_descope_cached_user"


def get_user(request: HttpRequest) -> Any:
    """The Django user for the request's Descope session (AnonymousUser when none)."""
    if not hasattr(request, _USER_CACHE):
        setattr(request, _USER_CACHE, _load_user(request))
    return getattr(request, _USER_CACHE)


async def aget_user(request: HttpRequest) -> Any:
    if not hasattr(request, _USER_CACHE):
        state: RequestState = getattr(request, STATE_ATTR)
        backend = get_config().backend
        user = await backend.aauthenticate(request, session=state.outcome.session)
        setattr(request, _USER_CACHE, _or_anonymous(user))
    return getattr(request, _USER_CACHE)


def _load_user(request: HttpRequest) -> Any:
    state: RequestState = getattr(request, STATE_ATTR)
    user = get_config().backend.authenticate(request, session=state.outcome.session)
    return _or_anonymous(user)


def _or_anonymous(user: Any) -> Any:
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return user


class DescopeMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self._config = get_config()
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self._async:
            return self.__acall__(request)
        headers = request_headers(request)
        outcome = self._config.client.sessions.resolve(request_cookies(request), headers)
        state = self._attach(request, outcome, headers)
        response: HttpResponseBase = self.get_response(request)
        return self._finish(state, response)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        headers = request_headers(request)
        outcome = await self._config.client.sessions.aresolve(request_cookies(request), headers)
        state = self._attach(request, outcome, headers)
        get_response: Callable[[HttpRequest], Awaitable[HttpResponseBase]] = self.get_response
        response = await get_response(request)
        return self._finish(state, response)

    def _attach(
        self, request: HttpRequest, outcome: SessionOutcome, headers: dict[str, str]
    ) -> RequestState:
        state = RequestState(outcome, self._config.descope_settings, headers)
        setattr(request, STATE_ATTR, state)
        request.descope_session = outcome.session  # type: ignore[attr-defined]
        if outcome.session is not None:
            request.user = SimpleLazyObject(partial(get_user, request))  # type: ignore[attr-defined]
            request.auser = partial(aget_user, request)  # type: ignore[attr-defined]
        elif not hasattr(request, "user"):  # no AuthenticationMiddleware: still answer
            request.user = SimpleLazyObject(partial(get_user, request))  # type: ignore[attr-defined]
            request.auser = partial(aget_user, request)  # type: ignore[attr-defined]
        return state

    @staticmethod
    def _finish(state: RequestState, response: HttpResponseBase) -> HttpResponseBase:
        if state.outcome.cookies:
            write_cookies(response, state.outcome.cookies, skip=state.written)
        return response
