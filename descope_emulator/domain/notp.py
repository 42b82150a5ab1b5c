"""nOTP: sign-in over WhatsApp without a code. The app starts it (with or without the
person's phone number) and shows the answer's ``redirectUrl`` / ``image``; the person sends
the prepared message from their phone, which proves they hold the number; the app polls the
``pendingRef`` until the session is ready.

The emulator plays WhatsApp: ``redirectUrl`` is its page ``/emulator/notp`` where the person
"sends" the message (typing their number when the app did not know it); with a known login
id the same link is also in the outbox. The answer's ``image`` stands for the QR code."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from .. import errors
from . import challenges, delivery

if TYPE_CHECKING:
    from ..state import Emulator

KIND = "notp"
CHANNEL = "whatsapp"
PAGE = "/emulator/notp"


def start(e: Emulator, base_url: str, *, kind: str, login_id: str, opts: dict[str, Any],
          user_fields: dict[str, Any], refresh_token: str | None) -> dict[str, str]:
    """Start a sign-up / sign-in / sign-up-or-in (``kind``): ``{"pendingRef",
    "redirectUrl", "image"}``. With a login id the usual checks apply at once (unknown user
    for a sign-in, existing one for a sign-up, disabled user)."""
    data: dict[str, Any] = {"kind": kind, "opts": opts, "user": user_fields}
    to = ""
    if login_id:
        to, data["flow"] = challenges.start(
            e, kind=kind, channel=CHANNEL, login_id=login_id, opts=opts,
            user_fields=user_fields, address=None, refresh_token=refresh_token)
    elif opts.get("stepup") or opts.get("mfa"):
        raise errors.INVALID_REQUEST("A step-up / MFA nOTP sign-in needs the 'loginId'")
    ref = secrets.token_urlsafe(16)
    token = secrets.token_urlsafe(24)
    expires = e.now() + e.config.link_ttl
    with e.store.tx():
        e.store.pending_sessions.add(ref, login_id, expires, {})
        e.store.challenges.add(KIND, login_id, token, expires, data, pending_ref=ref,
                               supersede=False)
    url = f"{base_url}{PAGE}?{urlencode({'t': token})}"
    if login_id:
        delivery.send(e, login_id, CHANNEL, to, KIND,
                      {"link": url, "token": token, "pendingRef": ref})
    return {"pendingRef": ref, "redirectUrl": url, "image": delivery.text_image(url)}


def waiting(e: Emulator, token: str) -> dict[str, Any] | None:
    """The sign-in waiting for the message (None when unknown or done): its login id and
    the number it expects (empty when any number may answer)."""
    data = challenges.peek_state(e, KIND, token)
    if data is None:
        return None
    row = e.store.challenges.by_secret(KIND, token)
    login_id = str(row["loginId"]) if row else ""
    flow = data.get("flow") or {}
    user = e.store.users.by_id(str(flow.get("userId"))) if flow.get("userId") else None
    phone = (user or {}).get("phone") or (flow.get("user") or {}).get("phone") or ""
    return {"loginId": login_id, "phone": phone}


def send(e: Emulator, token: str, phone: str) -> None:
    """The person sent the message from ``phone``: the pending session becomes ready (the
    user is created for a sign-up). 401 for an unknown or used link; 400 when ``phone`` is
    not the number the sign-in was for."""
    data = challenges.peek_state(e, KIND, token)
    if data is None:
        raise errors.UNKNOWN_LINK("Unknown or already used nOTP link")
    row = e.store.challenges.by_secret(KIND, token)
    assert row is not None
    login_id = str(row["loginId"])
    phone = phone.strip()
    if login_id:
        expected = (waiting(e, token) or {}).get("phone") or ""
        if phone and expected and phone != expected:
            raise errors.INVALID_REQUEST("The message came from another number")
        flow = dict(data["flow"])
    else:
        if not (phone.startswith("+") and phone[1:].isdigit() and 6 <= len(phone) <= 16):
            raise errors.INVALID_REQUEST("'phone' must be a number like +15555550100")
        login_id = phone
        _, flow = challenges.start(
            e, kind=data["kind"], channel=CHANNEL, login_id=phone, opts=data["opts"],
            user_fields=data["user"], address=phone, refresh_token=None)
    challenges.check_link(e, (KIND,), token)
    user, first_seen = challenges.resolve_user(e, login_id, flow)
    e.store.pending_sessions.set(
        row["pendingRef"], "verified",
        {"userId": user["userId"], "firstSeen": first_seen, "flow": flow})
