"""drf-spectacular: the OpenAPI security schemes of `descope_django.drf.DescopeAuthentication`.

Imported by `descope_django.drf` when drf-spectacular is installed; defining the class
registers it. An operation accepts either scheme: a Bearer session token or the session
cookie.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .apps import get_config

BEARER_SCHEME = "DescopeBearer"
COOKIE_SCHEME = "DescopeSessionCookie"


class DescopeScheme(OpenApiAuthenticationExtension):  # type: ignore[misc]
    target_class = "descope_django.drf.DescopeAuthentication"
    match_subclasses = True
    name = [BEARER_SCHEME, COOKIE_SCHEME]

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list[str]]]:
        """Either scheme authenticates (two alternatives, not both at once)."""
        return [{BEARER_SCHEME: []}, {COOKIE_SCHEME: []}]

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, str]]:
        """The bearer JWT scheme and the session cookie (named as configured)."""
        cookie = get_config().client.config.session_cookie_name
        return [
            {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            {"type": "apiKey", "in": "cookie", "name": cookie},
        ]
