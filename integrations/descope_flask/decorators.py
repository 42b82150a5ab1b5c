"""Route guards. All of them go through `extension.check_request`, nothing else."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, ParamSpec, TypeVar, cast, overload

from flask import Response

from descope_core.guard import Requirements, check_view

from .extension import check_request, respond

P = ParamSpec("P")
R = TypeVar("R")


def _guard(
    requirements: Requirements, name: str = "descope_login_required"
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    def decorator(view: Callable[P, R]) -> Callable[P, R | Response]:
        check_view(view, name)
        if inspect.iscoroutinefunction(view):
            async_view = cast(Callable[P, Awaitable[Any]], view)

            @functools.wraps(view)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                denial = check_request(requirements)
                if denial is not None:
                    return respond(denial)
                return await async_view(*args, **kwargs)

            return cast(Callable[P, "R | Response"], async_wrapper)

        @functools.wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            denial = check_request(requirements)
            if denial is not None:
                return respond(denial)
            return view(*args, **kwargs)

        return wrapper

    return decorator


@overload
def descope_login_required(view: Callable[P, R], /) -> Callable[P, R | Response]: ...


@overload
def descope_login_required(
    view: None = None,
    /,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]: ...


def descope_login_required(
    view: Callable[P, R] | None = None,
    /,
    *,
    roles: Iterable[str] | str | None = None,
    permissions: Iterable[str] | str | None = None,
    tenant: str | None = None,
) -> Any:
    """Require a valid session (and optionally roles/permissions, in `tenant` if given).

    Usable bare (`@descope_login_required`) or called (`@descope_login_required(roles=...)`).
    """
    decorator = _guard(Requirements.of(roles, permissions, tenant))
    if view is not None:
        return decorator(view)
    return decorator


def descope_roles_required(
    *roles: str, tenant: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Require every one of `roles` (tenant roles when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no role.
    """
    name = "descope_roles_required"
    return _guard(Requirements.named(name, "roles", roles, tenant), name)


def descope_permissions_required(
    *permissions: str, tenant: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Require every one of `permissions` (tenant permissions when `tenant` is given).

    Raises:
        TypeError: at decoration, when used bare or with no permission.
    """
    name = "descope_permissions_required"
    return _guard(Requirements.named(name, "permissions", permissions, tenant), name)
