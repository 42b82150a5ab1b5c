"""Passwords (auth.md §2.8)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Op, discard
from ..tokens import Audience
from ._base import AuthArea, require


class Password(AuthArea[M]):
    @api
    def sign_up(
        self,
        login_id: str,
        password: str,
        user: dict[str, Any] | None = None,
        audience: Audience = None,
    ) -> Op[dict[str, Any]]:
        """Sign up a new user with a password; returns the session.

        Args:
            login_id: the user's login id (email, phone or username).
            password: the password.
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(password, "password")
        body: dict[str, Any] = {"loginId": login_id, "password": password}
        if user is not None:
            body["user"] = user
        return self._core.call_jwt("/v1/auth/password/signup", body, audience=audience)

    @api
    def sign_in(self, login_id: str, password: str, audience: Audience = None) -> Op[dict[str, Any]]:
        """Sign in with a password; returns the session (verified JWTs).

        Args:
            login_id: the user's login id (email, phone or username).
            password: the password.
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(password, "password")
        return self._core.call_jwt(
            "/v1/auth/password/signin",
            {"loginId": login_id, "password": password},
            audience=audience,
        )

    @api
    def send_reset(
        self,
        login_id: str,
        redirect_url: str | None = None,
        template_options: dict[str, Any] | None = None,
    ) -> Op[dict[str, Any]]:
        """Send a password-reset link.

        Args:
            login_id: the user's login id (email, phone or username).
            redirect_url: where the reset link leads.
            template_options: values for the message template's placeholders.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        body: dict[str, Any] = {"loginId": login_id, "redirectUrl": redirect_url}
        if template_options is not None:
            body["templateOptions"] = template_options
        return self._core.call_dict("/v1/auth/password/reset", body)

    @api
    def update(self, login_id: str, new_password: str, refresh_token: str) -> Op[None]:
        """Set the signed-in user's password.

        Args:
            login_id: the user's login id (email, phone or username).
            new_password: the new password.
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(new_password, "new_password")
        require(refresh_token, "refresh_token")
        return self._core.call(
            "/v1/auth/password/update",
            {"loginId": login_id, "newPassword": new_password},
            secret=refresh_token,
        ).map(discard)

    @api
    def replace(
        self, login_id: str, old_password: str, new_password: str, audience: Audience = None
    ) -> Op[dict[str, Any]]:
        """Change a password given the old one; returns a new session.

        Args:
            login_id: the user's login id (email, phone or username).
            old_password: the current password.
            new_password: the new password.
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(old_password, "old_password")
        require(new_password, "new_password")
        return self._core.call_jwt(
            "/v1/auth/password/replace",
            {"loginId": login_id, "oldPassword": old_password, "newPassword": new_password},
            audience=audience,
        )

    @api
    def get_policy(self) -> Op[dict[str, Any]]:
        """The project's password policy (length and character rules).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._core.call_dict("/v1/auth/password/policy", method="GET")
