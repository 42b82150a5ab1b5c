"""TOTP: sign-up (provisioning), verify (sign-in) and update (a new authenticator)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import sessions, totp, users
from ..web.body import get_obj, get_str, login_options, read_json
from ..web.credentials import emulator_of, refresh_token_of
from ..web.responses import ok


async def sign_up(request: Request) -> Response:
    """POST /v1/auth/totp/signup"""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    fields = get_obj(body, "user")
    e = emulator_of(request)
    with e.store.tx():
        if e.store.users.by_login_id(login_id) is not None:
            raise errors.USER_EXISTS(f"User '{login_id}' already exists")
        user = users.new_user(e, login_id, users.sign_up_fields(fields))
        secret = totp.enroll(user, pending=True)
        e.store.users.save(user)
    return ok(totp.provisioning(login_id, secret))


async def verify(request: Request) -> Response:
    """POST /v1/auth/totp/verify"""
    body = await read_json(request)
    return ok(totp.sign_in(emulator_of(request), get_str(body, "loginId"), get_str(body, "code"),
                           login_options(body), refresh_token_of(request, required=False)))


async def update(request: Request) -> Response:
    """POST /v1/auth/totp/update (signed in: refresh token)."""
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    e = emulator_of(request)
    _, _, user = sessions.check_refresh(e, refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.LOGIN_ID_NOT_OWN("loginId does not belong to the signed-in user")
    secret = totp.enroll(user, pending=False)
    e.store.users.save(user)
    return ok(totp.provisioning(login_id, secret))
