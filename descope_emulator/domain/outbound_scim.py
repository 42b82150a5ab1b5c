"""Outbound SCIM configurations: one per outbound application, with a version that every
change raises; an update naming another version than the stored one is refused (409)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import errors
from ..storage.records import OUTBOUND_SCIM
from . import outbound_apps, secret_fields

if TYPE_CHECKING:
    from ..state import Emulator
    from .management_keys import Caller


def require(e: Emulator, app_id: str) -> dict[str, Any]:
    """The stored configuration, or 404."""
    found = e.store.records.get(OUTBOUND_SCIM, app_id)
    if found is None:
        raise errors.OUTBOUND_SCIM_NOT_FOUND(f"No SCIM configuration for app '{app_id}'")
    return found


def load(e: Emulator, app_id: str, caller: Caller) -> dict[str, Any]:
    """The configuration as ``caller`` may see it: the secrets it passes on (a bearer token)
    only to callers that may read secrets.

    Raises:
        ApiError: 404 when the app has no configuration.
    """
    found = require(e, app_id)
    return found if caller.reads_secrets() else secret_fields.without_secrets(found)


def create(e: Emulator, app_id: str, configuration: dict[str, Any]) -> dict[str, Any]:
    """A new, disabled configuration at version 1 (404 unknown app, 409 one exists)."""
    with e.store.tx():
        outbound_apps.require(e, app_id)
        if e.store.records.get(OUTBOUND_SCIM, app_id) is not None:
            raise errors.OUTBOUND_SCIM_EXISTS(f"App '{app_id}' has a SCIM configuration")
        config = {"appId": app_id, "configuration": configuration, "enabled": False,
                  "lastExportTime": 0, "lastProcessingTime": 0, "failures": 0, "version": 1}
        e.store.records.save(OUTBOUND_SCIM, app_id, config)
    return config


def update(e: Emulator, app_id: str, version: int, configuration: dict[str, Any]) -> dict[str, Any]:
    """Replace the settings when `version` is the stored one; the version goes up."""
    with e.store.tx():
        config = require(e, app_id)
        if version != config["version"]:
            raise errors.OUTBOUND_SCIM_STALE_VERSION(
                f"Version {version} is stale (the configuration is at {config['version']})")
        config["configuration"] = configuration
        config["version"] += 1
        e.store.records.save(OUTBOUND_SCIM, app_id, config)
    return config


def set_enabled(e: Emulator, app_id: str, enabled: bool) -> dict[str, Any]:
    """Turn provisioning on or off; the version goes up."""
    with e.store.tx():
        config = require(e, app_id)
        config["enabled"] = enabled
        config["version"] += 1
        e.store.records.save(OUTBOUND_SCIM, app_id, config)
    return config


def delete(e: Emulator, app_id: str) -> None:
    """Remove the configuration (404 when there is none)."""
    if not e.store.records.delete(OUTBOUND_SCIM, app_id):
        raise errors.OUTBOUND_SCIM_NOT_FOUND(f"No SCIM configuration for app '{app_id}'")
