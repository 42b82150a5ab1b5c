"""Enchanted link, email only (auth.md §2.3)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Call, Op, discard
from ..constants import DeliveryMethod
from ..options import LoginOptions, SignUpOptions
from ._base import AuthArea, require
from ._bodies import sign_in_body, sign_up_body, sign_up_or_in_body, update_body


class EnchantedLink(AuthArea[M]):
    def _raw(
        self, path: str, body: dict[str, Any], secret: str | None = None
    ) -> Call[dict[str, Any]]:
        return self._core.call_dict(path, body, secret=secret)

    @api
    def sign_up(
        self,
        login_id: str,
        uri: str,
        user: dict[str, Any] | None = None,
        signup_options: SignUpOptions | None = None,
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        body = sign_up_body(DeliveryMethod.EMAIL, login_id, user, signup_options, {"URI": uri})
        return self._raw("/v1/auth/enchantedlink/signup/email", body)

    @api
    def sign_in(
        self,
        login_id: str,
        uri: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        body = sign_in_body(login_id, login_options, refresh_token, {"URI": uri})
        return self._raw("/v1/auth/enchantedlink/signin/email", body, refresh_token)

    @api
    def sign_up_or_in(
        self, login_id: str, uri: str, signup_options: SignUpOptions | None = None
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        body = sign_up_or_in_body(login_id, signup_options, {"URI": uri})
        return self._raw("/v1/auth/enchantedlink/signup-in/email", body)

    @api
    def get_session(self, pending_ref: str) -> Op[dict[str, Any]]:
        """Poll; an AuthException with status_code 401 means 'not clicked yet'."""
        require(pending_ref, "pending_ref")
        return self._core.call_jwt(
            "/v1/auth/enchantedlink/pending-session", {"pendingRef": pending_ref}
        )

    @api
    def verify(self, token: str) -> Op[None]:
        require(token, "token")
        return self._core.call("/v1/auth/enchantedlink/verify", {"token": token}).map(discard)

    @api
    def update_user_email(
        self,
        login_id: str,
        email: str,
        refresh_token: str,
        add_to_login_ids: bool = False,
        on_merge_use_existing: bool = False,
        template_options: dict[str, Any] | None = None,
        template_id: str | None = None,
        provider_id: str | None = None,
    ) -> Op[dict[str, Any]]:
        require(login_id, "login_id")
        require(email, "email")
        body = update_body(
            login_id, "email", email, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id,
        )
        return self._raw("/v1/auth/enchantedlink/update/email", body, refresh_token)
