"""The project as a file: everything a project holds in one JSON document, written by
``--export-on-exit`` and ``GET /emulator/project``, read by ``--import``, the pytest plugin's
seed and ``POST /emulator/project``. Loading a file and writing it back gives the same file.

Shape (``version`` 1): ``projectId``, ``project`` (name, tags), ``settings`` (what differs
from Descope's defaults, see project_settings.py), ``permissions``, ``roles``, ``tenants``
(each with its ``ssoSettings``, and
``sessionSettings`` / ``ssoConfigurations`` / ``xaaSettings`` when it has them), ``users`` (password hashes, roles, tenants included),
``accessKeys`` (each with the ``secretHash`` of its cleartext), ``flows``, ``ssoApplications``,
``theme``, ``fgaSchema``, ``authzSchema``, ``tenantPasswordPolicies``, and the user custom
attribute definitions ``userCustomAttributes`` / ``userFamilyCustomAttributes`` when there
are any.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage.project_documents import AUTHZ_SCHEMA, FGA_DSL, PROJECT, THEME
from . import custom_attributes, project_settings, tenant_settings
from .passwords import TENANT_POLICIES

VERSION = 1
_LISTS = ("permissions", "roles", "tenants", "users", "accessKeys", "flows", "ssoApplications")


def dump(e: Emulator) -> dict[str, Any]:
    """The whole project as one JSON-ready document."""
    store = e.store
    return {
        "version": VERSION,
        "projectId": e.project_id,
        "project": store.project_documents.get(PROJECT),
        "settings": project_settings.changes(e),
        "permissions": store.permissions.all(),
        "roles": store.roles.all(),
        "tenants": [{**t, "ssoSettings": store.sso_settings.get(t["id"]),
                     **tenant_settings.file_extras(e, t["id"])}
                    for t in store.tenants.all()],
        "users": store.users.all(),
        "accessKeys": [{**key, "secretHash": secret_hash}
                       for key, secret_hash in store.access_keys.all_with_hashes()],
        "flows": store.flows.all(),
        "ssoApplications": store.sso_applications.all(),
        "theme": store.project_documents.get(THEME),
        "fgaSchema": store.project_documents.get(FGA_DSL),
        "authzSchema": store.project_documents.get(AUTHZ_SCHEMA),
        "tenantPasswordPolicies": store.project_documents.get(TENANT_POLICIES),
        **custom_attributes.file_entries(e),
    }


def check(doc: Any) -> dict[str, Any]:
    """Validate the outer shape of a project file (400 with the reason)."""
    if not isinstance(doc, dict):
        raise errors.WRONG_TYPE("A project file is a JSON object")
    if doc.get("version", VERSION) != VERSION:
        raise errors.INVALID_REQUEST(f"Unknown project file version {doc.get('version')!r}")
    for key in _LISTS:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            raise errors.WRONG_TYPE(f"'{key}' must be a list of objects")
    for user in doc.get("users", []):
        if not isinstance(user.get("userId"), str) or not isinstance(user.get("loginIds"), list):
            raise errors.WRONG_TYPE("each user needs 'userId' and 'loginIds'")
    for key in doc.get("accessKeys", []):
        if not isinstance(key.get("id"), str) or not isinstance(key.get("secretHash"), str):
            raise errors.WRONG_TYPE("each access key needs 'id' and 'secretHash'")
    project_settings.check(doc.get("settings") or {})
    custom_attributes.check_file(doc)
    return doc


def load(e: Emulator, doc: Any) -> None:
    """Replace the project's data with a project file's (signing keys stay)."""
    doc = check(doc)
    store = e.store
    with store.tx():
        store.reset()
        if doc.get("project") is not None:
            store.project_documents.set(PROJECT, doc["project"])
        store.project_documents.set(project_settings.SETTINGS, doc.get("settings") or None)
        for perm in doc.get("permissions", []):
            store.permissions.save(perm)
        for role in doc.get("roles", []):
            store.roles.save(role)
        for tenant in doc.get("tenants", []):
            tenant = dict(tenant)
            sso = tenant.pop("ssoSettings", None)
            tenant_settings.load_file_extras(e, tenant["id"], tenant)
            store.tenants.save(tenant)
            if isinstance(sso, dict):
                store.sso_settings.save(tenant["id"], sso)
        for user in doc.get("users", []):
            store.users.save(dict(user))
        for key in doc.get("accessKeys", []):
            key = dict(key)
            secret_hash = key.pop("secretHash")
            store.access_keys.add(key, secret_hash)
        for flow in doc.get("flows", []):
            store.flows.save(flow["id"], flow)
        for app in doc.get("ssoApplications", []):
            store.sso_applications.save(app)
        custom_attributes.load_file(e, doc)
        for key, name in ((THEME, "theme"), (FGA_DSL, "fgaSchema"), (AUTHZ_SCHEMA, "authzSchema"),
                          (TENANT_POLICIES, "tenantPasswordPolicies")):
            if doc.get(name) is not None:
                store.project_documents.set(key, doc[name])
