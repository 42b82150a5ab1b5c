"""Permission management (``descope_core/mgmt/permission.py``): create, update (a rename
is carried into every role), delete (by name or id), their batches (all or none), load all."""

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


def _named_permission(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """The permission a body names by `name`, or by `id` (the `*_by_id` calls)."""
    if body.get("id") is not None and body.get("name") is None:
        return roles.require_permission_id(e, get_str(body, "id"))
    return roles.require_permission(e, get_str(body, "name"))


def _update_one(e: Emulator, body: dict[str, Any]) -> None:
    new_name = get_str(body, "newName")
    perm = _named_permission(e, body)
    roles.update_permission(e, perm["name"], new_name, opt_str(body, "description") or "")


def _delete_one(e: Emulator, name: str) -> None:
    roles.delete_permission(e, name)


async def create(request: Request) -> Response:
    """POST /v1/mgmt/permission/create"""
    return await change_one(request, _create_one)


async def update(request: Request) -> Response:
    """POST /v1/mgmt/permission/update (by ``name``, or by ``id`` for ``update_by_id``; the
    id stays; a rename is carried into every role)."""
    return await change_one(request, _update_one)


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/permission/delete by ``name``, or ``id`` (roles stop granting it)."""
    e = require_management(request)
    body = await read_json(request)
    with e.store.tx():
        _delete_one(e, _named_permission(e, body)["name"])
    return ok({})


async def create_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/create/batch: every permission, or none."""
    return await change_each(request, "permissions", _create_one)


async def update_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/update/batch: every permission, or none."""
    return await change_each(request, "permissions", _update_one)


async def delete_batch(request: Request) -> Response:
    """POST /v1/mgmt/permission/delete/batch by ``names`` and/or ``ids``
    (``delete_batch_by_ids``); all or none (an unknown one is 404 and nothing is deleted)."""
    e = require_management(request)
    body = await read_json(request)
    names, ids = get_str_list(body, "names"), get_str_list(body, "ids")
    if not names and not ids:
        raise errors.INVALID_REQUEST("'names' or 'ids' is required")
    with e.store.tx():
        found = [roles.require_permission(e, n)["name"] for n in names]
        found += [roles.require_permission_id(e, i)["name"] for i in ids]
        for name in dict.fromkeys(found):
            _delete_one(e, name)
    return ok({})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/permission/all"""
    e = require_management(request)
    return ok({"permissions": [roles.public_permission(p) for p in e.store.permissions.all()]})
