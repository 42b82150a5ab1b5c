"""Passwords: policy (enforced), sign-up, sign-in, reset (a magic link to the outbox),
update (needs a valid refresh token) and replace."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..service import mask_email
from ._common import emu, get_obj, get_str, ok, read_json, refresh_token_of
from ._flows import issue_for, new_magic_link
from .mgmt_user_ext import check_password_usable

POLICY: dict[str, Any] = {
    "minLength": 8,
    "lowercase": True,
    "uppercase": True,
    "number": True,
    "nonAlphanumeric": False,
}


def policy_errors(password: str) -> list[str]:
    problems = []
    if len(password) < POLICY["minLength"]:
        problems.append(f"at least {POLICY['minLength']} characters")
    if POLICY["lowercase"] and not any(c.islower() for c in password):
        problems.append("a lower-case letter")
    if POLICY["uppercase"] and not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if POLICY["number"] and not any(c.isdigit() for c in password):
        problems.append("a digit")
    if POLICY["nonAlphanumeric"] and all(c.isalnum() for c in password):
        problems.append("a non-alphanumeric character")
    return problems


def enforce_policy(password: str) -> None:
    problems = policy_errors(password)
    if problems:
        raise errors.ApiError(400, "E062301", "Password does not meet the policy",
                              "Password needs " + ", ".join(problems))


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt_hex, _ = stored.split("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def set_password(user: dict[str, Any], password: str) -> None:
    user["_passwordHash"] = hash_password(password)
    user["password"] = True


async def policy(request: Request) -> Response:
    return ok(POLICY)


async def sign_up(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    password = get_str(body, "password")
    fields = get_obj(body, "user")
    enforce_policy(password)
    e = emu(request)
    with e.store.tx():
        if e.store.user_by_login_id(login_id) is not None:
            raise errors.conflict(f"User '{login_id}' already exists")
        user = e.new_user(login_id, fields)
        set_password(user, password)
        e.store.save_user(user)
    return ok(issue_for(e, user, {}, True, "pwd"))


def _authenticate(request: Request, login_id: str, password: str) -> dict[str, Any]:
    e = emu(request)
    user = e.store.user_by_login_id(login_id)
    if user is None or not check_password(password, user.get("_passwordHash")):
        raise errors.unauthorized("Invalid login id or password", "E062401")
    if user.get("status") == "disabled":
        raise errors.forbidden("User is disabled", "E062109")
    return user


async def sign_in(request: Request) -> Response:
    body = await read_json(request)
    user = _authenticate(request, get_str(body, "loginId"), get_str(body, "password"))
    check_password_usable(user)  # issue 4: expired / temporary password (mgmt_user_ext)
    return ok(issue_for(emu(request), user, {}, False, "pwd"))


async def send_reset(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    redirect = body.get("redirectUrl")
    if redirect is not None and not isinstance(redirect, str):
        raise errors.bad_request("'redirectUrl' must be a string", "E011003")
    get_obj(body, "templateOptions")
    e = emu(request)
    user = e.require_user(login_id)
    to = user.get("email") or ""
    if not to:
        raise errors.bad_request("User has no email to send the reset link to", "E062110")
    data = {"channel": "email", "purpose": "signin", "userId": user["userId"], "amr": "email"}
    new_magic_link(request, e, login_id, to, redirect or "", data, kind="password-reset")
    return ok({"resetMethod": "magiclink", "maskedEmail": mask_email(to)})


async def update(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    new_password = get_str(body, "newPassword")
    e = emu(request)
    _, _, user = e.check_refresh(refresh_token_of(request))
    if login_id not in user.get("loginIds", []):
        raise errors.bad_request("loginId does not belong to the signed-in user", "E062111")
    enforce_policy(new_password)
    set_password(user, new_password)
    e.store.save_user(user)
    return ok({})


async def replace(request: Request) -> Response:
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    old = get_str(body, "oldPassword")
    new = get_str(body, "newPassword")
    user = _authenticate(request, login_id, old)
    enforce_policy(new)
    set_password(user, new)
    e = emu(request)
    e.store.save_user(user)
    return ok(issue_for(e, user, {}, False, "pwd"))


routes = [
    Route("/v1/auth/password/policy", policy, methods=["GET"]),
    Route("/v1/auth/password/signup", sign_up, methods=["POST"]),
    Route("/v1/auth/password/signin", sign_in, methods=["POST"]),
    Route("/v1/auth/password/reset", send_reset, methods=["POST"]),
    Route("/v1/auth/password/update", update, methods=["POST"]),
    Route("/v1/auth/password/replace", replace, methods=["POST"]),
]
