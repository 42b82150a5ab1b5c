"""Settings of the Django example project.

Descope settings come from the environment with the local emulator's defaults, so
`manage.py migrate && manage.py runserver` works with no setup.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret")
DEBUG = _env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "descope_django",
    "accounts",
]

MIDDLEWARE = [
    "example_apps.public_address.PublicAddressDjangoMiddleware",  # one address per app
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "descope_django.middleware.DescopeMiddleware",  # after AuthenticationMiddleware
    "django.contrib.messages.middleware.MessageMiddleware",
]

AUTHENTICATION_BACKENDS = ["descope_django.backends.DescopeBackend"]

# -- Descope --------------------------------------------------------------------------
DESCOPE_PROJECT_ID = os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID)
DESCOPE_BASE_URL = os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040")
DESCOPE_COOKIE_SECURE = _env_bool("DESCOPE_COOKIE_SECURE", False)  # plain http locally
DESCOPE_LOGIN_URL = "/signin"
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"  # the 403 page, with the true reason
DESCOPE_STAFF_ROLE = "admin"
LOGIN_URL = "/signin"
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure"  # the 403 page, with the true reason

ROOT_URLCONF = "demo_site.urls"
WSGI_APPLICATION = "demo_site.wsgi.application"
ASGI_APPLICATION = "demo_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DB_PATH", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR.parent / "static"]

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
