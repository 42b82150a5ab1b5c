"""Guards for Starlette endpoints (functions taking a `Request` or `WebSocket`).

They read what `DescopeMiddleware` put in the scope and answer through
`descope_core.guard`; cookies are still written by the middleware.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar, cast, overload

from starlette.requests import HTTPConnection
from starlette.responses import Response

from descope_core.guard import Denial, Requirements, check_view
from descope_core.outcome import CookieSpec, DescopeSession, SessionOutcome

from ._adapter import request_path, scope_headers, scope_inputs
from .middleware import (
    SCOPE_COOKIES,
    SCOPE_OUTCOME,
    SCOPE_SESSION,
    SCOPE_STATE,
    DescopeASGIState,
    DescopeDenied,
)

P = ParamSpec("P")
R = TypeVar("R")


def check_connection(
    conn: HTTPConnection, requirements: Requirements | None = None
) -> Denial | None:
    """The one check shared by every guard: a session, then the route's requirements."""
    try:
        outcome: SessionOutcome = conn.scope[SCOPE_OUTCOME]
        state: DescopeASGIState = conn.scope[SCOPE_STATE]
    except KeyError:
        raise RuntimeError(
            "no Descope session in the ASGI scope: add DescopeMiddleware to the app"
        ) from None
    if outcome.session is None:
        return state.guard.deny(
            outcome, scope_headers(conn.scope), path=request_path(conn.scope)
        )
    return state.guard.deny(outcome, {}, requirements)


def _respond(conn: HTTPConnection, denial: Denial) -> Response:
    """The middleware's answer to a denial (its `on_error`, if any)."""
    state: DescopeASGIState = conn.scope[SCOPE_STATE]
    return state.respond(conn.scope, denial)


def require_session(
    conn: HTTPConnection, requirements: Requirements | None = None
) -> DescopeSession:
    """The session, or `DescopeDenied` (rendered by the middleware) when the check fails."""
    denial = check_connection(conn, requirements)
    if denial is not None:
        raise DescopeDenied(denial)
    session: DescopeSession = conn.scope[SCOPE_OUTCOME].session
    return session


def _connection_parameter(endpoint: Callable[..., Any], guard: str) -> tuple[int, str]:
    """(position, name) of the endpoint's Request/WebSocket parameter, found once at
    decoration time (as Starlette's `requires` does); `TypeError` naming the fix when
    there is none, instead of a 500 on the first request."""
    try:
        params = list(inspect.signature(endpoint).parameters.values())
    except (TypeError, ValueError):
        return -1, ""
    for index, param in enumerate(params):
        annotation = param.annotation
        if isinstance(annotation, str):
            known = annotation.rsplit(".", 1)[-1] in _CONNECTION_TYPES
        else:
            known = isinstance(annotation, type) and issubclass(annotation, HTTPConnection)
        if known or param.name in ("request", "websocket"):
            return index, param.name
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        return -1, ""
    raise TypeError(
        f"@{guard} needs the endpoint's Request: add a `request: Request` parameter to "
        f"{getattr(endpoint, '__qualname__', endpoint)!r}"
    )


_CONNECTION_TYPES = frozenset({"Request", "WebSocket", "HTTPConnection"})

_W = TypeVar("_W", bound=Callable[..., Any])


def _with_resolved_signature(wrapper: _W, endpoint: Callable[..., Any]) -> _W:
    """`wrapper` carrying `endpoint`'s signature with its string annotations (`from
    __future__ import annotations`) evaluated in the endpoint's own module.

    FastAPI 0.110 (the lowest the `all` extra allows) evaluates a wrapper's annotations in
    the wrapper's module (ours), where `Request` may not be imported: the parameter became a
    required query field and every request a 422. An annotation that cannot be evaluated leaves the wrapper as is.

    Args:
        wrapper: the guard's wrapper (already `functools.wraps(endpoint)`).
        endpoint: the decorated endpoint.
    """
    try:
        wrapper.__signature__ = inspect.signature(endpoint, eval_str=True)  # type: ignore[attr-defined]
    except (NameError, TypeError, ValueError, SyntaxError, AttributeError):
        pass
    return wrapper


