"""The Django Ninja example: `request.auth` is the `DescopeSession`.

    GET /api/me        any signed-in user (sync operation)
    GET /api/reports   permission reports:read (async operation, AsyncDescopeAuth)
    GET /api/admin     role admin
    GET /api/docs      Ninja's OpenAPI page (the bearer scheme is declared)
"""

from __future__ import annotations

from typing import Any

from descope_django.ninja import AsyncDescopeAuth, DescopeAuth, register_error_handler
from django.http import HttpRequest, JsonResponse
from django.urls import path
from ninja import NinjaAPI

from .. import api_static
from ..reports import REPORTS, describe

api = NinjaAPI(title="Descope demo (Django Ninja)", auth=DescopeAuth())
register_error_handler(api)  # WWW-Authenticate on 401, Retry-After on 503


@api.get("/me")
def me(request: HttpRequest) -> dict[str, Any]:
    return describe(request.auth)  # type: ignore[attr-defined]


@api.get("/reports", auth=AsyncDescopeAuth(permissions=["reports:read"]))
async def reports(request: HttpRequest) -> dict[str, Any]:
    return {"reports": REPORTS}


@api.get("/admin", auth=DescopeAuth(roles=["admin"]))
def admin(request: HttpRequest) -> dict[str, Any]:
    return {"admin": True, **describe(request.auth)}  # type: ignore[attr-defined]


def index(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"app": "ninja", "routes": ["/api/me", "/api/reports", "/api/admin"]})


urlpatterns = [*api_static.urlpatterns, path("", index), path("api/", api.urls)]
