"""Descope for Django: middleware, auth backend, decorators, system checks, logout view.

    INSTALLED_APPS += ["descope_django"]
    MIDDLEWARE += ["descope_django.middleware.DescopeMiddleware"]  # after AuthenticationMiddleware
    AUTHENTICATION_BACKENDS = ["descope_django.backends.DescopeBackend", ...]
    DESCOPE_PROJECT_ID = "P..."

The route guards import from the package root (as from `descope_django.decorators`),
without a configured Django:

    from descope_django import (
        descope_login_required, descope_permissions_required, descope_roles_required,
    )

The middleware, backend and views are loaded by Django from their dotted paths; DRF's
classes live in `descope_django.drf`, Django Ninja's in `descope_django.ninja`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names type checkers and IDEs see; loaded lazily below
    from ._adapter import DescopePermissionDenied
    from .decorators import (
        descope_login_required,
        descope_permissions_required,
        descope_roles_required,
    )
    from .views import logout, set_session_cookies

__all__ = [
    "DescopePermissionDenied",
    "descope_login_required",
    "descope_permissions_required",
    "descope_roles_required",
    "get_client",
    "logout",
    "set_session_cookies",
]


def __getattr__(name: str) -> Any:
    # Lazy: importing `descope_django` must not touch Django settings or the app registry.
    if name in {
        "descope_login_required",
        "descope_permissions_required",
        "descope_roles_required",
    }:
        from . import decorators

        return getattr(decorators, name)
    if name == "DescopePermissionDenied":
        from ._adapter import DescopePermissionDenied

        return DescopePermissionDenied
    if name in {"logout", "set_session_cookies"}:
        from . import views

        return getattr(views, name)
    raise AttributeError(name)


def get_client() -> Any:
    """The project's `DescopeClient` (built at app-ready from the `DESCOPE_*` settings)."""
    from .apps import get_config

    return get_config().client
