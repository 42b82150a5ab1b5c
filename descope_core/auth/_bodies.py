"""Request bodies shared by OTP, magic link and enchanted link (auth.md §0.5, §2.1-2.3).

The three methods differ only in their paths and in magic/enchanted link's `URI`; the
bodies are built here once so the wire shape cannot drift between them.
"""

from __future__ import annotations

from typing import Any

from ..constants import DeliveryMethod
from ..options import LoginOptions, SignUpOptions
from ._base import contact_fields, invalid_argument, login_options_body, require_refresh_for

_PHONE_METHODS = (DeliveryMethod.SMS, DeliveryMethod.VOICE, DeliveryMethod.WHATSAPP)


def uri_field(uri: Any) -> dict[str, Any]:
    """Magic and enchanted links' redirect, sent as `URI` (a string; may be empty)."""
    if not isinstance(uri, str):
        raise invalid_argument("uri must be a string")
    return {"URI": uri}


def sign_up_body(
    method: DeliveryMethod,
    login_id: str,
    user: dict[str, Any] | None,
    signup_options: SignUpOptions | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    user_field, top_key = contact_fields(method)
    body: dict[str, Any] = {"loginId": login_id}
    if extra:
        body.update(extra)
    if signup_options is not None:
        body["loginOptions"] = signup_options.to_dict()
    if user is not None and not isinstance(user, dict):
        raise invalid_argument("user must be a dict")
    u = dict(user or {})
    if not u.get(user_field):
        u[user_field] = login_id
    body["user"] = u
    body[top_key] = u[user_field]
    return body


def sign_in_body(
    login_id: str,
    login_options: LoginOptions | None,
    refresh_token: str | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Checks that step-up/MFA options come with a refresh token, then builds the body."""
    require_refresh_for(login_options, refresh_token)
    return {"loginId": login_id, **(extra or {}), "loginOptions": login_options_body(login_options)}


def sign_up_or_in_body(
    login_id: str, signup_options: SignUpOptions | None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    options = signup_options.to_sign_up_or_in() if signup_options is not None else {}
    return {"loginId": login_id, **(extra or {}), "loginOptions": options}


def require_phone_method(method: DeliveryMethod) -> None:
    if method not in _PHONE_METHODS:
        raise invalid_argument("update_user_phone needs SMS, VOICE or WHATSAPP")


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
    for key, optional in (
        ("templateOptions", template_options),
        ("templateId", template_id),
        ("providerId", provider_id),
    ):
        if optional is not None:
            body[key] = optional
    if mfa:
        body["mfa"] = True
    return body
