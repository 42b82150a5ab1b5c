"""The matrix app for Django (route contract: tests/integrations/README.md).

Django settings can be configured once per process, so the first call configures them
(a temp-file SQLite database, migrations run) and every call then points the
`DESCOPE_*` settings at the given emulator; `setting_changed` makes descope_django
rebuild its client. This module is also the project's ROOT_URLCONF.

The Django-specific tests (tests/integrations/test_django_specific.py) load this same
module, so both share one configuration.
"""

from __future__ import annotations

import os
import tempfile
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from ._contract import TRUSTED_ORIGIN

_state: dict[str, Any] = {}


def base_settings(db_path: str) -> dict[str, Any]:
    return {
        "DEBUG": False,
        "SECRET_KEY": "descope-suite-tests-only",
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "testserver"],
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "descope_django",
            *API_APPS,
        ],
        "MIDDLEWARE": [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "descope_django.middleware.DescopeMiddleware",
        ],
        "AUTHENTICATION_BACKENDS": [
            "descope_django.backends.DescopeBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "ROOT_URLCONF": __name__,
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        "USE_TZ": True,
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "LOGGING_CONFIG": None,
        "DESCOPE_LOGIN_URL": "/login",
        "DESCOPE_TRUSTED_ORIGINS": [TRUSTED_ORIGIN],
        # behind a proxy: the trusted hop's X-Forwarded-Proto sets the scheme
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "DESCOPE_STAFF_ROLE": "staff",
        "DESCOPE_SUPERUSER_ROLE": "superuser",
        **api_settings(),
    }


# the API frameworks of tests/integrations/test_drf.py and test_ninja.py, when installed
API_APPS = tuple(name for name in ("rest_framework", "drf_spectacular", "ninja") if find_spec(name))


def api_settings() -> dict[str, Any]:
    if "rest_framework" not in API_APPS:
        return {}
    schema = "drf_spectacular.openapi.AutoSchema" if "drf_spectacular" in API_APPS else None
    return {"REST_FRAMEWORK": {"DEFAULT_SCHEMA_CLASS": schema} if schema else {}}


def ensure_django() -> None:
    """Configure settings, set Django up and migrate, once per process."""
    if _state.get("ready"):
        return
    import django
    from django.core.management import call_command

    fd, db_path = tempfile.mkstemp(prefix="descope-django-", suffix=".sqlite3")
    os.close(fd)
    settings.configure(**base_settings(db_path))
    django.setup()
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    _state.update(ready=True, db_path=db_path)


def point_at(client_kwargs: dict[str, Any]) -> None:
    """Point descope_django at an emulator (rebuilds the client via `setting_changed`)."""
    values = {
        "DESCOPE_PROJECT_ID": client_kwargs["project_id"],
        "DESCOPE_BASE_URL": client_kwargs.get("base_url"),
        "DESCOPE_MANAGEMENT_KEY": client_kwargs.get("management_key"),
        "DESCOPE_COOKIE_SECURE": client_kwargs.get("cookie_secure", True),
    }
    for name, value in values.items():
        setattr(settings, name, value)
    setting_changed.send(
        sender=type(settings),
        setting="DESCOPE_PROJECT_ID",
        value=values["DESCOPE_PROJECT_ID"],
        enter=True,
    )


def make_app(client_kwargs: dict[str, Any]) -> tuple[Any, str]:
    """The matrix contract: a WSGI handler for this project, pointed at the emulator."""
    ensure_django()
    point_at(client_kwargs)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application(), "wsgi"


def make_asgi_app(client_kwargs: dict[str, Any]) -> Any:
    ensure_django()
    point_at(client_kwargs)
    from django.core.asgi import get_asgi_application

    return get_asgi_application()


# -- views (Django must be set up before these imports) -----------------------------------

ensure_django()

from descope_django.decorators import (  # noqa: E402
    descope_login_required,
    descope_permissions_required,
    descope_roles_required,
)
from descope_django.views import logout as descope_logout  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth.decorators import (  # noqa: E402
    login_required,
    permission_required,
    user_passes_test,
)
from django.http import HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils.decorators import method_decorator  # noqa: E402
from django.views import View  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

from ._contract import unguarded_json, user_json  # noqa: E402


def _me(request: HttpRequest) -> JsonResponse:
    session = request.descope_session  # type: ignore[attr-defined]
    assert session is not None
    return JsonResponse(user_json(session))


def public(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"public": True})


