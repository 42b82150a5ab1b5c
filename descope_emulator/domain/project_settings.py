"""Project settings with Descope's defaults: password policy, session and refresh token
lifetimes, approved domains for redirect URLs, refresh-token rotation (and its grace window).

One JSON document (``project_docs['settings']``) holds what was changed; :func:`get` returns
the defaults with those changes applied. The CLI (``--setting key=value``), the project file
(``settings``), the management API where Descope has one (password settings) and the
test-support endpoint ``/emulator/settings`` all go through :func:`update`. Other areas
(the console, passkeys) add their keys to :data:`DEFAULTS` and reuse the same calls.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlparse

from .. import errors
from ..state import Emulator

SETTINGS = "settings"

#: Descope's defaults for a new project (lifetimes in seconds)
DEFAULTS: dict[str, Any] = {
    "passwordPolicy": {
        "enabled": True, "minLength": 8, "lowercase": True, "uppercase": True, "number": True,
        "nonAlphanumeric": False, "expiration": False, "expirationWeeks": 0, "reuse": False,
        "reuseAmount": 0, "lock": False, "lockAttempts": 0,
    },
    "sessionTokenTtl": 600,
    "refreshTokenTtl": 28 * 24 * 3600,
    "approvedDomains": [],
    "approvedSchemes": [],
    "refreshTokenRotation": False,
    "refreshTokenRotationGraceSeconds": 0,
    "userJwtTemplateId": "",  # the JWT template applied to user tokens (jwt_templates.py)
}

_TYPES: dict[str, type] = {
    "sessionTokenTtl": int, "refreshTokenTtl": int, "approvedDomains": list,
    "approvedSchemes": list,
    "refreshTokenRotation": bool, "refreshTokenRotationGraceSeconds": int,
    "passwordPolicy": dict,
    "userJwtTemplateId": str,
}


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def defaults(e: Emulator) -> dict[str, Any]:
    """Descope's defaults, with the lifetimes and settings the emulator was started with."""
    base = copy.deepcopy(DEFAULTS)
    base["sessionTokenTtl"] = e.config.session_ttl
    base["refreshTokenTtl"] = e.config.refresh_ttl
    if e.config.approved_domains:  # --approved-domain
        base["approvedDomains"] = list(e.config.approved_domains)
    return _merge(base, e.config.settings)


def get(e: Emulator) -> dict[str, Any]:
    """The project's settings now."""
    stored = e.store.project_documents.get(SETTINGS)
    return _merge(defaults(e), stored if isinstance(stored, dict) else {})


def changes(e: Emulator) -> dict[str, Any]:
    """What differs from the defaults (what a project file carries)."""
    stored = e.store.project_documents.get(SETTINGS)
    return copy.deepcopy(stored) if isinstance(stored, dict) else {}


def check(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate a change set (400 on unknown keys or wrong types); returns it."""
    if not isinstance(changes, dict):
        raise errors.WRONG_TYPE("settings must be an object")
    for key, value in changes.items():
        expected = _TYPES.get(key)
        if expected is None:
            raise errors.INVALID_REQUEST(f"Unknown setting '{key}'")
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise errors.WRONG_TYPE(f"'{key}' must be a whole number")
        if expected is not int and not isinstance(value, expected):
            raise errors.WRONG_TYPE(f"'{key}' must be a {expected.__name__}")
        if expected is int and value < 0:
            raise errors.INVALID_REQUEST(f"'{key}' must not be negative")
    if "approvedSchemes" in changes and not all(
        isinstance(x, str) and x.isascii() and x.replace("+", "").replace("-", "").replace(".", "").isalnum()
        and x.lower() not in ("javascript", "data", "vbscript", "file")
        for x in changes["approvedSchemes"]
    ):
        raise errors.INVALID_REQUEST("'approvedSchemes' must be app URL schemes such as 'myapp'")
    if "approvedDomains" in changes and not all(
        isinstance(d, str) and d for d in changes["approvedDomains"]
    ):
        raise errors.WRONG_TYPE("'approvedDomains' must be a list of host names")
    policy = changes.get("passwordPolicy") or {}
    for key, value in policy.items():
        if key not in DEFAULTS["passwordPolicy"]:
            raise errors.INVALID_REQUEST(f"Unknown password policy setting '{key}'")
        if not isinstance(value, type(DEFAULTS["passwordPolicy"][key])):
            raise errors.WRONG_TYPE(f"'passwordPolicy.{key}' has the wrong type")
    return changes


def update(e: Emulator, new: dict[str, Any]) -> dict[str, Any]:
    """Apply changes (merged into what was changed before); returns the settings."""
    check(new)
    with e.store.tx():
        e.store.project_documents.set(SETTINGS, _merge(changes(e), new))
    return get(e)


def password_policy(e: Emulator) -> dict[str, Any]:
    """The project's password policy."""
    policy: dict[str, Any] = get(e)["passwordPolicy"]
    return policy


def approved_domains(e: Emulator) -> list[str]:
    """The project's approved domains (redirect URLs, WebAuthn origins); empty: any."""
    domains: list[str] = get(e)["approvedDomains"]
    return domains


def check_redirect(e: Emulator, url: str | None) -> None:
    """Refuse a redirect / verification URL whose scheme is not http(s) or a configured app
    scheme (``approvedSchemes``: ``javascript:``, ``data:`` and the like never pass), or whose
    host is outside the approved domains (none set: any host, as in Descope). A domain
    approves itself and its subdomains."""
    if not url:
        return
    parts = urlparse(url)
    schemes = {"http", "https", *(s.lower() for s in get(e)["approvedSchemes"])}
    if parts.scheme.lower() not in schemes:
        raise errors.INVALID_REQUEST(
            "Redirect URLs must be http(s) or an app scheme in 'approvedSchemes'")
    domains = [d.lower().lstrip(".") for d in approved_domains(e)]
    if not domains:
        return
    host = (parts.hostname or "").lower()
    if not any(host == d or host.endswith("." + d) for d in domains):
        raise errors.INVALID_REQUEST(f"URL host '{host}' is not in the project's approved domains")
