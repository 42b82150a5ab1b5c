"""WebAuthn (auth.md §2.9): passkey sign-up, sign-in, sign-up-or-in and update. The
ceremonies and their verification are in ``domain/passkeys.py``; a verified ceremony ends
in the usual JWT response, ``amr`` containing ``webauthn``."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import challenges, passkeys, sessions, users
from ..state import Emulator
from ..storage import new_id
from ..web.body import get_bool, get_obj, get_str, login_options, opt_str, read_json
from ..web.credentials import emulator_of, refresh_token_of
from ..web.responses import ok

AMR = "webauthn"


def _credential(body: dict[str, Any]) -> Any:
    """The browser's credential: a JSON string (as Descope's web SDK sends it) or object."""
    value = body.get("response")
    if not isinstance(value, (str, dict)) or not value:
        raise errors.WRONG_TYPE("'response' must be the credential as a JSON string or object")
    return value


def _started(transaction_id: str, options: dict[str, Any], **extra: Any) -> Response:
    return ok({"transactionId": transaction_id, "options": json.dumps(options), **extra})


def _user_of(e: Emulator, user_id: str) -> dict[str, Any]:
    """The ceremony's user, if it still exists and is enabled."""
    user = e.store.users.by_id(user_id)
    if user is None:
        raise errors.USER_SESSION_GONE("User no longer exists")
    return users.require_enabled(user)


def _start_sign_up(e: Emulator, login_id: str, origin: str, fields: dict[str, Any]) -> Response:
    if e.store.users.by_login_id(login_id) is not None:
        raise errors.USER_EXISTS(f"User '{login_id}' already exists")
    fields = {k: v for k, v in fields.items() if k != "loginId"}
    transaction_id, options = passkeys.start_registration(
        e,
        purpose="signup",
        origin=origin,
        user_id=new_id("U"),
        user_name=login_id,
        display_name=opt_str(fields, "name") or "",
        data={"loginId": login_id, "user": fields},
    )
    return _started(transaction_id, options, create=True)


def _start_sign_in(
    e: Emulator, user: dict[str, Any], origin: str, flow: dict[str, Any], **extra: Any
) -> Response:
    transaction_id, options = passkeys.start_authentication(
        e, purpose="signin", origin=origin, user_id=user["userId"], data=flow
    )
    return _started(transaction_id, options, **extra)


async def sign_up_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup/start"""
    body = await read_json(request)
    fields = get_obj(body, "user")
    login_id = get_str(fields, "loginId")
    return _start_sign_up(emulator_of(request), login_id, get_str(body, "origin"), fields)


async def sign_up_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup/finish: the new user, signed in."""
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emulator_of(request)
    ceremony, passkey = passkeys.finish_registration(e, transaction_id, credential, ("signup",))
    login_id = str(ceremony.data["loginId"])
    with e.store.tx():
        if e.store.users.by_login_id(login_id) is not None:
            raise errors.USER_EXISTS(f"User '{login_id}' already exists")
        user = users.new_user(e, login_id, dict(ceremony.data.get("user") or {}))
        user["userId"] = ceremony.user_id  # the WebAuthn user handle the passkey holds
        passkeys.add(e, user, passkey)
    return ok(sessions.issue_after_flow(e, user, {}, True, AMR))


async def sign_in_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signin/start"""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = get_str(body, "origin")
    opts = login_options(body)
    e = emulator_of(request)
    user = users.require_signin_user(e, login_id)
    amr = challenges.stepup_amr(e, opts, refresh_token_of(request, required=False))
    return _start_sign_in(e, user, origin, {"opts": opts, "stepupAmr": amr or []})


async def sign_in_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/signin/finish"""
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emulator_of(request)
    ceremony, _ = passkeys.finish_authentication(e, transaction_id, credential, ("signin",))
    user = _user_of(e, ceremony.user_id)
    return ok(sessions.issue_after_flow(e, user, ceremony.data, False, AMR))


async def sign_up_or_in_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/signup-in/start: a user with passkeys signs in
    (``create: false``), an unknown login id signs up (``create: true``). An existing user
    without passkeys is refused: adding one to an account needs its session (update)."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = get_str(body, "origin")
    e = emulator_of(request)
    if e.store.users.by_login_id(login_id) is None:
        return _start_sign_up(e, login_id, origin, {})
    user = users.require_signin_user(e, login_id)
    return _start_sign_in(e, user, origin, {"opts": {}}, create=False)


async def update_start(request: Request) -> Response:
    """POST /v1/auth/webauthn/update/start (signed in): register one more passkey. Without
    ``origin`` in the body, the request's ``Origin`` header is used."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = opt_str(body, "origin") or request.headers.get("origin", "")
    if not origin:
        raise errors.INVALID_REQUEST("'origin' is required")
    mfa = get_bool(body, "mfa")
    e = emulator_of(request)
    _, context, user = sessions.check_refresh(e, refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.LOGIN_ID_NOT_OWN("loginId does not belong to the signed-in user")
    transaction_id, options = passkeys.start_registration(
        e,
        purpose="update",
        origin=origin,
        user_id=user["userId"],
        user_name=login_id,
        display_name=str(user.get("name") or ""),
        data={
            "mfa": mfa,
            "stepupAmr": list(context.get("amr") or []),
            "opts": {"customClaims": context.get("customClaims") or {}},
        },
    )
    return _started(transaction_id, options)


async def update_finish(request: Request) -> Response:
    """POST /v1/auth/webauthn/update/finish: adds the passkey. With ``mfa`` at start, a new
    session under ``jwt`` whose ``amr`` adds ``webauthn``; otherwise ``{}``."""
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emulator_of(request)
    ceremony, passkey = passkeys.finish_registration(e, transaction_id, credential, ("update",))
    user = _user_of(e, ceremony.user_id)
    passkeys.add(e, user, passkey)
    if ceremony.data.get("mfa"):
        return ok({"jwt": sessions.issue_after_flow(e, user, ceremony.data, False, AMR)})
    return ok({})
