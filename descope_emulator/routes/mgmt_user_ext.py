"""Users beyond create/load/delete and the test-user helpers: batch invite, update,
patch, logout, search, history, status, single-field updates, roles, tenants, SSO apps
and passwords (temporary / active / expired).

Password state: ``_passwordExpiredHash`` holds the hash that must not be used to sign in
any more (an expired or a temporary password). Setting a new password through any flow
changes ``_passwordHash``, which lifts the block by itself.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import errors
from ..service import Emulator
from ._common import (
    get_bool,
    get_int,
    get_obj,
    get_str,
    get_str_list,
    ok,
    opt_str,
    read_json,
)
from ._mgmt import audit, require_mgmt, user_of

STATUSES = ("enabled", "disabled", "invited", "expired")
DEFAULT_LIMIT = 100


def password_expired_error() -> errors.ApiError:
    return errors.ApiError(
        401,
        "E062407",
        "Password expired",
        "The user's password is expired or temporary; it must be reset or replaced",
    )


def check_password_usable(user: dict[str, Any]) -> None:
    """Raise the Descope "password expired" error for an expired or temporary password
    (called by the password sign-in after the password itself matched)."""
    blocked = user.get("_passwordExpiredHash")
    if blocked and blocked == user.get("_passwordHash"):
        raise password_expired_error()


def after_user_created(e: Emulator, user: dict[str, Any], body: dict[str, Any]) -> None:
    """Hook of the user-create route: the invitation message (when `invite`) and the
    audit event."""
    if body.get("invite") is True:
        link = body.get("inviteUrl") if isinstance(body.get("inviteUrl"), str) else ""
        login_id = user["loginIds"][0]
        if body.get("sendMail") is not False and user.get("email"):
            e.send(login_id, "email", user["email"], "invite", {"link": link})
        if body.get("sendSMS") is True and user.get("phone"):
            e.send(login_id, "sms", user["phone"], "invite", {"link": link})
    audit(
        e, "UserCreated", user_id=user["userId"], login_ids=list(user["loginIds"]),
        tenants=[t["tenantId"] for t in user.get("userTenants") or []],
        data={"invite": bool(body.get("invite")), "test": bool(user.get("test"))},
    )


def public(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    return e.public_user(user)


def _touch(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    user["modifiedTime"] = int(e.now())
    e.store.save_user(user)
    return user


def _tenants(e: Emulator, body: dict[str, Any], key: str = "userTenants") -> list[dict[str, Any]]:
    raw = body.get(key) or []
    if not isinstance(raw, list):
        raise errors.bad_request(f"'{key}' must be an array", "E011003")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.bad_request(f"'{key}' entries must be objects", "E011003")
        tid = get_str(item, "tenantId")
        tenant = e.store.tenant(tid)
        if tenant is None:
            raise errors.bad_request(f"Tenant '{tid}' does not exist", "E091101")
        out.append(
            {
                "tenantId": tid,
                "roleNames": get_str_list(item, "roleNames"),
                "tenantName": tenant.get("name", tid),
            }
        )
    return out


def _status(body: dict[str, Any]) -> str | None:
    status = opt_str(body, "status")
    if status is not None and status not in STATUSES:
        raise errors.bad_request(f"'status' must be one of {', '.join(STATUSES)}")
    return status


def apply_fields(e: Emulator, user: dict[str, Any], body: dict[str, Any], *, full: bool) -> None:
    """Copy the §3.2 user body onto a user. ``full``: absent/null keys clear the field
    (update); otherwise only present, non-null keys change (patch)."""

    def given(key: str) -> bool:
        return full or body.get(key) is not None

    for key, field in (
        ("email", "email"),
        ("phone", "phone"),
        ("displayName", "name"),
        ("givenName", "givenName"),
        ("middleName", "middleName"),
        ("familyName", "familyName"),
        ("picture", "picture"),
    ):
        if given(key):
            user[field] = opt_str(body, key) or ""
    if given("roleNames"):
        user["roleNames"] = get_str_list(body, "roleNames")
    if given("userTenants"):
        user["userTenants"] = _tenants(e, body)
    if given("customAttributes"):
        user["customAttributes"] = get_obj(body, "customAttributes")
    sso_key = "ssoAppIDs" if "ssoAppIDs" in body else "ssoAppIds"
    if given(sso_key):
        user["ssoAppIds"] = get_str_list(body, sso_key)
    if full and "additionalLoginIds" in body or body.get("additionalLoginIds") is not None:
        extra = get_str_list(body, "additionalLoginIds")
        user["loginIds"] = [user["loginIds"][0]] + [x for x in extra if x != user["loginIds"][0]]
        for lid in user["loginIds"][1:]:
            if e.store.login_id_taken(lid, user["userId"]):
                raise errors.conflict(f"Login id '{lid}' is already taken")
    if body.get("verifiedEmail") is not None:
        user["verifiedEmail"] = get_bool(body, "verifiedEmail")
    elif not full and body.get("email") is not None:
        user["verifiedEmail"] = True
    if body.get("verifiedPhone") is not None:
        user["verifiedPhone"] = get_bool(body, "verifiedPhone")
    elif not full and body.get("phone") is not None:
        user["verifiedPhone"] = True
    status = _status(body)
    if status is not None:
        user["status"] = status
    if "test" in body and body.get("test") is not None:
        user["test"] = get_bool(body, "test")


# -- batch invite, update, patch -------------------------------------------------------------


async def invite_batch(request: Request) -> Response:
    from .auth_password import set_password

    e = require_mgmt(request)
    body = await read_json(request)
    users = body.get("users")
    if not isinstance(users, list) or not users:
        raise errors.bad_request("'users' must be a non-empty array", "E011003")
    send_mail = body.get("sendMail")
    send_sms = get_bool(body, "sendSMS")
    invite_url = opt_str(body, "inviteUrl") or ""
    created: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for raw in users:
        if not isinstance(raw, dict):
            raise errors.bad_request("each user must be an object", "E011003")
        login_id = get_str(raw, "loginId")
        try:
            with e.store.tx():
                if e.store.user_by_login_id(login_id) is not None:
                    raise errors.conflict(f"User '{login_id}' already exists")
                user = e.new_user(login_id, {})
                apply_fields(e, user, raw, full=True)
                if not user["email"] and "@" in login_id:
                    user["email"] = login_id
                if raw.get("verifiedEmail") is None and user["email"]:
                    user["verifiedEmail"] = True
                user["status"] = _status(raw) or "invited"
                password = opt_str(raw, "password")
                if password:
                    set_password(user, password)
                elif isinstance(raw.get("hashedPassword"), dict):
                    user["_hashedPassword"] = raw["hashedPassword"]
                    user["password"] = True
                e.store.save_user(user)
        except errors.ApiError as exc:
            failed.append({"user": raw, "failure": exc.message})
            continue
        if send_mail is not False and user["email"]:
            e.send(login_id, "email", user["email"], "invite", {"link": invite_url})
        if send_sms and user["phone"]:
            e.send(login_id, "sms", user["phone"], "invite", {"link": invite_url})
        created.append(public(e, user))
    audit(e, "UsersInvited", data={"count": len(created)})
    return ok({"createdUsers": created, "failedUsers": failed, "users": created})


async def update(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    apply_fields(e, user, body, full=True)
    _touch(e, user)
    audit(e, "UserModified", user_id=user["userId"], login_ids=user["loginIds"])
    return ok({"user": public(e, user)})


async def patch(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    apply_fields(e, user, body, full=False)
    _touch(e, user)
    audit(e, "UserModified", user_id=user["userId"], login_ids=user["loginIds"])
    return ok({"user": public(e, user)})


# -- logout, history, status -----------------------------------------------------------------


async def logout(request: Request) -> Response:
    e = require_mgmt(request)
    user = user_of(e, await read_json(request))
    e.store.revoke_user_refresh(user["userId"])
    audit(
        e, "Logout", user_id=user["userId"], login_ids=user["loginIds"], data={"by": "management"}
    )
    return ok({})


async def history(request: Request) -> Response:
    e = require_mgmt(request)
    ids = await read_json(request, array=True)
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise errors.bad_request("Body must be an array of user ids", "E011003")
    out: list[dict[str, Any]] = []
    for user_id in ids:
        for entry in e.store.history(user_id):
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
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    status = get_str(body, "status")
    if status not in ("enabled", "disabled"):
        raise errors.bad_request("'status' must be 'enabled' or 'disabled'")
    user["status"] = status
    _touch(e, user)
    if status == "disabled":
        e.store.revoke_user_refresh(user["userId"])
    audit(
        e,
        "UserDeactivated" if status == "disabled" else "UserActivated",
        user_id=user["userId"],
        login_ids=user["loginIds"],
    )
    return ok({"user": public(e, user)})


# -- single-field updates ----------------------------------------------------------------------


async def update_login_id(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    old = get_str(body, "loginId")
    new = opt_str(body, "newLoginId") or ""
    if new:
        if e.store.login_id_taken(new, user["userId"]):
            raise errors.conflict(f"Login id '{new}' is already taken")
        user["loginIds"] = [new if lid == old else lid for lid in user["loginIds"]]
    else:
        if len(user["loginIds"]) < 2:
            raise errors.bad_request("Cannot remove the user's only login id")
        user["loginIds"] = [lid for lid in user["loginIds"] if lid != old]
    _touch(e, user)
    audit(e, "UserModified", user_id=user["userId"], login_ids=user["loginIds"])
    return ok({"user": public(e, user)})


def _contact(field: str, verified_field: str) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        user = user_of(e, body)
        value = opt_str(body, field) or ""
        if value and body.get("failOnConflict"):
            for other in e.store.all_users():
                if other["userId"] != user["userId"] and other.get(field) == value:
                    raise errors.conflict(f"{field} '{value}' is used by another user")
        user[field] = value
        if body.get("verified") is not None:
            user[verified_field] = get_bool(body, "verified")
        _touch(e, user)
        audit(e, "UserModified", user_id=user["userId"], login_ids=user["loginIds"])
        return ok({"user": public(e, user)})

    return handler


async def update_name(request: Request) -> Response:
    e = require_mgmt(request)
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
    _touch(e, user)
    return ok({"user": public(e, user)})


async def update_picture(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    user["picture"] = opt_str(body, "picture") or ""
    _touch(e, user)
    return ok({"user": public(e, user)})


async def update_custom_attribute(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    user = user_of(e, body)
    key = get_str(body, "attributeKey")
    value = body.get("attributeValue")
    if not isinstance(value, (str, int, float, bool)) and value is not None:
        raise errors.bad_request("'attributeValue' must be a string, number or boolean")
    attrs = dict(user.get("customAttributes") or {})
    attrs[key] = value
    user["customAttributes"] = attrs
    _touch(e, user)
    return ok({"user": public(e, user)})


# -- roles, tenants, SSO apps --------------------------------------------------------------------


def _roles(op: str) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        user = user_of(e, body)
        names = get_str_list(body, "roleNames")
        tenant_id = opt_str(body, "tenantId") or ""
        if tenant_id:
            tenant = e.store.tenant(tenant_id)
            if tenant is None:
                raise errors.bad_request(f"Tenant '{tenant_id}' does not exist", "E091101")
            tenants = list(user.get("userTenants") or [])
            assoc = next((t for t in tenants if t.get("tenantId") == tenant_id), None)
            if assoc is None:
                if op == "remove":
                    raise errors.bad_request(f"User is not in tenant '{tenant_id}'")
                assoc = {"tenantId": tenant_id, "roleNames": [], "tenantName": tenant["name"]}
                tenants.append(assoc)
            assoc["roleNames"] = _combine(op, list(assoc.get("roleNames") or []), names)
            user["userTenants"] = tenants
        else:
            user["roleNames"] = _combine(op, list(user.get("roleNames") or []), names)
        _touch(e, user)
        audit(
            e,
            "UserRolesModified",
            user_id=user["userId"],
            login_ids=user["loginIds"],
            tenants=[tenant_id] if tenant_id else [],
            data={"op": op, "roles": names},
        )
        return ok({"user": public(e, user)})

    return handler


def _combine(op: str, current: list[str], names: list[str]) -> list[str]:
    if op == "set":
        return list(dict.fromkeys(names))
    if op == "add":
        return current + [n for n in names if n not in current]
    return [r for r in current if r not in names]


def _tenant_membership(add: bool) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        user = user_of(e, body)
        tenant_id = get_str(body, "tenantId")
        tenant = e.store.tenant(tenant_id)
        if tenant is None:
            raise errors.bad_request(f"Tenant '{tenant_id}' does not exist", "E091101")
        tenants = [t for t in user.get("userTenants") or [] if t.get("tenantId") != tenant_id]
        if add:
            old = next(
                (t for t in user.get("userTenants") or [] if t.get("tenantId") == tenant_id),
                None,
            )
            tenants.append(
                old or {"tenantId": tenant_id, "roleNames": [], "tenantName": tenant["name"]}
            )
        user["userTenants"] = tenants
        _touch(e, user)
        return ok({"user": public(e, user)})

    return handler


def _sso_apps(op: str) -> Any:
    async def handler(request: Request) -> Response:
        from .. import mgmt_store

        e = require_mgmt(request)
        body = await read_json(request)
        user = user_of(e, body)
        ids = get_str_list(body, "ssoAppIds")
        if op != "remove":
            for app_id in ids:
                if mgmt_store.app_get(e.store, app_id) is None:
                    raise errors.bad_request(f"SSO application '{app_id}' does not exist")
        user["ssoAppIds"] = _combine(op, list(user.get("ssoAppIds") or []), ids)
        _touch(e, user)
        return ok({"user": public(e, user)})

    return handler


# -- passwords -------------------------------------------------------------------------------


def _set_password(mode: str) -> Any:
    async def handler(request: Request) -> Response:
        from .auth_password import set_password

        e = require_mgmt(request)
        body = await read_json(request)
        user = user_of(e, body)
        password = get_str(body, "password")
        set_password(user, password)
        active = mode == "active" or (mode == "either" and get_bool(body, "setActive"))
        if active:
            user.pop("_passwordExpiredHash", None)
        else:
            user["_passwordExpiredHash"] = user["_passwordHash"]
        _touch(e, user)
        audit(
            e,
            "UserPasswordSet",
            user_id=user["userId"],
            login_ids=user["loginIds"],
            data={"active": active},
        )
        return ok({})

    return handler


async def expire_password(request: Request) -> Response:
    e = require_mgmt(request)
    user = user_of(e, await read_json(request))
    if not user.get("_passwordHash"):
        raise errors.bad_request("User has no password", "E062408")
    user["_passwordExpiredHash"] = user["_passwordHash"]
    _touch(e, user)
    audit(e, "UserPasswordExpired", user_id=user["userId"], login_ids=user["loginIds"])
    return ok({})


# -- search --------------------------------------------------------------------------------------


def _role_filter(body: dict[str, Any], key: str) -> dict[str, tuple[list[str], bool]]:
    raw = get_obj(body, key)
    out: dict[str, tuple[list[str], bool]] = {}
    for tid, spec in raw.items():
        if not isinstance(spec, dict):
            raise errors.bad_request(f"'{key}' values must be objects", "E011003")
        out[tid] = (get_str_list(spec, "values"), get_bool(spec, "and"))
    return out


def _matches(user: dict[str, Any], body: dict[str, Any], f: dict[str, Any]) -> bool:
    is_test = bool(user.get("test"))
    if f["test_only"] and not is_test:
        return False
    if is_test and not (f["test_only"] or f["with_test"]):
        return False
    tenants = {t.get("tenantId"): t for t in user.get("userTenants") or []}
    if f["tenant_ids"] and not set(f["tenant_ids"]) & set(tenants):
        return False
    if f["role_names"]:
        held = set(user.get("roleNames") or [])
        for t in tenants.values():
            held |= set(t.get("roleNames") or [])
        if not set(f["role_names"]) & held:
            return False
    for key, field in (
        ("statuses", "status"),
        ("emails", "email"),
        ("phones", "phone"),
        ("userIds", "userId"),
    ):
        if f[key] and user.get(field) not in f[key]:
            return False
    if f["loginIds"] and not set(f["loginIds"]) & set(user.get("loginIds") or []):
        return False
    if f["ssoAppIds"] and not set(f["ssoAppIds"]) & set(user.get("ssoAppIds") or []):
        return False
    attrs = user.get("customAttributes") or {}
    for k, v in f["attrs"].items():
        if isinstance(v, list):
            if attrs.get(k) not in v:
                return False
        elif attrs.get(k) != v:
            return False
    if f["text"]:
        hay = " ".join(
            [
                *(user.get("loginIds") or []),
                user.get("email", ""),
                user.get("phone", ""),
                user.get("name", ""),
                user.get("userId", ""),
                json.dumps(attrs),
            ]
        ).lower()
        if f["text"] not in hay:
            return False
    created = int(user.get("createdTime", 0)) * 1000
    modified = int(user.get("modifiedTime", user.get("createdTime", 0))) * 1000
    for bound, value, lower in (
        ("fromCreatedTime", created, True),
        ("toCreatedTime", created, False),
        ("fromModifiedTime", modified, True),
        ("toModifiedTime", modified, False),
    ):
        limit = f[bound]
        if limit and ((lower and value < limit) or (not lower and value > limit)):
            return False
    for key, attr in (("tenantRoleNames", "roleNames"), ("tenantRoleIds", "roleNames")):
        for tid, (values, conj) in f[key].items():
            held = set((tenants.get(tid) or {}).get(attr) or [])
            if conj and not set(values) <= held:
                return False
            if not conj and values and not set(values) & held:
                return False
    return True


def _search(test_only_path: bool) -> Any:
    async def handler(request: Request) -> Response:
        e = require_mgmt(request)
        body = await read_json(request)
        limit = get_int(body, "limit")
        page = get_int(body, "page")
        if limit < 0 or page < 0:
            raise errors.bad_request("'limit' and 'page' must not be negative")
        f: dict[str, Any] = {
            "test_only": test_only_path or get_bool(body, "testUsersOnly"),
            "with_test": test_only_path or get_bool(body, "withTestUser"),
            "tenant_ids": get_str_list(body, "tenantIds"),
            "role_names": get_str_list(body, "roleNames"),
            "statuses": get_str_list(body, "statuses"),
            "emails": get_str_list(body, "emails"),
            "phones": get_str_list(body, "phones"),
            "userIds": get_str_list(body, "userIds"),
            "loginIds": get_str_list(body, "loginIds"),
            "ssoAppIds": get_str_list(body, "ssoAppIds"),
            "attrs": get_obj(body, "customAttributes"),
            "text": (opt_str(body, "text") or "").lower(),
            "fromCreatedTime": get_int(body, "fromCreatedTime"),
            "toCreatedTime": get_int(body, "toCreatedTime"),
            "fromModifiedTime": get_int(body, "fromModifiedTime"),
            "toModifiedTime": get_int(body, "toModifiedTime"),
            "tenantRoleNames": _role_filter(body, "tenantRoleNames"),
            "tenantRoleIds": _role_filter(body, "tenantRoleIds"),
        }
        users = [u for u in e.store.all_users() if _matches(u, body, f)]
        sort = body.get("sort") or []
        if not isinstance(sort, list):
            raise errors.bad_request("'sort' must be an array", "E011003")
        for spec in reversed(sort):
            if not isinstance(spec, dict):
                raise errors.bad_request("each sort must be an object", "E011003")
            field = get_str(spec, "field")
            users.sort(key=lambda u, fld=field: str(u.get(fld, "")), reverse=get_bool(spec, "desc"))
        size = limit or DEFAULT_LIMIT
        window = users[page * size : (page + 1) * size]
        return ok({"users": [public(e, u) for u in window], "total": len(users)})

    return handler


routes = [
    Route("/v1/mgmt/user/create/batch", invite_batch, methods=["POST"]),
    Route("/v1/mgmt/user/update", update, methods=["POST"]),
    Route("/v1/mgmt/user/patch", patch, methods=["PATCH"]),
    Route("/v1/mgmt/user/logout", logout, methods=["POST"]),
    Route("/v1/mgmt/user/history", history, methods=["POST"]),
    Route("/v1/mgmt/user/update/status", update_status, methods=["POST"]),
    Route("/v1/mgmt/user/update/loginid", update_login_id, methods=["POST"]),
    Route("/v1/mgmt/user/update/email", _contact("email", "verifiedEmail"), methods=["POST"]),
    Route("/v1/mgmt/user/update/phone", _contact("phone", "verifiedPhone"), methods=["POST"]),
    Route("/v1/mgmt/user/update/name", update_name, methods=["POST"]),
    Route("/v1/mgmt/user/update/picture", update_picture, methods=["POST"]),
    Route("/v1/mgmt/user/update/customAttribute", update_custom_attribute, methods=["POST"]),
    Route("/v1/mgmt/user/update/role/set", _roles("set"), methods=["POST"]),
    Route("/v2/mgmt/user/update/role/add", _roles("add"), methods=["POST"]),
    Route("/v1/mgmt/user/update/role/add", _roles("add"), methods=["POST"]),
    Route("/v1/mgmt/user/update/role/remove", _roles("remove"), methods=["POST"]),
    Route("/v1/mgmt/user/update/tenant/add", _tenant_membership(True), methods=["POST"]),
    Route("/v1/mgmt/user/update/tenant/remove", _tenant_membership(False), methods=["POST"]),
    Route("/v1/mgmt/user/update/ssoapp/set", _sso_apps("set"), methods=["POST"]),
    Route("/v1/mgmt/user/update/ssoapp/add", _sso_apps("add"), methods=["POST"]),
    Route("/v1/mgmt/user/update/ssoapp/remove", _sso_apps("remove"), methods=["POST"]),
    Route("/v1/mgmt/user/password/set/temporary", _set_password("temporary"), methods=["POST"]),
    Route("/v1/mgmt/user/password/set/active", _set_password("active"), methods=["POST"]),
    Route("/v1/mgmt/user/password/set", _set_password("either"), methods=["POST"]),
    Route("/v1/mgmt/user/password/expire", expire_password, methods=["POST"]),
    Route("/v2/mgmt/user/search", _search(False), methods=["POST"]),
    Route("/v2/mgmt/user/search/test", _search(True), methods=["POST"]),
]
