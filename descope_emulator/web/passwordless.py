"""Request parsing shared by the passwordless methods (OTP, magic link, enchanted link):
the delivery method of the path, and the bodies that start a sign-in or an update."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from .. import errors
from ..domain import challenges, delivery, users
from .body import get_bool, get_obj, get_str, login_options, opt_str
from .credentials import emulator_of, refresh_token_of


def channel_of(request: Request, allowed: tuple[str, ...] = delivery.CHANNELS,
               default: str | None = None) -> str:
    """The delivery method of the path (404 for one the emulator does not know)."""
    method = request.path_params.get("method", default)
    if method not in allowed:
        raise errors.NO_SUCH_ENDPOINT(f"Unknown delivery method '{method}'")
    return str(method)


def start(
    request: Request, body: dict[str, Any], kind: str, channel: str
) -> tuple[str, str, dict[str, Any]]:
    """Start a sign-up / sign-in from its body: (login id, recipient, challenge data)."""
    e = emulator_of(request)
    login_id = users.check_login_id(get_str(body, "loginId"))
    to, data = challenges.start(
        e,
        kind=kind,
        channel=channel,
        login_id=login_id,
        opts=login_options(body),
        user_fields=get_obj(body, "user"),
        address=opt_str(body, channel),
        refresh_token=refresh_token_of(request, required=False),
    )
    return login_id, to, data


def start_update(
    request: Request, body: dict[str, Any], channel: str
) -> tuple[str, str, dict[str, Any]]:
    """Start an update of email / phone from its body: (login id, recipient, data)."""
    login_id = users.check_login_id(get_str(body, "loginId"))
    to = get_str(body, delivery.contact_key(channel))
    data = challenges.start_update(
        emulator_of(request),
        channel=channel,
        login_id=login_id,
        address=to,
        refresh_token=refresh_token_of(request),
        add_to_login_ids=get_bool(body, "addToLoginIDs"),
        on_merge_use_existing=get_bool(body, "onMergeUseExisting"),
    )
    return login_id, to, data
