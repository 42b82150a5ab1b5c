"""OTP (auth.md §2.1)."""

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
)


class OTP(AuthArea[M]):
    @api
    def sign_up(
        self,
        method: DeliveryMethod,
        login_id: str,
        user: dict[str, Any] | None = None,
        signup_options: SignUpOptions | None = None,
    ) -> Op[str]:
        """Send a one-time code that signs up a new user; returns the masked address.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_up_body(method, login_id, user, signup_options)
        return self._core.call_masked(f"/v1/auth/otp/signup/{suffix}", body, masked_field(method))

    @api
    def sign_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[str]:
        """Send a one-time code to sign in; returns the masked address it went to.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_in_body(login_id, login_options, refresh_token)
        return self._core.call_masked(
            f"/v1/auth/otp/signin/{suffix}", body, masked_field(method), secret=refresh_token
        )

    @api
    def sign_up_or_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        signup_options: SignUpOptions | None = None,
    ) -> Op[str]:
        """Send a one-time code; signs the user up first when they are new.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_up_or_in_body(login_id, signup_options)
        return self._core.call_masked(
            f"/v1/auth/otp/signup-in/{suffix}", body, masked_field(method)
        )

    @api
    def verify_code(
        self,
        method: DeliveryMethod,
        login_id: str,
        code: str,
        audience: Audience = None,
    ) -> Op[dict[str, Any]]:
        """Verify a one-time code; returns the session (verified JWTs).

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            code: the one-time code.
            audience: the audience the tokens must carry, if any.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(code, "code")
        suffix = method_suffix(method)
        return self._core.call_jwt(
            f"/v1/auth/otp/verify/{suffix}", {"loginId": login_id, "code": code}, audience=audience
        )

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
        mfa: bool = False,
    ) -> Op[str]:
        """Change the signed-in user's email; the change applies when the code is verified.

        Args:
            login_id: the user's login id (email, phone or username).
            email: an email address.
            refresh_token: the signed-in user's refresh JWT (DSR).
            add_to_login_ids: also make the new address a login id.
            on_merge_use_existing: when the address belongs to another user, merge into that user.
            template_options: values for the message template's placeholders.
            template_id: the message template to send (default: the project's).
            provider_id: the messaging provider to send with (default: the project's).
            mfa: the ceremony is a second factor of a signed-in user.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        require(email, "email")
        body = update_body(
            login_id, "email", email, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id, mfa,
        )
        return self._core.call_masked(
            "/v1/auth/otp/update/email", body, "maskedEmail", secret=refresh_token
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
        mfa: bool = False,
    ) -> Op[str]:
        """Change the signed-in user's phone; the change applies when the code is verified.

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
            mfa: the ceremony is a second factor of a signed-in user.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        require(phone, "phone")
        require_phone_method(method)
        body = update_body(
            login_id, "phone", phone, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id, mfa,
        )
        return self._core.call_masked(
            f"/v1/auth/otp/update/phone/{method_suffix(method)}",
            body,
            "maskedPhone",
            secret=refresh_token,
        )
