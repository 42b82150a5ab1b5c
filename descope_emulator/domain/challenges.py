"""Code- and link-based sign-in (OTP, magic link, enchanted link, password reset, test
users, embedded links): starting a flow, creating and delivering the one-time secret,
checking it, and turning a verified secret into a user and tokens."""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlencode

from .. import errors
from ..state import Emulator
from . import delivery, project_settings, sessions
from .users import is_registered, new_user, require_enabled, sign_up_fields


def with_query(uri: str, **params: str) -> str:
    """``uri`` with query parameters added."""
    sep = "&" if "?" in uri else "?"
    return uri + sep + urlencode(params)


def link_target(base_url: str, uri: str) -> str:
    """Where a link points: the app's URI, else the emulator's landing page."""
    return uri or base_url + "/emulator/link"


def stepup_amr(e: Emulator, opts: dict[str, Any], refresh_token: str | None) -> list[str] | None:
    """For step-up / MFA logins a valid refresh token is required: the amr it carries
    (None for an ordinary login)."""
    if not (opts.get("stepup") or opts.get("mfa")):
        return None
    if not refresh_token:
        raise errors.INVALID_REQUEST("Step-up / MFA requires a refresh token")
    _, context, _ = sessions.check_refresh(e, refresh_token)
    return list(context.get("amr") or [])


def start(
    e: Emulator,
    *,
    kind: str,
    channel: str,
    login_id: str,
    opts: dict[str, Any],
    user_fields: dict[str, Any],
    address: str | None,
    refresh_token: str | None,
) -> tuple[str, dict[str, Any]]:
    """Start a sign-up / sign-in / sign-up-or-in (``kind``) over a channel; returns
    (recipient, challenge data)."""
    data: dict[str, Any] = {"channel": channel, "opts": opts}
    key = delivery.contact_key(channel)
    user = e.store.users.by_login_id(login_id)
    if kind == "signup" or (kind == "signup-in" and user is None):
        # Descope refuses a sign-up only for a registered user; one that was created (by
        # the management API, a test user) and never authenticated signs up, proving the
        # address with the code or link like anyone else
        if user is not None:
            if is_registered(e, require_enabled(user)):
                raise errors.USER_EXISTS(f"User '{login_id}' already exists")
            user_fields = {**user_fields, key: user_fields.get(key) or user.get(key)}
        to = address or user_fields.get(key) or login_id
        if not isinstance(to, str) or not to:
            raise errors.INVALID_REQUEST(f"'{key}' is required")
        data.update(purpose="signup", user={**user_fields, key: to})
        return to, data
    if user is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}")
    require_enabled(user)
    to = user.get(key) or ""
    if not to:
        raise errors.NO_ADDRESS(f"User has no {key} to send to")
    data.update(purpose="signin", userId=user["userId"])
    amr = stepup_amr(e, opts, refresh_token)
    if amr is not None:
        data["stepupAmr"] = amr
    return to, data


def start_update(
    e: Emulator,
    *,
    channel: str,
    login_id: str,
    address: str,
    refresh_token: str | None,
    add_to_login_ids: bool,
    on_merge_use_existing: bool,
) -> dict[str, Any]:
    """Update email / phone of the signed-in user: the new address gets the code or link.
    Returns the challenge data."""
    _, context, user = sessions.check_refresh(e, refresh_token)
    if login_id not in user.get("loginIds", []):
        raise errors.LOGIN_ID_NOT_OWN("loginId does not belong to the signed-in user")
    return {
        "channel": channel,
        "purpose": "update",
        "userId": user["userId"],
        "field": delivery.contact_key(channel),
        "value": address,
        "addToLoginIDs": add_to_login_ids,
        "onMergeUseExisting": on_merge_use_existing,
        "opts": {"customClaims": context.get("customClaims") or {}},
        "stepupAmr": context.get("amr") or [],
    }


