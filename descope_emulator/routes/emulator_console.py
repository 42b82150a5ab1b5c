"""The emulator console: the developer UI at ``/`` (one page, its CSS and JS shipped in
``descope_emulator/static/``, no network) and its JSON API under
``/emulator/console/api/``. Handlers call the same domain functions as the management
API; the console's writes are same-origin JSON only (``middleware.SupportRouteGuard``).
Faults, clock, settings, keys, reset and the project file use the existing
``/emulator/*`` endpoints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import errors
from ..domain import access_keys, console, passwords, roles, sso, tenant_settings, tenants, users
from ..storage import new_id
from ..web import sso_settings, tenant_body
from ..web.body import get_bool, get_obj, get_str, get_str_list, opt_str, read_json
from ..web.credentials import base_url, emulator_of
from ..web.management import apply_user_fields, build_user, tenants_of, user_of
from ..web.responses import ok

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {"console.css": "text/css", "console.js": "text/javascript"}
NO_STORE = {"cache-control": "no-store", "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'self'; img-src 'self' data:; "
                                       "frame-ancestors 'none'"}


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise errors.WRONG_TYPE(f"'{name}' must be an integer") from exc


def _user_param(request: Request) -> dict[str, Any]:
    user_id = request.query_params.get("userId", "")
    return users.find_user(emulator_of(request), None, user_id or None)


async def page(request: Request) -> Response:
    """GET /: the console page."""
    return FileResponse(STATIC / "console.html", media_type="text/html", headers=NO_STORE)


async def asset(request: Request) -> Response:
    """GET /emulator/console/static/{name}: the console's CSS and JS (nothing else)."""
    name = request.path_params["name"]
    if name not in ASSETS:
        raise errors.NO_SUCH_ENDPOINT(f"No such console file: {name}")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=NO_STORE)


async def overview(request: Request) -> Response:
    """GET /emulator/console/api/overview: project, keys, counts, client snippets."""
    return ok(console.overview(emulator_of(request), base_url(request)))


async def user_list(request: Request) -> Response:
    """GET /emulator/console/api/users?q=&page=&size=: one page of the users table."""
    return ok(console.user_page(emulator_of(request), request.query_params.get("q", ""),
                                _int_param(request, "page", 0), _int_param(request, "size", 25)))


async def user_create(request: Request) -> Response:
    """POST /emulator/console/api/users/create: the management create body (§3.2)."""
    e = emulator_of(request)
    body = await read_json(request)
    user = build_user(e, body, test=body.get("test") is True)
    if not body.get("status"):
        user["status"] = "enabled"
    with e.store.tx():
        users.check_login_ids_free(e, user)
        e.store.users.save(user)
    users.record_created(e, user, invited=False)
    password = opt_str(body, "password")
    if password:  # as the management API's password/set/active does
        passwords.set_by_administrator(e, user, password, active=True)
    return ok({"user": console.user_row(e, user)})


async def user_update(request: Request) -> Response:
    """POST /emulator/console/api/users/update: ``userId`` plus the fields to change
    (patch semantics, as ``PATCH /v1/mgmt/user/patch``)."""
    e = emulator_of(request)
    body = await read_json(request)
    user = user_of(e, body)
    password = opt_str(body, "password")  # blank: the password stays as it is
    apply_user_fields(e, user, body, full=False)
    users.touch(e, user)
    users.record_modified(e, user)
    if password:
        passwords.set_by_administrator(e, user, password, active=True)
    return ok({"user": console.user_row(e, user)})


async def user_delete(request: Request) -> Response:
    """POST /emulator/console/api/users/delete: ``{"userId"}``."""
    e = emulator_of(request)
    user = user_of(e, await read_json(request))
    e.store.users.delete(user["userId"])
    users.record_modified(e, user, "UserDeleted")
    return ok({})


async def user_sign_in(request: Request) -> Response:
    """POST /emulator/console/api/users/sign-in: ``{"userId"}``; tokens plus decoded."""
    e = emulator_of(request)
    user = user_of(e, await read_json(request))
    return ok(console.sign_in_as(e, user))


