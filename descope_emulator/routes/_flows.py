"""Shared pieces of the code- and link-based flows (OTP, magic link, enchanted link,
password reset, test-user generation): creating challenges, delivering them to the
outbox, checking them and turning a verified challenge into a user and tokens."""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from .. import errors
from ..service import Emulator, mask_email, mask_phone
from ._common import (
    check_stepup,
    emu,
    get_bool,
    get_obj,
    get_str,
    login_options,
    opt_str,
    refresh_token_of,
)

PHONE_CHANNELS = ("sms", "voice", "whatsapp")


def contact_key(channel: str) -> str:
    return "email" if channel == "email" else "phone"


def masked(channel: str, to: str) -> dict[str, str]:
    if channel == "email":
        return {"maskedEmail": mask_email(to)}
    return {"maskedPhone": mask_phone(to)}


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def with_query(uri: str, **params: str) -> str:
    sep = "&" if "?" in uri else "?"
    return uri + sep + urlencode(params)


def link_target(request: Request, uri: str) -> str:
    return uri or base_url(request) + "/emulator/link"


# -- starting a flow -----------------------------------------------------------------------
def prepare(
    request: Request, body: dict[str, Any], channel: str, kind: str
) -> tuple[Emulator, str, str, dict[str, Any]]:
    """For ``<kind>`` = signup | signin | signup-in: validate the body and return
    (emulator, loginId, recipient, challenge data)."""
    e = emu(request)
    login_id = get_str(body, "loginId")
    opts = login_options(body)
    data: dict[str, Any] = {"channel": channel, "opts": opts}
    key = contact_key(channel)
    user = e.store.user_by_login_id(login_id)
    if kind == "signup" or (kind == "signup-in" and user is None):
        if user is not None:
            raise errors.conflict(f"User '{login_id}' already exists")
        fields = get_obj(body, "user")
        to = opt_str(body, channel) or fields.get(key) or login_id
        if not isinstance(to, str) or not to:
            raise errors.bad_request(f"'{key}' is required")
        data.update(purpose="signup", user={**fields, key: to})
    else:
        if user is None:
            raise errors.user_not_found(login_id)
        if user.get("status") == "disabled":
            raise errors.forbidden("User is disabled", "E062109")
        to = user.get(key) or ""
        if not to:
            raise errors.bad_request(f"User has no {key} to send to", "E062110")
        data.update(purpose="signin", userId=user["userId"])
        stepup = check_stepup(request, opts)
        if stepup is not None:
            data["stepupAmr"] = stepup.get("amr") or []
    return e, login_id, to, data


