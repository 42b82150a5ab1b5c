"""Project: name, tags, clone, export/import.

The export holds roles, permissions, tenants, flows, theme, SSO settings, SSO apps and
the FGA schema; importing it reproduces them (users and access keys are not exported,
as in Descope).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors, mgmt_store
from ..service import Emulator
from ..store import new_id
from ._common import get_obj, get_str, get_str_list, ok, opt_str, read_json
from ._mgmt import all_permissions, all_roles, all_tenants, audit, require_mgmt
from .mgmt_fga import DSL_KEY
from .mgmt_flow import THEME_KEY

PROJECT_KEY = "project"


def project_doc(e: Emulator) -> dict[str, Any]:
    doc = mgmt_store.doc_get(e.store, PROJECT_KEY)
    if not isinstance(doc, dict):
        doc = {"id": e.project_id, "name": "Emulated project", "tags": [], "environment": ""}
    return doc


async def update_name(request: Request) -> Response:
    e = require_mgmt(request)
    name = get_str(await read_json(request), "name")
    doc = project_doc(e)
    doc["name"] = name
    mgmt_store.doc_set(e.store, PROJECT_KEY, doc)
    audit(e, "ProjectNameUpdated", data={"name": name})
    return ok({})


async def update_tags(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    if not isinstance(body.get("tags"), list):
        raise errors.bad_request("'tags' must be an array of strings", "E011003")
    doc = project_doc(e)
    doc["tags"] = get_str_list(body, "tags")
    mgmt_store.doc_set(e.store, PROJECT_KEY, doc)
    audit(e, "ProjectTagsUpdated", data={"tags": doc["tags"]})
    return ok({})


async def clone(request: Request) -> Response:
    e = require_mgmt(request)
    body = await read_json(request)
    environment = opt_str(body, "environment") or ""
    if environment not in ("", "production"):
        raise errors.bad_request("'environment' must be 'production' or empty")
    clones = mgmt_store.doc_get(e.store, "project_clones") or []
    new = {
        "projectId": new_id("P"),
        "projectName": get_str(body, "name"),
        "environment": environment,
        "tags": get_str_list(body, "tags"),
        "files": export_files(e),
    }
    new["id"] = new["projectId"]
    new["name"] = new["projectName"]
    clones.append(new)
    mgmt_store.doc_set(e.store, "project_clones", clones)
    audit(e, "ProjectCloned", data={"id": new["id"]})
    return ok({k: v for k, v in new.items() if k != "files"})


def export_files(e: Emulator) -> dict[str, Any]:
    files: dict[str, Any] = {
        "project.json": project_doc(e),
        "permissions.json": all_permissions(e),
        "roles.json": all_roles(e),
        "tenants.json": [
            {**t, "ssoSettings": mgmt_store.sso_get(e.store, t["id"])} for t in all_tenants(e)
        ],
        "themes/theme.json": mgmt_store.doc_get(e.store, THEME_KEY),
        "applications.json": mgmt_store.apps_all(e.store),
        "authorization/fga.json": {"dsl": mgmt_store.doc_get(e.store, DSL_KEY)},
    }
    for flow in mgmt_store.flows_all(e.store):
        files[f"flows/{flow['id']}.json"] = flow
    return files


async def export_project(request: Request) -> Response:
    e = require_mgmt(request)
    await read_json(request)
    return ok({"files": export_files(e)})


def _list(files: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = files.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise errors.bad_request(f"'{name}' must be an array of objects", "E011003")
    return value


async def import_project(request: Request) -> Response:
    e = require_mgmt(request)
    files = get_obj(await read_json(request), "files")
    permissions = _list(files, "permissions.json")
    roles = _list(files, "roles.json")
    tenants = _list(files, "tenants.json")
    apps = _list(files, "applications.json")
    with e.store.tx():
        if isinstance(files.get("project.json"), dict):
            doc = dict(files["project.json"])
            doc["id"] = e.project_id
            mgmt_store.doc_set(e.store, PROJECT_KEY, doc)
        for perm in permissions:
            e.store.save_permission(perm)
        for tenant in tenants:
            tenant = dict(tenant)
            sso = tenant.pop("ssoSettings", None)
            e.store.save_tenant(tenant)
            if isinstance(sso, dict):
                mgmt_store.sso_save(e.store, tenant["id"], sso)
        for role in roles:
            e.store.save_role(role)
        if files.get("themes/theme.json") is not None:
            mgmt_store.doc_set(e.store, THEME_KEY, files["themes/theme.json"])
        for app in apps:
            mgmt_store.app_save(e.store, app)
        fga = files.get("authorization/fga.json")
        if isinstance(fga, dict) and fga.get("dsl"):
            mgmt_store.doc_set(e.store, DSL_KEY, fga["dsl"])
        for name, flow in files.items():
            if name.startswith("flows/") and isinstance(flow, dict) and flow.get("id"):
                mgmt_store.flow_save(e.store, flow["id"], flow)
    audit(e, "ProjectImported")
    return ok({})


routes = [
    Route("/v1/mgmt/project/update/name", update_name, methods=["POST"]),
    Route("/v1/mgmt/project/update/tags", update_tags, methods=["POST"]),
    Route("/v1/mgmt/project/clone", clone, methods=["POST"]),
    Route("/v1/mgmt/project/export", export_project, methods=["POST"]),
    Route("/v1/mgmt/project/import", import_project, methods=["POST"]),
]
