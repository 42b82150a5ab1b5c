"""Sign-in hygiene shared by every example app that signs a browser in (copy it along
with an app).

* External URLs (the magic link, the OAuth return URL) are built from configuration,
  `APP_PUBLIC_URL`, never from the request's `Host` header: a forged `Host` would make
  the emailed link point at whoever forged it.
* Login CSRF: every sign-in start is bound to the browser by a random state kept in an
  HttpOnly cookie (`signin_state`) and echoed by the form, the magic link and the OAuth
  return URL; a sign-in form posted from another site is refused; the Google callback
  refuses a code this browser never asked for. Every sign-in POST of every app asks
  `signin_refusal` (the one check), so a page on another site cannot sign the visitor's
  browser into the attacker's account.
* `next`: after sign-in the user goes back to the page they wanted, only when it is a
  path on this site (never `//host`, `https://...`, `/\\host` or anything with a scheme).
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from descope_core import AuthException
from descope_core.guard import normalize_origin

STATE_COOKIE = "signin_state"
STATE_COOKIE_PATH = "/signin"  # sent only to the sign-in routes
STATE_MAX_AGE = 15 * 60
DEFAULT_AFTER_SIGNIN = "/profile"

# What a refused page says: the true reason, in words a person can act on.
CROSS_SITE_REFUSED = (
    "This request came from another site (or from another address of this one), so it was "
    "refused. Open the sign-in page of this site and try again there."
)
STATE_REFUSED = (
    "This sign-in was not started in this browser, or it has expired. Start again from the "
    "sign-in page."
)
CSRF_TOKEN_REFUSED = (
    "This form's security token is missing or out of date, so it was refused. Reload the "
    "sign-in page and try again."
)
TENANT_REFUSED = "You are not a member of that tenant, so you cannot switch to it."


def failure(message: str, error: AuthException) -> str:
    """`message` with Descope's own words for the failure, for the page."""
    detail = error.error_description or error.error_message or error.error_type
    return f"{message}: {detail or 'error'}"


def role_missing(role: str) -> str:
    """The reason shown when a signed-in user lacks `role`."""
    return f"You are signed in, but this page needs the role {role!r}, which you do not have."


def public_url(default_port: int) -> str:
    """The app's own origin from `APP_PUBLIC_URL` (default `http://localhost:<port>`).

    Raises:
        ValueError: when `APP_PUBLIC_URL` is not an http(s) origin.
    """
    value = os.environ.get("APP_PUBLIC_URL") or f"http://localhost:{default_port}"
    origin = normalize_origin(value)
    if origin is None or urlsplit(value).path not in ("", "/"):
        raise ValueError(f"APP_PUBLIC_URL must be scheme://host[:port], got {value!r}")
    return origin


def external_url(base: str, path: str, **query: str) -> str:
    """`base` + `path` (+ query): a URL to put in an email or hand to an identity provider."""
    url = base + path
    params = {k: v for k, v in query.items() if v}
    return url + ("?" + urlencode(params) if params else "")


def state_cookie_args() -> dict[str, Any]:
    """How the `signin_state` cookie is set (keyword arguments of Starlette's and Flask's
    `set_cookie`): HttpOnly, SameSite=Lax, sent only to the sign-in routes."""
    return {"max_age": STATE_MAX_AGE, "path": STATE_COOKIE_PATH, "secure": cookie_secure(),
            "httponly": True, "samesite": "lax"}


def new_state() -> str:
    return secrets.token_urlsafe(32)


def usable_state(value: str | None) -> str | None:
    """A state cookie value worth keeping (ours are 43 url-safe characters)."""
    if value and 32 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum():
        return value
    return None


def state_matches(cookie_value: str | None, submitted: str | None) -> bool:
    """The submitted state is this browser's (constant-time comparison)."""
    if not usable_state(cookie_value) or not submitted:
        return False
    return hmac.compare_digest(cookie_value.encode(), submitted.encode())  # type: ignore[union-attr]


def cross_site_post(headers: Mapping[str, str], own_origin: str) -> bool:
    """Whether a form post comes from another site (`Origin`, `Sec-Fetch-Site`, `Referer`;
    none of them: a non-browser client, let through as the state check still applies).
    `headers` must look names up case-insensitively (every framework's do)."""
    origin = headers.get("origin")
    if origin:
        return normalize_origin(origin) != own_origin
    if (headers.get("sec-fetch-site") or "").lower() in ("cross-site", "same-site"):
        return True
    referer = headers.get("referer")
    if referer:
        return normalize_origin(referer) != own_origin
    return False


def signin_refusal(
    headers: Mapping[str, str],
    own_origin: str,
    state_cookie: str | None,
    submitted_state: str | None,
) -> str | None:
    """Why a sign-in form post is refused (from another site, or not started in this
    browser), or None when it may proceed.

    Args:
        headers: the request headers, looked up case-insensitively.
        own_origin: the app's public origin.
        state_cookie: this browser's sign-in state cookie.
        submitted_state: the state the form echoed.
    """
    if cross_site_post(headers, own_origin):
        return CROSS_SITE_REFUSED
    if not state_matches(state_cookie, submitted_state):
        return STATE_REFUSED
    return None


def safe_next(value: str | None) -> str | None:
    """`value` when it is a path on this site, else None."""
    if not value or len(value) > 2000 or not value.startswith("/"):
        return None
    if value.startswith(("//", "/\\")) or "\\" in value:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def after_signin(next_value: str | None) -> str:
    """Where to go after a successful sign-in."""
    return safe_next(next_value) or DEFAULT_AFTER_SIGNIN


def cookie_secure() -> bool:
    value = os.environ.get("DESCOPE_COOKIE_SECURE")
    return value is not None and value.strip().lower() in ("1", "true", "yes", "on")
