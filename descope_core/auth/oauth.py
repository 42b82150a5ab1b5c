"""OAuth (auth.md §2.4)."""

from __future__ import annotations

from typing import Any

from ..exceptions import ERROR_TYPE_SERVER_ERROR, AuthException
from ..options import LoginOptions
from ._base import AuthArea, AuthCore, login_options_body, require, require_refresh_for


def start_flow(
    core: AuthCore,
    path: str,
    params: dict[str, Any],
    login_options: LoginOptions | None,
    refresh_token: str | None,
) -> dict[str, Any]:
    """Shared by OAuth, SSO and SAML start: query params + flat LoginOptions body."""
    require_refresh_for(login_options, refresh_token)
    data = core.call_json(
        path, login_options_body(login_options), secret=refresh_token, params=params
    )
    if not isinstance(data, dict):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
    return data


class OAuth(AuthArea):
    def start(
        self,
        provider: str,
        return_url: str = "",
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> dict[str, Any]:
        require(provider, "provider")
        params: dict[str, Any] = {"provider": provider}
        if return_url:
            params["redirectURL"] = return_url
        return start_flow(
            self._core, "/v1/auth/oauth/authorize", params, login_options, refresh_token
        )

    def exchange_token(self, code: str) -> dict[str, Any]:
        require(code, "code")
        return self._core.call_jwt("/v1/auth/oauth/exchange", {"code": code})
