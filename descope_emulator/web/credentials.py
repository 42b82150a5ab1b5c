"""What a request proves: the project in ``Authorization: Bearer <projectId>[:...]``, the
management key, the refresh token (bearer part or ``DSR`` cookie), and the emulator the
request reached."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from .. import errors
from ..domain import management_keys
from ..state import Emulator


def emulator_of(request: Request) -> Emulator:
    """The emulator serving this request."""
    emulator: Emulator = request.app.state.emulator
    return emulator


def bearer_parts(request: Request) -> list[str]:
    """``Bearer P[:X[:Y]]`` -> ["P", "X", ...]; the project id must match (401 otherwise)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise errors.MISSING_PROJECT("Missing Authorization: Bearer <projectId>")
    parts = value.strip().split(":")
    expected = emulator_of(request).project_id
    if parts[0] != expected:
        raise errors.UNKNOWN_PROJECT(f"Unknown project: this emulator serves project id {expected!r}")
    return parts


def refresh_token_of(request: Request, *, required: bool = True) -> str | None:
    """The refresh JWT from ``Bearer P:<jwt>`` or else the DSR cookie."""
    parts = bearer_parts(request)
    for part in parts[1:]:
        if part.count(".") == 2:
            return part
    cookie = request.cookies.get("DSR")
    if cookie:
        return cookie
    if required:
        raise errors.REFRESH_TOKEN_MISSING("Refresh token is missing")
    return None


def management_caller(request: Request) -> tuple[Emulator, management_keys.Caller]:
    """``Authorization: Bearer <projectId>:<managementKey>`` (the project's key, or one made
    through ``mgmt.management_key`` whose roles allow this call) and the rights of that key.

    Raises:
        ApiError: 401 for a missing or unknown key, 403 for a call its roles do not allow.
    """
    parts = bearer_parts(request)
    e = emulator_of(request)
    if len(parts) < 2 or not parts[-1]:
        raise errors.INVALID_MANAGEMENT_KEY("Invalid management key")
    if hmac.compare_digest(parts[-1].encode(), e.management_key.encode()):
        return e, management_keys.PROJECT_KEY
    # a key made through mgmt.management_key: its status, IPs and roles decide
    return e, management_keys.authorize(e, parts[-1], request.method, request.url.path,
                                        client_ip(request))


def require_management(request: Request) -> Emulator:
    """The emulator, when the request carries a management key allowed to make this call
    (:func:`management_caller`), else 401 / 403."""
    return management_caller(request)[0]


def client_ip(request: Request) -> str | None:
    """The caller's address."""
    return request.client.host if request.client else None


def base_url(request: Request) -> str:
    """The emulator's own base URL as the caller reached it."""
    return str(request.base_url).rstrip("/")
