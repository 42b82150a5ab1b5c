"""The Flask example app: `flask --app example_apps.flask_app:create_app run`."""

from .app import create_app

__all__ = ["create_app"]
