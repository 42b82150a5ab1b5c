"""FastAPI example app on the pure ASGI `descope_asgi.DescopeMiddleware`.

Configuration comes from the environment, defaulting to the local emulator, so the app
runs with no setup. The middleware validates (and silently refreshes) the session on
every request; routes declare what they need with the `descope_session(...)` dependency.
Sign-in endpoints are plain `def`s: FastAPI runs them in its thread pool, so the core
client's blocking calls never hold up the event loop.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from descope_asgi import (
    DescopeDenied,
    DescopeMiddleware,
    add_openapi_responses,
    descope_logout,
    descope_session,
    set_session_cookies,
)
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from descope_core import AuthException, DeliveryMethod, DescopeClient, DescopeSession
from example_apps import frontend, passkeys
from example_apps import web_security as web
from example_apps.public_address import PublicAddressMiddleware

HERE = Path(__file__).resolve().parent
EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


client = DescopeClient(
    project_id=os.environ.get("DESCOPE_PROJECT_ID", EMULATOR_PROJECT_ID),
    base_url=os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:4040"),
    cookie_secure=_env_bool("DESCOPE_COOKIE_SECURE", False),
)

SITE = web.public_url(8000)  # external URLs come from here, never from Host

app = FastAPI(title="Descope demo (FastAPI)")
app.add_middleware(DescopeMiddleware, client=client, login_url="/signin")
app.add_middleware(PublicAddressMiddleware, site=SITE)  # outermost: one address per app
add_openapi_responses(app)  # 401/403/503 listed on the protected operations
app.mount("/static", StaticFiles(directory=HERE.parent / "static"), name="static")
# The Flask app renders the same Jinja2 templates, so the two compare page by page.
templates = Jinja2Templates(directory=HERE.parent / "jinja_templates")


def _when(epoch: int | None) -> str:
    if epoch is None:
        return "unknown"
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


templates.env.filters["when"] = _when
templates.env.globals["framework"] = "FastAPI"

SignedIn = Annotated[DescopeSession, Depends(descope_session())]
Admin = Annotated[DescopeSession, Depends(descope_session(roles=["admin"]))]
CanReadReports = Annotated[DescopeSession, Depends(descope_session(permissions=["reports:read"]))]


async def form_fields(request: Request) -> dict[str, str]:
    """The fields of an urlencoded HTML form post."""
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


Form = Annotated[dict[str, str], Depends(form_fields)]


def signed_in(
    request: Request, jwt_response: dict[str, Any], next_value: str | None = None
) -> RedirectResponse:
    """Back to the page the user wanted (or the profile); the middleware adds the DS/DSR
    cookies of the sign-in. The sign-in state is used up."""
    set_session_cookies(request, jwt_response)
    response = RedirectResponse(web.after_signin(next_value), status_code=303)
    response.delete_cookie(web.STATE_COOKIE, path=web.STATE_COOKIE_PATH)
    return response


def browser_state(request: Request) -> str | None:
    return web.usable_state(request.cookies.get(web.STATE_COOKIE))


def with_state(response: Response, state: str) -> Response:
    """`response` carrying this browser's sign-in state cookie."""
    response.set_cookie(
        web.STATE_COOKIE,
        state,
        max_age=web.STATE_MAX_AGE,
        path=web.STATE_COOKIE_PATH,
        secure=web.cookie_secure(),
        httponly=True,
        samesite="lax",
    )
    return response


def signin_post_refused(request: Request, form: dict[str, str]) -> str | None:
    """Why a sign-in form post is refused (from another site, or not from this browser's
    sign-in page), or None."""
    return web.signin_refusal(
        request.headers, SITE, request.cookies.get(web.STATE_COOKIE), form.get("state")
    )


def refused(request: Request, reason: str, signed_in: bool = False) -> HTMLResponse:
    return page(request, "403.html", status_code=403, reason=reason, signed_in=signed_in)


def script_refused(request: Request) -> JSONResponse | None:
    """The passkey endpoints answer the page's own script only (login CSRF)."""
    if web.cross_site_post(request.headers, SITE):
        return JSONResponse({"error": web.CROSS_SITE_REFUSED}, status_code=403)
    return None


