"""Outbound applications (``descope_core/mgmt/outbound_application.py``). The four token
fetches also serve ``outbound_application_by_token``: they accept the management key or
an inbound (third-party) app token holding the outbound fetch scope."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import outbound_apps, third_party_apps
from ..web.body import get_obj, get_obj_list, get_str, get_str_list, opt_str, read_json
from ..web.credentials import bearer_parts, emulator_of, require_management
from ..web.responses import ok


def _app_body(body: dict[str, Any]) -> dict[str, Any]:
    """The app fields, type-checked (name required)."""
    get_str(body, "name")
    for key in ("id", "description", "logo", "clientSecret", "clientId", "discoveryUrl",
                "authorizationUrl", "tokenUrl", "revocationUrl", "defaultRedirectUrl",
                "callbackDomain", "accessType"):
        opt_str(body, key)
    for key in ("authorizationUrlParams", "tokenUrlParams"):
        for param in get_obj_list(body, key):
            if not isinstance(param.get("name"), str):
                raise errors.WRONG_TYPE(f"'{key}' must be a list of {{name, value}}")
    if body.get("defaultScopes") is not None:
        get_str_list(body, "defaultScopes")
    if body.get("prompt") is not None:
        get_str_list(body, "prompt")
    if body.get("pkce") is not None and not isinstance(body["pkce"], bool):
        raise errors.WRONG_TYPE("'pkce' must be a boolean")
    return body


async def create_application(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/create"""
    e = require_management(request)
    body = _app_body(await read_json(request))
    return ok({"app": outbound_apps.create(e, body)})


