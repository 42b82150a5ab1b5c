"""Views of the Django example project on `descope_django`.

The middleware puts the validated (and, when needed, silently refreshed) session on
`request.descope_session` and a real Django user on `request.user`; views declare what
they need with the integration's decorators. Sign-in views call the core client and
hand the tokens to the integration's cookie helper.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from descope_django import (
    descope_login_required,
    descope_permissions_required,
    get_client,
    set_session_cookies,
)
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from descope_core import AuthException, DeliveryMethod, DescopeClient
from example_apps import frontend, passkeys
from example_apps import web_security as web

from .models import SignInEvent

# External URLs come from here, never from the Host header (APP_PUBLIC_URL).
SITE = web.public_url(8000)


def client() -> DescopeClient:
    """The app's one client, built by descope_django from the DESCOPE_* settings."""
    return get_client()  # type: ignore[no-any-return]


def signed_in(
    request: HttpRequest, jwt_response: dict[str, Any], method: str, next_value: str | None = None
) -> HttpResponse:
    """Back to the page the user wanted (or the profile) with the DS/DSR cookies of a
    successful sign-in; the sign-in state is used up."""
    SignInEvent.objects.create(descope_user_id=jwt_response.get("userId", ""), method=method)
    response = redirect(web.after_signin(next_value))
    response.delete_cookie(web.STATE_COOKIE, path=web.STATE_COOKIE_PATH)
    set_session_cookies(request, response, jwt_response)
    return response


def browser_state(request: HttpRequest) -> str | None:
    return web.usable_state(request.COOKIES.get(web.STATE_COOKIE))


def with_state(response: HttpResponse, state: str) -> HttpResponse:
    """`response` carrying this browser's sign-in state cookie."""
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


def refuse_signin_post(request: HttpRequest) -> None:
    """Raise PermissionDenied, with the reason Django's 403 page shows, for a sign-in form
    posted from another site or not from this browser's sign-in page (Django's CSRF
    middleware checks its token too)."""
    reason = web.signin_refusal(
        request.headers, SITE, request.COOKIES.get(web.STATE_COOKIE), request.POST.get("state")
    )
    if reason:
        raise PermissionDenied(reason)


