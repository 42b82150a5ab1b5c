"""Importing users (``mgmt.user.import_users``, ``POST /v1/mgmt/user/import``).

The request carries two files: ``users`` (a JSON array of users, or ``{"users": [...]}``)
and optionally ``hashes`` (a JSON array of ``{"loginId", "hashedPassword"}``, or an
object ``{loginId: hashedPassword}``). The Python SDK sends each file base64-encoded, the
Node SDK as the JSON text itself; both are read.

A user is the management user body: ``loginIds`` (or ``loginId``), ``email``, ``phone``,
``name`` / ``displayName``, ``givenName``, ``middleName``, ``familyName``, ``picture``,
``verifiedEmail``, ``verifiedPhone``, ``roleNames``, ``customAttributes``, ``status`` and
``hashedPassword`` (bcrypt, pbkdf2, django or firebase, see :mod:`.imported_hashes`). An
imported user with a hash signs in with the plain password.

A file that is not JSON, a user that is not an object or has no login id, and a hash the
emulator cannot check refuse the whole import (400) before anything is stored; a login id
already taken makes that user a failure of the answer, the others are imported.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .. import errors
from ..state import Emulator
from . import custom_attributes, imported_hashes, users

_PROFILE = {"email": "email", "phone": "phone", "name": "name", "displayName": "name",
            "givenName": "givenName", "middleName": "middleName", "familyName": "familyName",
            "picture": "picture"}


def decode_file(value: Any, what: str) -> Any:
    """The JSON a file field holds (base64 of JSON, or JSON text); None when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise errors.IMPORT_INVALID(f"'{what}' must be a string")
    text = value
    stripped = value.strip()
    if stripped[:1] not in ("[", "{"):
        try:
            text = base64.b64decode(stripped, validate=True).decode("utf-8")
        except (binascii.Error, ValueError) as exc:
            raise errors.IMPORT_INVALID(f"'{what}' is neither JSON nor base64 JSON") from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise errors.IMPORT_INVALID(f"'{what}' is not valid JSON") from exc


def _login_ids(raw: dict[str, Any], index: int) -> list[str]:
    ids = raw.get("loginIds")
    if ids is None and isinstance(raw.get("loginId"), str):
        ids = [raw["loginId"]]
    if (not isinstance(ids, list) or not ids
            or not all(isinstance(i, str) and i.strip() for i in ids)):
        raise errors.IMPORT_INVALID(f"user #{index + 1}: 'loginIds' must be a non-empty array")
    return list(dict.fromkeys(ids))


def _hash_map(hashes: Any) -> dict[str, Any]:
    if hashes is None:
        return {}
    if isinstance(hashes, dict):
        return dict(hashes)
    if not isinstance(hashes, list):
        raise errors.IMPORT_INVALID("'hashes' must be a JSON array or object")
    out: dict[str, Any] = {}
    for entry in hashes:
        login_id = entry.get("loginId") if isinstance(entry, dict) else None
        if not isinstance(login_id, str) or "hashedPassword" not in entry:
            raise errors.IMPORT_INVALID("each hash needs 'loginId' and 'hashedPassword'")
        out[login_id] = entry["hashedPassword"]
    return out


def _user_of(e: Emulator, raw: Any, index: int, hashes: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise errors.IMPORT_INVALID(f"user #{index + 1} is not an object")
    ids = _login_ids(raw, index)
    fields: dict[str, Any] = {}
    for key, field in _PROFILE.items():
        value = raw.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise errors.IMPORT_INVALID(f"user #{index + 1}: '{key}' must be a string")
            fields[field] = value
    attrs = raw.get("customAttributes") or {}
    roles = raw.get("roleNames") or []
    if not isinstance(attrs, dict):
        raise errors.IMPORT_INVALID(f"user #{index + 1}: 'customAttributes' must be an object")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise errors.IMPORT_INVALID(f"user #{index + 1}: 'roleNames' must be an array of strings")
    custom_attributes.check_values(e, attrs)
    user = users.new_user(e, ids[0], {**fields, "customAttributes": attrs, "roleNames": roles})
    user["loginIds"] = ids
    for flag in ("verifiedEmail", "verifiedPhone"):
        if isinstance(raw.get(flag), bool):
            user[flag] = raw[flag]
    status = raw.get("status") or "enabled"
    if status not in users.STATUSES:
        raise errors.IMPORT_INVALID(f"user #{index + 1}: unknown status '{str(status)[:20]}'")
    user["status"] = status
    hashed = raw.get("hashedPassword")
    if hashed is None:
        hashed = next((hashes[i] for i in ids if i in hashes), None)
    if hashed is not None:
        why = imported_hashes.problem(hashed)
        if why:
            raise errors.IMPORT_INVALID(f"user #{index + 1}: {why}")
        user["_hashedPassword"] = hashed
        user["password"] = True
    return user


def import_users(e: Emulator, users_file: Any, hashes_file: Any, *, dry_run: bool
                 ) -> dict[str, Any]:
    """Import the users of the files; answers ``{"users": [...], "failures": [{"user",
    "reason"}]}``. ``dry_run`` checks and answers without storing anything."""
    raw_users = decode_file(users_file, "users")
    if isinstance(raw_users, dict):
        raw_users = raw_users.get("users")
    if not isinstance(raw_users, list) or not raw_users:
        raise errors.IMPORT_INVALID("'users' must hold a non-empty JSON array of users")
    hashes = _hash_map(decode_file(hashes_file, "hashes"))
    built = [_user_of(e, raw, i, hashes) for i, raw in enumerate(raw_users)]
    imported: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    with e.store.tx():
        claimed: set[str] = set()
        for user in built:
            taken = [i for i in user["loginIds"]
                     if i in claimed or e.store.users.login_id_taken(i)]
            if taken:
                failures.append({"user": user["loginIds"][0],
                                 "reason": f"login id '{taken[0]}' already exists"})
                continue
            claimed.update(user["loginIds"])
            if not dry_run:
                e.store.users.save(user)
                users.record_created(e, user, invited=False)
            imported.append(users.public_user(user))
    return {"users": imported, "failures": failures}
