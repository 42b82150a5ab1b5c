"""IP, text and JSON lists. IP lists hold addresses and CIDR ranges, and an address
matches a list when it is one of them or falls inside one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.database import new_id
from ..storage.records import LIST
from . import networks

if TYPE_CHECKING:
    from ..state import Emulator

IPS = "ips"
TEXTS = "texts"
JSON = "json"
TYPES = (IPS, TEXTS, JSON)


def _entries(list_type: str, data: Any) -> Any:
    """Validated entries for a list of this type (``[]`` when none)."""
    if list_type not in TYPES:
        raise errors.INVALID_REQUEST(f"type must be one of {', '.join(TYPES)}")
    if list_type == JSON:
        return {} if data is None else data
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        raise errors.WRONG_TYPE("'data' must be an array of strings")
    if list_type == IPS:
        return networks.normalize(list(dict.fromkeys(data)))
    return list(dict.fromkeys(data))


def require(e: Emulator, list_id: str) -> dict[str, Any]:
    """The stored list, or 404."""
    found = e.store.records.get(LIST, list_id)
    if found is None:
        raise errors.LIST_NOT_FOUND(f"List '{list_id}' not found")
    return found


def by_name(e: Emulator, name: str) -> dict[str, Any] | None:
    """The list with this name, or None."""
    return next((x for x in e.store.records.all(LIST) if x["name"] == name), None)


def save(e: Emulator, list_id: str | None, name: str, list_type: str,
         description: str | None, data: Any) -> dict[str, Any]:
    """Create (``list_id`` None) or overwrite a list; names are unique."""
    entries = _entries(list_type, data)
    with e.store.tx():
        other = by_name(e, name)
        if list_id is None:
            if other is not None:
                raise errors.LIST_EXISTS(f"List '{name}' already exists")
            found: dict[str, Any] = {"id": new_id("L"), "createdTime": int(e.now())}
        else:
            found = require(e, list_id)
            if other is not None and other["id"] != list_id:
                raise errors.LIST_EXISTS(f"List '{name}' already exists")
        found.update(name=name, type=list_type, description=description or "", data=entries)
        e.store.records.save(LIST, found["id"], found)
    return found


def import_lists(e: Emulator, lists: list[dict[str, Any]]) -> None:
    """Create or overwrite lists matched by name, all or nothing."""
    with e.store.tx():
        for item in lists:
            name, list_type = item.get("name"), item.get("type")
            if not isinstance(name, str) or not name or not isinstance(list_type, str):
                raise errors.INVALID_REQUEST("every list needs a 'name' and a 'type'")
            description = item.get("description")
            if description is not None and not isinstance(description, str):
                raise errors.WRONG_TYPE("'description' must be a string")
            existing = by_name(e, name)
            save(e, existing["id"] if existing else None, name, list_type, description,
                 item.get("data"))


def delete(e: Emulator, list_id: str) -> None:
    """Remove a list (404 when unknown)."""
    if not e.store.records.delete(LIST, list_id):
        raise errors.LIST_NOT_FOUND(f"List '{list_id}' not found")


def change(e: Emulator, list_id: str, list_type: str, add: list[str], remove: list[str]) -> None:
    """Add and remove entries of an IP or text list."""
    with e.store.tx():
        found = require(e, list_id)
        if found["type"] != list_type:
            raise errors.LIST_WRONG_KIND(f"List '{list_id}' is not a list of {list_type}")
        if list_type == IPS:
            add, remove = networks.normalize(add), networks.normalize(remove)
        entries = list(found.get("data") or [])
        gone = set(remove)
        entries = [v for v in entries if v not in gone]
        entries += [n for n in dict.fromkeys(add) if n not in entries]
        found["data"] = entries
        e.store.records.save(LIST, list_id, found)


def clear(e: Emulator, list_id: str) -> None:
    """Remove every entry of a list."""
    with e.store.tx():
        found = require(e, list_id)
        found["data"] = {} if found["type"] == JSON else []
        e.store.records.save(LIST, list_id, found)


def has_ip(e: Emulator, list_id: str, ip: str) -> bool:
    """Whether ``ip`` is one of the list's addresses or inside one of its ranges."""
    found = require(e, list_id)
    if found["type"] != IPS:
        raise errors.LIST_WRONG_KIND(f"List '{list_id}' is not a list of ips")
    if not networks.contains(["0.0.0.0/0", "::/0"], ip):
        raise errors.INVALID_REQUEST("'ip' is not an IP address")
    return networks.contains(found.get("data") or [], ip)


def has_texts(e: Emulator, list_id: str, texts: list[str], match_all: bool) -> bool:
    """Whether a text list holds any (or every, with ``match_all``) one of ``texts``."""
    found = require(e, list_id)
    if found["type"] != TEXTS:
        raise errors.LIST_WRONG_KIND(f"List '{list_id}' is not a list of texts")
    held = set(found.get("data") or [])
    hits = [t in held for t in texts]
    return bool(hits) and (all(hits) if match_all else any(hits))
