"""Request parsing shared by management handlers: the user a body names, the parts of
the user body (§3.2 of the management contract) several user calls accept, and the
one-item / batch shapes of the create-update-delete endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import custom_attributes, families, users
from ..state import Emulator
from .body import (
    get_batch,
    get_bool,
    get_obj,
    get_obj_list,
    get_str,
    get_str_list,
    opt_str,
    read_json,
)
from .credentials import require_management
from .responses import ok

ItemChange = Callable[[Emulator, dict[str, Any]], None]


async def change_one(request: Request, change: ItemChange) -> Response:
    """A management endpoint that applies `change` to its body, in one transaction."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        change(e, body)
    return ok({})


async def change_each(request: Request, key: str, change: ItemChange) -> Response:
    """A batch endpoint: `change` for every object of `body[key]`, in one transaction, so a
    failing item leaves every item unchanged."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        get_batch(body, key, non_empty=False)
        for item in get_obj_list(body, key, required=True):
            change(e, item)
    return ok({})


def user_of(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """The user named by ``loginId`` or ``userId`` in a body (400 neither, 404 unknown)."""
    login_id = body.get("loginId")
    user_id = body.get("userId")
    return users.find_user(
        e,
        login_id if isinstance(login_id, str) else None,
        user_id if isinstance(user_id, str) else None,
    )


def status_of(body: dict[str, Any]) -> str | None:
    """The optional ``status`` field (400 for an unknown status)."""
    status = opt_str(body, "status")
    if status is not None and status not in users.STATUSES:
        raise errors.INVALID_REQUEST(f"'status' must be one of {', '.join(users.STATUSES)}")
    return status


def tenants_of(e: Emulator, body: dict[str, Any], key: str = "userTenants",
               *, with_name: bool = True) -> list[dict[str, Any]]:
    """Tenant memberships of a body (each tenant must exist: 404)."""
    raw = body.get(key) or []
    if not isinstance(raw, list):
        raise errors.WRONG_TYPE(f"'{key}' must be an array")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.WRONG_TYPE(f"'{key}' entries must be objects")
        out.append(users.tenant_association(
            e, get_str(item, "tenantId"), get_str_list(item, "roleNames"), with_name=with_name
        ))
    return out


def apply_user_fields(e: Emulator, user: dict[str, Any], body: dict[str, Any], *, full: bool
                      ) -> None:
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
        user["userTenants"] = tenants_of(e, body)
    if given("customAttributes"):
        user["customAttributes"] = get_obj(body, "customAttributes")
        custom_attributes.check_values(e, user["customAttributes"])
    sso_key = "ssoAppIDs" if "ssoAppIDs" in body else "ssoAppIds"
    if given(sso_key):
        user["ssoAppIds"] = get_str_list(body, sso_key)
    if full and "additionalLoginIds" in body or body.get("additionalLoginIds") is not None:
        extra = get_str_list(body, "additionalLoginIds")
        user["loginIds"] = [user["loginIds"][0]] + [x for x in extra if x != user["loginIds"][0]]
        for lid in user["loginIds"][1:]:
            if e.store.users.login_id_taken(lid, user["userId"]):
                raise errors.USER_EXISTS(f"Login id '{lid}' is already taken")
    if body.get("verifiedEmail") is not None:
        user["verifiedEmail"] = get_bool(body, "verifiedEmail")
    elif not full and body.get("email") is not None:
        user["verifiedEmail"] = True
    if body.get("verifiedPhone") is not None:
        user["verifiedPhone"] = get_bool(body, "verifiedPhone")
    elif not full and body.get("phone") is not None:
        user["verifiedPhone"] = True
    status = status_of(body)
    if status is not None:
        user["status"] = status
    if "test" in body and body.get("test") is not None:
        user["test"] = get_bool(body, "test")


def build_user(e: Emulator, body: dict[str, Any], *, test: bool) -> dict[str, Any]:
    """A new (unsaved) user from a §3.2 create body (``loginId`` required; 404 for an
    unknown tenant, 400 for a bad status)."""
    login_id = get_str(body, "loginId")
    fields = {
        "email": opt_str(body, "email"),
        "phone": opt_str(body, "phone"),
        "name": opt_str(body, "displayName") or opt_str(body, "name"),
        "givenName": opt_str(body, "givenName"),
        "middleName": opt_str(body, "middleName"),
        "familyName": opt_str(body, "familyName"),
        "picture": opt_str(body, "picture"),
        "roleNames": get_str_list(body, "roleNames"),
        "customAttributes": get_obj(body, "customAttributes"),
        "test": test,
    }
    custom_attributes.check_values(e, fields["customAttributes"])
    user = users.new_user(e, login_id, fields)
    user["verifiedEmail"] = get_bool(body, "verifiedEmail", bool(user["email"]))
    user["verifiedPhone"] = get_bool(body, "verifiedPhone", bool(user["phone"]))
    user["userTenants"] = tenants_of(e, body, with_name=False)
    for extra in get_str_list(body, "additionalLoginIds"):
        if extra not in user["loginIds"]:
            user["loginIds"].append(extra)
    user["status"] = status_of(body) or ("enabled" if test else "invited")
    user["ssoAppIds"] = get_str_list(body, "ssoAppIDs")
    assocs = [families.association_of(a) for a in get_obj_list(body, "familyAssociations")]
    families.check_associations(e, user, assocs)
    user["familyAssociations"] = assocs
    return user
