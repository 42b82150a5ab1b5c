"""Flask example app on `descope_flask`.

Configuration comes from the environment, defaulting to the local emulator, so the app
runs with no setup. Sign-in views call the core client and hand the resulting tokens to
the extension's cookie helper; every other page just reads `current_session`.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from descope_flask import (
    Descope,
    current_session,
    descope_login_required,
    descope_logout,
    descope_permissions_required,
    set_session_cookies,
)
from flask import (
    Flask,
    flash,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from descope_core import AuthException, DeliveryMethod
from example_apps import frontend, passkeys
from example_apps import web_security as web
from example_apps.public_address import redirect_target

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "jinja_templates"
EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def create_app() -> Flask:
    app = Flask(
        __name__,
        static_folder=str(STATIC_DIR),
        static_url_path="/static",
        template_folder=str(TEMPLATES_DIR),  # shared with the FastAPI app
    )
    app.config.update(
        SECRET_KEY=os.environ.get("FLASK_SECRET_KEY", "demo-only-not-secret"),
        DESCOPE_PROJECT_ID=os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID),
        DESCOPE_BASE_URL=os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040"),
        DESCOPE_COOKIE_SECURE=_env_bool("DESCOPE_COOKIE_SECURE", False),
        DESCOPE_LOGIN_URL="/signin",
    )
    Descope(app)
    client = app.extensions["descope"].client  # the one DescopeClient of this app
    site = web.public_url(5000)  # external URLs come from here, never from Host

    def signed_in(jwt_response: dict[str, Any], next_value: str | None = None) -> Response:
        """Back to the page the user wanted (or the profile) with the DS/DSR cookies of
        a successful sign-in; the sign-in state is used up."""
        response = redirect(web.after_signin(next_value))
        response.delete_cookie(web.STATE_COOKIE, path=web.STATE_COOKIE_PATH)
        return set_session_cookies(response, jwt_response)

    def browser_state() -> str | None:
        return web.usable_state(request.cookies.get(web.STATE_COOKIE))

    def with_state(response: Response | str, state: str) -> Response:
        """`response` carrying this browser's sign-in state cookie."""
        response = app.make_response(response)
        response.set_cookie(
            web.STATE_COOKIE,
            state,
            max_age=web.STATE_MAX_AGE,
            path=web.STATE_COOKIE_PATH,
            secure=web.cookie_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response

    def refused(reason: str) -> tuple[str, int]:
        return render_template("403.html", reason=reason), 403

    def signin_post_refused() -> str | None:
        """Why a sign-in form post is refused (posted from another site, or not from this
        browser's sign-in page), or None."""
        return web.signin_refusal(
            request.headers, site, request.cookies.get(web.STATE_COOKIE), request.form.get("state")
        )

    def script_refused() -> tuple[Response, int] | None:
        """The passkey endpoints answer the page's own script only (login CSRF)."""
        if web.cross_site_post(request.headers, site):
            return jsonify({"error": web.CROSS_SITE_REFUSED}), 403
        return None

    def failed(message: str, error: AuthException) -> Response:
        flash(web.failure(message, error))
        return redirect(url_for("signin"))

    @app.before_request
    def _one_address() -> Response | None:
        """A page opened on another name of this machine moves to the public address."""
        target = redirect_target(
            request.method, request.host, request.headers, site, request.full_path.rstrip("?")
        )
        return redirect(target) if target else None

    @app.context_processor
    def _template_globals() -> dict[str, Any]:
        return {
            "framework": "Flask",
            "signed_in": bool(current_session),
            "messages": get_flashed_messages(),
        }

    @app.template_filter("when")
    def _when(epoch: int | None) -> str:
        if epoch is None:
            return "unknown"
        return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")

    @app.get("/")
    def home() -> str:
        return render_template("home.html")

    @app.get("/signin")
    def signin() -> Response:
        state = browser_state() or web.new_state()
        next_value = web.safe_next(request.args.get("next"))
        page = render_template(
            "signin.html",
            state=state,
            next=next_value,
            flow_card=frontend.flow_card(client.config, web.after_signin(next_value)),
        )
        return with_state(page, state)

    @app.post("/signin/password")
    def signin_password() -> Response | tuple[str, int]:
        if reason := signin_post_refused():
            return refused(reason)
        try:
            jwt = client.password.sign_in(request.form["login_id"], request.form["password"])
        except AuthException as e:  # the same form again, the email kept
            return render_template(
                "signin.html",
                messages=[web.failure("Password sign-in failed", e)],
                login_id=request.form["login_id"],
                state=request.form["state"],
                next=web.safe_next(request.form.get("next")),
            )
        return signed_in(jwt, request.form.get("next"))

    @app.post("/signin/otp")
    def signin_otp_send() -> Response | str | tuple[str, int]:
        if reason := signin_post_refused():
            return refused(reason)
        email = request.form["email"]
        try:
            masked = client.otp.sign_up_or_in(DeliveryMethod.EMAIL, email)
        except AuthException as e:
            return failed("Could not send the code", e)
        return render_template(
            "otp.html",
            email=email,
            masked=masked,
            state=request.form["state"],
            next=web.safe_next(request.form.get("next")),
        )

    @app.post("/signin/otp/verify")
    def signin_otp_verify() -> Response | tuple[str, int]:
        if reason := signin_post_refused():
            return refused(reason)
        try:
            jwt = client.otp.verify_code(DeliveryMethod.EMAIL, request.form["email"], request.form["code"])
        except AuthException as e:  # stay on the code page: the code sent still works
            return render_template(
                "otp.html",
                messages=[web.failure("Wrong or expired code", e)],
                email=request.form["email"],
                masked=request.form.get("masked", ""),
                state=request.form["state"],
                next=web.safe_next(request.form.get("next")),
            )
        return signed_in(jwt, request.form.get("next"))

    @app.post("/signin/magiclink")
    def signin_magiclink_send() -> Response | str | tuple[str, int]:
        if reason := signin_post_refused():
            return refused(reason)
        email = request.form["email"]
        uri = web.external_url(
            site,
            "/signin/magiclink/verify",
            state=request.form["state"],
            next=web.safe_next(request.form.get("next")) or "",
        )
        try:
            masked = client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, email, uri)
        except AuthException as e:
            return failed("Could not send the link", e)
        return render_template("magiclink.html", masked=masked)

    @app.get("/signin/magiclink/verify")
    def signin_magiclink_verify() -> Response | tuple[str, int]:
        # the link works in the browser that asked for it (login CSRF: a link mailed by
        # someone else would sign this browser in as them)
        if not web.state_matches(browser_state(), request.args.get("state")):
            return refused(web.STATE_REFUSED)
        try:
            jwt = client.magiclink.verify(request.args.get("t", ""))
        except AuthException as e:
            return failed("This link is invalid or expired", e)
        return signed_in(jwt, request.args.get("next"))

    @app.get("/signin/google")
    def signin_google() -> Response:
        state = browser_state() or web.new_state()
        return_url = web.external_url(
            site,
            "/signin/google/callback",
            state=state,
            next=web.safe_next(request.args.get("next")) or "",
        )
        try:
            started = client.oauth.start(provider="google", return_url=return_url)
        except AuthException as e:
            return failed("Google sign-in is not available", e)
        return with_state(redirect(started["url"]), state)

    @app.get("/signin/google/callback")
    def signin_google_callback() -> Response | tuple[str, int]:
        if not web.state_matches(browser_state(), request.args.get("state")):
            return refused(web.STATE_REFUSED)  # a code this browser never asked for
        try:
            jwt = client.oauth.exchange_token(request.args.get("code", ""))
        except AuthException as e:
            return failed("Google sign-in failed", e)
        return signed_in(jwt, request.args.get("next"))

    @app.post("/signin/passkey/start")
    def signin_passkey_start() -> tuple[Response, int]:
        if refusal := script_refused():
            return refusal
        try:
            # the ceremony's origin is the configured one, never the Host header
            return jsonify(passkeys.start(client, request.get_json(silent=True), site)), 200
        except (passkeys.PasskeyRequestError, AuthException) as e:
            body, status = passkeys.refusal(e)
            return jsonify(body), status

    @app.post("/signin/passkey/finish")
    def signin_passkey_finish() -> tuple[Response, int]:
        if refusal := script_refused():
            return refusal
        try:
            jwt = passkeys.finish(client, request.get_json(silent=True))
        except (passkeys.PasskeyRequestError, AuthException) as e:
            body, status = passkeys.refusal(e)
            return jsonify(body), status
        return set_session_cookies(jsonify({"redirect": url_for("profile")}), jwt), 200

    @app.get("/profile")
    @descope_login_required
    def profile() -> str:
        try:
            user = client.me(current_session.refresh_token)
        except AuthException:
            user = {}
        return render_template("profile.html", descope_session=current_session, user=user)

    @app.get("/admin")
    @descope_login_required
    def admin() -> str | tuple[str, int]:
        # The role decorators answer API clients with JSON; a page renders its own 403.
        if not current_session.has_roles("admin"):
            return refused(web.role_missing("admin"))
        return render_template("admin.html", descope_session=current_session)

    @app.post("/tenant")
    @descope_login_required
    def select_tenant() -> Response | tuple[str, int]:
        tenant_id = request.form["tenant_id"]
        if tenant_id not in current_session.tenants:
            return refused(web.TENANT_REFUSED)
        try:
            jwt = client.select_tenant(tenant_id, current_session.refresh_token)
        except AuthException as e:
            return failed("Could not switch tenant", e)
        return signed_in(jwt)

    @app.post("/signout")
    def signout() -> Response:
        return descope_logout(redirect(url_for("signin")))

    @app.get("/api/reports")
    @descope_permissions_required("reports:read")
    def api_reports() -> Response:
        return jsonify(
            {
                "user_id": current_session.user_id,
                "tenant": current_session.current_tenant,
                "reports": [
                    {"id": 1, "title": "Weekly sign-ins"},
                    {"id": 2, "title": "Active sessions"},
                ],
            }
        )

    return app
