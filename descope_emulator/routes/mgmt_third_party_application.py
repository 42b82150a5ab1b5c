"""Third-party applications (``descope_core/mgmt/third_party_application.py``): the secret
is answered by create, rotate and get_secret; consents are searched and deleted."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import third_party_apps
from ..web.body import get_int, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


def _checked(body: dict[str, Any], *, patch: bool) -> dict[str, Any]:
    """The app keys type-checked (name and login page URL required unless `patch`)."""
    for key in ("name", "loginPageUrl"):
        if patch:
            opt_str(body, key)
        else:
            get_str(body, key)
    for key in ("id", "description", "logo", "defaultAudience"):
        opt_str(body, key)
    get_str_list(body, "approvedCallbackUrls")
    for key in ("permissionsScopes", "attributesScopes"):
        value = body.get(key)
        if value is not None and (not isinstance(value, list)
                                  or not all(isinstance(v, dict) for v in value)):
            raise errors.WRONG_TYPE(f"'{key}' must be an array of objects")
    get_obj(body, "jwtBearerSettings")
    get_obj(body, "customAttributes")
    if body.get("forcePkce") is not None and not isinstance(body["forcePkce"], bool):
        raise errors.WRONG_TYPE("'forcePkce' must be a boolean")
    return body


async def create(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/create"""
    e = require_management(request)
    body = _checked(await read_json(request), patch=False)
    return ok(third_party_apps.create(e, body))


async def update(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/update"""
    e = require_management(request)
    body = _checked(await read_json(request), patch=False)
    get_str(body, "id")
    third_party_apps.update(e, body, patch=False)
    return ok({})


async def patch(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/patch"""
    e = require_management(request)
    body = _checked(await read_json(request), patch=True)
    get_str(body, "id")
    third_party_apps.update(e, body, patch=True)
    return ok({})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/delete"""
    e = require_management(request)
    third_party_apps.delete(e, [get_str(await read_json(request), "id")])
    return ok({})


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/delete/batch"""
    e = require_management(request)
    third_party_apps.delete(e, get_str_list(await read_json(request), "ids"))
    return ok({})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/thirdparty/app/load?id="""
    e = require_management(request)
    app_id = get_str(dict(request.query_params), "id")
    return ok(third_party_apps.public(third_party_apps.require(e, app_id)))


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/thirdparty/apps/load"""
    e = require_management(request)
    apps = e.store.records.all(third_party_apps.THIRD_PARTY_APP)
    return ok({"apps": [third_party_apps.public(a) for a in apps]})


async def rotate_secret(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/app/rotate"""
    e = require_management(request)
    return ok({"cleartext": third_party_apps.rotate(e, get_str(await read_json(request), "id"))})


async def get_secret(request: Request) -> Response:
    """GET /v1/mgmt/thirdparty/app/secret?id="""
    e = require_management(request)
    app = third_party_apps.require(e, get_str(dict(request.query_params), "id"))
    return ok({"cleartext": app.get("secret") or ""})


async def delete_consents(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/consents/delete"""
    e = require_management(request)
    body = await read_json(request)
    third_party_apps.delete_consents(
        e, consent_ids=get_str_list(body, "consentIds"), app_id=opt_str(body, "appId"),
        user_ids=get_str_list(body, "userIds"), tenant_id=opt_str(body, "tenantId"))
    return ok({})


async def delete_tenant_consents(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/consents/delete/tenant"""
    e = require_management(request)
    tenant_id = get_str(await read_json(request), "tenantId")
    third_party_apps.delete_consents(e, tenant_id=tenant_id)
    return ok({})


async def search_consents(request: Request) -> Response:
    """POST /v1/mgmt/thirdparty/consents/search"""
    e = require_management(request)
    body = await read_json(request)
    user_id, consent_id = opt_str(body, "userId"), opt_str(body, "consentId")
    found = third_party_apps.consents(
        e, app_id=opt_str(body, "appId"), user_ids=[user_id] if user_id else None,
        consent_ids=[consent_id] if consent_id else None, tenant_id=opt_str(body, "tenantId"))
    page, limit = get_int(body, "page", 0), get_int(body, "limit", 0)
    if page < 0 or limit < 0:
        raise errors.INVALID_REQUEST("'page' and 'limit' must not be negative")
    shown = found[page * limit:(page + 1) * limit] if limit else found
    return ok({"consents": shown, "total": len(found)})
