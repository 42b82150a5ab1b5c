"""Passwords: policy (enforced), sign-up, sign-in, reset (a magic link to the outbox),
update (needs a valid refresh token) and replace."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import challenges, delivery, passwords, sessions, users
from ..web.body import get_obj, get_str, opt_str, read_json
from ..web.credentials import base_url, emulator_of, refresh_token_of
from ..web.responses import ok


async def policy(request: Request) -> Response:
    """GET /v1/auth/password/policy"""
    return ok(passwords.policy(emulator_of(request)))


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/password/signup"""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    password = get_str(body, "password")
    fields = get_obj(body, "user")
    return ok(passwords.sign_up(emulator_of(request), login_id, password, fields))


async def sign_in(request: Request) -> Response:
    """POST /v1/auth/password/signin"""
    body = await read_json(request)
    return ok(passwords.sign_in(emulator_of(request), get_str(body, "loginId"),
                                get_str(body, "password")))


async def send_reset(request: Request) -> Response:
    """POST /v1/auth/password/reset: a reset link (a magic link) to the user's email."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    redirect = opt_str(body, "redirectUrl")
    get_obj(body, "templateOptions")
    e = emulator_of(request)
    user = users.require_signin_user(e, login_id)
    to = user.get("email") or ""
    if not to:
        raise errors.NO_ADDRESS("User has no email to send the reset link to")
    data = {"channel": "email", "purpose": "signin", "userId": user["userId"], "amr": "email"}
    challenges.new_magic_link(e, base_url(request), login_id, to, redirect or "", data,
                              kind="password-reset")
    return ok({"resetMethod": "magiclink", "maskedEmail": delivery.mask_email(to)})


async def update(request: Request) -> Response:
    """POST /v1/auth/password/update (signed in: refresh token)."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    new_password = get_str(body, "newPassword")
    e = emulator_of(request)
    _, _, user = sessions.check_refresh(e, refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.LOGIN_ID_NOT_OWN("loginId does not belong to the signed-in user")
    passwords.enforce_policy(e, new_password, user)
    passwords.set_password(user, new_password)
    e.store.users.save(user)
    return ok({})


async def replace(request: Request) -> Response:
    """POST /v1/auth/password/replace (old password for a new one)."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    old = get_str(body, "oldPassword")
    new = get_str(body, "newPassword")
    e = emulator_of(request)
    user = passwords.authenticate(e, login_id, old)
    passwords.enforce_policy(e, new, user)
    passwords.set_password(user, new)
    e.store.users.save(user)
    return ok(sessions.issue_after_flow(e, user, {}, False, "pwd"))