def prepare_update(
    request: Request, body: dict[str, Any], channel: str
) -> tuple[Emulator, str, str, dict[str, Any]]:
    """Update email/phone (P:R): the new address gets the code or link."""
    e = emu(request)
    login_id = get_str(body, "loginId")
    key = contact_key(channel)
    to = get_str(body, key)
    _, context, user = e.check_refresh(refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.bad_request("loginId does not belong to the signed-in user", "E062111")
    data = {
        "channel": channel,
        "purpose": "update",
        "userId": user["userId"],
        "field": key,
        "value": to,
        "addToLoginIDs": get_bool(body, "addToLoginIDs"),
        "onMergeUseExisting": get_bool(body, "onMergeUseExisting"),
        "opts": {"customClaims": context.get("customClaims") or {}},
        "stepupAmr": context.get("amr") or [],
    }
    return e, login_id, to, data


# -- challenges ----------------------------------------------------------------------------
def new_otp(e: Emulator, login_id: str, to: str, data: dict[str, Any], *, deliver: bool = True) -> str:
    code = f"{secrets.randbelow(1_000_000):06d}"
    e.store.add_challenge("otp", login_id, code, e.now() + e.config.code_ttl, data)
    if deliver:
        e.send(login_id, data["channel"], to, "otp", {"code": code})
    return code


def new_magic_link(
    request: Request,
    e: Emulator,
    login_id: str,
    to: str,
    uri: str,
    data: dict[str, Any],
    *,
    deliver: bool = True,
    kind: str = "magiclink",
) -> dict[str, str]:
    """Returns {token, link, pendingRef}; the pending session can be polled until the
    link is verified."""
    token = secrets.token_urlsafe(32)
    ref = secrets.token_urlsafe(16)
    data = {**data, "pendingRef": ref}
    e.store.add_pending(ref, login_id, e.now() + e.config.link_ttl, {})
    e.store.add_challenge("magiclink", login_id, token, e.now() + e.config.link_ttl, data,
                          pending_ref=ref, supersede=False)
    link = with_query(link_target(request, uri), t=token)
    if deliver:
        e.send(login_id, data.get("channel", "email"), to, kind, {"link": link, "token": token})
    return {"token": token, "link": link, "pendingRef": ref}


def new_enchanted_link(
    request: Request,
    e: Emulator,
    login_id: str,
    to: str,
    uri: str,
    data: dict[str, Any],
    *,
    deliver: bool = True,
) -> dict[str, Any]:
    """Three numbered links; only the one whose ``linkId`` the app shows is right.
    Returns {linkId, pendingRef, link, token}."""
    ref = secrets.token_urlsafe(16)
    e.store.add_pending(ref, login_id, e.now() + e.config.link_ttl, {})
    ids = secrets.SystemRandom().sample(range(10, 100), 3)
    right = ids[secrets.randbelow(3)]
    links = []
    result: dict[str, Any] = {"pendingRef": ref, "linkId": str(right)}
    for link_id in ids:
        token = secrets.token_urlsafe(32)
        e.store.add_challenge(
            "enchanted", login_id, token, e.now() + e.config.link_ttl,
            {**data, "pendingRef": ref, "right": link_id == right, "linkId": str(link_id)},
            pending_ref=ref, supersede=False,
        )
        link = with_query(link_target(request, uri), t=token)
        links.append({"linkId": str(link_id), "link": link, "token": token})
        if link_id == right:
            result.update(link=link, token=token)
    if deliver:
        e.send(login_id, "email", to, "enchantedlink",
               {"link": result["link"], "token": result["token"], "linkId": str(right),
                "pendingRef": ref, "links": links})
    return result


def check_code(e: Emulator, login_id: str, code: str, channel: str | None) -> dict[str, Any]:
    """Verify an OTP: 401 when missing/expired/wrong; repeated wrong codes lock it."""
    row = e.store.latest_challenge("otp", login_id)
    if row is None:
        raise errors.unauthorized("No pending code for this login id", "E061101")
    if row["state"] == "locked":
        raise errors.unauthorized("Too many wrong attempts; request a new code", "E061104")
    if row["expires"] <= e.now():
        e.store.set_challenge(row["id"], state="expired")
        raise errors.unauthorized("Code expired", "E061103")
    data: dict[str, Any] = dict(json.loads(row["data"]))
    if not hmac.compare_digest(row["secret"].encode(), code.encode()) or (
        channel is not None and data.get("channel") not in (channel, "embedded")
    ):
        attempts = row["attempts"] + 1
        locked = attempts >= e.config.max_code_attempts
        e.store.set_challenge(row["id"], attempts=attempts, state="locked" if locked else None)
        raise errors.unauthorized("Wrong code", "E061102")
    e.store.set_challenge(row["id"], state="used")
    return data


def check_link(e: Emulator, kinds: tuple[str, ...], token: str) -> tuple[dict[str, Any], Any]:
    """Verify a link token (single use). Returns (data, row)."""
    for kind in kinds:
        row = e.store.challenge_by_secret(kind, token)
        if row is not None:
            break
    else:
        raise errors.unauthorized("Unknown or already used link", "E061105")
    if row["state"] != "active":
        raise errors.unauthorized("Link was already used", "E061106")
    if row["expires"] <= e.now():
        e.store.set_challenge(row["id"], state="expired")
        raise errors.unauthorized("Link expired", "E061107")
    e.store.set_challenge(row["id"], state="used")
    return dict(json.loads(row["data"])), row


# -- completing a flow ---------------------------------------------------------------------
def resolve_user(e: Emulator, login_id: str, data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Apply a verified challenge: create the user (sign-up), or load it (sign-in), or
    apply the update. Marks the delivery address verified. Returns (user, first_seen)."""
    channel = data.get("channel", "email")
    key = contact_key(channel)
    verified_flag = "verifiedEmail" if key == "email" else "verifiedPhone"
    purpose = data.get("purpose")
    with e.store.tx():
        first_seen = False
        if purpose == "signup":
            user = e.store.user_by_login_id(login_id)
            if user is None:
                user = e.new_user(login_id, data.get("user") or {})
                first_seen = True
        else:
            user = e.store.user_by_id(str(data.get("userId"))) or e.store.user_by_login_id(login_id)
            if user is None:
                raise errors.user_not_found(login_id)
        if purpose == "update":
            value = str(data["value"])
            user[str(data["field"])] = value
            if data.get("addToLoginIDs") and value not in user["loginIds"]:
                if e.store.login_id_taken(value, user["userId"]):
                    if not data.get("onMergeUseExisting"):
                        raise errors.conflict(f"Login id '{value}' is used by another user")
                else:
                    user["loginIds"].append(value)
        user[verified_flag] = True
        e.store.save_user(user)
    return user, first_seen


def issue_for(e: Emulator, user: dict[str, Any], data: dict[str, Any], first_seen: bool,
              method_amr: str) -> dict[str, Any]:
    opts = data.get("opts") or {}
    amr = list(data.get("stepupAmr") or [])
    if method_amr not in amr:
        amr.append(method_amr)
    return e.issue(
        user,
        amr=amr,
        custom_claims=opts.get("customClaims") or {},
        first_seen=first_seen,
        revoke_others=bool(opts.get("revokeOtherSessions")),
    )


def consume_pending(e: Emulator, ref: str, amr: str) -> dict[str, Any]:
    """Poll a pending session: 401 while pending, the JWT response once verified (once)."""
    row = e.store.pending(ref)
    if row is None:
        raise errors.unauthorized("Unknown pending reference", "E061108")
    if row["state"] == "pending":
        if row["expires"] <= e.now():
            raise errors.unauthorized("Pending session expired", "E061107")
        raise errors.unauthorized("Session is still pending", "E061109")
    if row["state"] != "verified":
        raise errors.unauthorized("Pending session was already used", "E061106")
    data = json.loads(row["data"])
    user = e.store.user_by_id(data["userId"])
    if user is None:
        raise errors.unauthorized("User no longer exists", "E061203")
    e.store.set_pending(ref, "used")
    return issue_for(e, user, data.get("flow") or {}, bool(data.get("firstSeen")), amr)
