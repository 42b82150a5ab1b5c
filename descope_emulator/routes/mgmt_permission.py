"""Permission management (``descope_core/mgmt/permission.py``): create, update (a rename
is carried into every role), delete, their batches (all or none), load all."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import roles
from ..state import Emulator
from ..web.body import get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.management import change_each, change_one
from ..web.responses import ok


def _create_one(e: Emulator, body: dict[str, Any]) -> None:
    roles.create_permission(e, get_str(body, "name"), opt_str(body, "description") or "")


def _update_one(e: Emulator, body: dict[str, Any]) -> None:
    roles.update_permission(e, get_str(body, "name"), get_str(body, "newName"),
                            opt_str(body, "description") or "")


def _delete_one(e: Emulator, name: str) -> None:
    roles.delete_permission(e, name)


async def create(request: Request) -> Response:
    """POST /v1/mgmt/permission/create"""
    return await change_one(request, _create_one)


async def update(request: Request) -> Response:
    """POST /v1/mgmt/permission/update"""
    return await change_one(request, _update_one)


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/permission/delete (roles stop granting it)."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        _delete_one(e, get_str(body, "name"))
    return ok({})


async def create_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/create/batch: every permission, or none."""
    return await change_each(request, "permissions", _create_one)


async def update_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/update/batch: every permission, or none."""
    return await change_each(request, "permissions", _update_one)


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/delete/batch by ``names`` (all or none). Permissions have
    no ids in the emulator, so ``ids`` (``delete_batch_by_ids``) is refused with 400."""
    e = require_management(request)
    body = await read_json(request)
    if body.get("ids") is not None and body.get("names") is None:
        raise errors.INVALID_REQUEST("permissions are addressed by name in the emulator")
    names = get_str_list(body, "names")
    if not names:
        raise errors.INVALID_REQUEST("'names' is required")
    with e.store.tx():
        for name in names:
            _delete_one(e, name)
    return ok({})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/permission/all"""
    e = require_management(request)
    perms = [
        {
            "name": p["name"],
            "description": p.get("description") or "",
            "systemDefault": bool(p.get("systemDefault", False)),
        }
        for p in e.store.permissions.all()
    ]
    return ok({"permissions": perms})
