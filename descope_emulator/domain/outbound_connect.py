"""Connecting a signed-in user (or their tenant) to an outbound application: the app asks
for a URL, the browser goes there, the person consents at the provider, and the provider's
tokens are stored for the user (or tenant), fetchable with the management API.

Offline the emulator plays the provider too: the URL is its consent page
``/emulator/outbound/authorize``; consenting stores a token it issues (access and refresh
token, the requested scopes, one hour of validity) and sends the browser to the app's
``redirectUrl``. No request reaches the application's real authorization or token URL."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .. import errors
from . import challenges, outbound_apps, project_settings, sessions

if TYPE_CHECKING:
    from ..state import Emulator

KIND = "outbound_connect"
PAGE = "/emulator/outbound/authorize"
TOKEN_TTL = 3600


def start(e: Emulator, base_url: str, *, app_id: str, refresh_token: str | None,
          tenant_id: str, tenant_level: bool, options: dict[str, Any]) -> dict[str, str]:
    """``{"url"}`` of the consent page for the signed-in user (401 without a valid refresh
    token; 404 unknown app; 400 a tenant the user is not in, or a redirect outside the
    approved domains)."""
    _, _, user = sessions.check_refresh(e, refresh_token)
    app = outbound_apps.require(e, app_id)
    redirect = options.get("redirectUrl") or app.get("defaultRedirectUrl") or ""
    if not isinstance(redirect, str):
        raise errors.WRONG_TYPE("'redirectUrl' must be a string")
    if redirect:
        project_settings.check_redirect(e, redirect)
    scopes = options.get("scopes") or app.get("defaultScopes") or []
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise errors.WRONG_TYPE("'scopes' must be a list of strings")
    external = options.get("externalIdentifier") or ""
    if not isinstance(external, str):
        raise errors.WRONG_TYPE("'externalIdentifier' must be a string")
    if tenant_level and not tenant_id:
        raise errors.INVALID_REQUEST("'tenantId' is required for a tenant-level connection")
    if tenant_id and tenant_id not in [t.get("tenantId") for t in user.get("userTenants", [])]:
        raise errors.NOT_TENANT_MEMBER(f"User is not a member of tenant '{tenant_id}'")
    data = {"appId": app_id, "appName": app.get("name", ""), "userId": user["userId"],
            "tenantId": tenant_id, "tenantLevel": tenant_level, "scopes": scopes,
            "externalIdentifier": external, "redirectUrl": redirect}
    state = challenges.new_state(e, KIND, user["loginIds"][0], data)
    return {"url": f"{base_url}{PAGE}?{urlencode({'state': state})}"}


def pending(e: Emulator, state: str) -> dict[str, Any] | None:
    """The connection waiting for consent (None when unknown or used)."""
    return challenges.peek_state(e, KIND, state)


def consent(e: Emulator, state: str, granted: bool) -> str:
    """The person answered at the consent page: on ``granted`` the provider's token is
    stored; returns where the browser goes next (the app's redirect URL, with ``error``
    when refused; "" when the app gave none). 401 for an unknown or used state."""
    data = challenges.check_link(e, (KIND,), state)["data"]
    redirect = str(data.get("redirectUrl") or "")
    if not granted:
        return challenges.with_query(redirect, error="access_denied") if redirect else ""
    body = {"accessToken": "emu-at-" + secrets.token_urlsafe(24),
            "refreshToken": "emu-rt-" + secrets.token_urlsafe(24),
            "accessTokenExpiry": int(e.now()) + TOKEN_TTL, "scopes": data["scopes"],
            "grantedBy": data["userId"]}
    if data.get("externalIdentifier"):
        body["externalIdentifier"] = data["externalIdentifier"]
    user_id = None if data.get("tenantLevel") else data["userId"]
    outbound_apps.upload(e, data["appId"], user_id, data.get("tenantId") or None, body)
    return redirect
