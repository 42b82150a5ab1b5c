"""Django settings for the benchmark.

BENCH_DJANGO=ours (descope_django), official (django-descope) or plain (no Descope).
"""

from __future__ import annotations

import os

VARIANT = os.environ.get("BENCH_DJANGO", "ours")
DEBUG = False
SECRET_KEY = "benchmark-only-not-secret"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "benchmarks.apps.django_urls"
USE_TZ = True
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DJANGO_DB", ":memory:"),
    }
}
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

DESCOPE_PROJECT_ID = os.environ.get("DESCOPE_PROJECT_ID")
DESCOPE_BASE_URL = os.environ.get("DESCOPE_BASE_URL")
DESCOPE_COOKIE_SECURE = False

if VARIANT == "ours":
    INSTALLED_APPS.append("descope_django")
    MIDDLEWARE.append("descope_django.middleware.DescopeMiddleware")
    AUTHENTICATION_BACKENDS = [
        "descope_django.backends.DescopeBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
elif VARIANT == "official":
    INSTALLED_APPS.append("django_descope")
    MIDDLEWARE.append("django_descope.middleware.DescopeMiddleware")
