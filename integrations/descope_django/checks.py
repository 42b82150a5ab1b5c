"""System checks (`manage.py check`): each error names the exact fix."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

MIDDLEWARE_PATH = "descope_django.middleware.DescopeMiddleware"
BACKEND_PATH = "descope_django.backends.DescopeBackend"
_SESSION_MW = "django.contrib.sessions.middleware.SessionMiddleware"
_AUTH_MW = "django.contrib.auth.middleware.AuthenticationMiddleware"


@checks.register(checks.Tags.security)
def check_project_id(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if getattr(settings, "DESCOPE_CLIENT", None) is not None:
        return []
    project_id = getattr(settings, "DESCOPE_PROJECT_ID", None) or os.environ.get(
        "DESCOPE_PROJECT_ID"
    )
    if isinstance(project_id, str) and project_id.strip():
        return []
    return [
        checks.Error(
            "No Descope project id is configured.",
            hint='Set DESCOPE_PROJECT_ID = "<your project id>" in settings '
            "(or the DESCOPE_PROJECT_ID environment variable).",
            id="descope_django.E001",
        )
    ]


@checks.register(checks.Tags.security)
def check_base_url(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if getattr(settings, "DESCOPE_CLIENT", None) is not None:
        return []
    base_url = getattr(settings, "DESCOPE_BASE_URL", None) or os.environ.get("DESCOPE_BASE_URL")
    if not base_url or str(base_url).startswith(("http://", "https://")):
        return []
    return [
        checks.Error(
            f"DESCOPE_BASE_URL {str(base_url)!r} has no scheme.",
            hint=f'Write it with its scheme: "http://{base_url}" for a local emulator, '
            f'"https://{base_url}" otherwise.',
            id="descope_django.E004",
        )
    ]


def _is(path: str, cls_path: str) -> bool:
    if path == cls_path:
        return True
    try:
        cls = import_string(path)
        target = import_string(cls_path)
    except ImportError:
        return False
    return isinstance(cls, type) and issubclass(cls, target)


@checks.register(checks.Tags.compatibility)
def check_middleware(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    middleware = list(getattr(settings, "MIDDLEWARE", None) or ())
    ours = [i for i, path in enumerate(middleware) if _is(path, MIDDLEWARE_PATH)]
    if not ours:
        return [
            checks.Warning(
                "DescopeMiddleware is not in MIDDLEWARE: no request gets a Descope session.",
                hint=f'Add "{MIDDLEWARE_PATH}" to MIDDLEWARE, after "{_AUTH_MW}".',
                id="descope_django.W002",
            )
        ]
    index = ours[0]
    errors: list[checks.CheckMessage] = []
    for other in (_SESSION_MW, _AUTH_MW):
        if other in middleware and middleware.index(other) > index:
            errors.append(
                checks.Error(
                    f"DescopeMiddleware is placed before {other.rsplit('.', 1)[-1]}, "
                    "which would overwrite request.user.",
                    hint=f'Move "{MIDDLEWARE_PATH}" after "{other}" in MIDDLEWARE.',
                    id="descope_django.E002",
                )
            )
    return errors


@checks.register(checks.Tags.security)
def check_backend(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    backends = getattr(settings, "AUTHENTICATION_BACKENDS", ())
    if any(_is(path, BACKEND_PATH) for path in backends):
        return []
    return [
        checks.Error(
            "DescopeBackend is missing from AUTHENTICATION_BACKENDS: user.has_perm() and "
            "permission_required cannot see Descope permissions.",
            hint=f'Add "{BACKEND_PATH}" to AUTHENTICATION_BACKENDS.',
            id="descope_django.E003",
        )
    ]
