"""Trusted devices of a user (``mgmt.user.list_trusted_devices`` / ``remove_trusted_device``).

Descope's flows offer "trust this device" after a sign-in; the SDKs only list and remove
the devices. In the emulator a sign-in whose login options carry ``"trustedDevice": true``
(an emulator option, see docs/fidelity.md) trusts a new device: it is kept on the user
(``_trustedDevices``) and the sign-in answer carries ``trustedDeviceJwt``, a JWT naming the
device (``did``) that is valid until the device expires.
"""

from __future__ import annotations

import secrets
from typing import Any

from .. import errors
from ..state import Emulator

#: how long a device stays trusted (Descope's default: 30 days)
TRUST_SECONDS = 30 * 24 * 3600


def of_user(e: Emulator, user: dict[str, Any]) -> list[dict[str, Any]]:
    """The user's devices that are still trusted, each with its ``userId``."""
    now = e.now() * 1000
    return [{**d, "userId": user["userId"]} for d in user.get("_trustedDevices") or []
            if d.get("expirationTime", 0) > now]


def trust(e: Emulator, user: dict[str, Any], name: str = "") -> str:
    """Trust a new device of ``user`` (the caller saves the user); returns the
    ``trustedDeviceJwt`` of the sign-in answer."""
    now = int(e.now())
    device = {
        "id": "TD" + secrets.token_hex(12),
        "name": name or f"Device {len(user.get('_trustedDevices') or []) + 1}",
        "deviceType": "browser",
        "lastLoginTime": now * 1000,
        "expirationTime": (now + TRUST_SECONDS) * 1000,
        "lastLocation": "Localhost",
    }
    user["_trustedDevices"] = [*(user.get("_trustedDevices") or []), device]
    return e.keys.sign({"sub": user["userId"], "did": device["id"], "drn": "DTD",
                        "iss": e.project_id, "iat": now, "exp": now + TRUST_SECONDS})


def remove(user: dict[str, Any], device_ids: list[str]) -> None:
    """Stop trusting devices of ``user`` (the caller saves it); 404 when one of the ids is
    not a device of the user (nothing is removed then)."""
    if not device_ids:
        raise errors.INVALID_REQUEST("'deviceIds' must not be empty")
    held = {d["id"] for d in user.get("_trustedDevices") or []}
    unknown = [d for d in device_ids if d not in held]
    if unknown:
        raise errors.TRUSTED_DEVICE_NOT_FOUND(f"Trusted device '{unknown[0][:64]}' not found")
    user["_trustedDevices"] = [d for d in user.get("_trustedDevices") or []
                               if d["id"] not in device_ids]
