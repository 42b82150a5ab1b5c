"""WebAuthn (auth.md §2.9): passkey sign-up, sign-in, sign-up-or-in and update, plus the
management calls that list and remove a user's passkeys.

The ceremonies and their verification live in ``passkeys.py``; this module reads bodies,
resolves users and turns a verified ceremony into the usual JWT response (``amr``
containing ``webauthn``). Refusals keep the status and code ``passkeys.Refusal`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..passkey_store import SqlPasskeyStore
from ..passkeys import PasskeyRefused, Passkeys
from ..service import Emulator
from ..store import new_id
from ._common import (
    check_stepup,
    emu,
    get_bool,
    get_obj,
    get_str,
    login_options,
    ok,
    opt_str,
    read_json,
    refresh_token_of,
)
from ._flows import issue_for
from ._mgmt import require_mgmt, user_of

AMR = "webauthn"
Handler = Callable[[Request], Awaitable[Response]]


def passkeys_of(request: Request) -> Passkeys:
    """The app's one :class:`Passkeys`, made on first use."""
    state = request.app.state
    found: Passkeys | None = getattr(state, "passkeys", None)
    if found is None:
        e = emu(request)
        found = Passkeys(
            SqlPasskeyStore(e.store), e.now, lambda: tuple(getattr(e.config, "approved_domains", ()))
        )
        state.passkeys = found
    return found


def refusals(handler: Handler) -> Handler:
    """Answer a :class:`PasskeyRefused` with its status and documented code."""

    @wraps(handler)
    async def wrapper(request: Request) -> Response:
        try:
            return await handler(request)
        except PasskeyRefused as exc:
            reason = exc.reason
            message = reason.message + (f": {exc.detail}" if exc.detail else "")
            raise errors.ApiError(reason.status, reason.code, reason.message, message) from exc

    return wrapper


def _credential(body: dict[str, Any]) -> Any:
    """The browser's credential: a JSON string (as Descope's web SDK sends it) or object."""
    value = body.get("response")
    if not isinstance(value, (str, dict)) or not value:
        raise errors.bad_request("'response' must be the credential as a JSON string or object")
    return value


def _started(transaction_id: str, options: dict[str, Any], **extra: Any) -> Response:
    return ok({"transactionId": transaction_id, "options": json.dumps(options), **extra})


def _live_user(e: Emulator, user_id: str) -> dict[str, Any]:
    user = e.store.user_by_id(user_id)
    if user is None:
        raise errors.unauthorized("User no longer exists", "E061203")
    if user.get("status") == "disabled":
        raise errors.forbidden("User is disabled", "E062109")
    return user


# -- sign-up -----------------------------------------------------------------------------
def _start_sign_up(request: Request, login_id: str, origin: str, fields: dict[str, Any]) -> Response:
    e = emu(request)
    if e.store.user_by_login_id(login_id) is not None:
        raise errors.conflict(f"User '{login_id}' already exists")
    fields = {k: v for k, v in fields.items() if k != "loginId"}
    transaction_id, options = passkeys_of(request).start_registration(
        purpose="signup",
        origin=origin,
        user_id=new_id("U"),
        user_name=login_id,
        display_name=opt_str(fields, "name") or "",
        data={"loginId": login_id, "user": fields},
    )
    return _started(transaction_id, options, create=True)


@refusals
async def sign_up_start(request: Request) -> Response:
    body = await read_json(request)
    fields = get_obj(body, "user")
    return _start_sign_up(request, get_str(fields, "loginId"), get_str(body, "origin"), fields)


@refusals
async def sign_up_finish(request: Request) -> Response:
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emu(request)
    passkeys = passkeys_of(request)
    ceremony, passkey = passkeys.finish_registration(transaction_id, credential, ("signup",))
    login_id = str(ceremony.data["loginId"])
    with e.store.tx():
        if e.store.user_by_login_id(login_id) is not None:
            raise errors.conflict(f"User '{login_id}' already exists")
        user = e.new_user(login_id, dict(ceremony.data.get("user") or {}))
        user["userId"] = ceremony.user_id  # the WebAuthn user handle the passkey holds
        user["webauthn"] = True
        e.store.save_user(user)
        passkeys.add(passkey)
    return ok(issue_for(e, user, {}, True, AMR))


# -- sign-in -----------------------------------------------------------------------------
def _start_sign_in(
    request: Request, user: dict[str, Any], origin: str, data: dict[str, Any], **extra: Any
) -> Response:
    transaction_id, options = passkeys_of(request).start_authentication(
        purpose="signin", origin=origin, user_id=user["userId"], data=data
    )
    return _started(transaction_id, options, **extra)


