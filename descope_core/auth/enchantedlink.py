"""Enchanted link by email, and by phone (SMS) as the official SDK 2.16 added (auth.md §2.3)."""

from __future__ import annotations

import re
from typing import Any

from ..api import M, api
from ..calls import Call, Op, discard
from ..constants import DeliveryMethod
from ..options import LoginOptions, SignUpOptions
from ._base import AuthArea, invalid_argument, require
from ._bodies import sign_in_body, sign_up_body, sign_up_or_in_body, update_body, uri_field

# digits with an optional leading + and the usual separators; at least 6 digits
_PHONE = re.compile(r"^\+?[0-9 ().\-/]{6,}$")


def _require_phone(phone: str, name: str = "phone") -> None:
    require(phone, name)
    if not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6:
        raise invalid_argument(f"{name} is not a valid phone number")


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
        """Email an enchanted link that signs up a new user; returns the link id, pendingRef and masked
        email.

        Args:
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        body = sign_up_body(DeliveryMethod.EMAIL, login_id, user, signup_options, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signup/email", body)

    @api
    def sign_in(
        self,
        login_id: str,
        uri: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Email an enchanted link to sign in; returns `{"linkId", "pendingRef", "maskedEmail"}` (poll
        `get_session` with the pendingRef).

        Args:
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        body = sign_in_body(login_id, login_options, refresh_token, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signin/email", body, refresh_token)

    @api
    def sign_up_or_in(
        self, login_id: str, uri: str, signup_options: SignUpOptions | None = None
    ) -> Op[dict[str, Any]]:
        """Email an enchanted link; signs the user up first when they are new.

        Args:
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(login_id, "login_id")
        body = sign_up_or_in_body(login_id, signup_options, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signup-in/email", body)

    @api
    def get_session(self, pending_ref: str) -> Op[dict[str, Any]]:
        """Poll; an AuthException with status_code 401 means 'not clicked yet'.

        Args:
            pending_ref: the `pendingRef` returned when the link was sent.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(pending_ref, "pending_ref")
        return self._core.call_jwt(
            "/v1/auth/enchantedlink/pending-session", {"pendingRef": pending_ref}
        )

    @api
    def verify(self, token: str) -> Op[None]:
        """Confirm an enchanted link (the token from its URL); the waiting `get_session` then succeeds.

        Args:
            token: the token from the link's URL.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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
        return self._raw("/v1/auth/enchantedlink/update/email", body, refresh_token)

    @api
    def sign_in_with_phone(
        self,
        phone: str,
        uri: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Send an enchanted link by SMS to sign in.

        Args:
            phone: a phone number in E.164 form.
            uri: the link the user is sent, which carries the token back to your app.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            refresh_token: the signed-in user's refresh JWT (DSR).

        Returns:
            `{"linkId", "pendingRef", "maskedPhone"}`: show the link id, poll
            `get_session(pendingRef)`.

        Raises:
            AuthException: a bad argument, step-up/MFA without a refresh token (nothing is
                sent), or Descope refused.
        """
        require(phone, "phone")
        body = sign_in_body(phone, login_options, refresh_token, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signin/sms", body, refresh_token)

    @api
    def sign_up_with_phone(
        self,
        phone: str,
        uri: str,
        user: dict[str, Any] | None = None,
        signup_options: SignUpOptions | None = None,
    ) -> Op[dict[str, Any]]:
        """Send an enchanted link by SMS to sign up a new user with this phone.

        Args:
            phone: a phone number in E.164 form.
            uri: the link the user is sent, which carries the token back to your app.
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: not a phone number (nothing is sent), or Descope refused.
        """
        _require_phone((user or {}).get("phone") or phone)
        body = sign_up_body(DeliveryMethod.SMS, phone, user, signup_options, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signup/sms", body)

    @api
    def sign_up_or_in_with_phone(
        self, phone: str, uri: str, signup_options: SignUpOptions | None = None
    ) -> Op[dict[str, Any]]:
        """Send an enchanted link by SMS; signs the user up first when they are new.

        Args:
            phone: a phone number in E.164 form.
            uri: the link the user is sent, which carries the token back to your app.
            signup_options: custom claims / template options for the sign-up (`SignUpOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        require(phone, "phone")
        body = sign_up_or_in_body(phone, signup_options, uri_field(uri))
        return self._raw("/v1/auth/enchantedlink/signup-in/sms", body)

    @api
    def update_user_phone(
        self,
        login_id: str,
        phone: str,
        refresh_token: str,
        add_to_login_ids: bool = False,
        on_merge_use_existing: bool = False,
        template_options: dict[str, Any] | None = None,
        template_id: str | None = None,
        provider_id: str | None = None,
    ) -> Op[dict[str, Any]]:
        """Change the signed-in user's phone; the change applies when the SMS link is used.

        Args:
            login_id: the user's login id (email, phone or username).
            phone: a phone number in E.164 form.
            refresh_token: the signed-in user's refresh JWT (DSR).
            add_to_login_ids: also make the new address a login id.
            on_merge_use_existing: when the address belongs to another user, merge into that user.
            template_options: values for the message template's placeholders.
            template_id: the message template to send (default: the project's).
            provider_id: the messaging provider to send with (default: the project's).

        Raises:
            AuthException: an empty login id, a malformed phone (nothing is sent), or
                Descope refused.
        """
        require(login_id, "login_id")
        require(refresh_token, "refresh_token")
        _require_phone(phone)
        body = update_body(
            login_id, "phone", phone, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id,
        )
        return self._raw("/v1/auth/enchantedlink/update/phone/sms", body, refresh_token)
