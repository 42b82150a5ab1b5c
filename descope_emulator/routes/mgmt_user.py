"""User management (``descope_core/mgmt/user.py``): create (also test users and batch
invites), load, update, patch (also in batches), delete, logout, search, history, status,
single-field updates, recovery email / phone, roles, tenants, SSO apps, families,
passwords, passkeys, TOTP seed and recovery codes, trusted devices, the OAuth provider's
token, custom attribute definitions, import, and the sign-in / sign-up link generators."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import errors
from ..domain import (
    audit,
    challenges,
    custom_attributes,
    families,
    imported_hashes,
    passkeys,
    passwords,
    provider_tokens,
    totp,
    trusted_devices,
    user_import,
    users,
)
from ..state import Emulator
from ..web.body import (
    get_batch,
    get_bool,
    get_int,
    get_obj,
    get_obj_list,
    get_str,
    get_str_list,
    login_options,
    opt_str,
    read_json,
    read_json_array,
)
from ..web.credentials import base_url, require_management
from ..web.management import apply_user_fields, build_user, status_of, user_of
from ..web.responses import ok

DEFAULT_LIMIT = 100
DELIVERY = {"email": "email", "sms": "sms", "voice": "voice", "whatsapp": "whatsapp",
            "Embedded": "embedded", "embedded": "embedded"}

Handler = Callable[[Request], Awaitable[Response]]


def _answer(user: dict[str, Any]) -> Response:
    return ok({"user": users.public_user(user)})


# -- create, load, delete ----------------------------------------------------------------------


async def _create(request: Request, test: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = build_user(e, body, test=test or get_bool(body, "test"))
    with e.store.tx():
        users.check_login_ids_free(e, user)
        e.store.users.save(user)
    if body.get("invite") is True:
        link = body.get("inviteUrl") if isinstance(body.get("inviteUrl"), str) else ""
        users.invite(e, user, link=str(link), send_mail=body.get("sendMail") is not False,
                     send_sms=body.get("sendSMS") is True)
    users.record_created(e, user, invited=bool(body.get("invite")))
    return _answer(user)


async def create(request: Request) -> Response:
    """POST /v1/mgmt/user/create (also an invite when ``invite`` is true)."""
    return await _create(request, False)


async def create_test_user(request: Request) -> Response:
    """POST /v1/mgmt/user/create/test"""
    return await _create(request, True)


async def invite_batch(request: Request) -> Response:
    """POST /v1/mgmt/user/create/batch: each user is created or reported as failed."""
    e = require_management(request)
    body = await read_json(request)
    raw_users = get_batch(body, "users")
    send_mail = body.get("sendMail")
    send_sms = get_bool(body, "sendSMS")
    invite_url = opt_str(body, "inviteUrl") or ""
    created: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for raw in raw_users:
        if not isinstance(raw, dict):
            raise errors.WRONG_TYPE("each user must be an object")
        login_id = get_str(raw, "loginId")
        try:
            with e.store.tx():
                if e.store.users.by_login_id(login_id) is not None:
                    raise errors.USER_EXISTS(f"User '{login_id}' already exists")
                user = users.new_user(e, login_id, {})
                apply_user_fields(e, user, raw, full=True)
                if not user["email"] and "@" in login_id:
                    user["email"] = login_id
                if raw.get("verifiedEmail") is None and user["email"]:
                    user["verifiedEmail"] = True
                user["status"] = status_of(raw) or "invited"
                password = opt_str(raw, "password")
                if password:
                    passwords.set_password(user, password)
                elif raw.get("hashedPassword") is not None:
                    why = imported_hashes.problem(raw["hashedPassword"])
                    if why:
                        raise errors.WRONG_TYPE(why)
                    user["_hashedPassword"] = raw["hashedPassword"]
                    user["password"] = True
                e.store.users.save(user)
        except errors.ApiError as exc:
            failed.append({"user": raw, "failure": exc.message})
            continue
        users.invite(e, user, link=invite_url, send_mail=send_mail, send_sms=send_sms)
        created.append(users.public_user(user))
    audit.record(e, "UsersInvited", data={"count": len(created)})
    return ok({"createdUsers": created, "failedUsers": failed, "users": created})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/user?loginId=...|userId=..."""
    e = require_management(request)
    q = request.query_params
    return _answer(users.find_user(e, q.get("loginId"), q.get("userId")))


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/user/delete (deleting a missing user is not an error)."""
    e = require_management(request)
    body = await read_json(request)
    login_id = opt_str(body, "loginId")
    user_id = opt_str(body, "userId")
    try:
        user = users.find_user(e, login_id, user_id)
    except errors.ApiError as exc:
        if exc.status == 404:
            return ok({})
        raise
    e.store.users.delete(user["userId"])
    users.record_modified(e, user, "UserDeleted")
    return ok({})


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/user/delete/batch: by ``userIds``; missing users are skipped, as in
    ``delete``."""
    e = require_management(request)
    body = await read_json(request)
    user_ids = get_str_list(body, "userIds")
    with e.store.tx():
        for user_id in user_ids:
            user = e.store.users.by_id(user_id)
            if user is not None:
                e.store.users.delete(user_id)
                users.record_modified(e, user, "UserDeleted")
    return ok({})