@csrf_exempt  # the Descope origin check guards cookie-authenticated POSTs instead
@descope_login_required
def protected(request: HttpRequest) -> JsonResponse:
    return _me(request)


@descope_roles_required("admin")
def admin_only(request: HttpRequest) -> JsonResponse:
    return _me(request)


@descope_permissions_required("read:reports")
def perm(request: HttpRequest) -> JsonResponse:
    return _me(request)


@descope_roles_required("admin", tenant="t1")
def tenant_admin(request: HttpRequest) -> JsonResponse:
    return _me(request)


@csrf_exempt
def logout(request: HttpRequest) -> HttpResponse:
    return descope_logout(request)


@csrf_exempt  # no Descope guard: the core's cross-site rule still runs (middleware)
def unguarded(request: HttpRequest) -> JsonResponse:
    return JsonResponse(unguarded_json(request.descope_session or None))  # type: ignore[attr-defined]


@csrf_exempt
def django_logout(request: HttpRequest) -> JsonResponse:
    """Signing out through Django itself (what the admin's "Log out" does)."""
    from django.contrib.auth import logout as auth_logout

    auth_logout(request)
    return JsonResponse({"django_logged_out": True})


@descope_login_required
def html_protected(request: HttpRequest) -> HttpResponse:
    session = request.descope_session  # type: ignore[attr-defined]
    return HttpResponse(f"<!doctype html><p>hello {session.user_id}</p>")


def login(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><p>sign in</p>")


# Django-specific routes (test_django_specific.py) ------------------------------------------


def whoami(request: HttpRequest) -> JsonResponse:
    """Touches `request.user` only: the query-count route."""
    user = request.user
    return JsonResponse({"authenticated": user.is_authenticated, "username": user.get_username()})


async def awhoami(request: HttpRequest) -> JsonResponse:
    user = await request.auser()  # type: ignore[attr-defined]
    return JsonResponse({"authenticated": user.is_authenticated, "username": user.get_username()})


@descope_login_required
async def async_protected(request: HttpRequest) -> JsonResponse:
    return _me(request)


@login_required(login_url="/login")
def django_login_required(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"username": request.user.get_username()})


@permission_required("read:reports", raise_exception=True)
def django_permission_required(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"perms": sorted(request.user.get_all_permissions())})


@user_passes_test(lambda user: user.is_staff, login_url="/login")
def staff_only(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"staff": True})


@method_decorator(descope_roles_required("admin"), name="dispatch")
class AdminView(View):
    def get(self, request: HttpRequest) -> JsonResponse:
        return _me(request)


class MethodGuardedView(View):
    @method_decorator(descope_permissions_required("read:reports"))
    def get(self, request: HttpRequest) -> JsonResponse:
        return _me(request)


@descope_login_required(roles=["admin"])
class AsyncClassView(View):
    async def get(self, request: HttpRequest) -> JsonResponse:
        return _me(request)


@descope_login_required
class SyncClassView(View):
    def get(self, request: HttpRequest) -> JsonResponse:
        return _me(request)


def forbidden_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The project's `handler403`: Descope's 403s to browsers arrive here as
    `DescopePermissionDenied`, with the denial's title and message."""
    from django.utils.html import escape

    denial = getattr(exception, "denial", None)
    title = denial.title if denial is not None else "Forbidden"
    return HttpResponse(f"<h1>{title}</h1><p>{escape(str(exception))}</p>", status=403)


handler403 = forbidden_page

urlpatterns = [
    path("public", public),
    path("protected", protected),
    path("admin", admin_only),
    path("perm", perm),
    path("tenant-admin", tenant_admin),
    path("logout", logout),
    path("unguarded", unguarded),
    path("django-logout", django_logout),
    path("html-protected", html_protected),
    path("login", login),
    path("whoami", whoami),
    path("awhoami", awhoami),
    path("async-protected", async_protected),
    path("django-login-required", django_login_required),
    path("django-perm", django_permission_required),
    path("staff-only", staff_only),
    path("cbv/admin", AdminView.as_view()),
    path("cbv/method", MethodGuardedView.as_view()),
    path("cbv/async", AsyncClassView.as_view()),
    path("cbv/sync", SyncClassView.as_view()),
    path("django-admin/", admin.site.urls),
]
if API_APPS:  # DRF / Ninja routes (apps/django_api_app.py) when either is installed
    urlpatterns.append(path("api/", include(f"{__package__}.django_api_app")))