def signin_data(user: dict[str, Any], channel: str, opts: dict[str, Any]) -> dict[str, Any]:
    """Challenge data of a sign-in the management API generates for a test user (its login
    options' custom claims come from the management API: top-level claims)."""
    return {"channel": channel, "purpose": "signin", "userId": user["userId"], "opts": opts,
            "trustedClaims": True}


# -- creating secrets ------------------------------------------------------------------------
# codes the management API generates for test users: kept apart from the codes sign-ins send,
# so that the app starting a sign-in after the test generated a code does not void it
TEST_USER_OTP = "otp_test"


def new_otp(e: Emulator, login_id: str, to: str, data: dict[str, Any], *, deliver: bool = True,
            for_test_user: bool = False) -> str:
    """A 6-digit code; returns it. A sign-in's code voids the earlier sign-in codes of the
    login id; a test user's generated code (``for_test_user``) stays valid until used."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    if for_test_user:
        e.store.challenges.add(TEST_USER_OTP, login_id, code, e.now() + e.config.code_ttl, data,
                               supersede=False)
        return code
    e.store.challenges.add("otp", login_id, code, e.now() + e.config.code_ttl, data)
    if deliver:
        delivery.send(e, login_id, data["channel"], to, "otp", {"code": code})
    return code


def _check_uri(e: Emulator, base_url: str | None, uri: str) -> None:
    """The project's approved domains apply to the app's URIs (not the emulator's pages;
    ``base_url`` None: the link goes to the app, a flow's page)."""
    if uri and (base_url is None or not uri.startswith(base_url)):
        project_settings.check_redirect(e, uri)


def new_magic_link(
    e: Emulator,
    base_url: str | None,
    login_id: str,
    to: str,
    uri: str,
    data: dict[str, Any],
    *,
    deliver: bool = True,
    kind: str = "magiclink",
    ttl: float | None = None,
) -> dict[str, str]:
    """A single-use link; returns {token, link, pendingRef}. The pending session can be
    polled until the link is verified. A ``uri`` outside the approved domains is refused."""
    _check_uri(e, base_url, uri)
    token = secrets.token_urlsafe(32)
    ref = secrets.token_urlsafe(16)
    data = {**data, "pendingRef": ref}
    expires = e.now() + (e.config.link_ttl if ttl is None else ttl)
    e.store.pending_sessions.add(ref, login_id, e.now() + e.config.link_ttl, {})
    e.store.challenges.add("magiclink", login_id, token, expires, data,
                           pending_ref=ref, supersede=False)
    link = with_query(link_target(base_url or "", uri), t=token)
    if deliver:
        delivery.send(e, login_id, data.get("channel", "email"), to, kind,
                      {"link": link, "token": token})
    return {"token": token, "link": link, "pendingRef": ref}


def new_enchanted_link(
    e: Emulator,
    base_url: str,
    login_id: str,
    to: str,
    uri: str,
    data: dict[str, Any],
    *,
    deliver: bool = True,
) -> dict[str, Any]:
    """Three numbered links (sent by email or SMS, the channel of ``data``); only the one
    whose ``linkId`` the app shows is right.
    Returns {linkId, pendingRef, link, token}. A ``uri`` outside the approved domains is
    refused."""
    _check_uri(e, base_url, uri)
    ref = secrets.token_urlsafe(16)
    e.store.pending_sessions.add(ref, login_id, e.now() + e.config.link_ttl, {})
    ids = secrets.SystemRandom().sample(range(10, 100), 3)
    right = ids[secrets.randbelow(3)]
    links = []
    result: dict[str, Any] = {"pendingRef": ref, "linkId": str(right)}
    for link_id in ids:
        token = secrets.token_urlsafe(32)
        e.store.challenges.add(
            "enchanted", login_id, token, e.now() + e.config.link_ttl,
            {**data, "pendingRef": ref, "right": link_id == right, "linkId": str(link_id)},
            pending_ref=ref, supersede=False,
        )
        link = with_query(link_target(base_url, uri), t=token)
        links.append({"linkId": str(link_id), "link": link, "token": token})
        if link_id == right:
            result.update(link=link, token=token)
    if deliver:
        delivery.send(e, login_id, str(data.get("channel") or "email"), to, "enchantedlink",
                      {"link": result["link"], "token": result["token"], "linkId": str(right),
                       "pendingRef": ref, "links": links})
    return result


def new_state(e: Emulator, kind: str, login_id: str, data: dict[str, Any]) -> str:
    """A random single-use state / code of ``kind`` (OAuth and SSO), valid for the link
    lifetime."""
    secret = secrets.token_urlsafe(24)
    e.store.challenges.add(kind, login_id, secret, e.now() + e.config.link_ttl, data,
                           supersede=False)
    return secret


# -- checking secrets ------------------------------------------------------------------------
def check_code(e: Emulator, login_id: str, code: str, channel: str | None) -> dict[str, Any]:
    """Verify an OTP: 401 when missing/expired/wrong; repeated wrong codes lock it.
    Returns the challenge data. A code generated for a test user is accepted too."""
    generated = e.store.challenges.active_for(TEST_USER_OTP, login_id, code)
    if generated is not None and generated["expires"] > e.now():
        e.store.challenges.set(generated["id"], state="used")
        return dict(generated["data"])
    row = e.store.challenges.latest("otp", login_id)
    if row is None:
        raise errors.NO_PENDING_CODE("No pending code for this login id")
    if row["state"] == "locked":
        raise errors.TOO_MANY_ATTEMPTS("Too many wrong attempts; request a new code")
    if row["expires"] <= e.now():
        e.store.challenges.set(row["id"], state="expired")
        raise errors.CODE_EXPIRED("Code expired")
    data: dict[str, Any] = row["data"]
    if not hmac.compare_digest(row["secret"].encode(), code.encode()) or (
        channel is not None and data.get("channel") not in (channel, "embedded")
    ):
        attempts = row["attempts"] + 1
        locked = attempts >= e.config.max_code_attempts
        e.store.challenges.set(row["id"], attempts=attempts, state="locked" if locked else None)
        raise errors.WRONG_CODE("Wrong code")
    e.store.challenges.set(row["id"], state="used")
    return data


def check_link(e: Emulator, kinds: tuple[str, ...], token: str) -> dict[str, Any]:
    """Verify a link token / state / code (single use). Returns the challenge."""
    for kind in kinds:
        row = e.store.challenges.by_secret(kind, token)
        if row is not None:
            break
    else:
        raise errors.UNKNOWN_LINK("Unknown or already used link")
    if row["state"] != "active":
        raise errors.LINK_USED("Link was already used")
    if row["expires"] <= e.now():
        e.store.challenges.set(row["id"], state="expired")
        raise errors.LINK_EXPIRED("Link expired")
    e.store.challenges.set(row["id"], state="used")
    return row


def peek_state(e: Emulator, kind: str, secret: str) -> dict[str, Any] | None:
    """The data of an active state without using it up (None when unknown or used)."""
    row = e.store.challenges.by_secret(kind, secret)
    if row is None or row["state"] != "active":
        return None
    data: dict[str, Any] = row["data"]
    return data


# -- completing a flow -----------------------------------------------------------------------
def resolve_user(e: Emulator, login_id: str, data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Apply a verified challenge: create the user (sign-up), or load it (sign-in), or
    apply the update. Marks the delivery address verified. Returns (user, first_seen)."""
    channel = data.get("channel", "email")
    key = delivery.contact_key(channel)
    verified_flag = "verifiedEmail" if key == "email" else "verifiedPhone"
    purpose = data.get("purpose")
    with e.store.tx():
        first_seen = False
        if purpose == "signup":
            user = e.store.users.by_login_id(login_id)
            if user is None:
                user = new_user(e, login_id, sign_up_fields(data.get("user")))
                user.update(data.get("verifiedFlags") or {})  # a sign-up embedded link's
                first_seen = True
            else:  # created, never signed in: the sign-up fills what its profile lacks
                if is_registered(e, user):
                    raise errors.USER_EXISTS(f"User '{login_id}' already exists")
                for field, value in sign_up_fields(data.get("user")).items():
                    if value and not user.get(field):
                        user[field] = value
        else:
            user = e.store.users.by_id(str(data.get("userId"))) or e.store.users.by_login_id(
                login_id
            )
            if user is None:
                raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}")
        if purpose == "update":
            value = str(data["value"])
            user[str(data["field"])] = value
            if data.get("addToLoginIDs") and value not in user["loginIds"]:
                if e.store.users.login_id_taken(value, user["userId"]):
                    if not data.get("onMergeUseExisting"):
                        raise errors.USER_EXISTS(f"Login id '{value}' is used by another user")
                else:
                    user["loginIds"].append(value)
        if channel != "embedded":  # an embedded link was delivered to no address
            user[verified_flag] = True
        e.store.users.save(user)
    return user, first_seen


def verify_code(e: Emulator, login_id: str, code: str, channel: str | None,
                dct: str = "") -> dict[str, Any]:
    """Sign in with an OTP (``otp.verify`` and the flows' code screens alike): the code is
    checked (401 wrong / expired, locked after repeated wrong codes), the user signed up or
    in, and the JWT answer returned (``dct``: the tenant a flow runs for)."""
    data = check_code(e, login_id, code, channel)
    user, first_seen = resolve_user(e, login_id, data)
    if dct:
        data = {**data, "dct": dct}
    return sessions.issue_after_flow(e, user, data, first_seen, "otp")


def verify_magic_link(e: Emulator, token: str, flow_execution: str | None = None
                      ) -> dict[str, Any]:
    """Verify a magic-link token (also password-reset and embedded-link tokens): the JWT
    answer; a pending session of the link becomes ready. ``flow_execution``: the flow
    execution the link must have been sent by (a link of another one is refused, and stays
    usable for its own)."""
    if flow_execution is not None:
        found = e.store.challenges.by_secret("magiclink", token)
        if found is not None and found["data"].get("flowExecution") != flow_execution:
            raise errors.UNKNOWN_LINK("This link belongs to another sign-in")
    row = check_link(e, ("magiclink",), token)
    data = row["data"]
    user, first_seen = resolve_user(e, row["loginId"], data)
    if row["pendingRef"]:
        e.store.pending_sessions.set(
            row["pendingRef"], "verified",
            {"userId": user["userId"], "firstSeen": first_seen, "flow": data},
        )
    return sessions.issue_after_flow(e, user, data, first_seen, "magiclink")


def verify_enchanted_link(e: Emulator, token: str) -> None:
    """Verify an enchanted-link token: only the right one of the three works; the pending
    session becomes ready and the other links stop working."""
    row = check_link(e, ("enchanted",), token)
    data = row["data"]
    if not data.get("right"):
        raise errors.WRONG_ENCHANTED_LINK("This is not the link the app asked for")
    user, first_seen = resolve_user(e, row["loginId"], data)
    with e.store.tx():
        e.store.challenges.use_all_of_pending("enchanted", row["pendingRef"])
        e.store.pending_sessions.set(
            row["pendingRef"], "verified",
            {"userId": user["userId"], "firstSeen": first_seen, "flow": data},
        )


def consume_pending(e: Emulator, ref: str, amr: str) -> dict[str, Any]:
    """Poll a pending session: 401 while pending, the JWT response once verified (once)."""
    row = e.store.pending_sessions.get(ref)
    if row is None:
        raise errors.UNKNOWN_PENDING_REF("Unknown pending reference")
    if row["state"] == "pending":
        if row["expires"] <= e.now():
            raise errors.LINK_EXPIRED("Pending session expired")
        raise errors.STILL_PENDING("Session is still pending")
    if row["state"] != "verified":
        raise errors.LINK_USED("Pending session was already used")
    data = row["data"]
    user = e.store.users.by_id(data["userId"])
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    e.store.pending_sessions.set(ref, "used")
    return sessions.issue_after_flow(e, user, data.get("flow") or {},
                                     bool(data.get("firstSeen")), amr)