def script_refused(request: HttpRequest) -> JsonResponse | None:
    """The passkey endpoints answer the page's own script only (login CSRF)."""
    if web.cross_site_post(request.headers, SITE):
        return JsonResponse({"error": web.CROSS_SITE_REFUSED}, status=403)
    return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal (`CSRF_FAILURE_VIEW`), rendered as the app's 403 page with its
    true reason: a form from another site, or a form whose CSRF token is missing or stale."""
    if reason.startswith(("Origin checking failed", "Referer checking failed")):
        message = web.CROSS_SITE_REFUSED
    else:
        message = web.CSRF_TOKEN_REFUSED
    return render(request, "403.html", {"exception": message}, status=403)


def failed(request: HttpRequest, message: str, error: AuthException) -> HttpResponse:
    messages.error(request, web.failure(message, error))
    return redirect("signin")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@require_GET
def signin(request: HttpRequest) -> HttpResponse:
    state = browser_state(request) or web.new_state()
    next_value = web.safe_next(request.GET.get("next"))
    context = {
        "state": state,
        "next": next_value,
        "flow_card": frontend.flow_card(client().config, web.after_signin(next_value)),
    }
    return with_state(render(request, "accounts/signin.html", context), state)


@require_POST
def signin_password(request: HttpRequest) -> HttpResponse:
    refuse_signin_post(request)
    try:
        jwt = client().password.sign_in(request.POST["login_id"], request.POST["password"])
    except AuthException as e:  # the same form again, the email kept
        messages.error(request, web.failure("Password sign-in failed", e))
        context = {
            "login_id": request.POST["login_id"],
            "state": request.POST["state"],
            "next": web.safe_next(request.POST.get("next")),
        }
        return render(request, "accounts/signin.html", context)
    return signed_in(request, jwt, "password", request.POST.get("next"))


@require_POST
def signin_otp_send(request: HttpRequest) -> HttpResponse:
    refuse_signin_post(request)
    email = request.POST["email"]
    try:
        masked = client().otp.sign_up_or_in(DeliveryMethod.EMAIL, email)
    except AuthException as e:
        return failed(request, "Could not send the code", e)
    context = {
        "email": email,
        "masked": masked,
        "state": request.POST["state"],
        "next": web.safe_next(request.POST.get("next")),
    }
    return render(request, "accounts/otp.html", context)


@require_POST
def signin_otp_verify(request: HttpRequest) -> HttpResponse:
    refuse_signin_post(request)
    try:
        jwt = client().otp.verify_code(DeliveryMethod.EMAIL, request.POST["email"], request.POST["code"])
    except AuthException as e:  # stay on the code page: the code sent still works
        messages.error(request, web.failure("Wrong or expired code", e))
        context = {
            "email": request.POST["email"],
            "masked": request.POST.get("masked", ""),
            "state": request.POST["state"],
            "next": web.safe_next(request.POST.get("next")),
        }
        return render(request, "accounts/otp.html", context)
    return signed_in(request, jwt, "email code", request.POST.get("next"))


@require_POST
def signin_magiclink_send(request: HttpRequest) -> HttpResponse:
    refuse_signin_post(request)
    uri = web.external_url(
        SITE,
        reverse("signin_magiclink_verify"),
        state=request.POST["state"],
        next=web.safe_next(request.POST.get("next")) or "",
    )
    try:
        masked = client().magiclink.sign_up_or_in(DeliveryMethod.EMAIL, request.POST["email"], uri)
    except AuthException as e:
        return failed(request, "Could not send the link", e)
    return render(request, "accounts/magiclink.html", {"masked": masked})


@require_GET
def signin_magiclink_verify(request: HttpRequest) -> HttpResponse:
    # the link works in the browser that asked for it (login CSRF)
    if not web.state_matches(browser_state(request), request.GET.get("state")):
        raise PermissionDenied(web.STATE_REFUSED)
    try:
        jwt = client().magiclink.verify(request.GET.get("t", ""))
    except AuthException as e:
        return failed(request, "This link is invalid or expired", e)
    return signed_in(request, jwt, "magic link", request.GET.get("next"))


@require_GET
def signin_google(request: HttpRequest) -> HttpResponse:
    state = browser_state(request) or web.new_state()
    return_url = web.external_url(
        SITE,
        reverse("signin_google_callback"),
        state=state,
        next=web.safe_next(request.GET.get("next")) or "",
    )
    try:
        started = client().oauth.start(provider="google", return_url=return_url)
    except AuthException as e:
        return failed(request, "Google sign-in is not available", e)
    return with_state(redirect(started["url"]), state)


@require_GET
def signin_google_callback(request: HttpRequest) -> HttpResponse:
    if not web.state_matches(browser_state(request), request.GET.get("state")):
        raise PermissionDenied(web.STATE_REFUSED)
    try:
        jwt = client().oauth.exchange_token(request.GET.get("code", ""))
    except AuthException as e:
        return failed(request, "Google sign-in failed", e)
    return signed_in(request, jwt, "google", request.GET.get("next"))


def _json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body)
    except ValueError:
        return None


@require_POST
def signin_passkey_start(request: HttpRequest) -> JsonResponse:
    if refusal := script_refused(request):
        return refusal
    try:
        # the ceremony's origin is the configured one, never the Host header
        return JsonResponse(passkeys.start(client(), _json_body(request), SITE))
    except (passkeys.PasskeyRequestError, AuthException) as e:
        error, status = passkeys.refusal(e)
        return JsonResponse(error, status=status)


@require_POST
def signin_passkey_finish(request: HttpRequest) -> JsonResponse:
    if refusal := script_refused(request):
        return refusal
    try:
        jwt = passkeys.finish(client(), _json_body(request))
    except (passkeys.PasskeyRequestError, AuthException) as e:
        error, status = passkeys.refusal(e)
        return JsonResponse(error, status=status)
    SignInEvent.objects.create(descope_user_id=jwt.get("userId", ""), method="passkey")
    response = JsonResponse({"redirect": reverse("profile")})
    set_session_cookies(request, response, jwt)
    return response


@require_GET
@descope_login_required
def profile(request: HttpRequest) -> HttpResponse:
    session = request.descope_session  # type: ignore[attr-defined]
    try:
        user = client().me(session.refresh_token)
    except AuthException:
        user = {}
    expires = (
        datetime.fromtimestamp(session.expires_at, timezone.utc) if session.expires_at else None
    )
    context = {
        "user": user,
        "expires": expires,
        "recent_sign_ins": SignInEvent.objects.filter(descope_user_id=session.user_id)[:5],
    }
    return render(request, "accounts/profile.html", context)


@require_GET
@descope_login_required
def admin(request: HttpRequest) -> HttpResponse:
    # The role decorators answer API clients with JSON; a page raises PermissionDenied,
    # which Django renders with templates/403.html.
    if not request.descope_session.has_roles("admin"):  # type: ignore[attr-defined]
        raise PermissionDenied(web.role_missing("admin"))
    return render(request, "accounts/admin.html")


@require_POST
@descope_login_required
def select_tenant(request: HttpRequest) -> HttpResponse:
    session = request.descope_session  # type: ignore[attr-defined]
    tenant_id = request.POST["tenant_id"]
    if tenant_id not in session.tenants:
        raise PermissionDenied(web.TENANT_REFUSED)
    try:
        jwt = client().select_tenant(tenant_id, session.refresh_token)
    except AuthException as e:
        return failed(request, "Could not switch tenant", e)
    response = redirect("profile")
    set_session_cookies(request, response, jwt)
    return response


@require_GET
@descope_permissions_required("reports:read")
def api_reports(request: HttpRequest) -> JsonResponse:
    session = request.descope_session  # type: ignore[attr-defined]
    return JsonResponse(
        {
            "user_id": session.user_id,
            "tenant": session.current_tenant,
            "reports": [
                {"id": 1, "title": "Weekly sign-ins"},
                {"id": 2, "title": "Active sessions"},
            ],
        }
    )
