"""Settings of the Django Ninja example: the shared API settings plus Ninja."""

from example_apps.api_settings import *  # noqa: F403
from example_apps.api_settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "ninja"]
ROOT_URLCONF = "example_apps.ninja_app.urls"
