"""Groups of a tenant (``descope_core/mgmt/group.py``): those its SSO role mappings name
and those SSO sign-ins brought, with their members, per SSO configuration (``ssoId``;
default: the tenant's default one)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import sso
from ..domain.tenants import require_tenant
from ..web.body import get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def load_all_groups(request: Request) -> Response:
    """POST /v1/mgmt/group/all"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    return ok(sso.groups(e, tenant_id, opt_str(body, "ssoId") or ""))


async def load_all_groups_for_members(request: Request) -> Response:
    """POST /v1/mgmt/group/member/all"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    require_tenant(e, tenant_id)
    user_ids = set(get_str_list(body, "userIds"))
    login_ids = set(get_str_list(body, "loginIds"))
    if not user_ids and not login_ids:
        raise errors.INVALID_REQUEST("'userIds' or 'loginIds' is required")
    found = [
        group
        for group in sso.groups(e, tenant_id, opt_str(body, "ssoId") or "")
        if any(m["userId"] in user_ids or m["loginId"] in login_ids for m in group["members"])
    ]
    return ok(found)


async def load_all_group_members(request: Request) -> Response:
    """POST /v1/mgmt/group/members"""
    e = require_management(request)
    body = await read_json(request)
    tenant_id = get_str(body, "tenantId")
    group_id = get_str(body, "groupId")
    require_tenant(e, tenant_id)
    found = sso.groups(e, tenant_id, opt_str(body, "ssoId") or "")
    return ok([g for g in found if g["id"] == group_id])
