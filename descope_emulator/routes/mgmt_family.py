"""Families, dependents and impersonating a dependent (``descope_core/mgmt/family.py``,
``client.mgmt.family``)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import families, users
from ..web.body import (
    get_bool,
    get_int,
    get_obj,
    get_obj_list,
    get_str,
    get_str_list,
    opt_str,
    read_json,
)
from ..web.credentials import require_management
from ..web.responses import ok

_PROFILE = ("name", "email", "phone", "givenName", "middleName", "familyName", "picture")


def _fields(body: dict[str, Any]) -> dict[str, Any]:
    """The given fields of a family create / update body."""
    out: dict[str, Any] = {}
    if "name" in body:
        out["name"] = get_str(body, "name")
    if "photo" in body:
        out["photo"] = opt_str(body, "photo") or ""
    if "disabled" in body:
        out["disabled"] = get_bool(body, "disabled")
    if "customAttributes" in body:
        out["customAttributes"] = get_obj(body, "customAttributes")
    return out


async def create(request: Request) -> Response:
    """POST /v1/mgmt/family/create"""
    e = require_management(request)
    body = await read_json(request)
    get_str(body, "name")
    family = families.create(e, opt_str(body, "familyId"), _fields(body))
    return ok({"family": family})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/family/update (only the given fields change)"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"family": families.update(e, get_str(body, "id"), _fields(body))})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/family/delete"""
    e = require_management(request)
    body = await read_json(request)
    families.delete(e, get_str(body, "id"))
    return ok({})


async def search(request: Request) -> Response:
    """POST /v1/mgmt/family/search"""
    e = require_management(request)
    body = await read_json(request)
    page, size = get_int(body, "page"), get_int(body, "size")
    if page < 0 or size < 0:
        raise errors.INVALID_REQUEST("'page' and 'size' must not be negative")
    found = families.search(e, get_str_list(body, "familyIds"), get_str_list(body, "familyNames"),
                            opt_str(body, "freeText") or "", get_obj(body, "customAttributes"),
                            page, size)
    return ok({"families": found})


async def create_dependent(request: Request) -> Response:
    """POST /v1/mgmt/family/dependent/create"""
    e = require_management(request)
    body = await read_json(request)
    family_id = get_str(body, "familyId")
    fields: dict[str, Any] = {k: opt_str(body, k) for k in _PROFILE}
    fields["customAttributes"] = get_obj(body, "customAttributes")
    scoped_by_family = get_obj(body, "familyScopedAttributes")
    if set(scoped_by_family) - {family_id}:
        raise errors.INVALID_REQUEST("'familyScopedAttributes' may only name the dependent's family")
    scoped = scoped_by_family.get(family_id) or {}
    if not isinstance(scoped, dict):
        raise errors.WRONG_TYPE("family-scoped attributes must be an object")
    user = families.create_dependent(e, family_id, opt_str(body, "loginId"), fields, scoped)
    return ok({"user": users.public_user(user)})


async def delete_dependent(request: Request) -> Response:
    """POST /v1/mgmt/family/dependent/delete"""
    e = require_management(request)
    body = await read_json(request)
    families.delete_dependent(e, get_str(body, "userId"))
    return ok({})


async def impersonate(request: Request) -> Response:
    """POST /v1/mgmt/family/impersonate"""
    e = require_management(request)
    body = await read_json(request)
    jwt = families.impersonate(e, get_str(body, "impersonatorUserIdOrLoginId"),
                               get_str(body, "dependentLoginId"), opt_str(body, "selectedFamily"))
    return ok({"jwt": jwt})


async def stop_impersonation(request: Request) -> Response:
    """POST /v1/mgmt/family/impersonate/stop"""
    e = require_management(request)
    body = await read_json(request)
    duration = get_int(body, "refreshDuration")
    if duration < 0:
        raise errors.INVALID_REQUEST("'refreshDuration' must not be negative")
    jwt = families.stop_impersonation(e, get_str(body, "jwt"), get_obj(body, "customClaims"),
                                      duration or None)
    return ok({"jwt": jwt})


async def get_settings(request: Request) -> Response:
    """GET /v1/mgmt/family/settings"""
    e = require_management(request)
    return ok(families.settings(e))


async def configure_settings(request: Request) -> Response:
    """POST /v1/mgmt/family/settings (only the given settings change)"""
    e = require_management(request)
    body = await read_json(request)
    changes: dict[str, Any] = {}
    for key in ("enabled", "allowMultipleFamiliesUsers"):
        if key in body:
            changes[key] = get_bool(body, key)
    if "maxFamilyMembers" in body:
        changes["maxFamilyMembers"] = get_int(body, "maxFamilyMembers")
    return ok(families.configure(e, changes))


async def load_custom_attributes(request: Request) -> Response:
    """GET /v1/mgmt/family/customattributes"""
    e = require_management(request)
    return ok({"data": families.attributes(e)})


async def create_custom_attributes(request: Request) -> Response:
    """POST /v1/mgmt/family/customattribute/create"""
    e = require_management(request)
    body = await read_json(request)
    defs = get_obj_list(body, "attributes", required=True)
    return ok({"data": families.create_attributes(e, defs)})


async def delete_custom_attributes(request: Request) -> Response:
    """POST /v1/mgmt/family/customattribute/delete"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"data": families.delete_attributes(e, get_str_list(body, "names"))})
