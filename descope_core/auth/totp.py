"""TOTP (auth.md §2.7)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Call, Op
from ..options import LoginOptions
from ..tokens import Audience
from ._base import AuthArea, login_options_body, require, require_refresh_for


class TOTP(AuthArea[M]):
    def _raw(
        self, path: str, body: dict[str, Any], secret: str | None = None
    ) -> Call[dict[str, Any]]:
        return self._core.call_dict(path, body, secret=secret)

    @api
    def sign_up(self, login_id: str, user: dict[str, Any] | None = None) -> Op[dict[str, Any]]:
        """Sign up a new user with an authenticator app; returns the provisioning URL, QR image and
        key.

        Args:
            login_id: the user's login id (email, phone or username).
            user: profile fields for a new user (`name`, `email`, `phone`, ...).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        body: dict[str, Any] = {"loginId": login_id}
        if user is not None:
            body["user"] = user
        return self._raw("/v1/auth/totp/signup", body)

    @api
    def sign_in_code(
        self,
        login_id: str,
        code: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
        audience: Audience = None,
    ) -> Op[dict[str, Any]]:
        """Sign in with an authenticator-app code; returns the session (verified JWTs).

        Args:
            login_id: the user's login id (email, phone or username).
            code: the one-time code.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(code, "code")
        require_refresh_for(login_options, refresh_token)
        body = {"loginId": login_id, "code": code, "loginOptions": login_options_body(login_options)}
        return self._core.call_jwt(
            "/v1/auth/totp/verify", body, secret=refresh_token, audience=audience
        )

    @api
    def update_user(self, login_id: str, refresh_token: str) -> Op[dict[str, Any]]:
        """Add an authenticator app to the signed-in user; returns the provisioning data.

        Args:
            login_id: the user's login id (email, phone or username).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        return self._raw("/v1/auth/totp/update", {"loginId": login_id}, refresh_token)