# The sign-in page shows only these messages, chosen by `?error=<code>` (a redirect after a
# failure): free text in the URL would let anyone put their words on this site's page.
SIGNIN_ERRORS = {
    "send-code": "Could not send the code. Check the address and try again.",
    "send-link": "Could not send the link. Check the address and try again.",
    "link": "This link is invalid or expired. Ask for a new one.",
    "google-unavailable": "Google sign-in is not available right now.",
    "google": "Google sign-in failed. Try again.",
    "tenant": "Could not switch tenant.",
}


def failed(code: str) -> RedirectResponse:
    """Back to the sign-in page with the message of `code` (a key of SIGNIN_ERRORS)."""
    return RedirectResponse("/signin?" + urlencode({"error": code}), 303)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("signed_in", False)
    known = SIGNIN_ERRORS.get(request.query_params.get("error", ""))
    context.setdefault("messages", [known] if known else [])
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@app.exception_handler(DescopeDenied)
async def descope_denied(request: Request, exc: DescopeDenied) -> Response:
    """Browsers get the 403 page; anything else goes back to the middleware's answer."""
    if exc.denial.status == 403 and "text/html" in request.headers.get("accept", ""):
        return refused(request, exc.denial.message, signed_in=True)
    raise exc


@app.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return page(request, "home.html", signed_in=request.scope.get("descope_session") is not None)


@app.get("/signin", response_class=HTMLResponse)
def signin(request: Request, next: str = "") -> Response:
    state = browser_state(request) or web.new_state()
    flow = frontend.flow_card(client.config, web.after_signin(next))
    return with_state(
        page(request, "signin.html", state=state, next=web.safe_next(next), flow_card=flow), state
    )


@app.post("/signin/password")
def signin_password(request: Request, form: Form) -> Response:
    if reason := signin_post_refused(request, form):
        return refused(request, reason)
    try:
        jwt = client.password.sign_in(form.get("login_id", ""), form.get("password", ""))
    except AuthException as e:  # the same form again, the email kept
        return page(
            request,
            "signin.html",
            messages=[web.failure("Password sign-in failed", e)],
            login_id=form.get("login_id", ""),
            state=form.get("state", ""),
            next=web.safe_next(form.get("next")),
        )
    return signed_in(request, jwt, form.get("next"))


@app.post("/signin/otp")
def signin_otp_send(request: Request, form: Form) -> Response:
    if reason := signin_post_refused(request, form):
        return refused(request, reason)
    email = form.get("email", "")
    try:
        masked = client.otp.sign_up_or_in(DeliveryMethod.EMAIL, email)
    except AuthException:
        return failed("send-code")
    return page(
        request,
        "otp.html",
        email=email,
        masked=masked,
        state=form.get("state", ""),
        next=web.safe_next(form.get("next")),
    )


@app.post("/signin/otp/verify")
def signin_otp_verify(request: Request, form: Form) -> Response:
    if reason := signin_post_refused(request, form):
        return refused(request, reason)
    try:
        jwt = client.otp.verify_code(DeliveryMethod.EMAIL, form.get("email", ""), form.get("code", ""))
    except AuthException as e:  # stay on the code page: the code sent still works
        return page(
            request,
            "otp.html",
            messages=[web.failure("Wrong or expired code", e)],
            email=form.get("email", ""),
            masked=form.get("masked", ""),
            state=form.get("state", ""),
            next=web.safe_next(form.get("next")),
        )
    return signed_in(request, jwt, form.get("next"))


@app.post("/signin/magiclink")
def signin_magiclink_send(request: Request, form: Form) -> Response:
    if reason := signin_post_refused(request, form):
        return refused(request, reason)
    uri = web.external_url(
        SITE,
        "/signin/magiclink/verify",
        state=form.get("state", ""),
        next=web.safe_next(form.get("next")) or "",
    )
    try:
        masked = client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, form.get("email", ""), uri)
    except AuthException:
        return failed("send-link")
    return page(request, "magiclink.html", masked=masked)


@app.get("/signin/magiclink/verify")
def signin_magiclink_verify(
    request: Request, t: str = "", state: str = "", next: str = ""
) -> Response:
    # the link works in the browser that asked for it (login CSRF)
    if not web.state_matches(browser_state(request), state):
        return refused(request, web.STATE_REFUSED)
    try:
        jwt = client.magiclink.verify(t)
    except AuthException:
        return failed("link")
    return signed_in(request, jwt, next)


