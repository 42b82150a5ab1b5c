"""The project: its name and tags, export / import and clones.

The export holds roles, permissions, tenants (with their SSO configurations, session and
XAA settings), flows, theme, SSO apps and the FGA schema; importing it reproduces them
(users, access keys and application client secrets are not exported, as in Descope; the
tenants' SSO secrets only to callers that may read secrets). Changes that could change what
management keys may do (tags, imports, deleting) are an admin's
(``management_keys.keys_unchanged_unless_admin``)."""

from __future__ import annotations

from typing import Any

from ..state import Emulator
from ..storage import new_id
from ..storage.project_documents import FGA_DSL, PROJECT, PROJECT_CLONES, THEME
from . import project_defaults, secret_fields, tenant_settings
from .management_keys import PROJECT_KEY, Caller, keys_unchanged_unless_admin


def project_doc(e: Emulator) -> dict[str, Any]:
    """``{"id", "name", "tags", "environment"}``."""
    doc = e.store.project_documents.get(PROJECT)
    if not isinstance(doc, dict):
        doc = {"id": e.project_id, "name": "Emulated project", "tags": [], "environment": ""}
    return doc


def update(e: Emulator, caller: Caller, **fields: Any) -> dict[str, Any]:
    """Change the project's name and/or tags.

    Raises:
        ApiError: 403 when a caller that is not an admin changes tags that key roles follow.
    """
    with keys_unchanged_unless_admin(e, caller):
        doc = project_doc(e)
        doc.update(fields)
        e.store.project_documents.set(PROJECT, doc)
    return doc


def export_files(e: Emulator, caller: Caller = PROJECT_KEY) -> dict[str, Any]:
    """The export: file name -> JSON document (secrets left out unless ``caller`` may read
    them)."""
    files: dict[str, Any] = {
        "project.json": project_doc(e),
        "permissions.json": e.store.permissions.all(),
        "roles.json": e.store.roles.all(),
        "tenants.json": [
            {**t, "ssoSettings": e.store.sso_settings.get(t["id"]),
             **tenant_settings.file_extras(e, t["id"])}
            for t in e.store.tenants.all()
        ],
        "themes/theme.json": e.store.project_documents.get(THEME),
        # an OIDC application's client secret (``_secret``) stays out of snapshots
        "applications.json": [{k: v for k, v in app.items() if not k.startswith("_")}
                              for app in e.store.sso_applications.all()],
        "authorization/fga.json": {"dsl": e.store.project_documents.get(FGA_DSL)},
    }
    for flow in e.store.flows.all():
        files[f"flows/{flow['id']}.json"] = flow
    return files if caller.reads_secrets() else secret_fields.without_secrets(files)


def import_files(
    e: Emulator,
    caller: Caller,
    files: dict[str, Any],
    *,
    permissions: list[dict[str, Any]],
    roles: list[dict[str, Any]],
    tenants: list[dict[str, Any]],
    apps: list[dict[str, Any]],
) -> None:
    """Reproduce an export (its lists already checked to be lists of objects); the secrets an
    export left out are kept for the tenants and apps the project already has.

    Raises:
        ApiError: 403 when a caller that is not an admin imports tags that key roles follow.
    """
    current = export_files(e)
    tenants = secret_fields.restore(tenants, current["tenants.json"])
    stored_apps = {app["id"]: app for app in e.store.sso_applications.all()}
    apps = [secret_fields.restore(app, stored_apps.get(app.get("id"))) for app in apps]
    with keys_unchanged_unless_admin(e, caller):
        if isinstance(files.get("project.json"), dict):
            doc = dict(files["project.json"])
            doc["id"] = e.project_id
            e.store.project_documents.set(PROJECT, doc)
        for perm in permissions:
            e.store.permissions.save(perm)
        for tenant in tenants:
            tenant = dict(tenant)
            sso = tenant.pop("ssoSettings", None)
            tenant_settings.load_file_extras(e, tenant["id"], tenant)
            e.store.tenants.save(tenant)
            if isinstance(sso, dict):
                e.store.sso_settings.save(tenant["id"], sso)
        for role in roles:
            e.store.roles.save(role)
        if files.get("themes/theme.json") is not None:
            e.store.project_documents.set(THEME, files["themes/theme.json"])
        for app in apps:
            e.store.sso_applications.save(app)
        fga = files.get("authorization/fga.json")
        if isinstance(fga, dict) and fga.get("dsl"):
            e.store.project_documents.set(FGA_DSL, fga["dsl"])
        for name, flow in files.items():
            if name.startswith("flows/") and isinstance(flow, dict) and flow.get("id"):
                e.store.flows.save(flow["id"], flow)


def clone(e: Emulator, name: str, environment: str, tags: list[str]) -> dict[str, Any]:
    """A clone of the project (kept as a document); returns its description."""
    clones = e.store.project_documents.get(PROJECT_CLONES) or []
    new = {
        "projectId": new_id("P"),
        "projectName": name,
        "environment": environment,
        "tags": tags,
        "files": export_files(e),
    }
    new["id"] = new["projectId"]
    new["name"] = new["projectName"]
    clones.append(new)
    e.store.project_documents.set(PROJECT_CLONES, clones)
    return {k: v for k, v in new.items() if k != "files"}


def list_projects(e: Emulator) -> list[dict[str, Any]]:
    """The company's projects: this one and its clones (``id``, ``name``, ``environment``,
    ``tags``; ``tag`` too, the field the Python SDK removes)."""
    this = project_doc(e)
    out = [_listed(e.project_id, this)]
    for clone_doc in e.store.project_documents.get(PROJECT_CLONES) or []:
        out.append(_listed(clone_doc["projectId"], {
            "name": clone_doc.get("projectName", ""), "environment": clone_doc.get("environment"),
            "tags": clone_doc.get("tags")}))
    return out


def _listed(project_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    environment = str(doc.get("environment") or "")
    return {"id": project_id, "name": str(doc.get("name") or ""), "environment": environment,
            "tags": list(doc.get("tags") or []), "tag": environment}


def delete(e: Emulator, caller: Caller) -> None:
    """Delete the project: the emulator's project becomes a fresh project again (its data
    and settings go, Descope's defaults come back; the project id, the management key, the
    signing keys and the company's other projects, its clones, stay).

    Raises:
        ApiError: 403 when a caller that is not an admin would delete management keys.
    """
    clones = e.store.project_documents.get(PROJECT_CLONES)
    with keys_unchanged_unless_admin(e, caller):
        e.store.reset()
        project_defaults.seed(e)
        if clones:
            e.store.project_documents.set(PROJECT_CLONES, clones)
