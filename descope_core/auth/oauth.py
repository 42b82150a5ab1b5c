"""OAuth (auth.md §2.4)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Call, Op
from ..options import LoginOptions
from ._base import AuthArea, AuthCore, login_options_body, require, require_refresh_for


def start_flow(
    core: AuthCore,
    path: str,
    params: dict[str, Any],
    login_options: LoginOptions | None,
    refresh_token: str | None,
) -> Call[dict[str, Any]]:
    """Shared by OAuth, SSO and SAML start: query params + flat LoginOptions body."""
    require_refresh_for(login_options, refresh_token)
    return core.call_dict(
        path, login_options_body(login_options), secret=refresh_token, params=params
    )


class OAuth(AuthArea[M]):
    @api
    def start(
        self,
        provider: str,
        return_url: str = "",
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Start an OAuth sign-in; returns `{"url": ...}` to send the user to.

        Args:
            provider: the OAuth provider (e.g. "google").
            return_url: where the provider returns the user (your callback).
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(provider, "provider")
        params: dict[str, Any] = {"provider": provider}
        if return_url:
            params["redirectURL"] = return_url
        return start_flow(
            self._core, "/v1/auth/oauth/authorize", params, login_options, refresh_token
        )

    @api
    def exchange_token(self, code: str) -> Op[dict[str, Any]]:
        """Exchange the code from the OAuth callback for a session (verified JWTs).

        Args:
            code: the one-time code.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(code, "code")
        return self._core.call_jwt("/v1/auth/oauth/exchange", {"code": code})