async def user_history(request: Request) -> Response:
    """GET /emulator/console/api/users/history?userId=: the user's sign-ins, newest first."""
    e = emulator_of(request)
    return ok({"history": e.store.login_history.of(_user_param(request)["userId"])})


async def session_list(request: Request) -> Response:
    """GET /emulator/console/api/sessions?userId=: the user's live refresh tokens."""
    e = emulator_of(request)
    return ok({"sessions": console.live_sessions(e, _user_param(request))})


async def session_revoke(request: Request) -> Response:
    """POST /emulator/console/api/sessions/revoke: ``{"userId", "jti"}`` revokes one,
    ``{"userId"}`` alone revokes all of the user's sessions."""
    e = emulator_of(request)
    body = await read_json(request)
    user = user_of(e, body)
    jti = get_str(body, "jti", required=False)
    if jti:
        console.revoke_session(e, user, jti)
    else:
        console.revoke_all_sessions(e, user)
    return ok({})


async def request_log(request: Request) -> Response:
    """GET /emulator/console/api/requests?after=&path=&status=: recent API calls, newest
    first, masked."""
    e = emulator_of(request)
    q = request.query_params
    return ok({"requests": e.requests.entries(after=_int_param(request, "after", 0),
                                              path=q.get("path", ""), status=q.get("status", ""))})


async def decode(request: Request) -> Response:
    """POST /emulator/console/api/decode: ``{"token"}`` -> header, claims, verification."""
    body = await read_json(request)
    return ok(console.decode_token(emulator_of(request), get_str(body, "token")))


# -- tenants, roles, permissions, access keys ---------------------------------------------


async def catalog(request: Request) -> Response:
    """GET /emulator/console/api/catalog: tenants, roles, permissions, access keys."""
    e = emulator_of(request)
    return ok({
        "tenants": e.store.tenants.all(),
        "roles": [roles.public_role(r) for r in e.store.roles.all()],
        "permissions": e.store.permissions.all(),
        "accessKeys": [access_keys.public_key(k) for k in e.store.access_keys.all()],
    })


async def tenant_create(request: Request) -> Response:
    """POST /emulator/console/api/tenants/create: ``{"name", "id"?, "selfProvisioningDomains"?}``."""
    e = emulator_of(request)
    body = await read_json(request)
    tenant = {"id": opt_str(body, "id") or new_id("T", 14), "name": get_str(body, "name"),
              "selfProvisioningDomains": get_str_list(body, "selfProvisioningDomains"),
              "customAttributes": {}, "enforceSSO": False, "disabled": False}
    tenants.create(e, tenant)
    return ok({"id": tenant["id"]})


async def tenant_update(request: Request) -> Response:
    """POST /emulator/console/api/tenants/update: ``{"id"}`` plus the fields to change
    (``name``, ``selfProvisioningDomains``, ``enforceSSO``, ``disabled``,
    ``customAttributes``); absent fields keep their value."""
    e = emulator_of(request)
    body = await read_json(request)
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = get_str(body, "name")
    if "selfProvisioningDomains" in body:
        changes["selfProvisioningDomains"] = get_str_list(body, "selfProvisioningDomains")
    for flag in ("enforceSSO", "disabled"):
        if flag in body:
            changes[flag] = get_bool(body, flag)
    if "customAttributes" in body:
        changes["customAttributes"] = get_obj(body, "customAttributes")
    tenant_id = get_str(body, "id")
    tenants.patch(e, tenant_id, changes)
    return ok({"tenant": tenants.require_tenant(e, tenant_id)})


async def tenant_settings_of(request: Request) -> Response:
    """GET /emulator/console/api/tenants/settings?id=: the tenant's settings (as
    ``GET /v1/mgmt/tenant/settings``) and its default roles."""
    e = emulator_of(request)
    tenant_id = request.query_params.get("id", "")
    answer = tenant_settings.load(e, tenant_id)
    answer["defaultRoles"] = tenants.default_roles(e, tenant_id)
    return ok(answer)