@app.get("/signin/google")
def signin_google(request: Request, next: str = "") -> Response:
    state = browser_state(request) or web.new_state()
    return_url = web.external_url(
        SITE, "/signin/google/callback", state=state, next=web.safe_next(next) or ""
    )
    try:
        started = client.oauth.start(provider="google", return_url=return_url)
    except AuthException:
        return failed("google-unavailable")
    return with_state(RedirectResponse(started["url"], status_code=303), state)


@app.get("/signin/google/callback")
def signin_google_callback(
    request: Request, code: str = "", state: str = "", next: str = ""
) -> Response:
    if not web.state_matches(browser_state(request), state):
        return refused(request, web.STATE_REFUSED)  # a code this browser never asked for
    try:
        jwt = client.oauth.exchange_token(code)
    except AuthException:
        return failed("google")
    return signed_in(request, jwt, next)


async def json_body(request: Request) -> Any:
    """The request's JSON body, or None when it is not JSON."""
    try:
        return await request.json()
    except ValueError:
        return None


JsonBody = Annotated[Any, Depends(json_body)]


@app.post("/signin/passkey/start")
def signin_passkey_start(request: Request, body: JsonBody) -> Response:
    if refusal := script_refused(request):
        return refusal
    try:
        # the ceremony's origin is the configured one, never the Host header
        return JSONResponse(passkeys.start(client, body, SITE))
    except (passkeys.PasskeyRequestError, AuthException) as e:
        error, status = passkeys.refusal(e)
        return JSONResponse(error, status_code=status)


@app.post("/signin/passkey/finish")
def signin_passkey_finish(request: Request, body: JsonBody) -> Response:
    if refusal := script_refused(request):
        return refusal
    try:
        jwt = passkeys.finish(client, body)
    except (passkeys.PasskeyRequestError, AuthException) as e:
        error, status = passkeys.refusal(e)
        return JSONResponse(error, status_code=status)
    set_session_cookies(request, jwt)
    return JSONResponse({"redirect": "/profile"})


@app.get("/profile", response_class=HTMLResponse)
def profile(request: Request, session: SignedIn) -> HTMLResponse:
    try:
        user = client.me(session.refresh_token)
    except AuthException:
        user = {}
    return page(request, "profile.html", descope_session=session, user=user, signed_in=True)


@app.get("/admin", response_class=HTMLResponse)
def admin(request: Request, session: Admin) -> HTMLResponse:
    return page(request, "admin.html", descope_session=session, signed_in=True)


@app.post("/tenant")
def select_tenant(request: Request, session: SignedIn, form: Form) -> Response:
    tenant_id = form.get("tenant_id", "")
    if tenant_id not in session.tenants:
        return refused(request, web.TENANT_REFUSED, signed_in=True)
    try:
        jwt = client.select_tenant(tenant_id, session.refresh_token)
    except AuthException:
        return failed("tenant")
    return signed_in(request, jwt)


@app.post("/signout")
async def signout(request: Request) -> Response:
    await descope_logout(request)  # revokes; the middleware clears DS/DSR
    return RedirectResponse("/signin", status_code=303)


@app.get("/react", response_class=HTMLResponse)
def react_page(request: Request) -> HTMLResponse:
    """The React single-page example (example_apps/frontend/react) once it is built: it
    signs in with the official React SDK and calls /api/reports with a Bearer token."""
    descope = {
        "projectId": client.config.project_id,
        "baseUrl": client.config.base_url,
        "reportsUrl": "/api/reports",
    }
    bundle = frontend.REACT_URL if frontend.REACT_FILE.is_file() else None
    return templates.TemplateResponse(request, "react.html", {"descope": descope, "bundle": bundle})


@app.get("/api/reports")
def api_reports(session: CanReadReports) -> dict[str, Any]:
    return {
        "user_id": session.user_id,
        "tenant": session.current_tenant,
        "reports": [
            {"id": 1, "title": "Weekly sign-ins"},
            {"id": 2, "title": "Active sessions"},
        ],
    }
