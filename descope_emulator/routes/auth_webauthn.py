"""WebAuthn (auth.md §2.9): passkey sign-up, sign-in, sign-up-or-in and update. Each route
parses the body and calls one use case of ``domain/passkey_sign_in.py``."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import passkey_sign_in
from ..web.body import get_bool, get_obj, get_str, login_options, opt_str, read_json
from ..web.credentials import emulator_of, refresh_token_of
from ..web.responses import ok


def _credential(body: dict[str, Any]) -> Any:
    """The browser's credential: a JSON string (as Descope's web SDK sends it) or object."""
    value = body.get("response")
    if not isinstance(value, (str, dict)) or not value:
        raise errors.WRONG_TYPE("'response' must be the credential as a JSON string or object")
    return value


def _started(started: passkey_sign_in.Started, *, with_create: bool = False) -> Response:
    body: dict[str, Any] = {"transactionId": started.transaction_id,
                            "options": json.dumps(started.options)}
    if with_create:
        body["create"] = started.create
    return ok(body)


async def sign_up_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup/start"""
    body = await read_json(request)
    fields = get_obj(body, "user")
    started = passkey_sign_in.start_sign_up(emulator_of(request), get_str(fields, "loginId"),
                                            get_str(body, "origin"), fields)
    return _started(started, with_create=True)


async def sign_up_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup/finish: the new user, signed in."""
    body = await read_json(request)
    return ok(passkey_sign_in.finish_sign_up(emulator_of(request), get_str(body, "transactionId"),
                                             _credential(body)))


async def sign_in_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signin/start (an empty ``loginId``: any passkey of the site,
    as the web component's conditional UI asks)."""
    body = await read_json(request)
    login_id = opt_str(body, "loginId") or ""
    started = passkey_sign_in.start_sign_in(
        emulator_of(request), login_id, get_str(body, "origin"), login_options(body),
        refresh_token_of(request, required=False))
    return _started(started)


async def sign_in_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/signin/finish"""
    body = await read_json(request)
    return ok(passkey_sign_in.finish_sign_in(emulator_of(request), get_str(body, "transactionId"),
                                             _credential(body)))


async def sign_up_or_in_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup-in/start: ``create`` tells the browser which ceremony
    it runs."""
    body = await read_json(request)
    started = passkey_sign_in.start_sign_up_or_in(
        emulator_of(request), get_str(body, "loginId"), get_str(body, "origin"))
    return _started(started, with_create=True)


async def update_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/update/start (signed in): register one more passkey. Without
    ``origin`` in the body, the request's ``Origin`` header is used."""
    body = await read_json(request)
    origin = opt_str(body, "origin") or request.headers.get("origin", "")
    if not origin:
        raise errors.INVALID_REQUEST("'origin' is required")
    started = passkey_sign_in.start_update(emulator_of(request), get_str(body, "loginId"),
                                           origin, get_bool(body, "mfa"),
                                           refresh_token_of(request))
    return _started(started)


async def update_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/update/finish: adds the passkey. With ``mfa`` at start, a new
    session under ``jwt``; otherwise ``{}``."""
    body = await read_json(request)
    jwt = passkey_sign_in.finish_update(emulator_of(request), get_str(body, "transactionId"),
                                        _credential(body))
    return ok({"jwt": jwt} if jwt is not None else {})
