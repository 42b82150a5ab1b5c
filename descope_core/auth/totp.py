"""TOTP (auth.md §2.7)."""

from __future__ import annotations

from typing import Any

from ..exceptions import ERROR_TYPE_SERVER_ERROR, AuthException
from ..options import LoginOptions
from ..tokens import Audience
from ._base import AuthArea, login_options_body, require, require_refresh_for


class TOTP(AuthArea):
    def _raw(self, path: str, body: dict[str, Any], secret: str | None = None) -> dict[str, Any]:
        data = self._core.call_json(path, body, secret=secret)
        if not isinstance(data, dict):
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
        return data

    def sign_up(self, login_id: str, user: dict[str, Any] | None = None) -> dict[str, Any]:
        require(login_id, "login_id")
        body: dict[str, Any] = {"loginId": login_id}
        if user is not None:
            body["user"] = user
        return self._raw("/v1/auth/totp/signup", body)

    def sign_in_code(
        self,
        login_id: str,
        code: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
        audience: Audience = None,
    ) -> dict[str, Any]:
        require(login_id, "login_id")
        require(code, "code")
        require_refresh_for(login_options, refresh_token)
        body = {"loginId": login_id, "code": code, "loginOptions": login_options_body(login_options)}
        return self._core.call_jwt(
            "/v1/auth/totp/verify", body, secret=refresh_token, audience=audience
        )

    def update_user(self, login_id: str, refresh_token: str) -> dict[str, Any]:
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        return self._raw("/v1/auth/totp/update", {"loginId": login_id}, refresh_token)
