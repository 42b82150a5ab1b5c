"""Django settings shared by the two API examples (`drf_app`, `ninja_app`).

Each example's `settings.py` star-imports this and sets `ROOT_URLCONF` (and its own
apps). Configuration comes from the environment, defaulting to the local emulator.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "descope-api-example-not-for-production")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "descope_django",
]
MIDDLEWARE = [
    "example_apps.public_address.PublicAddressDjangoMiddleware",  # one address per app
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "descope_django.middleware.DescopeMiddleware",
]
AUTHENTICATION_BACKENDS = ["descope_django.backends.DescopeBackend"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
# one SQLite file per example (the user rows DescopeBackend creates on first sight)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get(
            "DESCOPE_EXAMPLE_DB", str(Path(tempfile.gettempdir()) / "descope-api-example.sqlite3")
        ),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
USE_TZ = True

DESCOPE_PROJECT_ID = os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID)
DESCOPE_BASE_URL = os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040")
DESCOPE_COOKIE_SECURE = os.environ.get("DESCOPE_COOKIE_SECURE", "false").lower() in ("1", "true")
