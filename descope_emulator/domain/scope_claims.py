"""Scope -> claims mapping: a token issued for a request that asked for OAuth scopes
carries the claims those scopes map to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.project_documents import SCOPE_CLAIM_MAPPING
from .users import public_user

if TYPE_CHECKING:
    from ..state import Emulator


def get(e: Emulator) -> list[dict[str, Any]]:
    """The stored mappings (``[]`` when none)."""
    return list(e.store.project_documents.get(SCOPE_CLAIM_MAPPING) or [])


def set_all(e: Emulator, mappings: list[dict[str, Any]]) -> None:
    """Replace every mapping; each needs a non-empty ``scope`` and an object of ``claims``."""
    clean: dict[str, dict[str, Any]] = {}
    for m in mappings:
        scope, claims, description = m.get("scope"), m.get("claims", {}), m.get("description", "")
        if not isinstance(scope, str) or not scope:
            raise errors.INVALID_REQUEST("every mapping needs a non-empty 'scope'")
        if not isinstance(claims, dict):
            raise errors.WRONG_TYPE("'claims' must be an object")
        if not isinstance(description, str):
            raise errors.WRONG_TYPE("'description' must be a string")
        clean[scope] = {"scope": scope, "claims": claims, "description": description}
    e.store.project_documents.set(SCOPE_CLAIM_MAPPING, list(clean.values()) or None)


def delete_all(e: Emulator) -> None:
    """Remove every mapping."""
    e.store.project_documents.set(SCOPE_CLAIM_MAPPING, None)


def user_attribute(user: dict[str, Any], name: str) -> Any:
    """The value a mapping names: a user field (``email``, ``name``, ``givenName``, ...),
    ``customAttributes.<key>`` or a bare custom attribute key; None when the user has none."""
    shown = public_user(user)  # never the emulator's own fields (hashes, secrets)
    custom = shown.get("customAttributes") or {}
    if name.startswith("customAttributes."):
        return custom.get(name.partition(".")[2])
    value = shown.get(name)
    return custom.get(name) if value is None else value


def claims_for(e: Emulator, scopes: list[str], user: dict[str, Any]) -> dict[str, Any]:
    """The claims a token asked for with ``scopes`` carries: each mapping of an asked scope
    maps claim names to user attributes (``{"name": "name"}``); a claim whose attribute the
    user lacks (or a token without a user) is left out. Later mappings win a shared name."""
    wanted = set(scopes)
    out: dict[str, Any] = {}
    for m in get(e):
        if m["scope"] not in wanted:
            continue
        for claim, attribute in m["claims"].items():
            value = user_attribute(user, str(attribute))
            if value not in (None, ""):
                out[claim] = value
    return out
