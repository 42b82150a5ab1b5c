"""Project (``descope_core/mgmt/project.py``): name, tags, clone, export / import, the
company's project list, deleting the project, snapshots (export / import / validate)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import audit, project, snapshots
from ..web.body import get_obj, get_obj_list, get_str, get_str_list, opt_str, read_json
from ..web.credentials import management_caller, require_management
from ..web.responses import ok


async def update_name(request: Request) -> Response:
    """POST /v1/mgmt/project/update/name"""
    e, caller = management_caller(request)
    name = get_str(await read_json(request), "name")
    project.update(e, caller, name=name)
    audit.record(e, "ProjectNameUpdated", data={"name": name})
    return ok({})


async def update_tags(request: Request) -> Response:
    """POST /v1/mgmt/project/update/tags"""
    e, caller = management_caller(request)
    body = await read_json(request)
    if not isinstance(body.get("tags"), list):
        raise errors.WRONG_TYPE("'tags' must be an array of strings")
    tags = get_str_list(body, "tags")
    project.update(e, caller, tags=tags)
    audit.record(e, "ProjectTagsUpdated", data={"tags": tags})
    return ok({})


async def clone(request: Request) -> Response:
    """POST /v1/mgmt/project/clone"""
    e = require_management(request)
    body = await read_json(request)
    environment = opt_str(body, "environment") or ""
    if environment not in ("", "production"):
        raise errors.INVALID_REQUEST("'environment' must be 'production' or empty")
    new = project.clone(e, get_str(body, "name"), environment, get_str_list(body, "tags"))
    audit.record(e, "ProjectCloned", data={"id": new["id"]})
    return ok(new)


async def export_project(request: Request) -> Response:
    """POST /v1/mgmt/project/export"""
    e, caller = management_caller(request)
    await read_json(request)
    return ok({"files": project.export_files(e, caller)})


async def import_project(request: Request) -> Response:
    """POST /v1/mgmt/project/import"""
    e, caller = management_caller(request)
    files = get_obj(await read_json(request), "files")
    project.import_files(
        e,
        caller,
        files,
        permissions=get_obj_list(files, "permissions.json"),
        roles=get_obj_list(files, "roles.json"),
        tenants=get_obj_list(files, "tenants.json"),
        apps=get_obj_list(files, "applications.json"),
    )
    audit.record(e, "ProjectImported")
    return ok({})


async def list_projects(request: Request) -> Response:
    """POST /v1/mgmt/projects/list"""
    e = require_management(request)
    await read_json(request)
    return ok({"projects": project.list_projects(e)})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/project/delete: the emulator's project is wiped back to a fresh one."""
    e, caller = management_caller(request)
    await read_json(request)
    project.delete(e, caller)
    audit.record(e, "ProjectDeleted")
    return ok({})


async def export_snapshot(request: Request) -> Response:
    """POST /v1/mgmt/project/snapshot/export"""
    e, caller = management_caller(request)
    body = await read_json(request)
    return ok(snapshots.export(e, opt_str(body, "format") or "", caller))


def _files(body: dict[str, Any]) -> dict[str, Any]:
    if "files" not in body:
        raise errors.INVALID_REQUEST("'files' is required")
    return get_obj(body, "files")


async def import_snapshot(request: Request) -> Response:
    """POST /v1/mgmt/project/snapshot/import"""
    e, caller = management_caller(request)
    body = await read_json(request)
    snapshots.import_(e, caller, _files(body), get_obj(body, "inputSecrets"),
                      get_str_list(body, "excludes"))
    audit.record(e, "ProjectSnapshotImported")
    return ok({})


async def validate_snapshot(request: Request) -> Response:
    """POST /v1/mgmt/project/snapshot/validate"""
    e = require_management(request)
    body = await read_json(request)
    return ok(snapshots.validate(e, _files(body), get_obj(body, "inputSecrets")))
