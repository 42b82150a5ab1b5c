"""Minimal user management: create / load / delete users, test users, and the test-user
generators (OTP, magic link, enchanted link, embedded link)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ..service import Emulator
from ._common import (
    get_bool,
    get_int,
    get_obj,
    get_str,
    get_str_list,
    login_options,
    ok,
    opt_str,
    read_json,
    require_management,
)
from ._flows import link_target, new_enchanted_link, new_magic_link, new_otp
from ._mgmt import audit
from .mgmt_user_ext import after_user_created

DELIVERY = {"email": "email", "sms": "sms", "voice": "voice", "whatsapp": "whatsapp",
            "Embedded": "embedded", "embedded": "embedded"}


def user_tenants_of(e: Emulator, body: dict[str, Any]) -> list[dict[str, Any]]:
    raw = body.get("userTenants")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise errors.bad_request("'userTenants' must be an array", "E011003")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.bad_request("'userTenants' entries must be objects", "E011003")
        tid = get_str(item, "tenantId")
        if e.store.tenant(tid) is None:
            raise errors.not_found(f"Tenant '{tid}' not found", "E091101")
        out.append({"tenantId": tid, "roleNames": get_str_list(item, "roleNames")})
    return out


def build_user(e: Emulator, body: dict[str, Any], *, test: bool) -> dict[str, Any]:
    login_id = get_str(body, "loginId")
    email = opt_str(body, "email")
    phone = opt_str(body, "phone")
    fields = {
        "email": email,
        "phone": phone,
        "name": opt_str(body, "displayName") or opt_str(body, "name"),
        "givenName": opt_str(body, "givenName"),
        "middleName": opt_str(body, "middleName"),
        "familyName": opt_str(body, "familyName"),
        "picture": opt_str(body, "picture"),
        "roleNames": get_str_list(body, "roleNames"),
        "customAttributes": get_obj(body, "customAttributes"),
        "test": test,
    }
    user = e.new_user(login_id, fields)
    user["verifiedEmail"] = get_bool(body, "verifiedEmail", bool(user["email"]))
    user["verifiedPhone"] = get_bool(body, "verifiedPhone", bool(user["phone"]))
    user["userTenants"] = user_tenants_of(e, body)
    for extra in get_str_list(body, "additionalLoginIds"):
        if extra not in user["loginIds"]:
            user["loginIds"].append(extra)
    status = opt_str(body, "status")
    if status is not None and status not in ("enabled", "disabled", "invited", "expired"):
        raise errors.bad_request("'status' must be enabled, disabled, invited or expired")
    user["status"] = status or ("enabled" if test else "invited")
    user["ssoAppIds"] = get_str_list(body, "ssoAppIDs")
    return user


def _create(test: bool) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        e = require_management(request)
        body = await read_json(request)
        user = build_user(e, body, test=test or get_bool(body, "test"))
        with e.store.tx():
            for login_id in user["loginIds"]:
                if e.store.login_id_taken(login_id):
                    raise errors.conflict(f"User '{login_id}' already exists")
            e.store.save_user(user)
        after_user_created(e, user, body)  # issue 4: invitation message + audit event
        return ok({"user": e.public_user(user)})

    return handler


def _find(e: Emulator, login_id: str | None, user_id: str | None) -> dict[str, Any]:
    if login_id:
        user = e.store.user_by_login_id(login_id)
    elif user_id:
        user = e.store.user_by_id(user_id)
    else:
        raise errors.bad_request("'loginId' or 'userId' is required")
    if user is None:
        raise errors.user_not_found(login_id or user_id or "")
    return user


async def load(request: Request) -> Response:
    e = require_management(request)
    q = request.query_params
    return ok({"user": e.public_user(_find(e, q.get("loginId"), q.get("userId")))})


async def delete(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    login_id = opt_str(body, "loginId")
    user_id = opt_str(body, "userId")
    try:
        user = _find(e, login_id, user_id)
    except errors.ApiError as exc:
        if exc.status == 404:  # deleting a missing user is not an error
            return ok({})
        raise
    e.store.delete_user(user["userId"])
    audit(e, "UserDeleted", user_id=user["userId"], login_ids=list(user["loginIds"]))  # issue 4
    return ok({})


async def delete_all_test_users(request: Request) -> Response:
    e = require_management(request)
    e.store.delete_test_users()
    return ok({})


def _test_user(e: Emulator, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    login_id = get_str(body, "loginId")
    user = e.store.user_by_login_id(login_id)
    if user is None or not user.get("test"):
        raise errors.user_not_found(login_id)
    return login_id, user


def _delivery(body: dict[str, Any]) -> str:
    method = get_str(body, "deliveryMethod")
    if method not in DELIVERY:
        raise errors.bad_request(f"Unknown delivery method '{method}'", "E011003")
    return DELIVERY[method]


async def generate_otp(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    channel = _delivery(body)
    login_id, user = _test_user(e, body)
    data = {"channel": channel, "purpose": "signin", "userId": user["userId"],
            "opts": login_options(body)}
    code = new_otp(e, login_id, "", data, deliver=False)
    return ok({"code": code, "loginId": login_id})


async def generate_magic_link(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    channel = _delivery(body)
    uri = get_str(body, "URI", required=False)
    login_id, user = _test_user(e, body)
    data = {"channel": channel, "purpose": "signin", "userId": user["userId"],
            "opts": login_options(body)}
    sent = new_magic_link(request, e, login_id, "", uri, data, deliver=False)
    return ok({"link": sent["link"], "loginId": login_id})


async def generate_enchanted_link(request: Request) -> Response:
    e = require_management(request)
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, user = _test_user(e, body)
    data = {"channel": "email", "purpose": "signin", "userId": user["userId"],
            "opts": login_options(body)}
    sent = new_enchanted_link(request, e, login_id, "", uri, data, deliver=False)
    return ok({"link": sent["link"], "loginId": login_id, "pendingRef": sent["pendingRef"]})


async def generate_embedded_link(request: Request) -> Response:
    """A one-time token that ``/v1/auth/magiclink/verify`` exchanges for a session."""
    e = require_management(request)
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    custom = get_obj(body, "customClaims")
    timeout = get_int(body, "timeout")
    user = e.store.user_by_login_id(login_id)
    if user is None:
        raise errors.user_not_found(login_id)
    data = {"channel": "embedded", "purpose": "signin", "userId": user["userId"],
            "opts": {"customClaims": custom}, "amr": "embedded"}
    sent = new_magic_link(request, e, login_id, "", link_target(request, ""), data, deliver=False)
    if timeout > 0:
        with e.store.tx() as conn:
            conn.execute("UPDATE challenges SET expires=? WHERE secret=?",
                         (e.now() + timeout, sent["token"]))
    return ok({"token": sent["token"]})


routes = [
    Route("/v1/mgmt/user/create", _create(False), methods=["POST"]),
    Route("/v1/mgmt/user/create/test", _create(True), methods=["POST"]),
    Route("/v1/mgmt/user", load, methods=["GET"]),
    Route("/v1/mgmt/user/delete", delete, methods=["POST"]),
    Route("/v1/mgmt/user/test/delete/all", delete_all_test_users, methods=["DELETE"]),
    Route("/v1/mgmt/tests/generate/otp", generate_otp, methods=["POST"]),
    Route("/v1/mgmt/tests/generate/magiclink", generate_magic_link, methods=["POST"]),
    Route("/v1/mgmt/tests/generate/enchantedlink", generate_enchanted_link, methods=["POST"]),
    Route("/v1/mgmt/user/signin/embeddedlink", generate_embedded_link, methods=["POST"]),
]
