"""`DescopeMiddleware`: one session outcome per request, attached Django-style.

Place it after `SessionMiddleware` and `AuthenticationMiddleware` (a system check says
so). It sets:

* `request.descope_session`: the `DescopeSession`, or a falsy None (under WSGI a lazy
  object, like `request.user`: test it with `if request.descope_session:`);
* `request.user` (lazy) / `request.auser()` (async): when there is a Descope session, the
  project's user model instance for it, created on first sight and updated only when a
  synced field changed; otherwise whatever `AuthenticationMiddleware` put there.

Sync requests (WSGI) resolve the session lazily: nothing is validated until a view, a
guard or `request.user` first reads it, so routes that never look at it pay nothing.
Async requests (ASGI) resolve it eagerly with `await client.sessions.aresolve(...)`:
the attributes above are read synchronously (`request.descope_session`, the guards of
sync views run in a worker thread), and a lazy read there could only call the blocking
`resolve`, so the one await happens in the middleware, on the loop, where a cached
verification runs inline and anything needing the network goes to a worker thread.

Cookies come from the raw `Cookie` header through `descope_core.cookies` (first `DS`
wins, as in every framework). The core's cross-site rule (`descope_core.guard`) runs
before the view: an unsafe request carrying the DS/DSR cookies from another site gets
403 `{"error": "forbidden", "reason": "cross_site"}` on every route, guarded or not,
logout included, unless `DESCOPE_CSRF_PROTECT` is off (`DESCOPE_TRUSTED_ORIGINS` lists
other origins to accept; behind a proxy set `SECURE_PROXY_SSL_HEADER` so the scheme the
browser used is compared). After the view the outcome's cookies (a refreshed `DS`, or
clears after a refused refresh) are written, only if the session was resolved, and
except names the view wrote itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import SimpleLazyObject, empty

from descope_core.request import SAFE_METHODS

from ._adapter import STATE_ATTR, RequestState, denial_response, request_facts, write_cookies
from .apps import get_config

GetResponse = Callable[[HttpRequest], Any]

_USER_CACHE = "_descope_cached_user"


_set_attr = object.__setattr__


class _Lazy(SimpleLazyObject):
    """A `SimpleLazyObject` whose two attributes are set without the proxy machinery.

    `SimpleLazyObject.__init__` writes them through `self.__dict__` and
    `LazyObject.__setattr__`, each a pass through the proxy's `__getattribute__`, and
    materialises an instance dict (one more object for the garbage collector). Two of
    these are built per request, whether or not anything reads them.
    """

    __slots__ = ()

    def __init__(self, func: Callable[[], Any]) -> None:
        _set_attr(self, "_setupfunc", func)
        _set_attr(self, "_wrapped", empty)


def get_user(request: HttpRequest) -> Any:
    """The Django user for the request's Descope session; without one, the user
    `AuthenticationMiddleware` set (AnonymousUser when there was none)."""
    if not hasattr(request, _USER_CACHE):
        state: RequestState = getattr(request, STATE_ATTR)
        session = state.outcome.session
        if session is None:
            user = _or_anonymous(state.fallback_user)
        else:
            user = _or_anonymous(get_config().backend.authenticate(request, session=session))
        setattr(request, _USER_CACHE, user)
    return getattr(request, _USER_CACHE)


async def aget_user(request: HttpRequest) -> Any:
    if not hasattr(request, _USER_CACHE):
        state: RequestState = getattr(request, STATE_ATTR)
        session = (await state.aoutcome()).session
        if session is None:
            fallback = state.fallback_auser
            user = await fallback() if fallback is not None else None
        else:
            user = await get_config().backend.aauthenticate(request, session=session)
        setattr(request, _USER_CACHE, _or_anonymous(user))
    return getattr(request, _USER_CACHE)


def _or_anonymous(user: Any) -> Any:
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return user


def _session_of(state: RequestState) -> Any:
    return state.outcome.session


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
        config = self._config
        client, guard = config.client, config.guard
        if request.method not in SAFE_METHODS:
            denial = guard.cross_site(request_facts(request, client))
            if denial is not None:
                return denial_response(request, denial)
        state = RequestState(request, client, config.descope_settings, guard)
        self._attach(request, state)
        request.descope_session = _Lazy(partial(_session_of, state))  # type: ignore[attr-defined]
        response: HttpResponseBase = self.get_response(request)
        return self._finish(state, response)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        config = self._config
        client, guard = config.client, config.guard
        facts = request_facts(request, client)
        denial = guard.cross_site(facts)
        if denial is not None:
            return denial_response(request, denial)
        state = RequestState(request, client, config.descope_settings, guard)
        state.outcome = await client.sessions.aresolve(facts.cookies, facts.headers)
        self._attach(request, state)
        request.descope_session = state.outcome.session  # type: ignore[attr-defined]
        get_response: Callable[[HttpRequest], Awaitable[HttpResponseBase]] = self.get_response
        response = await get_response(request)
        return self._finish(state, response)

    @staticmethod
    def _attach(request: HttpRequest, state: RequestState) -> None:
        setattr(request, STATE_ATTR, state)
        state.fallback_user = getattr(request, "user", None)
        state.fallback_auser = getattr(request, "auser", None)
        request.user = _Lazy(partial(get_user, request))  # type: ignore[attr-defined]
        request.auser = partial(aget_user, request)  # type: ignore[attr-defined]

    @staticmethod
    def _finish(state: RequestState, response: HttpResponseBase) -> HttpResponseBase:
        cookies = state.pending_cookies()
        if cookies:
            write_cookies(response, cookies, skip=state.written)
        return response