async def create_application_by_template(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/create/bytemplate (the Node SDK): ``templateId`` names a
    provider template (google, github, microsoft, slack); other app fields override it."""
    e = require_management(request)
    body = await read_json(request)
    get_str(body, "templateId")
    _app_body({**body, "name": body.get("name") or "-"})  # types only: the name is optional
    return ok({"app": outbound_apps.create_by_template(e, body)})


async def update_application(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/update (body wrapped in ``app``)"""
    e = require_management(request)
    body = _app_body(get_obj(await read_json(request), "app"))
    get_str(body, "id")
    return ok({"app": outbound_apps.update(e, body)})


async def delete_application(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/delete"""
    e = require_management(request)
    outbound_apps.delete(e, get_str(await read_json(request), "id"))
    return ok({})


async def load_application(request: Request) -> Response:
    """GET /v1/mgmt/outbound/app/{id}"""
    e = require_management(request)
    app_id = request.path_params["id"]
    return ok({"app": outbound_apps.public(outbound_apps.require(e, app_id))})


async def load_all_applications(request: Request) -> Response:
    """GET /v1/mgmt/outbound/apps"""
    e = require_management(request)
    apps = e.store.records.all(outbound_apps.OUTBOUND_APP)
    return ok({"apps": [outbound_apps.public(a) for a in apps]})


# -- token fetches (management key or inbound app token) -----------------------------------


def _fetch_caller(request: Request, body: dict[str, Any], *, by_user: bool
                  ) -> tuple[Any, str | None, str | None]:
    """(emulator, ``userId`` (``by_user``), ``tenantId``) after checking the bearer first:
    the management key, or an inbound app token (401 when invalid, before any field is
    read; 403 when it fetches another user's token, or the token of a tenant its user is
    not a member of)."""
    parts = bearer_parts(request)
    e = emulator_of(request)
    if len(parts) < 2 or not parts[-1]:
        raise errors.INVALID_MANAGEMENT_KEY("Invalid management key or inbound app token")
    if not (len(parts) == 2 and parts[1] != e.management_key and parts[1].count(".") == 2):
        e = require_management(request)
        claims = None
    else:
        claims = third_party_apps.verify_inbound_token(e, parts[1])
    user_id = get_str(body, "userId") if by_user else None
    tenant_id = opt_str(body, "tenantId") if by_user else get_str(body, "tenantId")
    if claims is not None:
        if user_id is not None and claims.get("sub") != user_id:
            raise errors.INBOUND_APP_TOKEN_FORBIDDEN(
                "An inbound app token fetches only its own user's tokens")
        if user_id is None:
            user = e.store.users.by_id(str(claims.get("sub"))) or {}
            member_of = {t.get("tenantId") for t in user.get("userTenants") or []}
            if tenant_id not in member_of:
                raise errors.INBOUND_APP_TOKEN_FORBIDDEN(
                    "An inbound app token fetches only its user's tenants' tokens")
    return e, user_id, tenant_id


def _options(body: dict[str, Any]) -> dict[str, Any]:
    return get_obj(body, "options") if body.get("options") is not None else {}


async def _fetch(request: Request, *, by_user: bool, by_scopes: bool) -> Response:
    body = await read_json(request)
    e, user_id, tenant_id = _fetch_caller(request, body, by_user=by_user)
    token = outbound_apps.fetch(
        e, get_str(body, "appId"), user_id=user_id, tenant_id=tenant_id,
        scopes=get_str_list(body, "scopes") if by_scopes else None, options=_options(body))
    return ok({"token": token})


async def fetch_token_by_scopes(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/user/token"""
    return await _fetch(request, by_user=True, by_scopes=True)


async def fetch_token(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/user/token/latest"""
    return await _fetch(request, by_user=True, by_scopes=False)


async def fetch_tenant_token_by_scopes(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/tenant/token"""
    return await _fetch(request, by_user=False, by_scopes=True)


async def fetch_tenant_token(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/tenant/token/latest"""
    return await _fetch(request, by_user=False, by_scopes=False)


# -- token storage --------------------------------------------------------------------------


async def delete_user_tokens(request: Request) -> Response:
    """DELETE /v1/mgmt/outbound/user/tokens?appId=&userId="""
    e = require_management(request)
    query = request.query_params
    outbound_apps.delete_user_tokens(e, query.get("appId"), query.get("userId"))
    return ok({})


async def delete_token(request: Request) -> Response:
    """DELETE /v1/mgmt/outbound/token?id="""
    e = require_management(request)
    outbound_apps.delete_token(e, get_str(dict(request.query_params), "id"))
    return ok({})


async def list_apps_with_user_token(request: Request) -> Response:
    """GET /v1/mgmt/outbound/apps-with-user-token?userId=&tenantId="""
    e = require_management(request)
    query = dict(request.query_params)
    app_ids = outbound_apps.apps_with_user_token(e, get_str(query, "userId"), query.get("tenantId"))
    return ok({"appIds": app_ids})


async def upload_user_api_key(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/user/apikey/upload"""
    e = require_management(request)
    body = await read_json(request)
    token = outbound_apps.upload(
        e, get_str(body, "appId"), get_str(body, "userId"), opt_str(body, "tenantId"), {},
        api_key=get_str(body, "apiKey"))
    return ok({"token": token})


async def upload_tenant_api_key(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/tenant/apikey/upload"""
    e = require_management(request)
    body = await read_json(request)
    token = outbound_apps.upload(
        e, get_str(body, "appId"), None, get_str(body, "tenantId"), {},
        api_key=get_str(body, "apiKey"))
    return ok({"token": token})


async def upload_user_token(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/user/oauthtoken/upload"""
    e = require_management(request)
    body = await read_json(request)
    token = outbound_apps.upload(
        e, get_str(body, "appId"), get_str(body, "userId"), opt_str(body, "tenantId"), body)
    return ok({"token": token})


async def upload_tenant_token(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/tenant/oauthtoken/upload"""
    e = require_management(request)
    body = await read_json(request)
    token = outbound_apps.upload(
        e, get_str(body, "appId"), None, get_str(body, "tenantId"), body)
    return ok({"token": token})


async def batch_upload_user_tokens(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/user/oauthtoken/batch/upload"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"failures": outbound_apps.batch_upload(e, _entries(body), "userId")})


async def batch_upload_tenant_tokens(request: Request) -> Response:
    """POST /v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"failures": outbound_apps.batch_upload(e, _entries(body), "tenantId")})


def _entries(body: dict[str, Any]) -> list[dict[str, Any]]:
    tokens = body.get("tokens")
    if not isinstance(tokens, list) or not all(isinstance(t, dict) for t in tokens):
        raise errors.WRONG_TYPE("'tokens' must be a list of objects")
    return tokens
