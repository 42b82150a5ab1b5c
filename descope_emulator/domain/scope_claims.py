"""Scope -> claims mapping: a token issued for a request that asked for OAuth scopes
carries the claims those scopes map to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.project_documents import SCOPE_CLAIM_MAPPING

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


def claims_for(e: Emulator, scopes: list[str]) -> dict[str, Any]:
    """The claims the given scopes map to (later scopes win on a shared claim name)."""
    wanted = set(scopes)
    out: dict[str, Any] = {}
    for m in get(e):
        if m["scope"] in wanted:
            out.update(m["claims"])
    return out
