"""Magic link (auth.md §2.2)."""

from __future__ import annotations

from typing import Any

from ..api import M, api
from ..calls import Op
from ..constants import DeliveryMethod
from ..options import LoginOptions, SignUpOptions
from ..tokens import Audience
from ._base import AuthArea, masked_field, method_suffix, require
from ._bodies import (
    require_phone_method,
    sign_in_body,
    sign_up_body,
    sign_up_or_in_body,
    update_body,
    uri_field,
)


class MagicLink(AuthArea[M]):
    @api
    def sign_up(
        self,
        method: DeliveryMethod,
        login_id: str,
        uri: str,
        user: dict[str, Any] | None = None,
        signup_options: SignUpOptions | None = None,
    ) -> Op[str]:
        """Send a magic link that signs up a new user; returns the masked address.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_up_body(method, login_id, user, signup_options, uri_field(uri))
        return self._core.call_masked(
            f"/v1/auth/magiclink/signup/{suffix}", body, masked_field(method)
        )

    @api
    def sign_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        uri: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[str]:
        """Send a magic link to sign in; returns the masked address it went to.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_in_body(login_id, login_options, refresh_token, uri_field(uri))
        return self._core.call_masked(
            f"/v1/auth/magiclink/signin/{suffix}", body, masked_field(method), secret=refresh_token
        )

    @api
    def sign_up_or_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        uri: str,
        signup_options: SignUpOptions | None = None,
    ) -> Op[str]:
        """Send a magic link; signs the user up first when they are new.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_up_or_in_body(login_id, signup_options, uri_field(uri))
        return self._core.call_masked(
            f"/v1/auth/magiclink/signup-in/{suffix}", body, masked_field(method)
        )

    @api
    def verify(self, token: str, audience: Audience = None) -> Op[dict[str, Any]]:
        """Exchange the token from a magic link for a session (verified JWTs).

        Args:
            token: the token from the link's URL.
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(token, "token")
        return self._core.call_jwt("/v1/auth/magiclink/verify", {"token": token}, audience=audience)

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
    ) -> Op[str]:
        """Change the signed-in user's email; the change applies when the emailed link is clicked.

        Args:
            login_id: the user's login id (email, phone or username).
            email: an email address.
            refresh_token: the signed-in user's refresh JWT (DSR).
            add_to_login_ids: also make the new address a login id.
            on_merge_use_existing: when the address belongs to another user, merge into that user.
            template_options: values for the message template's placeholders.
            template_id: the message template to send (default: the project's).
            provider_id: the messaging provider to send with (default: the project's).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        require(email, "email")
        body = update_body(
            login_id, "email", email, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id,
        )
        return self._core.call_masked(
            "/v1/auth/magiclink/update/email", body, "maskedEmail", secret=refresh_token
        )

    @api
    def update_user_phone(
        self,
        method: DeliveryMethod,
        login_id: str,
        phone: str,
        refresh_token: str,
        add_to_login_ids: bool = False,
        on_merge_use_existing: bool = False,
        template_options: dict[str, Any] | None = None,
        template_id: str | None = None,
        provider_id: str | None = None,
    ) -> Op[str]:
        """Change the signed-in user's phone; the change applies when the texted link is clicked.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            phone: a phone number in E.164 form.
            refresh_token: the signed-in user's refresh JWT (DSR).
            add_to_login_ids: also make the new address a login id.
            on_merge_use_existing: when the address belongs to another user, merge into that user.
            template_options: values for the message template's placeholders.
            template_id: the message template to send (default: the project's).
            provider_id: the messaging provider to send with (default: the project's).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        require(phone, "phone")
        require_phone_method(method)
        body = update_body(
            login_id, "phone", phone, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id,
        )
        # auth.md §3.1: the wire path carries no delivery suffix
        return self._core.call_masked(
            "/v1/auth/magiclink/update/phone", body, "maskedPhone", secret=refresh_token
        )
