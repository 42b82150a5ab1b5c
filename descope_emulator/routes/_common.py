"""Request helpers shared by route modules: JSON bodies with type checks, the Bearer
credential, refresh tokens, login options and JSON answers."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import errors
from ..service import CHANNELS, Emulator

MAX_BODY = 1024 * 1024


def emu(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    return emulator


def ok(data: Any = None, status: int = 200) -> JSONResponse:
    return JSONResponse({} if data is None else data, status_code=status)


async def read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None:
        try:
            if int(length) > MAX_BODY:
                raise errors.too_large()
        except ValueError as exc:
            raise errors.bad_request("Invalid Content-Length", "E011001") from exc
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_BODY:
            raise errors.too_large()
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, *, array: bool = False) -> Any:
    """The request body as a JSON object (``{}`` when empty). Never raises anything but
    ApiError (400 malformed/wrong type, 413 too large)."""
    raw = await read_body(request)
    if not raw.strip():
        return [] if array else {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.bad_request("Request body is not valid JSON", "E011001") from exc
    if array and isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise errors.bad_request("Request body must be a JSON object", "E011001")
    return data


def get_str(body: dict[str, Any], key: str, *, required: bool = True, empty: bool = False) -> str:
    value = body.get(key)
    if value is None:
        if required:
            raise errors.bad_request(f"'{key}' is required")
        return ""
    if not isinstance(value, str):
        raise errors.bad_request(f"'{key}' must be a string", "E011003")
    if required and not empty and not value:
        raise errors.bad_request(f"'{key}' must not be empty")
    return value


def opt_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise errors.bad_request(f"'{key}' must be a string", "E011003")
    return value


def get_bool(body: dict[str, Any], key: str, default: bool = False) -> bool:
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise errors.bad_request(f"'{key}' must be a boolean", "E011003")
    return value


def get_int(body: dict[str, Any], key: str, default: int = 0) -> int:
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise errors.bad_request(f"'{key}' must be an integer", "E011003")
    return value


def get_obj(body: dict[str, Any], key: str) -> dict[str, Any]:
    value = body.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise errors.bad_request(f"'{key}' must be an object", "E011003")
    return value


def get_str_list(body: dict[str, Any], key: str) -> list[str]:
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise errors.bad_request(f"'{key}' must be an array of strings", "E011003")
    return list(value)


def channel_of(method: str) -> str:
    if method not in CHANNELS:
        raise errors.not_found(f"Unknown delivery method '{method}'")
    return method


def login_options(body: dict[str, Any], key: str = "loginOptions") -> dict[str, Any]:
    """LoginOptions / SignUpOptions: type-checked, unknown keys ignored."""
    opts = get_obj(body, key) if key else body
    return {
        "stepup": get_bool(opts, "stepup"),
        "mfa": get_bool(opts, "mfa"),
        "customClaims": get_obj(opts, "customClaims"),
        "revokeOtherSessions": get_bool(opts, "revokeOtherSessions"),
        "templateOptions": get_obj(opts, "templateOptions"),
    }


# -- credentials -----------------------------------------------------------------------------
def bearer_parts(request: Request) -> list[str]:
    """``Bearer P[:X[:Y]]`` -> ["P", "X", ...]; the project id must match (401 otherwise)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise errors.unauthorized("Missing Authorization: Bearer <projectId>", "E011101")
    parts = value.strip().split(":")
    expected = emu(request).project_id
    if parts[0] != expected:
        raise errors.unauthorized(
            f"Unknown project: this emulator serves project id {expected!r}", "E011102"
        )
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
        raise errors.unauthorized("Refresh token is missing", "E061201")
    return None


def check_stepup(request: Request, opts: dict[str, Any]) -> dict[str, Any] | None:
    """For stepup/mfa logins a valid refresh token is required; returns its context."""
    token = refresh_token_of(request, required=False)
    if opts.get("stepup") or opts.get("mfa"):
        if not token:
            raise errors.bad_request("Step-up / MFA requires a refresh token")
        _, context, _ = emu(request).check_refresh(token)
        return context
    return None


def require_management(request: Request) -> Emulator:
    """``Authorization: Bearer <projectId>:<managementKey>`` or a 401."""
    import hmac

    parts = bearer_parts(request)
    e = emu(request)
    if len(parts) < 2 or not hmac.compare_digest(parts[-1].encode(), e.management_key.encode()):
        raise errors.unauthorized("Invalid management key", "E011103")
    return e
