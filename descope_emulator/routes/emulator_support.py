"""Test-support endpoints under ``/emulator/`` (never under /v1 or /v2): health, key
rotation, sign-in minting, reset, faults, counters, revoke, clock, the outbox as JSON, the
project settings and the project file."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import direct_sign_in, project_file, project_settings, sessions
from ..faults import parse_fault
from ..web.body import get_int, get_number, get_obj, get_str, get_str_list, read_json
from ..web.credentials import emulator_of
from ..web.responses import ok

MAX_CLOCK_OFFSET = 100 * 365 * 24 * 3600


async def health(request: Request) -> Response:
    """GET /emulator/health"""
    return ok({"ok": True, "projectId": emulator_of(request).project_id})


async def rotate_keys(request: Request) -> Response:
    """POST /emulator/rotate-keys: a new signing key; old keys stay published while their
    tokens live."""
    e = emulator_of(request)
    kid = e.keys.rotate()
    return ok({"kid": kid, "keys": e.keys.jwks(e.now())["keys"]})


async def sign_in(request: Request) -> Response:
    """POST /emulator/sign-in: mint a signed-in user without any flow.

    Body: ``loginId`` (required), ``roles``, ``permissions``, ``tenants``
    ({tenantId: {"roles": [...], "permissions": [...]}}), ``customClaims``,
    ``sessionTtl``, ``refreshTtl`` (seconds; <= 0 mints an already expired token),
    ``user`` (extra user fields).
    """
    body = await read_json(request)
    login_id = get_str(body, "loginId")
    roles = get_str_list(body, "roles")
    permissions = get_str_list(body, "permissions")
    tenants = get_obj(body, "tenants")
    custom = get_obj(body, "customClaims")
    fields = get_obj(body, "user")
    session_ttl = get_number(body, "sessionTtl")
    refresh_ttl = get_number(body, "refreshTtl")
    memberships: list[dict[str, Any]] = []
    for tid, spec in tenants.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise errors.WRONG_TYPE("each tenant must map to an object")
        memberships.append(
            {
                "tenantId": tid,
                "roleNames": get_str_list(spec, "roles"),
                "permissions": get_str_list(spec, "permissions"),
            }
        )
    return ok(direct_sign_in.sign_in(
        emulator_of(request),
        login_id,
        roles=roles,
        permissions=permissions,
        tenants=memberships,
        custom_claims=custom,
        user_fields=fields,
        session_ttl=None if session_ttl is None else int(session_ttl),
        refresh_ttl=None if refresh_ttl is None else int(refresh_ttl),
    ))


async def reset(request: Request) -> Response:
    """POST /emulator/reset: empty all data (keys are kept), clear faults, counters, clock."""
    emulator_of(request).reset()
    return ok({})


async def faults(request: Request) -> Response:
    """GET / POST / DELETE /emulator/faults"""
    traffic = emulator_of(request).traffic
    if request.method == "GET":
        return ok({"faults": [f.as_dict() for f in traffic.list_faults()]})
    if request.method == "DELETE":
        traffic.remove_fault(request.query_params.get("path"))
        return ok({})
    fault = parse_fault(await read_json(request))
    traffic.add_fault(fault)
    return ok(fault.as_dict())


async def stats(request: Request) -> Response:
    """GET /emulator/stats"""
    return ok(emulator_of(request).traffic.stats())


async def revoke(request: Request) -> Response:
    """POST /emulator/revoke: ``{"refreshJwt"}``"""
    body = await read_json(request)
    sessions.revoke(emulator_of(request), get_str(body, "refreshJwt"))
    return ok({})


async def clock(request: Request) -> Response:
    """GET / POST /emulator/clock: move the emulator's clock forward
    (``{"advanceSeconds": n}``) to expire codes without sleeping; reset puts it back."""
    e = emulator_of(request)
    if request.method == "POST":
        body = await read_json(request)
        offset = e.clock_offset + get_int(body, "advanceSeconds")
        if abs(offset) > MAX_CLOCK_OFFSET:
            raise errors.INVALID_REQUEST("The clock moves at most 100 years from now")
        e.clock_offset = offset
    return ok({"now": e.now(), "offsetSeconds": e.clock_offset})


async def outbox_json(request: Request) -> Response:
    """GET /emulator/outbox.json[?loginId=...]"""
    login_id = request.query_params.get("loginId")
    return ok({"messages": emulator_of(request).store.outbox.messages(login_id)})


async def settings(request: Request) -> Response:
    """GET /emulator/settings: the project settings; POST: change some (merged, validated),
    e.g. ``{"refreshTokenRotation": true, "refreshTokenRotationGraceSeconds": 5}``."""
    e = emulator_of(request)
    if request.method == "GET":
        return ok(project_settings.get(e))
    return ok(project_settings.update(e, await read_json(request)))


async def project(request: Request) -> Response:
    """GET /emulator/project: the whole project as a file; POST: replace it with one."""
    e = emulator_of(request)
    if request.method == "GET":
        return ok(project_file.dump(e))
    project_file.load(e, await read_json(request))
    return ok({})
