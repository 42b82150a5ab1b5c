"""WSGI entry point for the Django benchmark app."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.apps.django_settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
