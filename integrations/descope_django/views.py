"""`logout` view, and `set_session_cookies` for the app's own sign-in views."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_POST

from descope_core.guard import wants_html

from ._adapter import end_session, request_inputs, write_now
from .apps import get_config


@require_POST
def logout(request: HttpRequest, next_page: str | None = None) -> HttpResponseBase:
    """POST only. JSON `{"logged_out": true}`, or a redirect to `next_page` for browsers.

    `path("logout", logout, {"next_page": "/"})` sets the redirect target. A Django
    session (if any) is flushed as well. Cross-site POSTs never get here: the middleware
    refuses them (`descope_core.guard`).
    """
    from django.contrib.auth import SESSION_KEY
    from django.contrib.auth import logout as django_logout
    from django.contrib.auth.models import AnonymousUser

    client = get_config().client
    outcome = end_session(request, client, always_clear=True)
    if hasattr(request, "session") and SESSION_KEY in request.session:
        django_logout(request)  # a Django session login as well: end it too
    else:
        request.user = AnonymousUser()  # type: ignore[attr-defined]
    response: HttpResponseBase
    if next_page and wants_html(request_inputs(request, client)[0]):
        response = HttpResponseRedirect(next_page)
    else:
        response = JsonResponse({"logged_out": True})
    clears = outcome.cookies if outcome is not None else client.sessions.clear_cookies()
    write_now(request, response, clears)
    return response


def set_session_cookies(
    request: HttpRequest, response: HttpResponseBase, jwt_response: Mapping[str, Any]
) -> HttpResponseBase:
    """After a sign-in call (`otp.verify_code`, `password.sign_in`, ...): set DS/DSR.

    The middleware will not overwrite these cookies on the way out.
    """
    cookies = get_config().client.sessions.cookies_for(dict(jwt_response))
    write_now(request, response, cookies)
    return response
