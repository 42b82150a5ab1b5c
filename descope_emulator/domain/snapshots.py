"""Project snapshots (``mgmt.project.export_snapshot`` / ``import_snapshot`` /
``validate_snapshot``): the project file (project_file.py) cut into files, one per part.

``files`` holds ``meta.json`` (``version``, ``projectId``) and ``<part>.json`` for every
top-level part of the project file (``project.json``, ``settings.json``, ``roles.json``,
``tenants.json``, ``users.json``, ``flows.json``, ...), so an export imports back exactly and
a part added to the project file is in the snapshot with no change here. Importing replaces
the parts the snapshot holds (all but ``excludes``) and keeps the others; like ``--import``
it starts from emptied storage, so pending codes, the outbox and the audit trail are cleared;
the live sessions of the users the project still has after the import stay valid. The emulator's project has no connectors or OAuth-provider secrets, so
``missingSecrets`` is never set; ``inputSecrets`` is only checked for its shape.

Secrets (secret_fields.py: password hashes, provider tokens, client secrets, key hashes, ...)
are in an export only for callers that may read them, as Descope's export leaves secrets
out; importing a snapshot keeps, for every object the project already has, the secrets the
snapshot lacks. An import that would change what management keys may do (their records,
the project's tags) is an admin's.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from . import project_file, secret_fields
from .management_keys import PROJECT_KEY, Caller, keys_unchanged_unless_admin

META = "meta.json"
_HEADER = ("version", "projectId")
FORMATS = ("", "json")


def _part(name: str) -> str:
    """``roles.json`` -> ``roles``."""
    return name[:-5] if name.endswith(".json") else name


def export(e: Emulator, fmt: str = "", caller: Caller = PROJECT_KEY) -> dict[str, Any]:
    """``{"files": {name: document}}`` of the whole project, its secrets left out unless
    ``caller`` may read them.

    Raises:
        ApiError: 400 for an unknown format.
    """
    if fmt not in FORMATS:
        raise errors.INVALID_REQUEST(f"Unknown snapshot format {fmt[:32]!r}: json only")
    doc = project_file.dump(e)
    if not caller.reads_secrets():
        doc = secret_fields.without_secrets(doc)
    files: dict[str, Any] = {META: {key: doc.pop(key) for key in _HEADER}}
    for key, value in doc.items():
        files[f"{key}.json"] = value
    return {"files": files}


def _secrets_failures(input_secrets: dict[str, Any]) -> list[str]:
    failures = []
    for group, entries in input_secrets.items():
        if group not in ("connectors", "oauthProviders"):
            failures.append(f"inputSecrets: unknown group '{group[:64]}'")
        elif not isinstance(entries, list) or not all(
            isinstance(x, dict) and isinstance(x.get("id"), str) and isinstance(x.get("value"), str)
            and x["value"] for x in entries
        ):
            failures.append(f"inputSecrets.{group}: each secret needs 'id' and a non-empty 'value'")
    return failures


def _references(doc: dict[str, Any]) -> list[str]:
    """What the parts say about each other: roles name known permissions, users known roles
    and tenants, ids are unique."""
    failures: list[str] = []
    for label, part, key in (("permission", "permissions", "name"), ("role", "roles", "name"),
                             ("tenant", "tenants", "name"),
                             ("access key", "accessKeys", "id"),
                             ("SSO application", "ssoApplications", "id")):
        for item in doc.get(part, []):
            if not isinstance(item.get(key), str) or not item[key]:
                failures.append(f"a {label} has no '{key}'")
    for part, key in (("roles", "permissionNames"), ("users", "roleNames"),
                      ("users", "userTenants"), ("users", "loginIds")):
        for item in doc.get(part, []):
            if not isinstance(item.get(key) or [], list):
                failures.append(f"'{key}' of {part} must be a list")
    if failures:
        return failures
    owners: dict[str, Any] = {}
    for user in doc.get("users", []):
        for login_id in user.get("loginIds") or []:
            if not isinstance(login_id, str) or not login_id:
                failures.append(f"user '{str(user.get('userId'))[:64]}' has an empty login id")
            elif owners.setdefault(login_id, user.get("userId")) != user.get("userId"):
                failures.append(f"login id '{login_id[:64]}' belongs to two users")
    permissions = {p.get("name") for p in doc.get("permissions", [])}
    roles = {r.get("name") for r in doc.get("roles", []) if not r.get("tenantId")}
    tenants = [t.get("id") for t in doc.get("tenants", [])]
    for label, ids in (("tenant", tenants), ("flow", [f.get("id") for f in doc.get("flows", [])]),
                       ("user", [u.get("userId") for u in doc.get("users", [])])):
        seen: set[Any] = set()
        for item_id in ids:
            if not isinstance(item_id, str) or not item_id:
                failures.append(f"a {label} has no id")
            elif item_id in seen:
                failures.append(f"{label} '{item_id[:64]}' appears twice")
            seen.add(item_id)
    for role in doc.get("roles", []):
        for perm in role.get("permissionNames") or []:
            if perm not in permissions:
                failures.append(f"role '{str(role.get('name'))[:64]}' names an unknown "
                                f"permission '{str(perm)[:64]}'")
    for user in doc.get("users", []):
        for role in user.get("roleNames") or []:
            if role not in roles:
                failures.append(f"user '{str(user.get('userId'))[:64]}' has an unknown role "
                                f"'{str(role)[:64]}'")
        for assoc in user.get("userTenants") or []:
            tid = assoc.get("tenantId") if isinstance(assoc, dict) else None
            if tid not in tenants:
                failures.append(f"user '{str(user.get('userId'))[:64]}' is in an unknown "
                                f"tenant '{str(tid)[:64]}'")
    return failures


def _assemble(e: Emulator, files: dict[str, Any], excludes: list[str]) -> tuple[dict[str, Any],
                                                                             list[str]]:
    """The project file the import would load (the current project with the snapshot's parts
    laid over it), and the failures found."""
    current = project_file.dump(e)
    skipped = {_part(x) for x in excludes}
    failures: list[str] = []
    doc = dict(current)
    for name, value in files.items():
        if name == META:
            if not isinstance(value, dict):
                failures.append(f"'{META}' must be an object")
            elif value.get("version", project_file.VERSION) != project_file.VERSION:
                failures.append(f"unknown snapshot version {value.get('version')!r}")
            continue
        part = _part(name)
        if part in _HEADER or part not in current or not name.endswith(".json"):
            failures.append(f"unknown file '{name[:64]}'")
        elif part not in skipped:
            doc[part] = secret_fields.restore(value, current[part])
    doc["projectId"] = e.project_id
    if not failures:
        try:
            project_file.check(doc)
        except errors.ApiError as exc:
            failures.append(exc.message)
    if not failures:
        failures.extend(_references(doc))
    return doc, failures


def validate(e: Emulator, files: dict[str, Any], input_secrets: dict[str, Any]) -> dict[str, Any]:
    """``{"ok", "failures"?}``: whether the snapshot would import, and why not."""
    _, failures = _assemble(e, files, [])
    failures.extend(_secrets_failures(input_secrets))
    return {"ok": not failures, "failures": failures} if failures else {"ok": True}


def import_(e: Emulator, caller: Caller, files: dict[str, Any], input_secrets: dict[str, Any],
            excludes: list[str]) -> None:
    """Apply a snapshot.

    Raises:
        ApiError: 400 with its failures when it does not validate; 403 when a caller that is
            not an admin would change what management keys may do.
    """
    doc, failures = _assemble(e, files, excludes)
    failures.extend(_secrets_failures(input_secrets))
    if failures:
        raise errors.INVALID_REQUEST("Invalid snapshot: " + "; ".join(failures[:10]))
    now = e.now()
    sessions = {u["userId"]: e.store.refresh_tokens.live_of(u["userId"], now)
                for u in doc.get("users", [])}
    with keys_unchanged_unless_admin(e, caller):
        project_file.load(e, doc)
        for user_id, live in sessions.items():  # the users it keeps stay signed in
            for token in live:
                e.store.refresh_tokens.add(token["jti"], user_id, token["exp"], token["context"])
