"""The project as a file: everything a project holds in one JSON document, written by
``--export-on-exit`` and ``GET /emulator/project``, read by ``--import``, the pytest plugin's
seed and ``POST /emulator/project``. Loading a file and writing it back gives the same file.

Shape (``version`` 1): ``projectId``, ``project`` (name, tags), ``settings`` (what differs
from Descope's defaults, see project_settings.py), ``permissions``, ``roles``, ``tenants``
(each with its ``ssoSettings``, and ``sessionSettings`` / ``ssoConfigurations`` /
``xaaSettings`` when it has them), ``users`` (password hashes, roles, tenants included),
``accessKeys`` (each with the ``secretHash`` of its cleartext), ``flows``, ``ssoApplications``,
``theme``, ``fgaSchema``, ``authzSchema``, ``tenantPasswordPolicies``, ``fgaRelations``,
``authzRelations``, the user custom attribute definitions ``userCustomAttributes`` /
``userFamilyCustomAttributes`` when there are any, and two generic parts that need no code
per area:

* ``records``: ``{kind: [{"id": ..., "data": {...}}, ...]}``, every record of the records
  storage (storage/records.py: engines and management keys with their secret hashes, lists,
  outbound applications and their tokens, third-party applications and consents, descopers,
  families, ...), oldest first, but for the kinds carried by their own keys above
  (``_OWN_KEYS``); a new kind round-trips once it is in ``records.KINDS``;
* ``documents``: ``{key: value}``, every other project-level document (scope-claim mappings,
  project clones, ...).

Not in the file, as in a Descope project export: sessions and refresh tokens, pending codes
and links, the outbox, audit events, login history, passkeys (bound to a browser's
authenticator) and the signing keys. The file holds password and secret hashes and any
outbound-application tokens: treat it as a secret.
"""

from __future__ import annotations

import re
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage.project_documents import AUTHZ_SCHEMA, FGA_DSL, PROJECT, THEME
from ..storage.records import KINDS
from . import custom_attributes, project_settings, tenant_settings
from .passwords import TENANT_POLICIES

VERSION = 1
_LISTS = ("permissions", "roles", "tenants", "users", "accessKeys", "flows", "ssoApplications",
          "fgaRelations", "authzRelations")
#: project documents with a name of their own in the file (the rest go under ``documents``)
_NAMED_DOCUMENTS = {PROJECT: "project", THEME: "theme", FGA_DSL: "fgaSchema",
                    AUTHZ_SCHEMA: "authzSchema", TENANT_POLICIES: "tenantPasswordPolicies"}
_DOCUMENT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: record kinds the file carries under keys of their own (tenant entries, custom attributes)
_OWN_KEYS = tenant_settings.FILE_RECORD_KINDS | custom_attributes.FILE_RECORD_KINDS
_FGA_FIELDS = ("resourceType", "resource", "relation", "targetType", "target")


def dump(e: Emulator) -> dict[str, Any]:
    """The whole project as one JSON-ready document."""
    store = e.store
    skip = {*_NAMED_DOCUMENTS, project_settings.SETTINGS}
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
        "fgaRelations": store.fga_tuples.all(),
        "authzRelations": store.authz_relations.all(),
        "records": {kind: [{"id": record_id, "data": data}
                           for record_id, data in store.records.entries(kind)]
                    for kind in store.records.kinds()
                    if kind not in _OWN_KEYS},
        "documents": {key: store.project_documents.get(key)
                      for key in store.project_documents.keys() if key not in skip},
        **custom_attributes.file_entries(e),
    }


def _check_records(records: Any) -> None:
    if not isinstance(records, dict):
        raise errors.WRONG_TYPE("'records' must be an object of kind -> list")
    for kind, entries in records.items():
        if kind not in KINDS:
            raise errors.INVALID_REQUEST(f"Unknown record kind {kind!r}")
        if kind in _OWN_KEYS:
            raise errors.INVALID_REQUEST(f"Records of kind {kind!r} have a key of their own")
        if not isinstance(entries, list) or not all(
                isinstance(x, dict) and isinstance(x.get("id"), str) and x["id"]
                and isinstance(x.get("data"), dict) for x in entries):
            raise errors.WRONG_TYPE(f"'records.{kind}' must be a list of {{id, data}} objects")


def _check_documents(documents: Any) -> None:
    if not isinstance(documents, dict):
        raise errors.WRONG_TYPE("'documents' must be an object")
    for key in documents:
        if not _DOCUMENT_KEY.match(key) or key in _NAMED_DOCUMENTS \
                or key == project_settings.SETTINGS:
            raise errors.INVALID_REQUEST(f"Unknown project document {key!r}")


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
    for rel in doc.get("fgaRelations", []):
        if not all(isinstance(rel.get(f), str) for f in _FGA_FIELDS):
            raise errors.WRONG_TYPE(f"each FGA relation needs {', '.join(_FGA_FIELDS)}")
    for rel in doc.get("authzRelations", []):
        if not all(isinstance(rel.get(f), str)
                   for f in ("resource", "relationDefinition", "namespace")):
            raise errors.WRONG_TYPE(
                "each authz relation needs resource, relationDefinition, namespace")
    _check_records(doc.get("records", {}))
    _check_documents(doc.get("documents", {}))
    project_settings.check(doc.get("settings") or {})
    custom_attributes.check_file(doc)
    return doc


def load(e: Emulator, doc: Any) -> None:
    """Replace the project's data with a project file's (signing keys stay)."""
    doc = check(doc)
    store = e.store
    with store.tx():
        store.reset()
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
        for key, name in _NAMED_DOCUMENTS.items():
            if doc.get(name) is not None:
                store.project_documents.set(key, doc[name])
        for key, value in doc.get("documents", {}).items():
            store.project_documents.set(key, value)
        store.fga_tuples.add(doc.get("fgaRelations", []))
        store.authz_relations.add(doc.get("authzRelations", []))
        for kind, entries in doc.get("records", {}).items():
            store.records.restore(kind, [(x["id"], x["data"]) for x in entries])
