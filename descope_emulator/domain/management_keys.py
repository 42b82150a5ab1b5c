"""Management keys made through ``mgmt.management_key``: hashed secrets, status, expiry,
permitted IPs, and roles that decide which management calls a key may make.

Roles (company-wide, for projects listed by id, or for projects carrying a tag), by what
they allow:

* ``admin`` (also ``Company Admin``, ``Project Admin``): every management call;
* ``developer`` (``Project Developer``): every call but those on management keys and
  descopers (reading them included: only admins see keys);
* ``support`` (``Project Support``): reading anything, and changing users;
* ``auditor`` (``Project Auditor``): reading only.

Reading a secret (an app's client secret, a user's provider token, the secrets in an
export) is not reading: only ``developer`` and ``admin`` keys may (:meth:`Caller.reads_secrets`).

No call widens what a key may do: a key grants only rights it holds, so only an ``admin``
key changes what any management key may do, by making or changing keys or by a call that
changes the keys' rights indirectly (the project's tags, which ``tagRoles`` follow; an
import that brings keys or tags): :func:`keys_unchanged_unless_admin` guards those calls.

A reading call is a GET, or a POST whose last path segment after the area only asks
(``search``, ``load``, ``all``, ``check``, ...); never a DELETE. The project's own key (the emulator's management key)
may do everything. Unknown roles allow nothing.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.database import new_id
from ..storage.project_documents import PROJECT
from ..storage.records import MANAGEMENT_KEY
from . import networks
from .access_keys import hash_secret

if TYPE_CHECKING:
    from ..state import Emulator

ALL, DEVELOPER, SUPPORT, READ = "all", "developer", "support", "read"
RIGHTS: dict[str, str] = {
    "admin": ALL, "company admin": ALL, "project admin": ALL,
    "developer": DEVELOPER, "project developer": DEVELOPER,
    "support": SUPPORT, "project support": SUPPORT,
    "auditor": READ, "project auditor": READ,
}
_READ_SEGMENTS = frozenset({
    "search", "load", "all", "get", "check", "has", "who", "what", "list", "resources",
    "targets", "export", "loadall", "dryrun", "validate",
})
_KEY_AREAS = ("/v1/mgmt/managementkey", "/v1/mgmt/descoper")
_USER_AREAS = ("/v1/mgmt/user", "/v2/mgmt/user", "/v1/mgmt/tests")
# reads that answer a secret or a user's provider token: not for reading-only roles
_SECRET_READS = frozenset({"/v1/mgmt/user/provider/token", "/v1/mgmt/thirdparty/app/secret",
                           "/v1/mgmt/sso/idp/app/secret"})


@dataclass(frozen=True)
class Caller:
    """Who makes a management call: the rights of its key (:data:`RIGHTS` values)."""

    rights: frozenset[str]

    def reads_secrets(self) -> bool:
        """Whether the caller may read secrets (``developer`` and ``admin`` keys)."""
        return bool(self.rights & {ALL, DEVELOPER})

    def is_admin(self) -> bool:
        """Whether the caller may do every call (the project's key, ``admin`` keys)."""
        return ALL in self.rights


#: the project's own key (the emulator's management key): every call
PROJECT_KEY = Caller(frozenset({ALL}))


def public(key: dict[str, Any]) -> dict[str, Any]:
    """The key as the API shows it (never the secret or its hash)."""
    return {k: v for k, v in key.items() if k != "secretHash"}


def require(e: Emulator, key_id: str) -> dict[str, Any]:
    """The stored key, or 404."""
    key = e.store.records.get(MANAGEMENT_KEY, key_id)
    if key is None:
        raise errors.MANAGEMENT_KEY_NOT_FOUND(f"Management key '{key_id}' not found")
    return key


def check_rebac(rebac: dict[str, Any]) -> dict[str, Any]:
    """400 unless ``reBac`` has the documented shape."""
    def strings(value: Any, name: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise errors.WRONG_TYPE(f"'{name}' must be an array of strings")
        return value

    out: dict[str, Any] = {}
    if "companyRoles" in rebac:
        out["companyRoles"] = strings(rebac["companyRoles"], "reBac.companyRoles")
    for part, scope in (("projectRoles", "projectIds"), ("tagRoles", "tags")):
        if part in rebac:
            items = rebac[part]
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise errors.WRONG_TYPE(f"'reBac.{part}' must be an array of objects")
            out[part] = [{scope: strings(i.get(scope, []), f"reBac.{part}.{scope}"),
                          "roles": strings(i.get("roles", []), f"reBac.{part}.roles")}
                         for i in items]
    return out


#: how much each right allows, for the rule that a key grants only what it holds
_LEVELS = {READ: 0, SUPPORT: 1, DEVELOPER: 2, ALL: 3}


def _level(rights: frozenset[str]) -> int:
    return max((_LEVELS[r] for r in rights), default=-1)


def check_grant(caller: Caller, rebac: dict[str, Any]) -> None:
    """403 unless every role ``rebac`` names (company-wide, for any project, under any tag,
    since tags change) allows no more than ``caller`` may do itself.

    Raises:
        ApiError: 403 ``MANAGEMENT_KEY_FORBIDDEN`` for a role above the caller's.
    """
    named = list(rebac.get("companyRoles") or [])
    for part in ("projectRoles", "tagRoles"):
        for item in rebac.get(part) or []:
            named.extend(item.get("roles") or [])
    wanted = frozenset(RIGHTS[r.lower()] for r in named if r.lower() in RIGHTS)
    if _level(wanted) > _level(caller.rights):
        raise errors.MANAGEMENT_KEY_FORBIDDEN(
            "A key may only grant roles that allow no more than its own")


def create(e: Emulator, caller: Caller, name: str, description: str, expires_in: int,
           permitted_ips: list[str], rebac: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A new key and its cleartext (shown only in this answer).

    Raises:
        ApiError: 400 for a bad ``expiresIn`` or ``reBac``; 403 when ``rebac`` grants more
            than ``caller`` holds (:func:`check_grant`).
    """
    if expires_in < 0:
        raise errors.INVALID_REQUEST("'expiresIn' must not be negative")
    rebac = check_rebac(rebac)
    check_grant(caller, rebac)
    now = int(e.now())
    cleartext = "K2" + secrets.token_urlsafe(32)
    key = {
        "id": new_id("MK"), "name": name, "description": description, "status": "active",
        "createdTime": now, "expireTime": now + expires_in if expires_in else 0,
        "permittedIps": networks.normalize(permitted_ips), "reBac": rebac,
        "secretHash": hash_secret(cleartext),
    }
    e.store.records.save(MANAGEMENT_KEY, key["id"], key)
    return public(key), cleartext


def update(e: Emulator, caller: Caller, key_id: str, name: str, description: str,
           permitted_ips: list[str], status: str) -> dict[str, Any]:
    """Overwrite a key's name, description, permitted IPs and status.

    Raises:
        ApiError: 400 for an unknown status, 404 for an unknown key, 403 when ``caller`` may
            not grant the key's roles (re-activating a key grants them again).
    """
    if status not in ("active", "inactive"):
        raise errors.INVALID_REQUEST("'status' must be 'active' or 'inactive'")
    with e.store.tx():
        check_grant(caller, require(e, key_id).get("reBac") or {})
        key = require(e, key_id)
        key.update(name=name, description=description, status=status,
                   permittedIps=networks.normalize(permitted_ips))
        e.store.records.save(MANAGEMENT_KEY, key_id, key)
    return public(key)


def delete(e: Emulator, caller: Caller, ids: list[str]) -> int:
    """Delete keys; how many existed.

    Raises:
        ApiError: 403 when ``caller`` is not an admin (only admins change keys).
    """
    with keys_unchanged_unless_admin(e, caller):
        return sum(e.store.records.delete(MANAGEMENT_KEY, i) for i in ids)


def _roles(e: Emulator, rebac: dict[str, Any]) -> set[str]:
    roles = set(rebac.get("companyRoles") or [])
    for item in rebac.get("projectRoles") or []:
        if e.project_id in item.get("projectIds", []):
            roles.update(item.get("roles", []))
    project = e.store.project_documents.get(PROJECT)
    tags = set((project if isinstance(project, dict) else {}).get("tags") or [])
    for item in rebac.get("tagRoles") or []:
        if tags & set(item.get("tags", [])):
            roles.update(item.get("roles", []))
    return roles


def _is_read(method: str, path: str) -> bool:
    """A GET, or a POST whose verb (the last segment after ``/v<n>/mgmt/<area>``) only
    asks; a DELETE never reads, and the bare area (``POST /v1/mgmt/list`` creates) is no
    verb."""
    if method == "GET":
        return True
    segments = path.strip("/").split("/")
    return method == "POST" and len(segments) > 3 and segments[-1].lower() in _READ_SEGMENTS


def allows(rights: set[str], method: str, path: str) -> bool:
    """Whether keys with these rights may make this call."""
    if ALL in rights:
        return True
    if path.startswith(_KEY_AREAS):
        return False
    if DEVELOPER in rights:
        return True
    if path.rstrip("/") in _SECRET_READS:
        return False
    if SUPPORT in rights and path.startswith(_USER_AREAS):
        return True
    return bool(rights & {DEVELOPER, SUPPORT, READ}) and _is_read(method, path)


def _rights(e: Emulator, key: dict[str, Any]) -> frozenset[str]:
    return frozenset(RIGHTS[r.lower()] for r in _roles(e, key.get("reBac") or {})
                     if r.lower() in RIGHTS)


def authorize(e: Emulator, presented: str, method: str, path: str, ip: str | None) -> Caller:
    """Accept a call made with a key from ``mgmt.management_key`` (the caller it makes) or
    refuse it: 401 for a key that is unknown, inactive or expired; 403 from an address it
    does not permit or for a call its roles do not allow."""
    digest = hash_secret(presented)
    key = next((k for k in e.store.records.all(MANAGEMENT_KEY)
                if hmac.compare_digest(str(k.get("secretHash") or ""), digest)), None)
    if key is None or key["status"] != "active" or (
        key["expireTime"] and e.now() >= key["expireTime"]
    ):
        raise errors.INVALID_MANAGEMENT_KEY("Invalid management key")
    if key["permittedIps"] and not networks.contains(key["permittedIps"], ip):
        raise errors.MANAGEMENT_KEY_FORBIDDEN("The key may not be used from this address")
    rights = _rights(e, key)
    if not allows(set(rights), method, path):
        raise errors.MANAGEMENT_KEY_FORBIDDEN(f"The key's roles do not allow {method} {path}")
    return Caller(rights)


def _key_rights(e: Emulator) -> dict[str, tuple[str, frozenset[str]]]:
    """Every management key's secret hash and rights, by id."""
    return {str(k.get("id")): (str(k.get("secretHash") or ""), _rights(e, k))
            for k in e.store.records.all(MANAGEMENT_KEY)}


@contextmanager
def keys_unchanged_unless_admin(e: Emulator, caller: Caller) -> Iterator[None]:
    """Run a change in a transaction that ends in 403 (and changes nothing) when a caller
    that is not an admin would change what any management key may do: a key added, removed
    or given another secret, or rights that differ (new project tags, imported keys).

    Raises:
        ApiError: 403 ``MANAGEMENT_KEY_FORBIDDEN`` for such a change.
    """
    with e.store.tx():
        before = None if caller.is_admin() else _key_rights(e)
        yield
        if before is not None and _key_rights(e) != before:
            raise errors.MANAGEMENT_KEY_FORBIDDEN(
                "Only an admin key may change what management keys may do "
                "(project tags, imported keys)")