async def tenant_settings_update(request: Request) -> Response:
    """POST /emulator/console/api/tenants/settings: the body of
    ``POST /v1/mgmt/tenant/settings``, plus ``defaultRoles`` (each must exist)."""
    e = emulator_of(request)
    body = await read_json(request)
    with e.store.tx():
        tenant_body.update_settings(e, body)
        if "defaultRoles" in body:
            tenants.set_default_roles(e, get_str(body, "tenantId"),
                                      get_str_list(body, "defaultRoles"))
    return ok({})


async def tenant_delete(request: Request) -> Response:
    """POST /emulator/console/api/tenants/delete: ``{"id", "cascade"?}``."""
    body = await read_json(request)
    tenants.remove(emulator_of(request), get_str(body, "id"), get_bool(body, "cascade"))
    return ok({})


async def role_create(request: Request) -> Response:
    """POST /emulator/console/api/roles/create: ``{"name", "description"?,
    "permissionNames"?, "tenantId"?}``."""
    body = await read_json(request)
    roles.create_role(emulator_of(request), {
        "id": new_id("RL", 12), "name": get_str(body, "name"),
        "description": opt_str(body, "description") or "",
        "permissionNames": get_str_list(body, "permissionNames"),
        "tenantId": opt_str(body, "tenantId") or "", "default": False, "private": False,
    })
    return ok({})


async def role_update(request: Request) -> Response:
    """POST /emulator/console/api/roles/update: ``{"name", "tenantId"?}`` names the role;
    ``newName``, ``description``, ``permissionNames``, ``newTenantId`` ("" = project)
    change it (absent: unchanged)."""
    e = emulator_of(request)
    body = await read_json(request)
    tenant_id = opt_str(body, "tenantId") or ""
    changes: dict[str, Any] = {}
    if "newName" in body:
        changes["name"] = get_str(body, "newName")
    if "description" in body:
        changes["description"] = opt_str(body, "description") or ""
    if "permissionNames" in body:
        changes["permissionNames"] = get_str_list(body, "permissionNames")
    new_tenant = (opt_str(body, "newTenantId") or "") if "newTenantId" in body else None
    with e.store.tx():
        role = e.store.roles.get(get_str(body, "name"), tenant_id)
        if role is None:
            raise errors.ROLE_NOT_FOUND(f"Role '{body['name']}' not found")
        roles.update_role(e, role, changes, new_tenant)
    return ok({"role": roles.public_role(role)})


async def role_delete(request: Request) -> Response:
    """POST /emulator/console/api/roles/delete: ``{"name", "tenantId"?}``."""
    body = await read_json(request)
    roles.delete_role(emulator_of(request), get_str(body, "name"), opt_str(body, "tenantId") or "")
    return ok({})


async def permission_create(request: Request) -> Response:
    """POST /emulator/console/api/permissions/create: ``{"name", "description"?}``."""
    body = await read_json(request)
    roles.create_permission(emulator_of(request), get_str(body, "name"),
                            opt_str(body, "description") or "")
    return ok({})


async def permission_update(request: Request) -> Response:
    """POST /emulator/console/api/permissions/update: ``{"name", "newName"?,
    "description"?}``."""
    e = emulator_of(request)
    body = await read_json(request)
    name = get_str(body, "name")
    with e.store.tx():
        current = roles.require_permission(e, name)
        new_name = get_str(body, "newName") if "newName" in body else name
        description = (opt_str(body, "description") or "" if "description" in body
                       else current.get("description") or "")
        roles.update_permission(e, name, new_name, description)
    return ok({})


async def permission_delete(request: Request) -> Response:
    """POST /emulator/console/api/permissions/delete: ``{"name"}``."""
    body = await read_json(request)
    roles.delete_permission(emulator_of(request), get_str(body, "name"))
    return ok({})


async def access_key_create(request: Request) -> Response:
    """POST /emulator/console/api/accesskeys/create: ``{"name", "roleNames"?,
    "keyTenants"?}``; the
    cleartext secret is in this answer only."""
    e = emulator_of(request)
    body = await read_json(request)
    key, cleartext = access_keys.create(e, {
        "name": get_str(body, "name"), "description": "", "expireTime": 0,
        "roleNames": get_str_list(body, "roleNames"),
        "keyTenants": tenants_of(e, body, "keyTenants", with_name=False), "userId": "",
        "customClaims": {}, "permittedIps": [], "customAttributes": {},
    })
    return ok({"key": access_keys.public_key(key), "cleartext": cleartext})


