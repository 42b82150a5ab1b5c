"""TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits): secrets, codes, provisioning
and verification with a lock after repeated wrong codes.

The ``image`` of the provisioning answer is a ``data:image/svg+xml;base64,...`` URL that
shows the otpauth text rather than a scannable QR code: generating a real QR PNG needs an
extra dependency, and authenticator apps accept the ``key`` typed in by hand."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from typing import Any
from urllib.parse import quote, urlencode

from .. import errors
from ..state import Emulator
from . import challenges, delivery, sessions, users

STEP = 30
DIGITS = 6
ISSUER = "Descope Emulator"


def totp_code(secret_b32: str, at: float, step_offset: int = 0) -> str:
    """The code of a base32 secret at time ``at`` (``step_offset`` steps away)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int(at // STEP) + step_offset
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**DIGITS
    return f"{value:0{DIGITS}d}"


def provisioning(login_id: str, secret_b32: str) -> dict[str, Any]:
    """``{"provisioningURL", "image", "key"}`` for an authenticator app."""
    label = quote(f"{ISSUER}:{login_id}")
    url = "otpauth://totp/" + label + "?" + urlencode(
        {"secret": secret_b32, "issuer": ISSUER, "algorithm": "SHA1", "digits": DIGITS,
         "period": STEP}
    )
    image = delivery.text_image(url)
    return {"provisioningURL": url, "image": image, "key": secret_b32}


#: how long a TOTP authenticator stays locked after too many wrong codes
TOTP_LOCK_SECONDS = 300


def enroll(user: dict[str, Any], *, pending: bool) -> str:
    """Give the user a new TOTP secret (``pending``: not verified yet); returns it."""
    secret = base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")
    user["_totpSecret"] = secret
    user["_totpFails"] = 0
    user["TOTP"] = True
    if pending:
        user["_totpPending"] = True
    return secret


def check(e: Emulator, user: dict[str, Any], code: str) -> None:
    """Check a code (one step of clock drift either way); 401 for a wrong code or a
    locked authenticator (wrong codes count towards the lock)."""
    secret = user.get("_totpSecret")
    if not secret:
        raise errors.NO_TOTP("User has no TOTP authenticator")
    now = e.now()
    if int(user.get("_totpFails", 0)) >= e.config.max_code_attempts:
        if now < float(user.get("_totpLockedUntil", 0)):
            raise errors.TOO_MANY_ATTEMPTS("Too many wrong codes; TOTP is locked for a while")
        user["_totpFails"] = 0  # the lock is temporary, as in Descope
    if not any(hmac.compare_digest(totp_code(secret, now, d), code) for d in (-1, 0, 1)):
        user["_totpFails"] = int(user.get("_totpFails", 0)) + 1
        if user["_totpFails"] >= e.config.max_code_attempts:
            user["_totpLockedUntil"] = now + TOTP_LOCK_SECONDS
        e.store.users.save(user)
        raise errors.WRONG_CODE("Wrong code")


def mark_verified(e: Emulator, user: dict[str, Any]) -> bool:
    """After a good code: reset the wrong-code count; returns whether this was the first
    verification (the sign-up)."""
    first = bool(user.pop("_totpPending", False))
    user["_totpFails"] = 0
    e.store.users.save(user)
    return first


def remove(user: dict[str, Any]) -> None:
    """Remove the user's TOTP authenticator (``mgmt.user.remove_totp_seed``; the caller
    saves the user): TOTP sign-ins are refused until the user enrolls again."""
    for key in ("_totpSecret", "_totpFails", "_totpLockedUntil", "_totpPending"):
        user.pop(key, None)
    user["TOTP"] = False


def sign_in(e: Emulator, login_id: str, code: str, opts: dict[str, Any],
            refresh_token: str | None, dct: str = "") -> dict[str, Any]:
    """Sign in with a TOTP code (``totp.verify`` and the flows' second factor alike): 404
    unknown / 403 disabled user, 401 wrong code (counted towards the lock); step-up / MFA
    options need the user's refresh token, whose factors the session keeps. ``dct``: the
    tenant a flow runs for. Returns the JWT answer."""
    user = users.require_signin_user(e, login_id)
    check(e, user, code)
    amr = challenges.stepup_amr(e, opts, refresh_token)
    first_seen = mark_verified(e, user)
    flow = {"opts": opts, "stepupAmr": amr or [], "dct": dct}
    return sessions.issue_after_flow(e, user, flow, first_seen, "totp")
