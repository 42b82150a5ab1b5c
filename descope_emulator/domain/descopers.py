"""Descopers: the company's console users, with attributes and roles (company admin,
per tag, per project). A login id belongs to one Descoper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.database import new_id
from ..storage.records import DESCOPER

if TYPE_CHECKING:
    from ..state import Emulator

ROLES = frozenset({"admin", "developer", "support", "auditor"})


def _str_or_none(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise errors.WRONG_TYPE(f"'{where}.{key}' must be a string")
    return value


def attributes(value: Any) -> dict[str, Any]:
    """Checked attributes (every key present, null when unset)."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise errors.WRONG_TYPE("'attributes' must be an object")
    return {k: _str_or_none(value, k, "attributes") for k in ("displayName", "email", "phone")}


def _role_entries(value: Any, key: str, ids_key: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise errors.WRONG_TYPE(f"'rbac.{key}' must be an array of objects")
    out = []
    for entry in value:
        ids = entry.get(ids_key) or []
        if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
            raise errors.WRONG_TYPE(f"'rbac.{key}.{ids_key}' must be an array of strings")
        role = entry.get("role")
        if role not in ROLES:
            raise errors.INVALID_REQUEST(f"'rbac.{key}.role' must be one of {sorted(ROLES)}")
        out.append({ids_key: ids, "role": role})
    return out


def rbac(value: Any) -> dict[str, Any]:
    """Checked roles (unknown role names are refused)."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise errors.WRONG_TYPE("'rbac' must be an object")
    admin = value.get("isCompanyAdmin", False)
    if not isinstance(admin, bool):
        raise errors.WRONG_TYPE("'rbac.isCompanyAdmin' must be a boolean")
    return {"isCompanyAdmin": admin,
            "tags": _role_entries(value.get("tags"), "tags", "tags"),
            "projects": _role_entries(value.get("projects"), "projects", "projectIds")}


def require(e: Emulator, descoper_id: str) -> dict[str, Any]:
    """The stored Descoper, or 404."""
    found = e.store.records.get(DESCOPER, descoper_id)
    if found is None:
        raise errors.DESCOPER_NOT_FOUND(f"Descoper '{descoper_id}' not found")
    return found


def create(e: Emulator, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Create every entry or none (409 when a login id is taken, also within the batch)."""
    if not entries:
        raise errors.INVALID_REQUEST("'descopers' must not be empty")
    made = []
    taken = {d["loginId"].lower() for d in e.store.records.all(DESCOPER)}
    for entry in entries:
        login_id = entry.get("loginId")
        if not isinstance(login_id, str) or not login_id:
            raise errors.INVALID_REQUEST("'loginId' is required")
        if login_id.lower() in taken:
            raise errors.DESCOPER_EXISTS(f"A Descoper with login id '{login_id}' exists")
        taken.add(login_id.lower())
        invite = entry.get("sendInvite", False)
        if not isinstance(invite, bool):
            raise errors.WRONG_TYPE("'sendInvite' must be a boolean")
        made.append({"id": new_id("D"), "loginId": login_id,
                     "attributes": attributes(entry.get("attributes")),
                     "rbac": rbac(entry.get("rbac")),
                     "status": "invited" if invite else "enabled",
                     "createdTime": int(e.now())})
    with e.store.tx():
        for d in made:
            e.store.records.save(DESCOPER, d["id"], d)
    return made


def update(e: Emulator, descoper_id: str, attrs: Any, roles: Any) -> dict[str, Any]:
    """Replace the given parts (attributes, rbac) of a Descoper."""
    with e.store.tx():
        found = require(e, descoper_id)
        if attrs is not None:
            found["attributes"] = attributes(attrs)
        if roles is not None:
            found["rbac"] = rbac(roles)
        e.store.records.save(DESCOPER, descoper_id, found)
    return found


def delete(e: Emulator, descoper_id: str) -> None:
    """Remove a Descoper (404 when unknown)."""
    if not e.store.records.delete(DESCOPER, descoper_id):
        raise errors.DESCOPER_NOT_FOUND(f"Descoper '{descoper_id}' not found")
