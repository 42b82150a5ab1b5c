"""Route guards for function views, class-based views and `method_decorator`.

    @descope_login_required
    @descope_login_required(roles=["admin"], tenant="t1")
    @descope_roles_required("admin", tenant="t1")
    @descope_permissions_required("read:reports")

A guard asks `descope_core.guard` (session, cross-site origin, requirements) and turns a
`Denial` into a response: JSON 401/403/503 for API clients; for browsers, a redirect to
`DESCOPE_LOGIN_URL` (with `next`) instead of a 401, and `DescopePermissionDenied` (a
`PermissionDenied`) instead of a 403, so the project's `handler403` renders it
(docs/denials-django.md). An async view gets an async wrapper; a class-based view class gets its
`dispatch` wrapped (async when the view is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar, overload

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest
from django.utils.decorators import method_decorator

from descope_core.guard import Requirements, check_view

from ._adapter import acheck_request, check_request, denial_response

V = TypeVar("V", bound=Callable[..., Any])
Decorator = Callable[[V], V]


def _guard(requirements: Requirements, name: str = "descope_login_required") -> Callable[[Any], Any]:
    def decorate(view: Any) -> Any:
        check_view(view, name)
        if isinstance(view, type):
            return _guard_class(view, requirements)
        if iscoroutinefunction(view):

            @wraps(view)
            async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                denial = await acheck_request(request, requirements)
                if denial is not None:
                    return denial_response(request, denial)
                return await view(request, *args, **kwargs)

            return async_wrapper

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            denial = check_request(request, requirements)
            if denial is not None:
                return denial_response(request, denial)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _guard_class(cls: type, requirements: Requirements) -> type:
    """Wrap `cls.dispatch`; async views (`view_is_async`) get a coroutine wrapper."""
    dispatch = cls.dispatch  # type: ignore[attr-defined]
    if getattr(cls, "view_is_async", False):

        async def adispatch(self: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            denial = await acheck_request(request, requirements)
            if denial is not None:
                return denial_response(request, denial)
            return await dispatch(self, request, *args, **kwargs)

        wraps(dispatch)(adispatch)
        cls.dispatch = adispatch  # type: ignore[attr-defined]
        return cls
    cls.dispatch = method_decorator(_guard(requirements))(dispatch)  # type: ignore[attr-defined]
    return cls


@overload
def descope_login_required(view: V) -> V: ...
@overload
def descope_login_required(
    view: None = None,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Decorator[V]: ...
def descope_login_required(
    view: Any = None,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Any:
    """A valid Descope session (and, optionally, roles/permissions, in a tenant)."""
    guard = _guard(Requirements.of(roles, permissions, tenant))
    return guard if view is None else guard(view)


def descope_roles_required(*roles: str, tenant: str | None = None) -> Decorator[V]:
    """A valid session holding every role (the tenant's roles when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no role.
    """
    name = "descope_roles_required"
    return _guard(Requirements.named(name, "roles", roles, tenant), name)


def descope_permissions_required(*permissions: str, tenant: str | None = None) -> Decorator[V]:
    """A valid session holding every permission (the tenant's when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no permission.
    """
    name = "descope_permissions_required"
    return _guard(Requirements.named(name, "permissions", permissions, tenant), name)


__all__ = [
    "descope_login_required",
    "descope_permissions_required",
    "descope_roles_required",
]
