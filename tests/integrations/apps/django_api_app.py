"""DRF and Django Ninja routes of the Django test project, under `/api/`.

Included by apps/django_app.py when either framework is installed; each half is present
only when its framework is.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from django.urls import URLPattern, URLResolver, path

from ._contract import user_json

urlpatterns: list[URLPattern | URLResolver] = []

if find_spec("rest_framework"):
    from descope_django.drf import DescopeAuthentication, HasDescopePermissions, HasDescopeRoles
    from rest_framework.permissions import IsAuthenticated
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class DrfView(APIView):
        authentication_classes = [DescopeAuthentication]
        permission_classes: list[Any] = [IsAuthenticated]

        def get(self, request: Request) -> Response:
            body = user_json(request.auth)
            body["username"] = request.user.get_username()
            body["auth_is_session"] = type(request.auth).__name__ == "DescopeSession"
            return Response(body)

        def post(self, request: Request) -> Response:
            return self.get(request)

    class DrfAdmin(DrfView):
        permission_classes = [HasDescopeRoles.of("admin")]

    class DrfEither(DrfView):
        permission_classes = [HasDescopeRoles.of("admin") | HasDescopePermissions.of("read:reports")]

    class DrfBoth(DrfView):
        permission_classes = [HasDescopeRoles.of("admin") & HasDescopePermissions.of("read:reports")]

    class DrfTenant(DrfView):
        permission_classes = [HasDescopeRoles.of("admin", tenant="t1")]

    class DrfTenantPerm(DrfView):
        permission_classes = [HasDescopePermissions.of("read:reports", tenant="t1")]

    def drf_html_errors(exc: Exception, context: dict[str, Any]) -> Any:
        """An exception handler rendering DRF's errors as a page: Descope's refusals are
        DRF exceptions whose detail is `{"detail": <message>, "code": <reason>}`."""
        from django.http import HttpResponse
        from django.utils.html import escape
        from rest_framework.views import exception_handler

        response = exception_handler(exc, context)
        if response is None:
            return None
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        page = HttpResponse(f"<p>{escape(str(detail))}</p>", status=response.status_code)
        for name, value in response.items():
            if name.lower() in ("www-authenticate", "retry-after"):
                page[name] = value
        return page

    class DrfAdminPage(DrfAdmin):
        def get_exception_handler(self) -> Any:
            return drf_html_errors

    urlpatterns += [
        path("drf/me", DrfView.as_view()),
        path("drf/admin", DrfAdmin.as_view()),
        path("drf/either", DrfEither.as_view()),
        path("drf/both", DrfBoth.as_view()),
        path("drf/tenant", DrfTenant.as_view()),
        path("drf/tenant-perm", DrfTenantPerm.as_view()),
        path("drf/admin-page", DrfAdminPage.as_view()),
    ]
    if find_spec("drf_spectacular"):
        from drf_spectacular.views import SpectacularAPIView

        urlpatterns.append(path("drf/schema", SpectacularAPIView.as_view()))

if find_spec("ninja"):
    from descope_django.ninja import (
        AsyncDescopeAuth,
        DescopeAuth,
        DescopeDenied,
        register_error_handler,
    )
    from django.http import HttpRequest, HttpResponse
    from ninja import NinjaAPI

    api = NinjaAPI(urls_namespace="descope-tests")
    register_error_handler(api)

    def _me(request: HttpRequest) -> dict[str, Any]:
        body = user_json(request.auth)  # type: ignore[attr-defined]
        body["auth_is_session"] = type(request.auth).__name__ == "DescopeSession"  # type: ignore[attr-defined]
        return body

    @api.get("/me", auth=DescopeAuth())
    def ninja_me(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.post("/me", auth=DescopeAuth())
    def ninja_me_post(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/admin", auth=DescopeAuth(roles=["admin"]))
    def ninja_admin(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/perm", auth=DescopeAuth(permissions="read:reports"))
    def ninja_perm(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/tenant", auth=DescopeAuth(roles=["admin"], tenant="t1"))
    def ninja_tenant(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/async-me", auth=AsyncDescopeAuth())
    async def ninja_async_me(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/async-tenant", auth=AsyncDescopeAuth(roles=["admin"], tenant="t1"))
    async def ninja_async_tenant(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    @api.get("/async-view-sync-auth", auth=DescopeAuth(permissions=["read:reports"]))
    async def ninja_async_view_sync_auth(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    # an API whose refusals are pages: its own handler for DescopeDenied
    html_api = NinjaAPI(urls_namespace="descope-tests-html")
    register_error_handler(html_api)

    @html_api.exception_handler(DescopeDenied)
    def descope_page(request: HttpRequest, exc: DescopeDenied) -> HttpResponse:
        from django.utils.html import escape

        body = f"<h1>{exc.denial.title}</h1><p>{escape(exc.denial.message)}</p>"
        return HttpResponse(body, status=exc.status_code)

    @html_api.get("/admin", auth=DescopeAuth(roles=["admin"]))
    def ninja_admin_page(request: HttpRequest) -> dict[str, Any]:
        return _me(request)

    urlpatterns.append(path("ninja/", api.urls))
    urlpatterns.append(path("ninja-html/", html_api.urls))