def _find_connection(
    func: Callable[..., Any],
    where: tuple[int, str],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HTTPConnection:
    index, name = where
    value = kwargs.get(name) if name else None
    if value is None and 0 <= index < len(args):
        value = args[index]
    if isinstance(value, HTTPConnection):
        return value
    for value in (*args, *kwargs.values()):
        if isinstance(value, HTTPConnection):
            return value
    raise TypeError(f"{func.__qualname__} must take a Request or WebSocket argument")


def _guard(
    requirements: Requirements, name: str = "descope_login_required"
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorator(endpoint: Callable[P, R]) -> Callable[P, R]:
        check_view(endpoint, name)
        where = _connection_parameter(endpoint, name)
        if inspect.iscoroutinefunction(endpoint):
            async_endpoint = cast(Callable[P, Awaitable[Any]], endpoint)

            @functools.wraps(endpoint)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                conn = _find_connection(endpoint, where, args, kwargs)
                denial = check_connection(conn, requirements)
                if denial is not None:
                    if conn.scope["type"] == "websocket":
                        raise DescopeDenied(denial)  # the middleware closes the socket
                    return _respond(conn, denial)
                return await async_endpoint(*args, **kwargs)

            return cast(Callable[P, R], _with_resolved_signature(async_wrapper, endpoint))

        @functools.wraps(endpoint)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            conn = _find_connection(endpoint, where, args, kwargs)
            denial = check_connection(conn, requirements)
            if denial is not None:
                return cast(R, _respond(conn, denial))
            return endpoint(*args, **kwargs)

        return _with_resolved_signature(wrapper, endpoint)

    return decorator


@overload
def descope_login_required(endpoint: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def descope_login_required(
    endpoint: None = None,
    /,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def descope_login_required(
    endpoint: Callable[P, R] | None = None,
    /,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Any:
    """Require a valid session (and optionally roles/permissions, in `tenant` if given)."""
    decorator = _guard(Requirements.of(roles, permissions, tenant))
    return decorator(endpoint) if endpoint is not None else decorator


def descope_roles_required(
    *roles: str, tenant: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Require every one of `roles` (tenant roles when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no role.
    """
    name = "descope_roles_required"
    return _guard(Requirements.named(name, "roles", roles, tenant), name)


def descope_permissions_required(
    *permissions: str, tenant: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Require every one of `permissions` (tenant permissions when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no permission.
    """
    name = "descope_permissions_required"
    return _guard(Requirements.named(name, "permissions", permissions, tenant), name)


def _pending_cookies(conn: HTTPConnection) -> dict[str, CookieSpec]:
    try:
        pending: dict[str, CookieSpec] = conn.scope[SCOPE_COOKIES]
    except KeyError:
        raise RuntimeError(
            "no Descope state in the ASGI scope: add DescopeMiddleware to the app"
        ) from None
    return pending


async def descope_logout(conn: HTTPConnection) -> None:
    """Revoke the connection's refresh token (best effort); the middleware then clears
    DS/DSR on whatever response the endpoint returns."""
    pending = _pending_cookies(conn)
    state: DescopeASGIState = conn.scope[SCOPE_STATE]
    headers, cookies = scope_inputs(conn.scope, state.cookie_names)
    outcome = await state.client.sessions.alogout(cookies, headers)
    for spec in outcome.cookies:
        pending[spec.name] = spec
    conn.scope[SCOPE_OUTCOME] = SessionOutcome()
    conn.scope[SCOPE_SESSION] = None


def set_session_cookies(conn: HTTPConnection, jwt_response: Mapping[str, Any]) -> None:
    """After a sign-in call: the middleware sets DS/DSR on the endpoint's response."""
    pending = _pending_cookies(conn)
    state: DescopeASGIState = conn.scope[SCOPE_STATE]
    for spec in state.client.sessions.cookies_for(dict(jwt_response)):
        pending[spec.name] = spec
