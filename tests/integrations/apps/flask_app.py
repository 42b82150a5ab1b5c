"""The matrix app for Flask (route contract: tests/integrations/README.md)."""

from __future__ import annotations

from typing import Any

from descope_flask import (
    Descope,
    current_session,
    descope_login_required,
    descope_logout,
    descope_permissions_required,
    descope_roles_required,
)
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ._contract import TRUSTED_ORIGIN, unguarded_json, user_json


def _me() -> dict[str, Any]:
    assert current_session is not None
    return user_json(current_session)


def make_app(client_kwargs: dict[str, Any]) -> tuple[Flask, str]:
    app = Flask(__name__)
    app.config.update(
        DESCOPE_PROJECT_ID=client_kwargs["project_id"],
        DESCOPE_BASE_URL=client_kwargs.get("base_url"),
        DESCOPE_MANAGEMENT_KEY=client_kwargs.get("management_key"),
        DESCOPE_COOKIE_SECURE=client_kwargs.get("cookie_secure", True),
        DESCOPE_LOGIN_URL="/login",
        DESCOPE_TRUSTED_ORIGINS=[TRUSTED_ORIGIN],
    )
    Descope(app)
    # behind a proxy: X-Forwarded-Proto from the one trusted hop sets the scheme
    app.wsgi_app = ProxyFix(app.wsgi_app, x_proto=1)  # type: ignore[method-assign]

    @app.route("/unguarded", methods=["POST", "DELETE"])
    def unguarded() -> dict[str, Any]:
        return unguarded_json(current_session)

    @app.get("/public")
    def public() -> dict[str, Any]:
        return {"public": True}

    @app.route("/protected", methods=["GET", "POST"])
    @descope_login_required
    def protected() -> dict[str, Any]:
        return _me()

    @app.get("/admin")
    @descope_roles_required("admin")
    def admin() -> dict[str, Any]:
        return _me()

    @app.get("/perm")
    @descope_permissions_required("read:reports")
    def perm() -> dict[str, Any]:
        return _me()

    @app.get("/tenant-admin")
    @descope_roles_required("admin", tenant="t1")
    def tenant_admin() -> dict[str, Any]:
        return _me()

    @app.post("/logout")
    def logout() -> Any:
        return descope_logout()

    @app.get("/html-protected")
    @descope_login_required
    def html_protected() -> str:
        assert current_session is not None
        return f"<!doctype html><p>hello {current_session.user_id}</p>"

    return app, "wsgi"
