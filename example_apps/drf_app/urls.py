"""The DRF example: the session is `request.auth`, the Django user `request.user`.

    GET /api/me        any signed-in user
    GET /api/reports   permission reports:read
    GET /api/admin     role admin, or permission users:manage (DRF's `|`)
    GET /api/schema    OpenAPI (drf-spectacular), public
"""

from __future__ import annotations

from typing import Any

from descope_django.drf import HasDescopePermissions, HasDescopeRoles
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import api_static
from ..reports import REPORTS, describe


class Index(APIView):
    permission_classes = [AllowAny]

    def get(self, request: Request) -> Response:
        return Response({"app": "drf", "routes": ["/api/me", "/api/reports", "/api/admin"]})


class Me(APIView):
    def get(self, request: Request) -> Response:
        body: dict[str, Any] = describe(request.auth)
        body["django_user"] = request.user.get_username()
        return Response(body)


class Reports(APIView):
    permission_classes = [HasDescopePermissions.of("reports:read")]

    def get(self, request: Request) -> Response:
        return Response({"reports": REPORTS})


class Admin(APIView):
    permission_classes = [HasDescopeRoles.of("admin") | HasDescopePermissions.of("users:manage")]

    def get(self, request: Request) -> Response:
        return Response({"admin": True, **describe(request.auth)})


urlpatterns = [
    *api_static.urlpatterns,
    path("", Index.as_view()),
    path("api/me", Me.as_view()),
    path("api/reports", Reports.as_view()),
    path("api/admin", Admin.as_view()),
    path("api/schema", SpectacularAPIView.as_view()),
]
