"""OTP (auth.md §2.1)."""

from __future__ import annotations

from typing import Any

from ..constants import DeliveryMethod
from ..options import LoginOptions, SignUpOptions
from ..tokens import Audience
from ._base import (
    AuthArea,
    contact_fields,
    invalid_argument,
    login_options_body,
    masked_field,
    method_suffix,
    require,
    require_refresh_for,
)


def sign_up_body(
    method: DeliveryMethod,
    login_id: str,
    user: dict[str, Any] | None,
    signup_options: SignUpOptions | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Shared by OTP, magic link and enchanted link sign-up (auth.md §0.5)."""
    user_field, top_key = contact_fields(method)
    body: dict[str, Any] = {"loginId": login_id}
    if extra:
        body.update(extra)
    if signup_options is not None:
        body["loginOptions"] = signup_options.to_dict()
    u = dict(user or {})
    if not u.get(user_field):
        u[user_field] = login_id
    body["user"] = u
    body[top_key] = u[user_field]
    return body


def sign_up_or_in_options(signup_options: SignUpOptions | None) -> dict[str, Any]:
    return signup_options.to_sign_up_or_in() if signup_options is not None else {}


def update_body(
    login_id: str,
    field: str,
    value: str,
    add_to_login_ids: bool,
    on_merge_use_existing: bool,
    template_options: dict[str, Any] | None,
    template_id: str | None,
    provider_id: str | None,
    mfa: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "loginId": login_id,
        field: value,
        "addToLoginIDs": add_to_login_ids,
        "onMergeUseExisting": on_merge_use_existing,
    }
    if template_options is not None:
        body["templateOptions"] = template_options
    if template_id is not None:
        body["templateId"] = template_id
    if provider_id is not None:
        body["providerId"] = provider_id
    if mfa:
        body["mfa"] = True
    return body


class OTP(AuthArea):
    def sign_up(
        self,
        method: DeliveryMethod,
        login_id: str,
        user: dict[str, Any] | None = None,
        signup_options: SignUpOptions | None = None,
    ) -> str:
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = sign_up_body(method, login_id, user, signup_options)
        return self._core.call_masked(f"/v1/auth/otp/signup/{suffix}", body, masked_field(method))

    def sign_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        login_options: LoginOptions | None = None,
        refresh_token: str | None = None,
    ) -> str:
        require(login_id, "login_id")
        suffix = method_suffix(method)
        require_refresh_for(login_options, refresh_token)
        body = {"loginId": login_id, "loginOptions": login_options_body(login_options)}
        return self._core.call_masked(
            f"/v1/auth/otp/signin/{suffix}", body, masked_field(method), secret=refresh_token
        )

    def sign_up_or_in(
        self,
        method: DeliveryMethod,
        login_id: str,
        signup_options: SignUpOptions | None = None,
    ) -> str:
        require(login_id, "login_id")
        suffix = method_suffix(method)
        body = {"loginId": login_id, "loginOptions": sign_up_or_in_options(signup_options)}
        return self._core.call_masked(
            f"/v1/auth/otp/signup-in/{suffix}", body, masked_field(method)
        )

    def verify_code(
        self,
        method: DeliveryMethod,
        login_id: str,
        code: str,
        audience: Audience = None,
    ) -> dict[str, Any]:
        require(login_id, "login_id")
        suffix = method_suffix(method)
        return self._core.call_jwt(
            f"/v1/auth/otp/verify/{suffix}", {"loginId": login_id, "code": code}, audience=audience
        )

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
    ) -> str:
        require(login_id, "login_id")
        require(email, "email")
        body = update_body(
            login_id, "email", email, add_to_login_ids, on_merge_use_existing,
            template_options, template_id, provider_id, mfa,
        )
        return self._core.call_masked(
            "/v1/auth/otp/update/email", body, "maskedEmail", secret=refresh_token
        )

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
    ) -> str:
        require(login_id, "login_id")
        require(phone, "phone")
        if method not in (DeliveryMethod.SMS, DeliveryMethod.VOICE, DeliveryMethod.WHATSAPP):
            raise invalid_argument("update_user_phone needs SMS, VOICE or WHATSAPP")
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
