"""TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits): sign-up, verify, update.

The ``image`` field is a ``data:image/svg+xml;base64,...`` URL that shows the otpauth
provisioning text rather than a scannable QR code: generating a real QR PNG needs an
extra dependency, and authenticator apps accept the ``key`` typed in by hand."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
import struct
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ._common import (
    check_stepup,
    emu,
    get_obj,
    get_str,
    login_options,
    ok,
    read_json,
    refresh_token_of,
)
from ._flows import issue_for

STEP = 30
DIGITS = 6
ISSUER = "Descope Emulator"


def totp_code(secret_b32: str, at: float, step_offset: int = 0) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int(at // STEP) + step_offset
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**DIGITS
    return f"{value:0{DIGITS}d}"


def _provisioning(login_id: str, secret_b32: str) -> dict[str, Any]:
    label = quote(f"{ISSUER}:{login_id}")
    url = "otpauth://totp/" + label + "?" + urlencode(
        {"secret": secret_b32, "issuer": ISSUER, "algorithm": "SHA1", "digits": DIGITS,
         "period": STEP}
    )
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='480' height='60'>"
        "<rect width='100%' height='100%' fill='white'/>"
        f"<text x='8' y='24' font-size='12' font-family='monospace'>{html.escape(url[:70])}</text>"
        f"<text x='8' y='44' font-size='12' font-family='monospace'>{html.escape(url[70:140])}</text>"
        "</svg>"
    )
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return {"provisioningURL": url, "image": image, "key": secret_b32}


def _new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


async def sign_up(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    fields = get_obj(body, "user")
    e = emu(request)
    with e.store.tx():
        if e.store.user_by_login_id(login_id) is not None:
            raise errors.conflict(f"User '{login_id}' already exists")
        user = e.new_user(login_id, fields)
        secret = _new_secret()
        user["_totpSecret"] = secret
        user["_totpPending"] = True
        user["TOTP"] = True
        e.store.save_user(user)
    return ok(_provisioning(login_id, secret))


async def verify(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    code = get_str(body, "code")
    opts = login_options(body)
    e = emu(request)
    user = e.require_user(login_id)
    secret = user.get("_totpSecret")
    if not secret:
        raise errors.unauthorized("User has no TOTP authenticator", "E061111")
    if int(user.get("_totpFails", 0)) >= e.config.max_code_attempts:
        raise errors.unauthorized("Too many wrong codes; TOTP is locked", "E061104")
    now = e.now()
    if not any(hmac.compare_digest(totp_code(secret, now, d), code) for d in (-1, 0, 1)):
        user["_totpFails"] = int(user.get("_totpFails", 0)) + 1
        e.store.save_user(user)
        raise errors.unauthorized("Wrong code", "E061102")
    stepup = check_stepup(request, opts)
    first_seen = bool(user.pop("_totpPending", False))
    user["_totpFails"] = 0
    e.store.save_user(user)
    data = {"opts": opts, "stepupAmr": (stepup or {}).get("amr") or []}
    return ok(issue_for(e, user, data, first_seen, "totp"))


async def update(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    e = emu(request)
    _, _, user = e.check_refresh(refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.bad_request("loginId does not belong to the signed-in user", "E062111")
    secret = _new_secret()
    user["_totpSecret"] = secret
    user["_totpFails"] = 0
    user["TOTP"] = True
    e.store.save_user(user)
    return ok(_provisioning(login_id, secret))


routes = [
    Route("/v1/auth/totp/signup", sign_up, methods=["POST"]),
    Route("/v1/auth/totp/verify", verify, methods=["POST"]),
    Route("/v1/auth/totp/update", update, methods=["POST"]),
]