@refusals
async def sign_in_start(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = get_str(body, "origin")
    opts = login_options(body)
    user = emu(request).require_user(login_id)
    stepup = check_stepup(request, opts)
    data = {"opts": opts, "stepupAmr": (stepup or {}).get("amr") or []}
    return _start_sign_in(request, user, origin, data)


@refusals
async def sign_in_finish(request: Request) -> Response:
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emu(request)
    ceremony, _ = passkeys_of(request).finish_authentication(transaction_id, credential, ("signin",))
    user = _live_user(e, ceremony.user_id)
    return ok(issue_for(e, user, ceremony.data, False, AMR))


@refusals
async def sign_up_or_in_start(request: Request) -> Response:
    """A user with passkeys signs in (``create: false``), an unknown login id signs up
    (``create: true``). An existing user without passkeys is refused: adding a passkey to
    an account needs that account's session (update)."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = get_str(body, "origin")
    e = emu(request)
    user = e.store.user_by_login_id(login_id)
    if user is None:
        return _start_sign_up(request, login_id, origin, {})
    user = e.require_user(login_id)
    return _start_sign_in(request, user, origin, {"opts": {}}, create=False)


# -- update (add a passkey to a signed-in user) ----------------------------------------------
@refusals
async def update_start(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    origin = get_str(body, "origin", required=False) or request.headers.get("origin", "")
    if not origin:
        raise errors.bad_request("'origin' is required")
    mfa = get_bool(body, "mfa")
    e = emu(request)
    _, context, user = e.check_refresh(refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.bad_request("loginId does not belong to the signed-in user", "E062111")
    transaction_id, options = passkeys_of(request).start_registration(
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


@refusals
async def update_finish(request: Request) -> Response:
    """Adds the passkey. With ``mfa`` at start, answers a new session under ``jwt`` whose
    ``amr`` adds ``webauthn``; otherwise ``{}``."""
    body = await read_json(request)
    transaction_id = get_str(body, "transactionId")
    credential = _credential(body)
    e = emu(request)
    passkeys = passkeys_of(request)
    ceremony, passkey = passkeys.finish_registration(transaction_id, credential, ("update",))
    with e.store.tx():
        user = _live_user(e, ceremony.user_id)
        user["webauthn"] = True
        e.store.save_user(user)
        passkeys.add(passkey)
    if ceremony.data.get("mfa"):
        return ok({"jwt": issue_for(e, user, ceremony.data, False, AMR)})
    return ok({})


# -- management ----------------------------------------------------------------------------
async def mgmt_list_passkeys(request: Request) -> Response:
    e = require_mgmt(request)
    user = user_of(e, await read_json(request))
    return ok({"passkeys": [p.public() for p in passkeys_of(request).list(user["userId"])]})


async def mgmt_delete_passkey(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    credential_id = get_str(body, "credentialId")
    passkeys = passkeys_of(request)
    with e.store.tx():
        if not passkeys.remove(user["userId"], credential_id):
            raise errors.not_found("The user has no passkey with this credential id", "E062112")
        if not passkeys.has_passkeys(user["userId"]):
            user["webauthn"] = False
            e.store.save_user(user)
    return ok({})


async def mgmt_remove_all_passkeys(request: Request) -> Response:
    e = require_mgmt(request)
    user = user_of(e, await read_json(request))
    with e.store.tx():
        passkeys_of(request).remove_all(user["userId"])
        user["webauthn"] = False
        e.store.save_user(user)
    return ok({})


routes = [
    Route("/v1/auth/webauthn/signup/start", sign_up_start, methods=["POST"]),
    Route("/v1/auth/webauthn/signup/finish", sign_up_finish, methods=["POST"]),
    Route("/v1/auth/webauthn/signin/start", sign_in_start, methods=["POST"]),
    Route("/v1/auth/webauthn/signin/finish", sign_in_finish, methods=["POST"]),
    Route("/v1/auth/webauthn/signup-in/start", sign_up_or_in_start, methods=["POST"]),
    Route("/v1/auth/webauthn/update/start", update_start, methods=["POST"]),
    Route("/v1/auth/webauthn/update/finish", update_finish, methods=["POST"]),
    Route("/v1/mgmt/user/passkeys/list", mgmt_list_passkeys, methods=["POST"]),
    Route("/v1/mgmt/user/passkey/delete", mgmt_delete_passkey, methods=["POST"]),
    Route("/v1/mgmt/user/passkeys/delete", mgmt_remove_all_passkeys, methods=["POST"]),
]
