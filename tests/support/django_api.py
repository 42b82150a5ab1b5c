"""Shared by tests/integrations/test_drf.py and test_ninja.py: the Django test project served for real.

The project is the matrix's Django app (apps/django_app.py, which mounts
apps/django_api_app.py under /api/); `serve_django` runs it under werkzeug (WSGI) or
uvicorn (ASGI) on 127.0.0.1 at an ephemeral port, pointed at the emulator.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.support.servers import Server, client_kwargs_for, load_app_module, serve

DESCOPE_MIDDLEWARE = "descope_django.middleware.DescopeMiddleware"
EXPIRED = -60  # well past the validation leeway


@contextmanager
def serve_django(emulator: Any, kind: str = "wsgi", *, middleware: bool = True) -> Iterator[Server]:
    """The Django project as a real server; `middleware=False` drops DescopeMiddleware."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import override_settings

    dj = load_app_module("django")
    stack = [m for m in settings.MIDDLEWARE if middleware or m != DESCOPE_MIDDLEWARE]
    with override_settings(MIDDLEWARE=stack):
        kwargs = client_kwargs_for(emulator)
        app = dj.make_app(kwargs)[0] if kind == "wsgi" else dj.make_asgi_app(kwargs)
        get_user_model().objects.all().delete()
        with serve(app, kind) as base_url:
            yield Server("django", base_url, emulator)


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": "Bearer " + tokens["sessionJwt"]}


def cookies(tokens: dict[str, Any], *, refresh: bool = True) -> dict[str, str]:
    jar = {"DS": tokens["sessionJwt"]}
    if refresh:
        jar["DSR"] = tokens["refreshJwt"]
    return jar
