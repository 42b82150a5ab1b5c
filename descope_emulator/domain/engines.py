"""Engines: named objects with a secret that is shown once (create, rotate) and stored
only as a hash."""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.database import new_id
from ..storage.records import ENGINE
from .access_keys import hash_secret

if TYPE_CHECKING:
    from ..state import Emulator


def public(engine: dict[str, Any]) -> dict[str, Any]:
    """The engine as the API shows it (never the secret or its hash)."""
    return {k: v for k, v in engine.items() if k != "secretHash"}


def require(e: Emulator, engine_id: str) -> dict[str, Any]:
    """The stored engine, or 404."""
    engine = e.store.records.get(ENGINE, engine_id)
    if engine is None:
        raise errors.ENGINE_NOT_FOUND(f"Engine '{engine_id}' not found")
    return engine


def create(e: Emulator, name: str) -> dict[str, Any]:
    """A new engine; the answer (only this one) carries its secret in clear."""
    secret = secrets.token_urlsafe(32)
    engine = {"id": new_id("E"), "name": name, "createdTime": int(e.now()),
              "secretHash": hash_secret(secret)}
    e.store.records.save(ENGINE, engine["id"], engine)
    return {**public(engine), "secret": secret}


def rename(e: Emulator, engine_id: str, name: str) -> dict[str, Any]:
    """Change an engine's name."""
    with e.store.tx():
        engine = require(e, engine_id)
        engine["name"] = name
        e.store.records.save(ENGINE, engine_id, engine)
    return public(engine)


def delete(e: Emulator, engine_id: str) -> None:
    """Remove an engine (404 when unknown)."""
    if not e.store.records.delete(ENGINE, engine_id):
        raise errors.ENGINE_NOT_FOUND(f"Engine '{engine_id}' not found")


def rotate(e: Emulator, engine_id: str) -> str:
    """Give an engine a new secret; the old one stops matching at once."""
    secret = secrets.token_urlsafe(32)
    with e.store.tx():
        engine = require(e, engine_id)
        engine["secretHash"] = hash_secret(secret)
        e.store.records.save(ENGINE, engine_id, engine)
    return secret


def secret_matches(e: Emulator, engine_id: str, secret: str) -> bool:
    """Whether ``secret`` is the engine's current secret."""
    engine = e.store.records.get(ENGINE, engine_id)
    return engine is not None and hmac.compare_digest(str(engine.get("secretHash") or ""),
                                                      hash_secret(secret))
