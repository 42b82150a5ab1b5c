"""The OAuth provider's tokens of a user (``mgmt.user.get_provider_token``).

When a user signs in with OAuth through the emulator's identity picker, the stand-in
provider "issues" an access token and a refresh token; they are kept on the user
(``_providerTokens[provider]``) as Descope keeps the provider's tokens, and the
management API hands them out. ``forceRefresh`` has the provider issue a new access token.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from .. import errors
from ..state import Emulator

#: lifetime of a stand-in provider access token
ACCESS_TOKEN_SECONDS = 3600
SCOPES = ["openid", "email", "profile"]


def _access(e: Emulator, token: dict[str, Any]) -> None:
    token["accessToken"] = "emu-at-" + secrets.token_urlsafe(24)
    token["expiration"] = int(e.now()) + ACCESS_TOKEN_SECONDS


def store(e: Emulator, user: dict[str, Any], provider: str) -> None:
    """The provider's tokens after an OAuth sign-in of ``user`` (the caller saves it)."""
    subject = hashlib.sha256(f"{provider}:{user['userId']}".encode()).hexdigest()[:21]
    token: dict[str, Any] = {"provider": provider, "providerUserId": subject,
                             "refreshToken": "emu-rt-" + secrets.token_urlsafe(24),
                             "scopes": list(SCOPES)}
    _access(e, token)
    user["_providerTokens"] = {**(user.get("_providerTokens") or {}), provider: token}


def get(e: Emulator, user: dict[str, Any], provider: str, *, with_refresh_token: bool,
        force_refresh: bool) -> dict[str, Any]:
    """The stored token of ``provider`` (404 when the user never signed in with it); the
    refresh token only when asked for. ``force_refresh`` renews the access token (the
    caller saves the user)."""
    token = (user.get("_providerTokens") or {}).get(provider)
    if token is None:
        raise errors.PROVIDER_TOKEN_NOT_FOUND(
            f"User has no token of provider '{provider[:64]}'")
    if force_refresh or token["expiration"] <= e.now():
        _access(e, token)
    out = {k: v for k, v in token.items() if k != "refreshToken"}
    if with_refresh_token:
        out["refreshToken"] = token["refreshToken"]
    return out
