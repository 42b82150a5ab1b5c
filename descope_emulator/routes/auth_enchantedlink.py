"""Enchanted link by email or SMS: sign-up, sign-in, sign-up-or-in, verify, pending
session and update email / phone. The message carries three numbered links; only the one
whose ``linkId`` the app shows signs the user in, and polling answers 401 until it is
verified."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import challenges, delivery, users
from ..web.body import get_str, read_json
from ..web.credentials import base_url, emulator_of
from ..web.passwordless import channel_of, start, start_update
from ..web.responses import ok

#: the delivery methods of enchanted links (the SDKs send ``email`` and ``sms``)
CHANNELS = ("email", "sms")


async def _send_links(request: Request, kind: str) -> Response:
    channel = channel_of(request, CHANNELS)
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, to, data = start(request, body, kind, channel)
    if channel == "sms" and not users.is_phone(to):
        raise errors.INVALID_REQUEST("An SMS enchanted link needs a phone number")
    sent = challenges.new_enchanted_link(
        emulator_of(request), base_url(request), login_id, to, uri, data
    )
    return ok({"linkId": sent["linkId"], "pendingRef": sent["pendingRef"],
               **delivery.masked(channel, to)})


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/signup/{method}"""
    return await _send_links(request, "signup")


async def sign_in(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/signin/{method}"""
    return await _send_links(request, "signin")


async def sign_up_or_in(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/signup-in/{method}"""
    return await _send_links(request, "signup-in")


async def verify(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/verify"""
    body = await read_json(request)
    challenges.verify_enchanted_link(emulator_of(request), get_str(body, "token"))
    return ok({})


async def pending_session(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/pending-session: 401 until the right link was opened."""
    body = await read_json(request)
    ref = get_str(body, "pendingRef")
    return ok(challenges.consume_pending(emulator_of(request), ref, "enchantedlink"))


async def _update(request: Request, channel: str) -> Response:
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, to, data = start_update(request, body, channel)
    sent = challenges.new_enchanted_link(
        emulator_of(request), base_url(request), login_id, to, uri, data
    )
    return ok({"linkId": sent["linkId"], "pendingRef": sent["pendingRef"],
               **delivery.masked(channel, to)})


async def update_email(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/update/email"""
    return await _update(request, "email")


async def update_phone(request: Request) -> Response:
    """POST /v1/auth/enchantedlink/update/phone[/sms]"""
    return await _update(request, channel_of(request, ("sms",), "sms"))
