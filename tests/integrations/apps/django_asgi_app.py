"""The matrix app for Django served as ASGI (uvicorn): the same project, views and
settings as `django_app` (contract: tests/integrations/README.md)."""

from __future__ import annotations

from typing import Any

from .django_app import make_asgi_app


def make_app(client_kwargs: dict[str, Any]) -> tuple[Any, str]:
    return make_asgi_app(client_kwargs), "asgi"
