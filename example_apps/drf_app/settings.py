"""Settings of the DRF example: the shared API settings plus DRF and drf-spectacular."""

from example_apps.api_settings import *  # noqa: F403
from example_apps.api_settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "drf_spectacular"]
ROOT_URLCONF = "example_apps.drf_app.urls"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["descope_django.drf.DescopeAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