async def access_key_update(request: Request) -> Response:
    """POST /emulator/console/api/accesskeys/update: ``{"id"}`` plus what to change:
    ``name``, ``description``, ``roleNames``, ``keyTenants`` (``[{"tenantId",
    "roleNames"}]``), ``status`` (``active`` / ``inactive``)."""
    e = emulator_of(request)
    body = await read_json(request)
    key_id = get_str(body, "id")
    status = opt_str(body, "status")
    if status not in (None, "active", "inactive"):
        raise errors.INVALID_REQUEST("'status' must be 'active' or 'inactive'")
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = get_str(body, "name")
    if "description" in body:
        changes["description"] = opt_str(body, "description") or ""
    if "roleNames" in body:
        changes["roleNames"] = get_str_list(body, "roleNames")
    if "keyTenants" in body:
        changes["keyTenants"] = tenants_of(e, body, "keyTenants", with_name=False)
    key = access_keys.update(e, key_id, changes) if changes else access_keys.require_key(e, key_id)
    if status is not None and status != key.get("status"):
        access_keys.set_status(e, [key_id], status == "active")
    return ok({"key": access_keys.public_key(access_keys.require_key(e, key_id))})


async def access_key_delete(request: Request) -> Response:
    """POST /emulator/console/api/accesskeys/delete: ``{"id"}``."""
    body = await read_json(request)
    access_keys.delete(emulator_of(request), get_str(body, "id"))
    return ok({})


# -- a tenant's SSO configurations ---------------------------------------------------------


async def sso_list(request: Request) -> Response:
    """GET /emulator/console/api/sso?tenantId=: the tenant's SSO configurations (the
    default one, ``ssoId`` "", always first), each as ``/v2/mgmt/sso/settings`` shows it."""
    e = emulator_of(request)
    tenant_id = request.query_params.get("tenantId", "")
    tenants.require_tenant(e, tenant_id)
    found = sso.configurations(e, tenant_id)
    if not any(sso_id == "" for sso_id, _ in found):
        found.insert(0, ("", sso.settings_of(e, tenant_id)))
    return ok({"configurations": [sso_settings.answer(e, tenant_id, sso_id, doc)
                                  for sso_id, doc in found]})


async def sso_new(request: Request) -> Response:
    """POST /emulator/console/api/sso/new: ``{"tenantId", "displayName", "ssoId"?}`` adds
    a named configuration (as ``/v1/mgmt/sso/settings/new``)."""
    e = emulator_of(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    tenants.require_tenant(e, tenant_id)
    sso_id = sso.new_config(e, tenant_id, get_str(body, "displayName"),
                            opt_str(body, "ssoId") or "")
    return ok(sso_settings.answer(e, tenant_id, sso_id, sso.settings_of(e, tenant_id, sso_id)))


async def sso_saml(request: Request) -> Response:
    """POST /emulator/console/api/sso/saml (and ``/saml/metadata``): the body of
    ``/v1/mgmt/sso/saml`` (``tenantId``, ``settings``, ``redirectUrl``?, ``domains``?,
    ``ssoId``?)."""
    sso_settings.configure_saml(emulator_of(request), await read_json(request),
                                by_metadata=request.url.path.endswith("/metadata"))
    return ok({})


async def sso_oidc(request: Request) -> Response:
    """POST /emulator/console/api/sso/oidc: the body of ``/v1/mgmt/sso/oidc``; a blank
    client secret keeps the stored one (the form never shows it)."""
    sso_settings.configure_oidc(emulator_of(request), await read_json(request),
                                keep_blank_secret=True)
    return ok({})


async def sso_delete(request: Request) -> Response:
    """POST /emulator/console/api/sso/delete: ``{"tenantId", "ssoId"?}`` deletes one
    configuration (the others stay)."""
    e = emulator_of(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    tenants.require_tenant(e, tenant_id)
    sso.delete(e, tenant_id, opt_str(body, "ssoId") or "")
    return ok({})