async def load_users(request: Request) -> Response:
    """POST /v1/mgmt/users/load: the users with these ids, in the order asked (unknown ids
    are left out; disabled and expired users only with ``includeInvalidUsers``)."""
    e = require_management(request)
    body = await read_json(request)
    user_ids = get_str_list(body, "userIds")
    if not user_ids:
        raise errors.INVALID_REQUEST("'userIds' must not be empty")
    include_invalid = get_bool(body, "includeInvalidUsers")
    found = []
    for user_id in user_ids:
        user = e.store.users.by_id(user_id)
        if user is None:
            continue
        if user.get("status") in ("disabled", "expired") and not include_invalid:
            continue
        found.append(users.public_user(user))
    return ok({"users": found})


async def delete_all_test_users(request: Request) -> Response:
    """DELETE /v1/mgmt/user/test/delete/all"""
    e = require_management(request)
    e.store.users.delete_test_users()
    return ok({})


# -- update, patch, logout, history, status --------------------------------------------------


async def _change_fields(request: Request, full: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    apply_user_fields(e, user, body, full=full)
    users.touch(e, user)
    users.record_modified(e, user)
    return _answer(user)


async def update(request: Request) -> Response:
    """POST /v1/mgmt/user/update (absent fields are cleared)."""
    return await _change_fields(request, True)


async def patch(request: Request) -> Response:
    """PATCH /v1/mgmt/user/patch (only given fields change)."""
    return await _change_fields(request, False)


async def logout(request: Request) -> Response:
    """POST /v1/mgmt/user/logout: revoke every session of the user."""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    e.store.refresh_tokens.revoke_user(user["userId"])
    users.record_modified(e, user, "Logout", data={"by": "management"})
    return ok({})


async def history(request: Request) -> Response:
    """POST /v1/mgmt/user/history (the body is an array of user ids)."""
    e = require_management(request)
    ids = await read_json_array(request)
    if not all(isinstance(i, str) for i in ids):
        raise errors.WRONG_TYPE("Body must be an array of user ids")
    out: list[dict[str, Any]] = []
    for user_id in ids:
        for entry in e.store.login_history.of(user_id):
            out.append(
                {
                    "userId": entry["userId"],
                    "loginTime": entry["loginTime"],
                    "city": entry.get("city", ""),
                    "country": entry.get("country", ""),
                    "ip": entry.get("ip", ""),
                }
            )
    return JSONResponse(out)


async def update_status(request: Request) -> Response:
    """POST /v1/mgmt/user/update/status (disabling revokes the user's sessions)."""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    status = get_str(body, "status")
    if status not in ("enabled", "disabled"):
        raise errors.INVALID_REQUEST("'status' must be 'enabled' or 'disabled'")
    user["status"] = status
    users.touch(e, user)
    if status == "disabled":
        e.store.refresh_tokens.revoke_user(user["userId"])
    users.record_modified(e, user, "UserDeactivated" if status == "disabled" else "UserActivated")
    return _answer(user)


# -- single-field updates --------------------------------------------------------------------


async def update_login_id(request: Request) -> Response:
    """POST /v1/mgmt/user/update/loginid (no new login id: remove this one)."""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    old = get_str(body, "loginId")
    new = users.check_login_id(opt_str(body, "newLoginId") or "")
    if new:
        if e.store.users.login_id_taken(new, user["userId"]):
            raise errors.USER_EXISTS(f"Login id '{new}' is already taken")
        user["loginIds"] = [new if lid == old else lid for lid in user["loginIds"]]
    else:
        if len(user["loginIds"]) < 2:
            raise errors.INVALID_REQUEST("Cannot remove the user's only login id")
        user["loginIds"] = [lid for lid in user["loginIds"] if lid != old]
    users.touch(e, user)
    users.record_modified(e, user)
    return _answer(user)


async def _update_contact(request: Request, field: str, verified_field: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    value = opt_str(body, field) or ""
    if value and body.get("failOnConflict"):
        for other in e.store.users.all():
            if other["userId"] != user["userId"] and other.get(field) == value:
                raise errors.USER_EXISTS(f"{field} '{value}' is used by another user")
    user[field] = value
    if body.get("verified") is not None:
        user[verified_field] = get_bool(body, "verified")
    users.touch(e, user)
    users.record_modified(e, user)
    return _answer(user)


async def update_email(request: Request) -> Response:
    """POST /v1/mgmt/user/update/email"""
    return await _update_contact(request, "email", "verifiedEmail")


async def update_phone(request: Request) -> Response:
    """POST /v1/mgmt/user/update/phone"""
    return await _update_contact(request, "phone", "verifiedPhone")


async def update_display_name(request: Request) -> Response:
    """POST /v1/mgmt/user/update/name"""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    for key, field in (
        ("displayName", "name"),
        ("givenName", "givenName"),
        ("middleName", "middleName"),
        ("familyName", "familyName"),
    ):
        if body.get(key) is not None:
            user[field] = opt_str(body, key) or ""
    users.touch(e, user)
    return _answer(user)


async def update_picture(request: Request) -> Response:
    """POST /v1/mgmt/user/update/picture"""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    user["picture"] = opt_str(body, "picture") or ""
    users.touch(e, user)
    return _answer(user)


async def update_custom_attribute(request: Request) -> Response:
    """POST /v1/mgmt/user/update/customAttribute"""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    key = get_str(body, "attributeKey")
    value = body.get("attributeValue")
    if not isinstance(value, (str, int, float, bool)) and value is not None:
        raise errors.WRONG_TYPE("'attributeValue' must be a string, number or boolean")
    custom_attributes.check_values(e, {key: value})
    attrs = dict(user.get("customAttributes") or {})
    attrs[key] = value
    user["customAttributes"] = attrs
    users.touch(e, user)
    return _answer(user)


# -- roles, tenants, SSO apps ----------------------------------------------------------------


async def _change_roles(request: Request, op: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    names = get_str_list(body, "roleNames")
    tenant_id = opt_str(body, "tenantId") or ""
    users.change_roles(e, user, op, names, tenant_id)
    users.touch(e, user)
    users.record_modified(e, user, "UserRolesModified", tenants=[tenant_id] if tenant_id else [],
                          data={"op": op, "roles": names})
    return _answer(user)


async def set_roles(request: Request) -> Response:
    """POST /v1/mgmt/user/update/role/set (``tenantId``: the tenant's roles)."""
    return await _change_roles(request, "set")


async def add_roles(request: Request) -> Response:
    """POST /v1/mgmt/user/update/role/add and /v2/mgmt/user/update/role/add"""
    return await _change_roles(request, "add")


async def remove_roles(request: Request) -> Response:
    """POST /v1/mgmt/user/update/role/remove"""
    return await _change_roles(request, "remove")


async def _change_tenant(request: Request, add: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    users.change_tenant(e, user, get_str(body, "tenantId"), add)
    users.touch(e, user)
    return _answer(user)


async def add_tenant(request: Request) -> Response:
    """POST /v1/mgmt/user/update/tenant/add"""
    return await _change_tenant(request, True)


async def remove_tenant(request: Request) -> Response:
    """POST /v1/mgmt/user/update/tenant/remove"""
    return await _change_tenant(request, False)


async def _change_sso_apps(request: Request, op: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    users.change_sso_apps(e, user, op, get_str_list(body, "ssoAppIds"))
    users.touch(e, user)
    return _answer(user)


async def set_sso_apps(request: Request) -> Response:
    """POST /v1/mgmt/user/update/ssoapp/set"""
    return await _change_sso_apps(request, "set")


async def add_sso_apps(request: Request) -> Response:
    """POST /v1/mgmt/user/update/ssoapp/add"""
    return await _change_sso_apps(request, "add")


async def remove_sso_apps(request: Request) -> Response:
    """POST /v1/mgmt/user/update/ssoapp/remove"""
    return await _change_sso_apps(request, "remove")


# -- passwords -------------------------------------------------------------------------------


async def _set_password(request: Request, mode: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    password = get_str(body, "password")
    active = mode == "active" or (mode == "either" and get_bool(body, "setActive"))
    passwords.set_by_administrator(e, user, password, active)
    return ok({})


async def set_temporary_password(request: Request) -> Response:
    """POST /v1/mgmt/user/password/set/temporary"""
    return await _set_password(request, "temporary")


async def set_active_password(request: Request) -> Response:
    """POST /v1/mgmt/user/password/set/active"""
    return await _set_password(request, "active")


async def set_password(request: Request) -> Response:
    """POST /v1/mgmt/user/password/set (``setActive`` chooses)."""
    return await _set_password(request, "either")


async def expire_password(request: Request) -> Response:
    """POST /v1/mgmt/user/password/expire"""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    passwords.expire(user)
    users.touch(e, user)
    users.record_modified(e, user, "UserPasswordExpired")
    return ok({})


# -- passkeys --------------------------------------------------------------------------------


async def list_passkeys(request: Request) -> Response:
    """POST /v1/mgmt/user/passkeys/list"""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    return ok({"passkeys": [passkeys.public(p) for p in e.store.passkeys.of_user(user["userId"])]})


async def delete_passkey(request: Request) -> Response:
    """POST /v1/mgmt/user/passkey/delete (404 when the user has no such passkey)"""
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    passkeys.remove(e, user, get_str(body, "credentialId"))
    users.record_modified(e, user)
    return ok({})


async def remove_all_passkeys(request: Request) -> Response:
    """POST /v1/mgmt/user/passkeys/delete"""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    passkeys.remove_all(e, user)
    users.record_modified(e, user)
    return ok({})


# -- search ----------------------------------------------------------------------------------


def _role_filter(body: dict[str, Any], key: str) -> dict[str, tuple[list[str], bool]]:
    out: dict[str, tuple[list[str], bool]] = {}
    for tid, spec in get_obj(body, key).items():
        if not isinstance(spec, dict):
            raise errors.WRONG_TYPE(f"'{key}' values must be objects")
        out[tid] = (get_str_list(spec, "values"), get_bool(spec, "and"))
    return out


async def _search(request: Request, test_only_path: bool) -> Response:
    e = require_management(request)
    body = await read_json(request)
    limit = get_int(body, "limit")
    page = get_int(body, "page")
    if limit < 0 or page < 0:
        raise errors.INVALID_REQUEST("'limit' and 'page' must not be negative")
    found = users.UserFilter(
        test_only=test_only_path or get_bool(body, "testUsersOnly"),
        with_test=test_only_path or get_bool(body, "withTestUser"),
        tenant_ids=get_str_list(body, "tenantIds"),
        role_names=get_str_list(body, "roleNames"),
        statuses=get_str_list(body, "statuses"),
        emails=get_str_list(body, "emails"),
        phones=get_str_list(body, "phones"),
        user_ids=get_str_list(body, "userIds"),
        login_ids=get_str_list(body, "loginIds"),
        sso_app_ids=get_str_list(body, "ssoAppIds"),
        attrs=get_obj(body, "customAttributes"),
        text=(opt_str(body, "text") or "").lower(),
        from_created=get_int(body, "fromCreatedTime"),
        to_created=get_int(body, "toCreatedTime"),
        from_modified=get_int(body, "fromModifiedTime"),
        to_modified=get_int(body, "toModifiedTime"),
        tenant_role_names=_role_filter(body, "tenantRoleNames"),
        tenant_role_ids=_role_filter(body, "tenantRoleIds"),
    )
    matching = [u for u in e.store.users.all() if found.matches(u)]
    for spec in reversed(get_obj_list(body, "sort")):
        field = get_str(spec, "field")
        matching.sort(key=lambda u, fld=field: str(u.get(fld, "")), reverse=get_bool(spec, "desc"))
    size = limit or DEFAULT_LIMIT
    window = matching[page * size : (page + 1) * size]
    return ok({"users": [users.public_user(u) for u in window], "total": len(matching)})


async def search_all(request: Request) -> Response:
    """POST /v2/mgmt/user/search"""
    return await _search(request, False)


async def search_all_test_users(request: Request) -> Response:
    """POST /v2/mgmt/user/search/test"""
    return await _search(request, True)


# -- test users: sign-in generators ----------------------------------------------------------


def _test_user(e: Emulator, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    login_id = get_str(body, "loginId")
    user = e.store.users.by_login_id(login_id)
    if user is None or not user.get("test"):
        raise errors.USER_NOT_FOUND(f"Cannot find test user {login_id}")
    return login_id, user


def _delivery(body: dict[str, Any]) -> str:
    method = get_str(body, "deliveryMethod")
    if method not in DELIVERY:
        raise errors.WRONG_TYPE(f"Unknown delivery method '{method}'")
    return DELIVERY[method]


async def generate_otp_for_test_user(request: Request) -> Response:
    """POST /v1/mgmt/tests/generate/otp"""
    e = require_management(request)
    body = await read_json(request)
    channel = _delivery(body)
    login_id, user = _test_user(e, body)
    data = challenges.signin_data(user, channel, login_options(body))
    code = challenges.new_otp(e, login_id, "", data, deliver=False, for_test_user=True)
    return ok({"code": code, "loginId": login_id})


async def generate_magic_link_for_test_user(request: Request) -> Response:
    """POST /v1/mgmt/tests/generate/magiclink"""
    e = require_management(request)
    body = await read_json(request)
    channel = _delivery(body)
    uri = get_str(body, "URI", required=False)
    login_id, user = _test_user(e, body)
    data = challenges.signin_data(user, channel, login_options(body))
    sent = challenges.new_magic_link(e, base_url(request), login_id, "", uri, data, deliver=False)
    return ok({"link": sent["link"], "loginId": login_id})


async def generate_enchanted_link_for_test_user(request: Request) -> Response:
    """POST /v1/mgmt/tests/generate/enchantedlink"""
    e = require_management(request)
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    login_id, user = _test_user(e, body)
    data = challenges.signin_data(user, "email", login_options(body))
    sent = challenges.new_enchanted_link(e, base_url(request), login_id, "", uri, data,
                                         deliver=False)
    return ok({"link": sent["link"], "loginId": login_id, "pendingRef": sent["pendingRef"]})


async def generate_embedded_link(request: Request) -> Response:
    """POST /v1/mgmt/user/signin/embeddedlink: a one-time token that
    ``/v1/auth/magiclink/verify`` exchanges for a session."""
    e = require_management(request)
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    custom = get_obj(body, "customClaims")
    timeout = get_int(body, "timeout")
    user = e.store.users.by_login_id(login_id)
    if user is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}")
    data = {"channel": "embedded", "purpose": "signin", "userId": user["userId"],
            "opts": {"customClaims": custom}, "trustedClaims": True}
    sent = challenges.new_magic_link(
        e, base_url(request), login_id, "", challenges.link_target(base_url(request), ""), data,
        deliver=False, ttl=timeout if timeout > 0 else None,
    )
    return ok({"token": sent["token"]})


# -- batch patch, recovery contacts, families, factors, devices ------------------------------


async def patch_batch(request: Request) -> Response:
    """PATCH /v1/mgmt/user/patch/batch: each user patched as by ``patch``, or reported in
    ``failedUsers`` (``{"failure", "user"}``); the others are patched."""
    e = require_management(request)
    body = await read_json(request)
    get_batch(body, "users")
    entries = get_obj_list(body, "users", required=True)
    patched: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for raw in entries:
        try:
            with e.store.tx():
                user = user_of(e, raw)
                apply_user_fields(e, user, raw, full=False)
                users.touch(e, user)
        except errors.ApiError as exc:
            failed.append({"failure": exc.message, "user": {"loginIds": [raw.get("loginId")]}})
            continue
        users.record_modified(e, user)
        patched.append(users.public_user(user))
    return ok({"patchedUsers": patched, "failedUsers": failed, "additionalErrors": {}})


async def _update_recovery(request: Request, field: str) -> Response:
    e = require_management(request)
    body = await read_json(request)
    user = user_of(e, body)
    users.set_recovery(user, field, opt_str(body, field) or "", get_bool(body, "verified"))
    users.touch(e, user)
    users.record_modified(e, user)
    return _answer(user)


async def update_recovery_email(request: Request) -> Response:
    """POST /v1/mgmt/user/update/recovery/email"""
    return await _update_recovery(request, "recoveryEmail")


async def update_recovery_phone(request: Request) -> Response:
    """POST /v1/mgmt/user/update/recovery/phone"""
    return await _update_recovery(request, "recoveryPhone")


async def add_families(request: Request) -> Response:
    """POST /v1/mgmt/user/update/family/add"""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        user = user_of(e, body)
        families.add_memberships(e, user, get_obj_list(body, "familyAssociations",
                                                       required=True))
        users.touch(e, user)
    return _answer(user)


async def remove_families(request: Request) -> Response:
    """POST /v1/mgmt/user/update/family/remove"""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        user = user_of(e, body)
        families.remove_memberships(user, get_str_list(body, "familyIds"))
        users.touch(e, user)
    return _answer(user)


async def remove_totp_seed(request: Request) -> Response:
    """POST /v1/mgmt/user/totp/delete: TOTP sign-ins are refused afterwards."""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    totp.remove(user)
    users.touch(e, user)
    users.record_modified(e, user, "UserTOTPRemoved")
    return ok({})


async def remove_recovery_codes(request: Request) -> Response:
    """POST /v1/mgmt/user/recovery-codes/delete"""
    e = require_management(request)
    user = user_of(e, await read_json(request))
    user.pop("_recoveryCodes", None)
    users.touch(e, user)
    users.record_modified(e, user, "UserRecoveryCodesRemoved")
    return ok({})


async def list_trusted_devices(request: Request) -> Response:
    """POST /v1/mgmt/user/trusteddevices/list: ``identifiers`` are login ids or user ids
    (404 for an unknown one)."""
    e = require_management(request)
    body = await read_json(request)
    identifiers = get_str_list(body, "identifiers")
    if not identifiers:
        raise errors.INVALID_REQUEST("'identifiers' must not be empty")
    devices: list[dict[str, Any]] = []
    for ref in identifiers:
        user = users.find_by_login_or_id(e, ref)
        if user is None:
            raise errors.USER_NOT_FOUND(f"Cannot find user {ref[:64]}")
        devices.extend(trusted_devices.of_user(e, user))
    return ok({"devices": devices})


async def remove_trusted_device(request: Request) -> Response:
    """POST /v1/mgmt/user/trusteddevices/remove (404 for a device the user does not have)"""
    e = require_management(request)
    body = await read_json(request)
    ref = get_str(body, "identifier")
    with e.store.tx():
        user = users.find_by_login_or_id(e, ref)
        if user is None:
            raise errors.USER_NOT_FOUND(f"Cannot find user {ref[:64]}")
        trusted_devices.remove(user, get_str_list(body, "deviceIds"))
        users.touch(e, user)
    return ok({})


async def get_provider_token(request: Request) -> Response:
    """GET /v1/mgmt/user/provider/token?loginId=&provider=&withRefreshToken=&forceRefresh="""
    e = require_management(request)
    q = request.query_params
    login_id, provider = q.get("loginId") or "", q.get("provider") or ""
    if not login_id or not provider:
        raise errors.INVALID_REQUEST("'loginId' and 'provider' are required")
    flags = {}
    for key in ("withRefreshToken", "forceRefresh"):
        value = q.get(key, "false").lower()
        if value not in ("true", "false"):
            raise errors.WRONG_TYPE(f"'{key}' must be true or false")
        flags[key] = value == "true"
    with e.store.tx():
        user = users.find_user(e, login_id, None)
        token = provider_tokens.get(e, user, provider, with_refresh_token=flags[
            "withRefreshToken"], force_refresh=flags["forceRefresh"])
        e.store.users.save(user)
    return ok(token)


_SIGN_UP_USER_KEYS = {"email": "email", "phone": "phone", "name": "name",
                      "displayName": "name", "given_name": "givenName", "givenName": "givenName",
                      "middle_name": "middleName", "middleName": "middleName",
                      "family_name": "familyName", "familyName": "familyName"}


async def generate_sign_up_embedded_link(request: Request) -> Response:
    """POST /v1/mgmt/user/signup/embeddedlink: a one-time token that
    ``/v1/auth/magiclink/verify`` exchanges for the session of a new user (``firstSeen``)."""
    e = require_management(request)
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    timeout = get_int(body, "timeout")
    if timeout < 0:
        raise errors.INVALID_REQUEST("'timeout' must not be negative")
    raw_user = get_obj(body, "user")
    fields: dict[str, Any] = {}
    for key, field in _SIGN_UP_USER_KEYS.items():
        value = raw_user.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise errors.WRONG_TYPE(f"'user.{key}' must be a string")
            fields[field] = value
    if e.store.users.login_id_taken(login_id):
        raise errors.USER_EXISTS(f"User '{login_id}' already exists")
    data = {"channel": "embedded", "purpose": "signup", "user": fields,
            "verifiedFlags": {"verifiedEmail": get_bool(body, "emailVerified"),
                              "verifiedPhone": get_bool(body, "phoneVerified")},
            "opts": login_options(body), "trustedClaims": True}
    sent = challenges.new_magic_link(
        e, base_url(request), login_id, "", challenges.link_target(base_url(request), ""), data,
        deliver=False, ttl=timeout if timeout > 0 else None,
    )
    return ok({"token": sent["token"]})


# -- custom attribute definitions: the project's and the family-scoped ones ----------------


async def load_custom_attributes(request: Request) -> Response:
    """GET /v1/mgmt/user/customattributes"""
    e = require_management(request)
    return ok({"data": custom_attributes.definitions(e)})


async def create_custom_attribute(request: Request) -> Response:
    """POST /v1/mgmt/user/customattribute/create (the Node SDK sends several at once)"""
    e = require_management(request)
    body = await read_json(request)
    items = get_obj_list(body, "attributes", required=True)
    return ok({"data": custom_attributes.create(e, items)})


async def delete_custom_attribute(request: Request) -> Response:
    """POST /v1/mgmt/user/customattribute/delete"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"data": custom_attributes.delete(e, get_str_list(body, "names"))})


async def load_family_scoped_custom_attributes(request: Request) -> Response:
    """GET /v1/mgmt/user/families/customattributes"""
    e = require_management(request)
    return ok({"data": custom_attributes.definitions(e, family_scoped=True)})


async def create_family_scoped_custom_attributes(request: Request) -> Response:
    """POST /v1/mgmt/user/families/customattribute/create"""
    e = require_management(request)
    body = await read_json(request)
    items = get_obj_list(body, "attributes", required=True)
    return ok({"data": custom_attributes.create(e, items, family_scoped=True)})


async def delete_family_scoped_custom_attributes(request: Request) -> Response:
    """POST /v1/mgmt/user/families/customattribute/delete"""
    e = require_management(request)
    body = await read_json(request)
    names = get_str_list(body, "names")
    return ok({"data": custom_attributes.delete(e, names, family_scoped=True)})


async def import_users(request: Request) -> Response:
    """POST /v1/mgmt/user/import: ``{"users", "failures"}`` (see domain/user_import.py)."""
    e = require_management(request)
    body = await read_json(request)
    source = opt_str(body, "source")
    if not source:
        raise errors.INVALID_REQUEST("'source' is required")
    answer = user_import.import_users(e, body.get("users"), body.get("hashes"),
                                      dry_run=get_bool(body, "dryrun"))
    if not get_bool(body, "dryrun"):
        audit.record(e, "UsersImported", data={"count": len(answer["users"]),
                                               "source": source[:64]})
    return ok(answer)
